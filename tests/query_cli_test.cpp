// `passend query` through the real CLI on small networks: one scenario table per principle of
// docs/domain.md, one case per row. Each table builds its own network, imports it, and checks what
// a RET member would see: the order, plan A / plan B, bridging, the gap, the exclusion codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* kDate = "2026-11-26";

// Builds a NETWORK.json: one provider per offering unless a provider id is reused.
class NetworkBuilder {
 public:
  // Adds an offering at a municipality; returns *this for chaining.
  NetworkBuilder& offer(const std::string& provider, const std::string& municipality, const std::string& offering,
                        const std::string& care_form, int free, int wait_weeks, json extra = json::object()) {
    json& p = provider_json(provider);
    std::string location = provider + "-" + municipality;
    json* loc = nullptr;
    for (auto& l : p["locations"])
      if (l["id"] == location) loc = &l;
    if (!loc) {
      p["locations"].push_back({{"id", location}, {"municipality", municipality}, {"offerings", json::array()}});
      loc = &p["locations"].back();
    }
    json o = {{"id", offering},
              {"care_form", care_form},
              {"product_category", care_form.rfind("ambulant", 0) == 0 ? "45" : "43"},
              {"expertise", json::array({"autism", "trauma"})},
              {"age_min", 0},
              {"age_max", 23},
              {"contraindications", json::array()},
              {"supra_regional", false},
              {"capacity", {{"places", 6}, {"free", free}, {"wait_weeks", wait_weeks}, {"updated", "2026-11-20"}}}};
    o.merge_patch(extra);
    (*loc)["offerings"].push_back(o);
    return *this;
  }
  NetworkBuilder& contract(const std::string& provider, const std::string& region, const std::string& lot,
                           const std::string& status = "active", const std::string& from = "2024-01-01",
                           const std::string& until = "2027-12-31") {
    provider_json(provider)["contracts"].push_back(
        {{"region", region}, {"lot", lot}, {"status", status}, {"from", from}, {"until", until}});
    return *this;
  }
  NetworkBuilder& outside_network(const std::string& provider) {
    provider_json(provider)["in_network"] = false;
    return *this;
  }
  json build() const { return {{"providers", providers_}}; }

 private:
  json& provider_json(const std::string& id) {
    for (auto& p : providers_)
      if (p["id"] == id) return p;
    providers_.push_back({{"id", id}, {"name", "Aanbieder " + id + " (fictief)"}, {"in_network", true},
                          {"contracts", json::array()}, {"locations", json::array()}});
    return providers_.back();
  }
  json providers_ = json::array();
};

json base_case() {
  return json::parse(R"({
    "id": "2026-FV-100", "age": 15, "municipality": "GM0228",
    "need": {"care_forms": ["small_scale_living"], "expertise": ["autism"], "urgency": "high", "max_wait_weeks": 4}
  })");
}

// One database with one network, queried many times.
class Registry {
 public:
  explicit Registry(const json& network) {
    db_ = dir_.file("passend.db");
    auto init = run_passend({"init", "--db", db_});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    write_text(dir_.file("network.json"), network.dump(2));
    auto imp = run_passend({"import", "--db", db_, dir_.file("network.json")});
    EXPECT_EQ(imp.exit_code, 0) << imp.err;
  }

  json query(const json& patch) {
    json c = base_case();
    c.merge_patch(patch);
    auto path = dir_.file("case.json");
    write_text(path, c.dump());
    auto r = run_passend({"query", "--db", db_, "--case", path, "--date", kDate, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0) return json::object();
    return json::parse(r.out);
  }

  CliResult raw_query(const std::string& case_text) {
    auto path = dir_.file("case.json");
    write_text(path, case_text);
    return run_passend({"query", "--db", db_, "--case", path, "--date", kDate, "--format", "json"});
  }

  const std::string& db() const { return db_; }

 private:
  TempDir dir_;
  std::string db_;
};

std::string pick(const json& result, const char* plan) {
  return result.value(plan, json()).is_null() ? "-" : result[plan]["offering"].get<std::string>();
}

std::string candidate_order(const json& result) {
  std::string out;
  for (const auto& c : result["candidates"]) {
    if (!out.empty()) out += ' ';
    out += c["offering"].get<std::string>();
  }
  return out;
}

std::string exclusion_code(const json& result, const std::string& offering) {
  for (const auto& x : result["excluded"])
    if (x["offering"] == offering) return x["code"];
  return "-";
}

std::string gap_kind(const json& result) { return result["gap"].is_null() ? "-" : result["gap"]["kind"].get<std::string>(); }

struct Row {
  const char* label;
  const char* case_patch;  // JSON merge patch on the base case
  const char* expected_order;
  const char* plan_a;
  const char* plan_b;
};

void check_rows(Registry& reg, const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    SCOPED_TRACE(row.label);
    json r = reg.query(json::parse(row.case_patch));
    if (row.expected_order) {
      EXPECT_EQ(candidate_order(r), row.expected_order);
    }
    if (row.plan_a) {
      EXPECT_EQ(pick(r, "plan_a"), row.plan_a);
    }
    if (row.plan_b) {
      EXPECT_EQ(pick(r, "plan_b"), row.plan_b);
    }
  }
}

}  // namespace

