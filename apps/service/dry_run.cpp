#include "apps/service/dry_run.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "apps/service/advice.hpp"
#include "core/errors.hpp"
#include "providers/replay_store.hpp"

namespace passend::service {

using ojson = nlohmann::ordered_json;

namespace {
// ---- comparing two advices ----

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

ojson change_json(const AuditRecord& record, const ojson& before, const ojson& after) {
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

// ---- replaying ----

struct Replay {
  int considered = 0, replayed = 0, duplicates = 0;
  ojson changed = ojson::array();
  ojson skipped = ojson::array();
};

// The kept document as a case; the reason it cannot be replayed otherwise.
std::optional<Case> replayable_case(Context& ctx, const AuditRecord& r, Date date, Replay& replay) {
  const auto document = db::replay_case_document(ctx.db, r.id);
  const auto skip = [&](const std::string& why) {
    replay.skipped.push_back({{"audit_id", r.id}, {"case", r.case_id}, {"reason", why}});
    return std::nullopt;
  };
  if (!document) return skip("casusdocument niet bewaard");
  try {
    return read_case(ctx, {*document, "audit " + std::to_string(r.id)}, date);
  } catch (const InvalidInput& e) {
    return skip("casus is niet meer geldig: " + e.issues().front().format());
  }
}

void replay_one(Context& ctx, RuleHost& current, RuleHost& trial, const AuditRecord& r, Replay& replay) {
  const auto date = Date::parse(r.reference_date).value_or(Date::today());
  const auto c = replayable_case(ctx, r, date, replay);
  if (!c) return;
  const ojson before = ojson::parse(compute_advice(ctx, current, *c, date).result);
  const ojson after = ojson::parse(compute_advice(ctx, trial, *c, date).result);
  ++replay.replayed;
  if (advice_changed(before, after)) replay.changed.push_back(change_json(r, before, after));
}

// The most recent query records, each case document once (the newest record of it).
Replay replay_recent(Context& ctx, RuleHost& current, RuleHost& trial, const ReplayScope& scope) {
  Replay replay;
  std::set<std::string> seen;
  for (const auto& r : list_audit(ctx, scope.limit, "query", std::nullopt, scope.regions)) {
    ++replay.considered;
    if (!seen.insert(r.case_hash + "@" + r.reference_date).second) {
      ++replay.duplicates;
      continue;
    }
    replay_one(ctx, current, trial, r, replay);
  }
  return replay;
}

ojson identity_json(const RuleSetIdentity& id) { return {{"name", id.name}, {"version", id.version}, {"hash", id.hash}}; }
}  // namespace

ojson replay_advices(Context& ctx, RuleHost& before, RuleHost& after, const ReplayScope& scope) {
  const Replay replay = replay_recent(ctx, before, after, scope);
  ojson regions = ojson::array();
  if (scope.regions)
    for (const auto& r : *scope.regions) regions.push_back(r);
  return {{"limit", scope.limit},
          {"regions", scope.regions ? regions : ojson(nullptr)},
          {"considered", replay.considered},
          {"replayed", replay.replayed},
          {"duplicates", replay.duplicates},
          {"changed_count", replay.changed.size()},
          {"ruleset_before", identity_json(before.identity())},
          {"ruleset_after", identity_json(after.identity())},
          {"changed", replay.changed},
          {"skipped", replay.skipped}};
}

}  // namespace passend::service
