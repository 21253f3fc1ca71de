#include "plugins/rule_tests.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "plugins/lua_host.hpp"
#include "plugins/ruleset_files.hpp"

namespace passend {

using json = nlohmann::json;

namespace {

// What a row may expect; anything else in "expect" is a typo worth refusing.
const std::set<std::string>& expectation_keys() {
  static const std::set<std::string> keys = {
      "plan_a", "plan_b",   "bridging", "gap",     "gap_scope", "candidates", "rank",     "tier",
      "excluded", "lifted", "exclusion_text", "reasons", "stale", "exempt", "notes", "plan_notes",
      "priority", "error",  "evaluated", "timely", "identity_mismatch", "coordinated_by"};
  return keys;
}

struct Row {
  std::string name;
  json case_patch = json::object();
  json network_patch = json::object();
  json expect;
};

struct Table {
  std::string file;  // as shown
  std::string title;
  std::vector<std::string> rules;
  Date reference_date;
  json params;  // overlay, or null
  json network, case_template;
  std::vector<Row> rows;
};

void require(IssueList& issues, const json& doc, const char* key, bool (json::*is)() const noexcept, const char* what) {
  if (!doc.contains(key)) issues.add(std::string("/") + key, "missing");
  else if (!(doc[key].*is)()) issues.add(std::string("/") + key, std::string("expected ") + what);
}

void read_row(const json& r, std::size_t i, IssueList& issues, Table& t) {
  const std::string p = "/rows/" + std::to_string(i);
  if (!r.is_object() || !r.contains("name") || !r["name"].is_string() || !r.contains("expect") || !r["expect"].is_object()) {
    issues.add(p, "a row needs a \"name\" and an \"expect\" object");
    return;
  }
  Row row;
  row.name = r["name"].get<std::string>();
  row.expect = r["expect"];
  for (const auto& [key, value] : r.items())
    if (key != "name" && key != "case" && key != "network" && key != "expect" && key != "comment")
      issues.add(p + "/" + key, "unknown field; expected name, case, network, expect or comment");
  for (const auto& [key, value] : row.expect.items())
    if (!expectation_keys().count(key)) issues.add(p + "/expect/" + key, "unknown expectation '" + key + "'");
  if (r.contains("case")) row.case_patch = r["case"];
  if (r.contains("network")) row.network_patch = r["network"];
  t.rows.push_back(std::move(row));
}

Table read_table(const RuleSetFiles& files, const std::string& rel, const std::set<std::string>& rule_names) {
  Table t;
  t.file = files.display(rel);
  const json doc = parse_json_text(*files.find(rel), t.file);
  IssueList issues(t.file);
  if (!doc.is_object()) {
    issues.add("", "expected a scenario table object");
    issues.throw_if_any();
  }
  require(issues, doc, "title", &json::is_string, "a string");
  require(issues, doc, "rules", &json::is_array, "a list of rule names");
  require(issues, doc, "reference_date", &json::is_string, "a date YYYY-MM-DD");
  require(issues, doc, "network", &json::is_object, "a NETWORK.json object");
  require(issues, doc, "case", &json::is_object, "a CASE.json object");
  require(issues, doc, "rows", &json::is_array, "a list of rows");
  issues.throw_if_any();
  static const std::set<std::string> known = {"title",   "principle", "source", "rules", "reference_date",
                                              "params",  "network",   "case",   "rows",  "comment"};
  for (const auto& [key, value] : doc.items())
    if (!known.count(key)) issues.add("/" + key, "unknown field '" + key + "'");
  t.title = doc["title"].get<std::string>();
  for (std::size_t i = 0; i < doc["rules"].size(); ++i) {
    const json& n = doc["rules"][i];
    if (!n.is_string() || !rule_names.count(n.get<std::string>()))
      issues.add("/rules/" + std::to_string(i), "not a rule of this set: " + n.dump());
    else t.rules.push_back(n.get<std::string>());
  }
  if (auto d = Date::parse(doc["reference_date"].get<std::string>())) t.reference_date = *d;
  else issues.add("/reference_date", "expected a date YYYY-MM-DD");
  t.params = doc.contains("params") ? doc["params"] : json();
  t.network = doc["network"];
  t.case_template = doc["case"];
  for (std::size_t i = 0; i < doc["rows"].size(); ++i) read_row(doc["rows"][i], i, issues, t);
  issues.throw_if_any();
  return t;
}

// Applies a row's network patch: offerings and providers by id, each a JSON merge patch.
json patched_network(const json& base, const json& patch) {
  json doc = base;
  if (!patch.is_object()) return doc;
  for (auto& provider : doc["providers"]) {
    const std::string id = provider.value("id", "");
    if (patch.contains("providers") && patch["providers"].contains(id)) provider.merge_patch(patch["providers"][id]);
    for (auto& location : provider["locations"])
      for (auto& offering : location["offerings"]) {
        const std::string oid = offering.value("id", "");
        if (patch.contains("offerings") && patch["offerings"].contains(oid)) offering.merge_patch(patch["offerings"][oid]);
      }
  }
  return doc;
}

// One line of a failure: what, expected, actual (JSON texts).
struct Mismatch {
  std::string what, expected, actual;
};

json pick_json(const QueryResult& r, const std::optional<std::size_t>& pick) {
  if (!pick) return nullptr;
  return r.evaluated[*pick].facts.offering->id;
}

bool same_value(const json& expected, const json& actual) {
  if (expected.is_number() && actual.is_number()) return std::fabs(expected.get<double>() - actual.get<double>()) < 0.005;
  return expected == actual;
}

json codes_of(const std::vector<Exclusion>& xs) {
  json out = json::array();
  for (const auto& x : xs) out.push_back(x.code);
  return out;
}

// The actual value of one per-offering expectation.
json offering_actual(const std::string& key, const QueryResult& r, const CandidateResult* e, const json& expected,
                     const std::vector<double>& priority) {
  if (key == "evaluated") return e != nullptr;
  if (!e) return "(not evaluated)";
  const Verdict& v = e->verdict;
  if (key == "tier") return tier_name(e->facts.tier);
  if (key == "rank") return e->rank ? json(*e->rank) : json(nullptr);
  if (key == "excluded") return codes_of(v.exclusions);
  if (key == "stale") return v.stale;
  if (key == "timely") return e->facts.timely;
  if (key == "identity_mismatch") return e->facts.identity_mismatch;
  if (key == "coordinated_by") return e->facts.coordinated_by ? json(e->facts.coordinated_by->code) : json(nullptr);
  if (key == "exempt") return v.exempt;
  if (key == "exclusion_text") return v.exclusions.empty() ? json(nullptr) : json(v.exclusions.front().text);
  if (key == "priority") return priority.at(static_cast<std::size_t>(e - r.evaluated.data()));
  if (key == "lifted") {
    json out = json::array();
    for (const auto& l : v.lifted) out.push_back(l.exclusion.code);
    return out;
  }
  if (key == "reasons") {  // only the rules the row names
    json out = json::object();
    for (const auto& [rule, effect] : expected.items()) {
      json found = nullptr;
      for (const auto& reason : v.reasons)
        if (reason.rule == rule) found = reason.effect;
      out[rule] = found;
    }
    return out;
  }
  return nullptr;
}

bool per_offering(const std::string& key) {
  static const std::set<std::string> keys = {"evaluated", "tier",    "rank",           "excluded", "lifted",
                                             "stale",     "exempt",  "exclusion_text", "reasons",  "priority",
                                             "timely",    "identity_mismatch", "coordinated_by"};
  return keys.count(key) > 0;
}

bool matches(const json& expected, const json& actual) {
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [k, v] : expected.items())
      if (!actual.contains(k) || !same_value(v, actual[k])) return false;
    return true;
  }
  return same_value(expected, actual);
}