// Principle 1: in region first, then adjacent, network, national; the tier is shown.
TEST(QueryScenarios, InRegionFirst) {
  Registry reg(NetworkBuilder()
                   .offer("nat", "GM0405", "nat-kw", "small_scale_living", 1, 0).contract("nat", "JZ21", "verblijf")
                   .offer("net", "GM0197", "net-kw", "small_scale_living", 1, 0).contract("net", "EXN03", "verblijf")
                   .offer("adj", "GM0307", "adj-kw", "small_scale_living", 1, 0).contract("adj", "JZ21", "verblijf")
                   .offer("reg", "GM0345", "reg-kw", "small_scale_living", 1, 0).contract("reg", "JZ21", "verblijf")
                   .build());
  check_rows(reg, {
                      {"all timely: the ladder", "{}", "reg-kw adj-kw net-kw nat-kw", "reg-kw", "adj-kw"},
                      {"Food Valley's contracts do not serve an Amersfoort case", R"({"municipality": "GM0307"})", "", "-", "-"},
                  });
  json r = reg.query(json::object());
  ASSERT_EQ(r["candidates"].size(), 4u);
  EXPECT_EQ(r["candidates"][0]["tier"], "region");
  EXPECT_EQ(r["candidates"][1]["tier"], "adjacent");
  EXPECT_EQ(r["candidates"][2]["tier"], "network");
  EXPECT_EQ(r["candidates"][3]["tier"], "national");
  EXPECT_EQ(r["region"]["code"], "JZ21");
}

// Principle 6 with 1: timely before tier.
TEST(QueryScenarios, TimelyBeforeTier) {
  Registry reg(NetworkBuilder()
                   .offer("reg", "GM0345", "reg-kw", "small_scale_living", 0, 12).contract("reg", "JZ21", "verblijf")
                   .offer("adj", "GM0307", "adj-kw", "small_scale_living", 1, 0).contract("adj", "JZ21", "verblijf")
                   .build());
  check_rows(reg, {
                      {"region full for 12 weeks, the case can wait 4", "{}", "adj-kw reg-kw", "adj-kw", "reg-kw"},
                      {"the case can wait 12 weeks", R"({"need": {"max_wait_weeks": 12}})", "reg-kw adj-kw", "reg-kw", "adj-kw"},
                  });
}

