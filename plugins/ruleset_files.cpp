#include "plugins/ruleset_files.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "core/sha256.hpp"

namespace passend {

namespace fs = std::filesystem;

namespace {

// A rule file, a lib module, a table: a few kilobytes. A rule set is read whole for every load.
constexpr std::size_t kMaxRuleSetFileBytes = std::size_t{1} << 20;

bool hidden(const std::string& name) { return !name.empty() && name.front() == '.'; }

// The files of one of the rule set's own subfolders with the given extension (not recursive:
// a rule set has no deeper structure). A missing subfolder holds no files.
void read_subfolder(const std::string& dir, const char* sub, const char* extension, RuleSetFiles& files) {
  std::error_code ec;
  const fs::path folder = fs::path(dir) / sub;
  if (!fs::is_directory(folder, ec)) return;
  for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (hidden(name) || it->path().extension() != extension) continue;
    files.contents[std::string(sub) + "/" + name] = read_input_file(it->path().string(), kMaxRuleSetFileBytes);
  }
  if (ec) throw InvalidInput(folder.string(), "", "cannot read the rule set folder: " + ec.message());
}

std::string strip_trailing_slashes(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

// Sorts a file into its role by its place in the folder.
void classify_file(RuleSetFiles& files, const std::string& rel) {
  static const std::regex rule_file("rules/[^/]+\\.lua");
  static const std::regex lib_file("lib/([A-Za-z_][A-Za-z0-9_]*)\\.lua");
  static const std::regex test_file("tests/[^/]+\\.json");
  std::smatch m;
  if (std::regex_match(rel, rule_file)) files.rule_files.push_back(rel);
  else if (std::regex_match(rel, m, lib_file)) files.libs[m[1].str()] = files.contents.at(rel);
  else if (std::regex_match(rel, test_file)) files.test_files.push_back(rel);
}

std::string required_string(const nlohmann::json& doc, const char* key, IssueList& issues) {
  auto it = doc.find(key);
  if (it == doc.end()) issues.add(std::string("/") + key, "missing");
  else if (!it->is_string() || it->get<std::string>().empty())
    issues.add(std::string("/") + key, "expected a non-empty string");
  else return it->get<std::string>();
  return {};
}

}  // namespace

bool is_rule_set_path(const std::string& rel) {
  static const std::regex allowed("ruleset\\.json|params\\.json|rules/[^/.][^/]*\\.lua|lib/[A-Za-z_][A-Za-z0-9_]*\\.lua|tests/[^/.][^/]*\\.json");
  return std::regex_match(rel, allowed);
}

RuleSetFiles rule_set_files_from(const std::string& display, std::map<std::string, std::string> contents) {
  RuleSetFiles files;
  files.dir = strip_trailing_slashes(display);
  IssueList issues(files.dir);
  for (const auto& [rel, bytes] : contents) {
    if (!is_rule_set_path(rel))
      issues.add("/" + rel, "not a file of a rule set; expected ruleset.json, params.json, rules/*.lua, lib/*.lua or tests/*.json");
    else if (bytes.size() > kMaxRuleSetFileBytes)
      issues.add("/" + rel, "larger than " + std::to_string(kMaxRuleSetFileBytes) + " bytes");
  }
  if (!contents.count("ruleset.json")) issues.add("/ruleset.json", "not a rule set: ruleset.json is missing");
  issues.throw_if_any();
  files.contents = std::move(contents);
  for (const auto& [rel, bytes] : files.contents) classify_file(files, rel);
  return files;
}

const std::string* RuleSetFiles::find(const std::string& relative) const {
  auto it = contents.find(relative);
  return it == contents.end() ? nullptr : &it->second;
}

RuleSetFiles read_rule_set_files(const std::string& dir) {
  RuleSetFiles files;
  files.dir = strip_trailing_slashes(dir);
  std::error_code ec;
  if (!fs::is_directory(files.dir, ec)) throw InvalidInput(files.dir, "", "no such rule set folder");
  if (!fs::exists(fs::path(files.dir) / "ruleset.json", ec))
    throw InvalidInput(files.dir, "", "not a rule set: ruleset.json is missing");
  // Only what a rule set is made of, each a regular file of bounded size: ruleset.json,
  // params.json, rules/*.lua, lib/*.lua, tests/*.json. Anything else in the folder (a README, an
  // editor's backup) is neither read nor part of the hash.
  for (const char* top : {"ruleset.json", "params.json"}) {
    const fs::path p = fs::path(files.dir) / top;
    if (fs::exists(p, ec)) files.contents[top] = read_input_file(p.string(), kMaxRuleSetFileBytes);
  }
  read_subfolder(files.dir, "rules", ".lua", files);
  read_subfolder(files.dir, "lib", ".lua", files);
  read_subfolder(files.dir, "tests", ".json", files);
  for (const auto& [rel, bytes] : files.contents) classify_file(files, rel);
  return files;
}

std::string rule_set_hash(const RuleSetFiles& files) {
  std::string input;
  for (const auto& [rel, bytes] : files.contents) {  // std::map: sorted by relative path
    input += rel;
    input += '\0';
    input += std::to_string(bytes.size());
    input += '\0';
    input += bytes;
  }
  return "sha256:" + sha256_hex(input);
}

RuleSetHeader read_ruleset_header(const RuleSetFiles& files, int api_min, int api_max) {
  const std::string file = files.display("ruleset.json");
  const nlohmann::json doc = parse_json_text(*files.find("ruleset.json"), file);
  IssueList issues(file);
  if (!doc.is_object()) {
    issues.add("", "expected an object with name, version, description and api_version");
    issues.throw_if_any();
  }
  RuleSetHeader h;
  h.name = required_string(doc, "name", issues);
  h.version = required_string(doc, "version", issues);
  h.description = required_string(doc, "description", issues);
  for (const auto& [key, value] : doc.items())
    if (key != "name" && key != "version" && key != "description" && key != "api_version" && key != "protected")
      issues.add("/" + key, "unknown field '" + key + "'; expected name, version, description, api_version, protected");
  if (auto p = doc.find("protected"); p != doc.end()) {
    if (!p->is_array()) issues.add("/protected", "expected a list of rule names");
    else
      for (std::size_t i = 0; i < p->size(); ++i) {
        if ((*p)[i].is_string() && !(*p)[i].get<std::string>().empty()) h.protected_rules.push_back((*p)[i].get<std::string>());
        else issues.add("/protected/" + std::to_string(i), "expected a rule name");
      }
  }
  auto api = doc.find("api_version");
  if (api == doc.end()) issues.add("/api_version", "missing (this passend supports " + std::to_string(api_min) + ".." + std::to_string(api_max) + ")");
  else if (!api->is_number_integer()) issues.add("/api_version", "expected a whole number");
  issues.throw_if_any();
  h.api_version = api->get<int>();
  if (h.api_version < api_min || h.api_version > api_max)
    throw RuleError(file + ": api_version " + std::to_string(h.api_version) + " is not supported; this passend supports " +
                    std::to_string(api_min) + ".." + std::to_string(api_max));
  return h;
}

}  // namespace passend
