#include "apps/server/rulesets.hpp"

#include <filesystem>
#include <fstream>

#include "core/case_json.hpp"
#include "core/errors.hpp"

namespace passend::server {

namespace fs = std::filesystem;

namespace {
void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

nlohmann::ordered_json read_params(const std::string& folder) {
  const fs::path path = fs::path(folder) / "params.json";
  std::error_code ec;
  if (!fs::exists(path, ec)) return nlohmann::ordered_json::object();
  std::ifstream in(path, std::ios::binary);
  return nlohmann::ordered_json::parse(in);
}

// The rule host names params.json by its path in the private copy; the client sent it as the
// "params" member of the request body, so that is where the pointers must point.
InvalidInput relative_to_body(const InvalidInput& e) {
  std::vector<InputIssue> issues;
  for (auto issue : e.issues()) {
    const bool params_file = issue.file.size() >= 11 && issue.file.ends_with("params.json");
    if (params_file && (issue.where.empty() || issue.where.front() == '/')) {
      issue.file = "request body";
      issue.where = "/params" + issue.where;
    }
    issues.push_back(std::move(issue));
  }
  return InvalidInput(std::move(issues));
}

}  // namespace

RuleSets::RuleSets(RuleSetsConfig config, const Vocabulary& vocabulary, HostFactory factory)
    : config_(std::move(config)), vocabulary_(vocabulary), factory_(std::move(factory)) {
  const auto manifest = read_json_file((fs::path(config_.base_dir) / "ruleset.json").string());
  base_name_ = manifest.value("name", "");
  base_version_ = manifest.value("version", "");
}

void RuleSets::start(service::Context& ctx, std::string& warnings) {
  const auto latest = service::latest_version(ctx, base_name_);
  if (!latest) {
    swap_in(load(config_.base_dir, std::nullopt));
    return;
  }
  auto pool = load(materialise(latest->id, latest->params), latest);
  if (pool->info().identity.hash != latest->hash)
    warnings += "rule-set version " + std::to_string(latest->id) + " (" + latest->version + ") now hashes to " +
                pool->info().identity.hash + ", stored " + latest->hash + ": the base rule set changed since\n";
  swap_in(std::move(pool));
}

std::shared_ptr<HostPool> RuleSets::current() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

void RuleSets::swap_in(std::shared_ptr<HostPool> pool) {
  std::lock_guard lock(current_mutex_);
  current_ = std::move(pool);
}

std::string RuleSets::materialise(std::int64_t id, const std::string& params_json) const {
  const fs::path folder = fs::path(config_.db_path + ".rulesets") / std::to_string(id);
  fs::remove_all(folder);  // a leftover of an attempt that failed halfway
  fs::create_directories(folder.parent_path());
  fs::copy(config_.base_dir, folder, fs::copy_options::recursive);
  write_file(folder / "params.json", params_json);
  auto manifest = nlohmann::ordered_json::parse(std::ifstream(folder / "ruleset.json", std::ios::binary));
  manifest["version"] = service::versioned(base_version_, id);
  write_file(folder / "ruleset.json", manifest.dump(2) + "\n");
  return folder.string();
}

std::shared_ptr<HostPool> RuleSets::load(const std::string& folder, std::optional<service::RuleSetVersion> version) const {
  ServedRuleSet info;
  info.folder = folder;
  info.params = read_params(folder);
  info.version = std::move(version);
  return HostPool::create(std::move(info), factory_, vocabulary_, config_.db_path, config_.workers);
}

service::RuleSetVersion RuleSets::change_parameters(service::Context& ctx, const nlohmann::json& params,
                                                    const std::string& comment, const std::string& author,
                                                    const std::string& scope) {
  std::lock_guard lock(change_mutex_);
  service::RuleSetVersion v;
  v.id = service::next_version_id(ctx);
  v.ruleset_name = base_name_;
  v.base_version = base_version_;
  v.version = service::versioned(base_version_, v.id);
  v.params = params.dump(2) + "\n";
  v.author = author;
  v.scope = scope;
  v.comment = comment;
  const std::string folder = materialise(v.id, v.params);
  try {
    auto pool = load(folder, v);
    v.hash = pool->info().identity.hash;
    service::record_parameter_change(ctx, v, params);  // the version row and its audit record
    pool->set_version(v);  // not shared yet: the row's time and hash complete it
    swap_in(std::move(pool));
    return v;
  } catch (const InvalidInput& e) {
    fs::remove_all(folder);
    throw relative_to_body(e);
  } catch (...) {
    fs::remove_all(folder);
    throw;
  }
}

}  // namespace passend::server