// Principle 2: contracted providers only.
TEST(QueryScenarios, ContractedOnly) {
  Registry reg(NetworkBuilder()
                   .offer("ok", "GM0228", "ok-kw", "small_scale_living", 1, 0).contract("ok", "JZ21", "verblijf")
                   .offer("none", "GM0228", "none-kw", "small_scale_living", 1, 0)
                   .offer("ended", "GM0228", "ended-kw", "small_scale_living", 1, 0).contract("ended", "JZ21", "verblijf", "ended")
                   .offer("susp", "GM0228", "susp-kw", "small_scale_living", 1, 0).contract("susp", "JZ21", "verblijf", "suspended")
                   .offer("lot", "GM0228", "lot-kw", "small_scale_living", 1, 0).contract("lot", "JZ21", "ambulant")
                   .offer("old", "GM0228", "old-kw", "small_scale_living", 1, 0).contract("old", "JZ21", "verblijf", "active", "2020-01-01", "2025-12-31")
                   .offer("net", "GM0203", "net-kw", "small_scale_living", 1, 0).contract("net", "EXN03", "verblijf")
                   .offer("other", "GM0228", "other-kw", "small_scale_living", 1, 0).contract("other", "JZ20", "verblijf")
                   .offer("out", "GM0228", "out-kw", "small_scale_living", 1, 0).contract("out", "JZ21", "verblijf").outside_network("out")
                   .build());
  json r = reg.query(json::object());
  struct Expect {
    const char* offering;
    const char* code;
  };
  for (const Expect& e : {Expect{"ok-kw", "-"}, Expect{"net-kw", "-"}, Expect{"none-kw", "no_contract"},
                          Expect{"ended-kw", "contract_ended"}, Expect{"susp-kw", "contract_suspended"},
                          Expect{"lot-kw", "wrong_lot"}, Expect{"old-kw", "contract_expired"},
                          Expect{"other-kw", "no_contract"}, Expect{"out-kw", "not_in_network"}}) {
    SCOPED_TRACE(e.offering);
    EXPECT_EQ(exclusion_code(r, e.offering), e.code);
  }
  EXPECT_EQ(r["candidates"].size(), 2u);
  EXPECT_EQ(r["candidates"].size() + r["excluded"].size(), 9u) << "every offering is a candidate or excluded";
  for (const auto& x : r["excluded"]) EXPECT_FALSE(x["text"].get<std::string>().empty());
}

// Principle 3: maatwerk admits a non-contracted specialist only with a recorded approval.
TEST(QueryScenarios, MaatwerkLiftsButDoesNotHide) {
  Registry reg(NetworkBuilder()
                   .offer("spec", "GM0307", "spec-kw", "small_scale_living", 1, 0).outside_network("spec")
                   .build());
  json without = reg.query(json::object());
  EXPECT_EQ(pick(without, "plan_a"), "-");
  EXPECT_EQ(exclusion_code(without, "spec-kw"), "not_in_network");

  json with = reg.query(json::parse(R"({"maatwerk": {"approved_by": "RET Food Valley", "date": "2026-11-20",
      "reason": "zeer specialistische zorg", "allow": ["non_contracted"]}})"));
  ASSERT_EQ(pick(with, "plan_a"), "spec-kw");
  const auto& c = with["candidates"][0];
  EXPECT_EQ(c["maatwerk"], true);
  EXPECT_EQ(c["contracted"], false);
  ASSERT_FALSE(c["lifted"].empty()) << "the lifted exclusion stays visible";
  EXPECT_NE(c["lifted"][0]["approval"].get<std::string>().find("RET Food Valley"), std::string::npos);

  json wrong_allow = reg.query(json::parse(R"({"maatwerk": {"approved_by": "RET Food Valley", "date": "2026-11-20",
      "reason": "dichter bij huis", "allow": ["outside_region"]}})"));
  EXPECT_EQ(pick(wrong_allow, "plan_a"), "-") << "maatwerk lifts only what it names";
}

// Principle 4: exempt care (secure) outside the region without a gap.
TEST(QueryScenarios, ExemptSecureCareOutsideTheRegionIsNoGap) {
  Registry reg(NetworkBuilder()
                   .offer("jzp", "GM0202", "jzp-arnhem", "secure_residential", 1, 0).contract("jzp", "EXN03", "verblijf")
                   .offer("far", "GM0405", "jzp-hoorn", "secure_residential", 1, 0).contract("far", "JZ21", "verblijf")
                   .build());
  json r = reg.query(json::parse(R"({"need": {"care_forms": ["secure_residential"], "expertise": []}, "legal": {"secure_authorisation": true}})"));
  EXPECT_EQ(pick(r, "plan_a"), "jzp-arnhem") << "nearest first";
  EXPECT_EQ(gap_kind(r), "-");
  EXPECT_EQ(r["candidates"][0]["exempt"], true);
}