std::vector<double> priority_totals(LuaRuleHost& host, const QueryResult& r) {
  std::vector<CandidateFacts> facts;
  std::vector<Verdict> verdicts;
  for (const auto& e : r.evaluated) {
    facts.push_back(e.facts);
    verdicts.push_back(e.verdict);
  }
  std::vector<double> totals;
  for (const auto& reasons : host.priorities(r.case_facts, facts, verdicts)) {
    double sum = 0;
    for (const auto& reason : reasons) sum += reason.effect;
    totals.push_back(sum);
  }
  return totals;
}

json note_codes(const std::vector<Note>& notes) {
  json out = json::array();
  for (const auto& n : notes) out.push_back(n.code);
  return out;
}

// {"plan_a": [codes], "plan_b": [...], "bridging": [...], "result": [...]}: the codes of the notes
// on each plan (null: no such plan) and the engine's notes on the whole advice.
json plan_notes_actual(const QueryResult& r, const Vocabulary& vocabulary) {
  json out = json::object();
  for (auto [name, pick] : {std::pair{"plan_a", r.plan_a}, std::pair{"plan_b", r.plan_b}, std::pair{"bridging", r.bridging}})
    out[name] = pick ? note_codes(plan_notes(r, *pick, vocabulary)) : json(nullptr);
  out["result"] = note_codes(result_notes(r));
  return out;
}

json plan_level_actual(const std::string& key, const QueryResult& r, const Vocabulary& vocabulary) {
  if (key == "plan_a") return pick_json(r, r.plan_a);
  if (key == "plan_b") return pick_json(r, r.plan_b);
  if (key == "bridging") return pick_json(r, r.bridging);
  if (key == "gap") return r.gap ? json(r.gap->kind) : json(nullptr);
  if (key == "gap_scope") return r.gap ? json(r.gap->scope) : json(nullptr);
  if (key == "plan_notes") return plan_notes_actual(r, vocabulary);
  if (key == "error") return nullptr;
  json out = json::array();
  if (key == "candidates")
    for (std::size_t i : r.candidates) out.push_back(r.evaluated[i].facts.offering->id);
  if (key == "notes")
    for (const auto& n : r.plan_notes) out.push_back(n.text);
  return out;
}

