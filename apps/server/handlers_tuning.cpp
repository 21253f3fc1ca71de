// Rule tuning for contract managers (docs/web.md): the current rule set's rules with their
// declared parameters, and a dry run that replays recent audited queries with edited
// parameters, so that a change can be judged on past advice before it is activated.
//
// Replaying needs the case documents, which the audit record does not hold (only their hash).
// The server keeps a copy of each query's pseudonymous case document in replay_case, pruned to
// the newest kKeptDocuments and at most kKeptDays old (docs/web.md, "Privacy").
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "apps/service/advice.hpp"
#include "apps/server/api_error.hpp"
#include "providers/audit_store.hpp"
#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "apps/server/handlers.hpp"
#include "plugins/lua_host.hpp"

namespace passend::server {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {
constexpr int kDefaultReplay = 200;
constexpr int kMaxReplay = 1000;
constexpr int kKeptDocuments = 1000;
constexpr const char* kKeptDays = "-365 days";

// ---- the rule set's declarations ----

const LuaRuleHost& lua_host(Context& ctx) {
  const auto* host = dynamic_cast<const LuaRuleHost*>(&ctx.lease->host());
  if (!host) throw std::runtime_error("the rule host does not declare its parameters (not a Lua rule set)");
  return *host;
}

ojson param_json(const RuleParam& p) {
  const auto& d = p.decl;
  ojson j = {{"name", d.name},       {"type", param_type_name(d.type)}, {"description", d.description},
             {"default", d.default_value}, {"value", p.value},          {"overridden", p.overridden}};
  if (!d.one_of.empty()) j["one_of"] = d.one_of;
  if (!d.vocabulary.empty()) j["vocabulary"] = d.vocabulary;
  if (!d.keys.empty()) j["keys"] = d.keys;
  if (!d.key_vocabulary.empty()) j["key_vocabulary"] = d.key_vocabulary;
  return j;
}

ojson rule_json(const RuleInfo& r) {
  auto params = ojson::array();
  for (const auto& p : r.params) params.push_back(param_json(p));
  return {{"name", r.name},         {"description", r.description}, {"phase", r.phase},
          {"priority", r.priority}, {"version", r.version},         {"file", r.file},
          {"disabled", r.disabled}, {"params", params}};
}

// ---- the dry-run request ----

struct DryRun {
  nlohmann::json params;
  int limit = kDefaultReplay;
};

DryRun dry_run_request(const nlohmann::json& body) {
  if (!body.is_object()) throw InvalidInput("request body", "", "expected an object {\"params\": {...}, \"limit\": N}");
  IssueList issues("request body");
  for (const auto& [key, value] : body.items())
    if (key != "params" && key != "limit") issues.add("/" + key, "unknown field; expected params and limit");
  if (!body.contains("params")) issues.add("/params", "required: the edited params.json document");
  else if (!body["params"].is_object()) issues.add("/params", "expected an object (a params.json document)");
  const auto limit = body.value("limit", nlohmann::json(kDefaultReplay));
  if (!limit.is_number_integer() || limit.get<long long>() < 1 || limit.get<long long>() > kMaxReplay)
    issues.add("/limit", "expected an integer from 1 to " + std::to_string(kMaxReplay));
  issues.throw_if_any();
  return {body["params"], limit.get<int>()};
}

// ---- a trial rule set: the base folder with the edited params.json, as a new version would be ----

class TrialFolder {
 public:
  TrialFolder(const std::string& base_dir, const nlohmann::json& params) {
    std::string pattern = (fs::temp_directory_path() / "passend-dry-run-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder for the dry run");
    path_ = pattern;
    fs::copy(base_dir, path_, fs::copy_options::recursive);
    write(path_ / "params.json", params.dump(2) + "\n");
    auto manifest = ojson::parse(std::ifstream(path_ / "ruleset.json", std::ios::binary));
    const std::string version = manifest.value("version", "");
    manifest["version"] = version + (version.find('+') == std::string::npos ? "+dry-run" : ".dry-run");
    write(path_ / "ruleset.json", manifest.dump(2) + "\n");
  }
  ~TrialFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TrialFolder(const TrialFolder&) = delete;
  TrialFolder& operator=(const TrialFolder&) = delete;
  std::string path() const { return path_.string(); }