// Principles 1 and 8: gaps of both kinds, recorded for the signaleren report (one per case;
// tests/gap_report_test.cpp has the report itself).
TEST(QueryScenarios, GapsAreSignalled) {
  Registry reg(NetworkBuilder()
                   .offer("reg", "GM0345", "reg-kw", "small_scale_living", 0, 30).contract("reg", "JZ21", "verblijf")
                   .offer("adj", "GM0307", "adj-fh", "family_home", 1, 0).contract("adj", "JZ21", "verblijf")
                   .build());
  json full = reg.query(json::object());
  EXPECT_EQ(gap_kind(full), "no_capacity");
  EXPECT_EQ(full["gap"]["region"], "JZ21");
  json absent = reg.query(json::parse(R"({"id": "2026-FV-101", "need": {"care_forms": ["family_home"]}})"));
  EXPECT_EQ(gap_kind(absent), "absent");
  EXPECT_EQ(pick(absent, "plan_a"), "adj-fh") << "a gap does not hide the options outside the region";
  json fits = reg.query(json::parse(R"({"id": "2026-FV-102", "need": {"max_wait_weeks": 40}})"));
  EXPECT_EQ(gap_kind(fits), "-");

  auto report = run_passend({"report", "gaps", "--db", reg.db(), "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  json rows = json::parse(report.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["region"], "JZ21");
  EXPECT_EQ(rows[0]["care_form"], "family_home");
  EXPECT_EQ(rows[1]["care_form"], "small_scale_living");
}

// Hard filters: contra-indications, earlier refusal, age, required expertise.
TEST(QueryScenarios, HardFilters) {
  Registry reg(NetworkBuilder()
                   .offer("a", "GM0228", "a-kw", "small_scale_living", 1, 0, {{"contraindications", {"arson"}}}).contract("a", "JZ21", "verblijf")
                   .offer("b", "GM0228", "b-kw", "small_scale_living", 1, 0).contract("b", "JZ21", "verblijf")
                   .offer("c", "GM0228", "c-kw", "small_scale_living", 1, 0, {{"age_min", 16}, {"age_max", 23}}).contract("c", "JZ21", "verblijf")
                   .offer("d", "GM0228", "d-kw", "small_scale_living", 1, 0, {{"expertise", {"lvb"}}}).contract("d", "JZ21", "verblijf")
                   .build());
  json r = reg.query(json::parse(R"({"flags": ["arson"], "history": {"rejected_by": ["b"]}})"));
  EXPECT_EQ(exclusion_code(r, "a-kw"), "contraindication");
  EXPECT_EQ(exclusion_code(r, "b-kw"), "rejected");
  EXPECT_EQ(exclusion_code(r, "c-kw"), "age");
  EXPECT_EQ(exclusion_code(r, "d-kw"), "expertise_missing");
  EXPECT_EQ(pick(r, "plan_a"), "-");
  json older = reg.query(json::parse(R"({"age": 17, "need": {"expertise": []}})"));
  EXPECT_EQ(candidate_order(older), "a-kw b-kw c-kw d-kw");
}

// Principle 5: zo thuis mogelijk among equally timely options in one tier.
TEST(QueryScenarios, ZoThuisMogelijk) {
  Registry reg(NetworkBuilder()
                   .offer("res", "GM0228", "res", "residential", 1, 0).contract("res", "JZ21", "verblijf")
                   .offer("kw", "GM0228", "kw", "small_scale_living", 1, 0).contract("kw", "JZ21", "verblijf")
                   .offer("gh", "GM0228", "gh", "family_home", 1, 0).contract("gh", "JZ21", "verblijf")
                   .build());
  check_rows(reg, {{"three forms asked", R"({"need": {"care_forms": ["residential", "small_scale_living", "family_home"]}})",
                    "gh kw res", "gh", "kw"}});
}

// Principle 7: plan B is another provider; bridging when plan A is not timely.
TEST(QueryScenarios, PlanBAndBridging) {
  Registry reg(NetworkBuilder()
                   .offer("one", "GM0228", "one-a", "small_scale_living", 0, 10).contract("one", "JZ21", "verblijf")
                   .offer("one", "GM0345", "one-b", "small_scale_living", 0, 12)
                   .offer("two", "GM0203", "two-a", "small_scale_living", 0, 20).contract("two", "JZ21", "verblijf")
                   .offer("amb", "GM0228", "amb-iag", "ambulant_intensive", 2, 0).contract("amb", "JZ21", "ambulant")
                   .build());
  json r = reg.query(json::object());
  EXPECT_EQ(pick(r, "plan_a"), "one-a");
  EXPECT_EQ(pick(r, "plan_b"), "two-a") << "not the runner-up of the same provider";
  EXPECT_EQ(pick(r, "bridging"), "amb-iag");
  EXPECT_EQ(r["plan_a"]["timely"], false);
  json patient = reg.query(json::parse(R"({"need": {"max_wait_weeks": 10}})"));
  EXPECT_EQ(pick(patient, "bridging"), "-") << "no bridging when plan A is timely";
}

// Principle 6: stale capacity is used, but flagged.
TEST(QueryScenarios, StaleCapacityIsFlagged) {
  Registry reg(NetworkBuilder()
                   .offer("old", "GM0228", "old-kw", "small_scale_living", 1, 0, {{"capacity", {{"updated", "2026-09-01"}}}}).contract("old", "JZ21", "verblijf")
                   .offer("new", "GM0228", "new-kw", "small_scale_living", 1, 0).contract("new", "JZ21", "verblijf")
                   .build());
  json r = reg.query(json::object());
  ASSERT_EQ(r["candidates"].size(), 2u);
  for (const auto& c : r["candidates"]) EXPECT_EQ(c["stale"], c["offering"] == "old-kw") << c["offering"];
}

// Principle 12 and the contract: personal data refused, unknown words named, nothing written.
TEST(QueryScenarios, BadCasesAreRefusedWithThePointer) {
  Registry reg(NetworkBuilder().offer("a", "GM0228", "a-kw", "small_scale_living", 1, 0).build());
  auto named = reg.raw_query(R"({"id": "x1", "age": 15, "municipality": "GM0228", "name": "Jan",
                                  "need": {"care_forms": ["small_scale_living"]}})");
  EXPECT_EQ(named.exit_code, 2);
  EXPECT_NE(named.err.find("/name: personal data is refused"), std::string::npos) << named.err;
  auto unknown = reg.raw_query(R"({"id": "x1", "age": 15, "municipality": "GM9999",
                                    "need": {"care_forms": ["kamertraining"]}})");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("/municipality: unknown municipality 'GM9999'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("/need/care_forms/0: unknown care form 'kamertraining'"), std::string::npos) << unknown.err;
  auto audit = run_passend({"audit", "list", "--db", reg.db()});
  EXPECT_EQ(audit.out, "") << "refused queries leave no audit record";
}