std::vector<Mismatch> compare(const json& expect, const QueryResult& r, LuaRuleHost& host, const Vocabulary& vocabulary) {
  std::vector<Mismatch> out;
  std::vector<double> priority;
  if (expect.contains("priority")) priority = priority_totals(host, r);
  for (const auto& [key, expected] : expect.items()) {
    if (!per_offering(key)) {
      json actual = plan_level_actual(key, r, vocabulary);
      if (!matches(expected, actual)) out.push_back({key, expected.dump(), actual.dump()});
      continue;
    }
    for (const auto& [offering, value] : expected.items()) {
      json actual = offering_actual(key, r, r.find_offering(offering), value, priority);
      if (!matches(value, actual)) out.push_back({key + " " + offering, value.dump(), actual.dump()});
    }
  }
  return out;
}

std::string pad(const std::string& s, std::size_t width) { return s.size() >= width ? s + "  " : s + std::string(width - s.size(), ' '); }

void print_failure(std::ostream& out, const Table& t, std::size_t index, const Row& row, const std::vector<Mismatch>& ms) {
  out << "FAIL " << t.file << " row " << index + 1 << " \"" << row.name << "\"\n";
  std::size_t w1 = 4, w2 = 8;
  for (const auto& m : ms) {
    w1 = std::max(w1, m.what.size());
    w2 = std::max(w2, m.expected.size());
  }
  out << "     " << pad("what", w1 + 2) << pad("expected", w2 + 2) << "actual\n";
  for (const auto& m : ms) out << "     " << pad(m.what, w1 + 2) << pad(m.expected, w2 + 2) << m.actual << '\n';
}

// Runs one row: the expected error, or the query and its comparison.
std::vector<Mismatch> run_row(const Table& t, std::size_t index, const Row& row, LuaRuleHost& host, const Vocabulary& vocabulary,
                              const RegionGraph& regions, const NetworkParser& parse_network) {
  const std::string where = t.file + " row " + std::to_string(index + 1);
  const std::string expected_error = row.expect.value("error", "");
  try {
    json case_doc = t.case_template;
    case_doc.merge_patch(row.case_patch);
    const ProviderNetwork network = parse_network(patched_network(t.network, row.network_patch), where + " network");
    const Case c = parse_case(case_doc, where + " case", vocabulary, regions);
    check_case_on(c, t.reference_date, where + " case");
    const QueryResult r = run_query(c, network, regions, vocabulary, host, t.reference_date);
    if (!expected_error.empty()) return {{"error", "\"" + expected_error + "\"", "none"}};
    return compare(row.expect, r, host, vocabulary);
  } catch (const InvalidInput& e) {
    if (expected_error == "invalid_input") return {};
    return {{"error", expected_error.empty() ? "none" : "\"" + expected_error + "\"", std::string("invalid input: ") + e.what()}};
  } catch (const RuleError& e) {
    if (expected_error == "rule_error") return {};
    return {{"error", expected_error.empty() ? "none" : "\"" + expected_error + "\"", std::string("rule error: ") + e.what()}};
  }
}

}  // namespace

ScenarioSummary run_scenario_tests(const std::string& rules_dir, const Vocabulary& vocabulary, const RegionGraph& regions,
                                   const NetworkParser& parse_network, std::ostream& out) {
  return run_scenario_tests(read_rule_set_files(rules_dir), vocabulary, regions, parse_network, out);
}

ScenarioSummary run_scenario_tests(const RuleSetFiles& files, const Vocabulary& vocabulary, const RegionGraph& regions,
                                   const NetworkParser& parse_network, std::ostream& out) {
  std::set<std::string> rule_names;
  const auto base = LuaRuleHost::load(files, vocabulary);  // named: a temporary would die before the loop
  for (const auto& r : base->info().rules) rule_names.insert(r.name);
  std::vector<Table> tables;
  for (const auto& rel : files.test_files) tables.push_back(read_table(files, rel, rule_names));

  ScenarioSummary summary;
  for (const auto& t : tables) {
    std::unique_ptr<LuaRuleHost> host =
        t.params.is_null() ? LuaRuleHost::load(files, vocabulary)
                           : LuaRuleHost::load(files, vocabulary, {}, ParamsOverlay{t.params, t.file, "/params"});
    int failed_here = 0;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto mismatches = run_row(t, i, t.rows[i], *host, vocabulary, regions, parse_network);
      if (mismatches.empty()) {
        ++summary.passed;
      } else {
        ++summary.failed;
        ++failed_here;
        print_failure(out, t, i, t.rows[i], mismatches);
      }
    }
    out << (failed_here ? "FAIL " : "ok   ") << t.file << ": " << t.title << " (" << t.rows.size() << " rows"
        << (failed_here ? ", " + std::to_string(failed_here) + " failed" : "") << ")\n";
  }
  out << summary.passed << " passed, " << summary.failed << " failed\n";
  return summary;
}

}  // namespace passend