 private:
  static void write(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
  }
  fs::path path_;
};

// Problems in the trial's params.json point into the request body's "params" member.
InvalidInput relative_to_body(const InvalidInput& e) {
  std::vector<InputIssue> issues;
  for (auto issue : e.issues()) {
    if (issue.file.ends_with("params.json") && (issue.where.empty() || issue.where.front() == '/')) {
      issue.file = "request body";
      issue.where = "/params" + issue.where;
    }
    issues.push_back(std::move(issue));
  }
  return InvalidInput(std::move(issues));
}

std::unique_ptr<LuaRuleHost> load_trial(const std::string& folder, const Vocabulary& vocabulary) {
  try {
    return LuaRuleHost::load(folder, vocabulary);
  } catch (const InvalidInput& e) {
    throw relative_to_body(e);
  }
}

// ---- replaying ----

std::optional<std::string> kept_document(db::Database& db, std::int64_t audit_id) {
  auto st = db.prepare("SELECT document FROM replay_case WHERE audit_id = ?");
  st.bind(1, audit_id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

// The advice for a case as the query route gives it, without an audit record or gap signal.
ojson advise_quietly(Context& ctx, RuleHost& host, const Case& c, Date date) {
  const auto snapshot = service::read_snapshot(db_of(ctx), c, host, date);
  return result_to_json(run_query(c, snapshot.network, ctx.state.regions, ctx.state.vocabulary, host, date),
                        ctx.state.vocabulary);
}

const ojson* find_candidate(const ojson& result, const std::string& offering) {
  for (const auto& c : result["candidates"])
    if (c["offering"] == offering) return &c;
  return nullptr;
}

const ojson* find_excluded(const ojson& result, const std::string& offering) {
  for (const auto& c : result["excluded"])
    if (c["offering"] == offering) return &c;
  return nullptr;
}

std::string plan_offering(const ojson& result, const char* plan) {
  const auto& p = result[plan];
  return p.is_object() ? p["offering"].get<std::string>() : "";
}

constexpr const char* kPlans[] = {"plan_a", "plan_b", "bridging"};

bool advice_changed(const ojson& before, const ojson& after) {
  for (const char* plan : kPlans)
    if (plan_offering(before, plan) != plan_offering(after, plan)) return true;
  return false;
}

// A plan with the candidate's score added.
ojson plan_json(const ojson& result, const char* plan) {
  ojson p = result[plan];
  if (!p.is_object()) return nullptr;
  if (const auto* c = find_candidate(result, p["offering"].get<std::string>())) p["score"] = (*c)["score"];
  return p;
}

ojson plans_json(const ojson& result) {
  return {{"plan_a", plan_json(result, "plan_a")},
          {"plan_b", plan_json(result, "plan_b")},
          {"bridging", plan_json(result, "bridging")},
          {"gap", result["gap"]}};
}

// Where an offering stands in one advice: ranked with a score, excluded, or not listed.
ojson standing_json(const ojson& result, const std::string& offering) {
  if (const auto* c = find_candidate(result, offering)) return {{"rank", (*c)["rank"]}, {"score", (*c)["score"]}};
  if (const auto* x = find_excluded(result, offering)) return {{"excluded", (*x)["text"]}, {"rule", (*x)["rule"]}};
  return nullptr;
}

std::map<std::string, ojson> effects(const ojson* candidate) {
  std::map<std::string, ojson> out;
  if (!candidate) return out;
  for (const auto& r : (*candidate)["reasons"]) out[r["rule"].get<std::string>()] = r;
  return out;
}

// The rules whose effect on this offering differs between the two advices.
void add_rule_differences(const ojson& before, const ojson& after, const std::string& offering, ojson& out) {
  const auto b = effects(find_candidate(before, offering));
  const auto a = effects(find_candidate(after, offering));
  std::set<std::string> rules;
  for (const auto& [rule, r] : b) rules.insert(rule);
  for (const auto& [rule, r] : a) rules.insert(rule);
  for (const auto& rule : rules) {
    const ojson eb = b.contains(rule) ? b.at(rule)["effect"] : ojson(nullptr);
    const ojson ea = a.contains(rule) ? a.at(rule)["effect"] : ojson(nullptr);
    if (eb == ea) continue;
    const auto& text = a.contains(rule) ? a.at(rule)["text"] : b.at(rule)["text"];
    out.push_back({{"offering", offering}, {"rule", rule}, {"before", eb}, {"after", ea}, {"text", text}});
  }
}

// The offerings named in either advice's plans, each with its standing before and after and
// the rules that moved it.
void explain(const ojson& before, const ojson& after, ojson& change) {
  std::vector<std::string> offerings;
  for (const auto* result : {&before, &after})
    for (const char* plan : kPlans) {
      const auto id = plan_offering(*result, plan);
      if (!id.empty() && std::find(offerings.begin(), offerings.end(), id) == offerings.end()) offerings.push_back(id);
    }
  // Both keys first, then the references: adding a key to an ordered_json object may reallocate
  // it and leave a reference taken before dangling.
  change["offerings"] = ojson::array();
  change["reasons"] = ojson::array();
  auto& standings = change["offerings"];
  auto& reasons = change["reasons"];
  for (const auto& id : offerings) {
    const auto* any = find_candidate(after, id) ? find_candidate(after, id) : find_candidate(before, id);
    standings.push_back({{"offering", id},
                         {"provider_name", any ? (*any)["provider_name"] : ojson(nullptr)},
                         {"before", standing_json(before, id)},
                         {"after", standing_json(after, id)}});
    add_rule_differences(before, after, id, reasons);
  }
  change["notes"] = after["notes"];
}

ojson change_json(const db::AuditRecord& record, const ojson& before, const ojson& after) {
  ojson change = {{"audit_id", record.id},
                  {"at", record.at},
                  {"case", record.case_id},
                  {"reference_date", record.reference_date},
                  {"region", before["region"]},
                  {"advised", {{"plan_a", record.plan_a ? ojson(*record.plan_a) : ojson(nullptr)},
                               {"plan_b", record.plan_b ? ojson(*record.plan_b) : ojson(nullptr)},
                               {"ruleset_version", record.ruleset_version}}},
                  {"before", plans_json(before)},
                  {"after", plans_json(after)}};
  explain(before, after, change);
  return change;
}

struct Replay {
  int considered = 0, replayed = 0, duplicates = 0;
  ojson changed = ojson::array();
  ojson skipped = ojson::array();
};

// Parses a kept document; the reason it cannot be replayed otherwise.
std::optional<Case> replayable_case(Context& ctx, const db::AuditRecord& r, Replay& replay) {
  const auto document = kept_document(db_of(ctx), r.id);
  const auto skip = [&](const std::string& why) {
    replay.skipped.push_back({{"audit_id", r.id}, {"case", r.case_id}, {"reason", why}});
    return std::nullopt;
  };
  if (!document) return skip("casusdocument niet bewaard");
  try {
    const std::string name = "audit " + std::to_string(r.id);
    return parse_case(parse_json_text(*document, name), name, ctx.state.vocabulary, ctx.state.regions);
  } catch (const InvalidInput& e) {
    return skip("casus is niet meer geldig: " + e.issues().front().format());
  }
}

void replay_one(Context& ctx, RuleHost& trial, const db::AuditRecord& r, Replay& replay) {
  const auto c = replayable_case(ctx, r, replay);
  if (!c) return;
  const auto date = Date::parse(r.reference_date).value_or(Date::today());
  const ojson before = advise_quietly(ctx, ctx.lease->host(), *c, date);
  const ojson after = advise_quietly(ctx, trial, *c, date);
  ++replay.replayed;
  if (advice_changed(before, after)) replay.changed.push_back(change_json(r, before, after));
}

// The most recent query records, each case document once (the newest record of it).
Replay replay_recent(Context& ctx, RuleHost& trial, int limit) {
  Replay replay;
  std::set<std::string> seen;
  for (const auto& r : db::list_audit(db_of(ctx), limit, "query")) {
    ++replay.considered;
    if (!seen.insert(r.case_hash + "@" + r.reference_date).second) {
      ++replay.duplicates;
      continue;
    }
    replay_one(ctx, trial, r, replay);
  }
  return replay;
}
}  // namespace

void keep_case_for_replay(Context& ctx, std::int64_t audit_id) {
  auto& db = db_of(ctx);
  db::Transaction tx(db);
  auto insert = db.prepare(
      "INSERT OR REPLACE INTO replay_case (audit_id, kept_at, document) "
      "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)");
  insert.bind(1, audit_id).bind(2, ctx.req.body);
  insert.run();
  auto prune = db.prepare(
      "DELETE FROM replay_case WHERE kept_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?) OR audit_id <= "
      "(SELECT audit_id FROM replay_case ORDER BY audit_id DESC LIMIT 1 OFFSET ?)");
  prune.bind(1, kKeptDays).bind(2, kKeptDocuments);
  prune.run();
  tx.commit();
}

Reply get_ruleset_rules(Context& ctx) {
  const auto& info = lua_host(ctx).info();
  Reply reply;
  reply.body["ruleset"] = ruleset_identity_json(info.identity);
  reply.body["description"] = info.description;
  auto& rules = reply.body["rules"] = ojson::array();
  for (const auto& r : info.rules) rules.push_back(rule_json(r));
  nlohmann::json pool_tiers = nlohmann::json::array();
  for (Tier t : info.settings.bridging_pool.tiers) pool_tiers.push_back(tier_name(t));
  if (pool_tiers.empty())  // every tier
    for (Tier t : {Tier::region, Tier::adjacent, Tier::network, Tier::national}) pool_tiers.push_back(tier_name(t));
  reply.body["settings"] = {{"bridging_care_forms", info.settings.bridging_care_forms},
                            {"bridging_pool",
                             {{"when", info.settings.bridging_pool.only_when_plan_a_not_timely ? "plan_a_not_timely" : "always"},
                              {"tiers", pool_tiers}}},
                            {"lot_overrides", info.settings.lot_overrides},
                            {"max_wait_weeks",
                             {{"crisis", info.settings.max_wait_weeks.crisis},
                              {"high", info.settings.max_wait_weeks.high},
                              {"normal", info.settings.max_wait_weeks.normal}}}};
  reply.body["params"] = ruleset_of(ctx).params;
  return reply;
}

Reply post_dry_run(Context& ctx) {
  const auto request = dry_run_request(body_json(ctx));
  const TrialFolder folder(ctx.state.config.rules_dir, request.params);
  const auto trial = load_trial(folder.path(), ctx.state.vocabulary);
  const Replay replay = replay_recent(ctx, *trial, request.limit);
  Reply reply;
  reply.body = {{"limit", request.limit},
                {"considered", replay.considered},
                {"replayed", replay.replayed},
                {"duplicates", replay.duplicates},
                {"changed_count", replay.changed.size()},
                {"ruleset_before", ruleset_identity_json(ruleset_of(ctx).identity)},
                {"ruleset_after", ruleset_identity_json(trial->identity())},
                {"changed", replay.changed},
                {"skipped", replay.skipped}};
  auto changed_ids = ojson::array();
  for (const auto& c : replay.changed) changed_ids.push_back(c["audit_id"]);
  audit(ctx, "ruleset_dry_run", "",
        {{"replayed", replay.replayed}, {"changed", changed_ids}, {"params", request.params}});
  return reply;
}

}  // namespace passend::server