// Principles 11 and 12: every advice is audited and can be shown again, byte for byte.
TEST(QueryScenarios, AuditedAndDeterministic) {
  Registry reg(NetworkBuilder()
                   .offer("a", "GM0228", "a-kw", "small_scale_living", 1, 0).contract("a", "JZ21", "verblijf")
                   .offer("b", "GM0228", "b-kw", "small_scale_living", 1, 0).contract("b", "JZ21", "verblijf")
                   .build());
  json first = reg.query(json::object());
  json second = reg.query(json::object());
  EXPECT_EQ(first.dump(), second.dump());
  EXPECT_EQ(first["ruleset"]["name"], "default");
  EXPECT_EQ(first["ruleset"]["hash"].get<std::string>().rfind("sha256:", 0), 0u);
  auto shown = run_passend({"audit", "show", "--db", reg.db(), "1", "--format", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  json stored = json::parse(shown.out);
  EXPECT_EQ(stored["result"].dump(), first.dump());
  EXPECT_EQ(stored["audit"]["action"], "query");
  auto text = run_passend({"audit", "show", "--db", reg.db(), "2", "--format", "text"});
  EXPECT_NE(text.out.find("Plan A"), std::string::npos);
}

// Capacity as it is (v2): the figures a RET member acts on are the registry's less what other
// cases hold, and a full place that reports no wait is not "tijdig".
TEST(QueryCapacity, AFullCrisisBedWithWaitZeroIsNotTimelyAndTheRegionHasAGap) {
  Registry reg(NetworkBuilder()
                   .offer("ede", "GM0228", "ede-cri", "crisis", 1, 0).contract("ede", "JZ21", "verblijf")
                   .offer("amf", "GM0307", "amf-cri", "crisis", 1, 0).contract("amf", "JZ21", "verblijf")
                   .build());
  auto set = run_passend({"capacity", "set", "--db", reg.db(), "--offering", "ede-cri", "--free", "0", "--date", kDate});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  json r = reg.query(json::parse(R"({"need": {"care_forms": ["crisis"], "urgency": "crisis", "max_wait_weeks": null}})"));
  EXPECT_EQ(pick(r, "plan_a"), "amf-cri") << "the free bed next door, not the full one";
  const json& ede = r["candidates"][1];
  EXPECT_EQ(ede["offering"], "ede-cri");
  EXPECT_EQ(ede["timely"], false);
  EXPECT_EQ(ede["wait_unknown"], true);
  EXPECT_EQ(gap_kind(r), "no_capacity");
  EXPECT_EQ(r["gap"]["scope"], "region");
}

TEST(QueryCapacity, APlaceReservedForAnotherCaseIsNotFreeButTheCasesOwnPlaceIsItsOwn) {
  Registry reg(NetworkBuilder()
                   .offer("amf", "GM0307", "amf-kw", "small_scale_living", 1, 0).contract("amf", "JZ21", "verblijf")
                   .offer("ede", "GM0228", "ede-kw", "small_scale_living", 0, 26).contract("ede", "JZ21", "verblijf")
                   .offer("amb", "GM0228", "ede-amb", "ambulant_intensive", 2, 0).contract("amb", "JZ21", "ambulant")
                   .build());
  auto other = run_passend({"reserve", "--db", reg.db(), "--case", "2026-FV-999", "--offering", "amf-kw", "--date", kDate});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  json r = reg.query(json::object());
  EXPECT_EQ(pick(r, "plan_a"), "ede-kw") << "neither is timely now: the own region first";
  ASSERT_EQ(r["candidates"].size(), 2u);
  for (const auto& c : r["candidates"]) {
    if (c["offering"] != "amf-kw") continue;
    EXPECT_EQ(c["free"], 0) << "the last place was taken by another case";
    EXPECT_EQ(c["timely"], false);
    EXPECT_EQ(c["reserved_for_case"], false);
  }
  EXPECT_EQ(pick(r, "bridging"), "ede-amb") << "plan A is not timely: bridging help";

  auto release = run_passend({"release", "--db", reg.db(), "--case", "2026-FV-999", "--offering", "amf-kw", "--date", kDate});
  ASSERT_EQ(release.exit_code, 0) << release.err;
  auto own = run_passend({"reserve", "--db", reg.db(), "--case", "2026-FV-100", "--offering", "amf-kw", "--date", kDate});
  ASSERT_EQ(own.exit_code, 0) << own.err;
  json mine = reg.query(json::object());
  EXPECT_EQ(pick(mine, "plan_a"), "amf-kw");
  EXPECT_EQ(mine["plan_a"]["timely"], true) << "the case's own reservation is its place";
  EXPECT_EQ(mine["candidates"][0]["reserved_for_case"], true);
  EXPECT_EQ(mine["candidates"][0]["free"], 1);
  EXPECT_EQ(mine["plan_a"]["notes"][0]["code"], "reserved_for_case");
  EXPECT_EQ(pick(mine, "bridging"), "-");
}

TEST(QueryCapacity, APlaceTheCaseAlreadyHoldsIsItsPlanA) {
  Registry reg(NetworkBuilder()
                   .offer("ede", "GM0228", "ede-kw", "small_scale_living", 1, 0).contract("ede", "JZ21", "verblijf")
                   .offer("boeg", "GM0222", "boeg-kw", "small_scale_living", 1, 0, {{"supra_regional", true}})
                   .contract("boeg", "JZ21", "verblijf")
                   .build());
  EXPECT_EQ(pick(reg.query(json::object()), "plan_a"), "ede-kw") << "the own region first";
  auto held = run_passend({"reserve", "--db", reg.db(), "--case", "2026-FV-100", "--offering", "boeg-kw", "--date", kDate});
  ASSERT_EQ(held.exit_code, 0) << held.err;
  json r = reg.query(json::object());
  EXPECT_EQ(pick(r, "plan_a"), "boeg-kw") << "the case holds this place: proposing another would mislead";
  EXPECT_EQ(pick(r, "plan_b"), "ede-kw");
  ASSERT_EQ(r["plan_a"]["notes"].size(), 2u) << r["plan_a"].dump(2);
  EXPECT_EQ(r["plan_a"]["notes"][0]["text"], "deze plek is al voor deze casus gereserveerd");
  EXPECT_EQ(r["plan_a"]["notes"][1]["text"],
            "bovenregionale plek van BOEG - bovenregionaal expertisenetwerk Gelderland (EXN03), via de coördinator van het "
            "netwerk voor deze casus gereserveerd");
}
