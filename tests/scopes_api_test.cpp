// Issue 21 over real HTTP: providers keep their own places current (own offering 200, another
// provider's 403, below the places reserved 409, the note checked), scopes on tokens (a member
// queries only the cases of its region, the audit trail and the gap report are filtered, an
// unscoped token keeps working as before), the staleness report, and the audit naming the scope.
#include <gtest/gtest.h>

#include "tests/support/api_server.hpp"
#include "tests/support/paths.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* kDate = "2026-11-26";

std::string demo_case(const std::string& name) {
  return read_text(std::string(PASSEND_SOURCE_DIR) + "/data/demo/cases/" + name);
}

// The Food Valley case, moved to Hoorn (West-Friesland, JZ05).
std::string westfriesland_case() {
  json c = json::parse(demo_case("fv-042-kleinschalig.json"));
  c["id"] = "2026-WF-007";
  c["municipality"] = "GM0405";
  c["preferences"].erase("near_municipalities");
  return c.dump();
}

struct Expected {
  int status;
  std::string code;     // for errors
  std::string message;  // a part of the error message
};

void expect_answer(const httplib::Result& r, const Expected& e) {
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, e.status) << r->body;
  if (e.status / 100 == 2) return;
  const json body = json::parse(r->body);
  EXPECT_EQ(body.value("code", ""), e.code) << r->body;
  EXPECT_NE(body.value("message", "").find(e.message), std::string::npos) << r->body;
}

// The demo database with scoped tokens besides the unscoped one per role.
class Scopes : public SuiteApiServer<Scopes> {
 protected:
  static void SetUpTestSuite() {
    SuiteApiServer<Scopes>::SetUpTestSuite();
    auto scoped = [](const std::string& role, const std::string& name, const std::string& option, const std::string& id) {
      auto r = run_passend({"token", "create", "--db", db_->path(), "--role", role, "--name", name, option, id});
      if (r.exit_code != 0) throw std::runtime_error(r.err);
      tokens_[name] = r.out.substr(0, r.out.find('\n'));
    };
    scoped("provider", "Planner De Linde", "--provider", "prov-001");
    scoped("member", "RET Food Valley", "--region", "JZ21");
    scoped("member", "RET West-Friesland", "--region", "JZ05");
    scoped("coordinator", "BEN Noord-Holland", "--network", "EXN05");
    scoped("coordinator", "BOEG", "--network", "EXN03");
    scoped("admin", "Beheer West-Friesland", "--region", "JZ05");
  }
  static httplib::Headers as(const std::string& who) {
    auto it = tokens_.find(who);
    return bearer(it != tokens_.end() ? it->second : db_->token(who));
  }
  static httplib::Result get(const std::string& path, const std::string& who) {
    return server_->client().Get(path.c_str(), as(who));
  }
  static httplib::Result put(const std::string& path, const json& body, const std::string& who) {
    return server_->client().Put(path.c_str(), as(who), body.dump(), "application/json");
  }
  static httplib::Result post(const std::string& path, const std::string& body, const std::string& who) {
    return server_->client().Post(path.c_str(), as(who), body, "application/json");
  }
  inline static std::map<std::string, std::string> tokens_;
};

TEST_F(Scopes, ProvidersSetTheFiguresOfTheirOwnOfferingsOnly) {
  struct Row {
    const char* name;
    std::string who, offering;
    Expected expected;
  };
  const std::vector<Row> rows = {
      {"own offering", "Planner De Linde", "prov-001-ede-kw", {200, "", ""}},
      {"another provider's", "Planner De Linde", "prov-004-ede-amb", {403, "out_of_scope", "scope van dit token: aanbieder prov-001"}},
      {"a member may not", "member", "prov-001-ede-kw", {403, "forbidden", "mag geen capaciteit bijwerken"}},
      {"a coordinator of another network", "BEN Noord-Holland", "prov-001-ede-kw", {403, "out_of_scope", "netwerk EXN05"}},
      {"the coordinator of its network", "BOEG", "prov-001-ede-kw", {200, "", ""}},
      {"an unscoped coordinator, as before", "coordinator", "prov-001-ede-kw", {200, "", ""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    expect_answer(put("/api/v1/offerings/" + row.offering + "/capacity", {{"free", 1}, {"wait_weeks", 3}}, row.who),
                  row.expected);
  }
  // The history says who.
  const json history = json_of(get("/api/v1/offerings/prov-001-ede-kw/capacity", "member"))["history"];
  std::set<std::string> who;
  for (const auto& h : history) who.insert(h.value("by", ""));
  EXPECT_TRUE(who.count("Planner De Linde")) << history.dump();
  EXPECT_TRUE(who.count("BOEG")) << history.dump();
}

TEST_F(Scopes, AProviderTokenReachesNothingButItsPlaces) {
  struct Row {
    const char* name;
    std::string method, path;
    Expected expected;
  };
  const std::vector<Row> rows = {
      {"who am I", "GET", "/api/v1/me", {200, "", ""}},
      {"own places", "GET", "/api/v1/providers/prov-001/capacity", {200, "", ""}},
      {"another provider's places", "GET", "/api/v1/providers/prov-004/capacity", {403, "out_of_scope", "aanbieder prov-004"}},
      {"the registry", "GET", "/api/v1/offerings", {403, "forbidden", "it needs member"}},
      {"the gap report", "GET", "/api/v1/reports/gaps", {403, "forbidden", ""}},
      {"a query", "POST", "/api/v1/query", {403, "forbidden", ""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto r = row.method == "GET" ? get(row.path, "Planner De Linde")
                                 : post(row.path, demo_case("fv-042-kleinschalig.json"), "Planner De Linde");
    expect_answer(r, row.expected);
  }
  const json me = json_of(get("/api/v1/me", "Planner De Linde"));
  EXPECT_EQ(me["role"], "provider");
  EXPECT_EQ(me["scope"], json({{"kind", "provider"}, {"id", "prov-001"}}));
  const json places = json_of(get("/api/v1/providers/prov-001/capacity?date=2026-12-31", "Planner De Linde"));
  EXPECT_EQ(places["provider_name"], "Stichting De Linde (fictief)");
  ASSERT_EQ(places["offerings"].size(), 9u);
  for (const auto& o : places["offerings"]) EXPECT_EQ(o["offering"].get<std::string>().rfind("prov-001-", 0), 0u);
  // Stale ones first: on 2026-12-31 every figure of 2026-11-20 is older than 30 days.
  EXPECT_TRUE(places["offerings"][0]["stale"].get<bool>());
}

TEST_F(Scopes, OneSaveForSeveralOfferingsWithANote) {
  const json body = {{"offerings",
                      {{{"offering", "prov-001-nijkerk-amb"}, {"free", 1}, {"wait_weeks", 2}, {"note", "Nieuwe groep start in januari"}},
                       {{"offering", "prov-001-rhenen-dag"}, {"free", 0}, {"wait_weeks", 10}}}}};
  const auto r = put("/api/v1/providers/prov-001/capacity", body, "Planner De Linde");
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  const json places = json::parse(r->body);
  bool seen = false;
  for (const auto& o : places["offerings"])
    if (o["offering"] == "prov-001-nijkerk-amb") {
      seen = true;
      EXPECT_EQ(o["free"], 1);
      EXPECT_EQ(o["wait_weeks"], 2);
      EXPECT_EQ(o["note"], "Nieuwe groep start in januari");
      EXPECT_EQ(o["updated_by"], "Planner De Linde");
      EXPECT_FALSE(o["stale"].get<bool>());
    }
  EXPECT_TRUE(seen) << places.dump();

  struct Row {
    const char* name;
    json offering;
    Expected expected;
    std::string pointer;
  };
  const std::vector<Row> refused = {
      {"a postcode in the note", {{"offering", "prov-001-ede-amb"}, {"free", 1}, {"note", "Bel 6711 AB voor intake"}},
       {400, "invalid_input", "de tekst bevat een postcode"}, "/offerings/0/note"},
      {"a note of 201 characters", {{"offering", "prov-001-ede-amb"}, {"free", 1}, {"note", std::string(201, 'a')}},
       {400, "invalid_input", "hoogstens 200 tekens, nu 201"}, "/offerings/0/note"},
      {"more free than places", {{"offering", "prov-001-ede-kw"}, {"free", 7}},
       {400, "invalid_input", "van 0 tot 6"}, "/offerings/0/free"},
      {"another provider's offering", {{"offering", "prov-004-ede-amb"}, {"free", 1}},
       {403, "out_of_scope", "aanbieder prov-001"}, ""},
  };
  for (const auto& row : refused) {
    SCOPED_TRACE(row.name);
    const auto bad = put("/api/v1/providers/prov-001/capacity", {{"offerings", {row.offering}}}, "Planner De Linde");
    expect_answer(bad, row.expected);
    if (bad) {
      EXPECT_EQ(json::parse(bad->body).value("pointer", "?"), row.pointer) << bad->body;
    }
  }
  // The note's text is never repeated in a refusal.
  const auto bad = put("/api/v1/providers/prov-001/capacity",
                       {{"offerings", {{{"offering", "prov-001-ede-amb"}, {"free", 1}, {"note", "Bel 6711 AB"}}}}},
                       "Planner De Linde");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->body.find("6711"), std::string::npos);
}

TEST_F(Scopes, FreeCanNeverDropBelowThePlacesReserved) {
  // Two of the six free ambulant places of De Linde in Ede are reserved.
  for (const char* c : {"2026-FV-301", "2026-FV-302"}) {
    const auto r = post(std::string("/api/v1/reservations?date=") + kDate,
                        json({{"case", c}, {"offering", "prov-001-ede-amb"}}).dump(), "coordinator");
    ASSERT_TRUE(r && r->status == 201) << (r ? r->body : "");
  }
  expect_answer(put("/api/v1/offerings/prov-001-ede-amb/capacity", {{"free", 1}}, "Planner De Linde"),
                {409, "conflict", "er zijn 2 plekken gereserveerd"});
  expect_answer(put("/api/v1/providers/prov-001/capacity", {{"offerings", {{{"offering", "prov-001-ede-amb"}, {"free", 1}}}}},
                    "Planner De Linde"),
                {409, "conflict", "vul minstens 2 in"});
  expect_answer(put("/api/v1/offerings/prov-001-ede-amb/capacity", {{"free", 2}}, "Planner De Linde"), {200, "", ""});
}

TEST_F(Scopes, AMemberQueriesOnlyTheCasesOfItsRegion) {
  const std::string path = std::string("/api/v1/query?date=") + kDate;
  struct Row {
    const char* name;
    std::string who, body;
    Expected expected;
  };
  const std::vector<Row> rows = {
      {"own region", "RET Food Valley", demo_case("fv-042-kleinschalig.json"), {200, "", ""}},
      {"another region", "RET Food Valley", westfriesland_case(),
       {403, "out_of_scope", "casus 2026-WF-007 uit regio JZ05 (West Friesland) ligt buiten de scope van dit token: regio JZ21 (Food Valley)"}},
      {"West-Friesland's own", "RET West-Friesland", westfriesland_case(), {200, "", ""}},
      {"an unscoped member, as before", "member", westfriesland_case(), {200, "", ""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    expect_answer(post(path, row.body, row.who), row.expected);
  }
  // The audit names the scope and the case's region; a scoped admin reads only its region's records.
  const json all = json_of(get("/api/v1/audit?action=query", "admin"))["records"];
  std::int64_t food_valley = 0, west_friesland = 0;
  for (const auto& r : all) {
    if (r["actor"] == "RET Food Valley") {
      food_valley = r["id"];
      EXPECT_EQ(r["scope"], json({{"kind", "region"}, {"id", "JZ21"}}));
      EXPECT_EQ(r["region"], "JZ21");
    }
    if (r["actor"] == "RET West-Friesland") west_friesland = r["id"];
    if (r["actor"] == "member") {
      EXPECT_TRUE(r["scope"].is_null());
    }
  }
  ASSERT_GT(food_valley, 0);
  ASSERT_GT(west_friesland, 0);
  const json scoped = json_of(get("/api/v1/audit?action=query", "Beheer West-Friesland"))["records"];
  for (const auto& r : scoped) EXPECT_EQ(r["region"], "JZ05") << r.dump();
  expect_answer(get("/api/v1/audit/" + std::to_string(food_valley), "Beheer West-Friesland"),
                {403, "out_of_scope", "regio JZ05 (West Friesland)"});
  expect_answer(get("/api/v1/audit/" + std::to_string(west_friesland), "Beheer West-Friesland"), {200, "", ""});
  // A scoped admin does not manage tokens: it could give itself more.
  expect_answer(get("/api/v1/tokens", "Beheer West-Friesland"), {403, "out_of_scope", "zonder scope"});
  // The gap report shows a scoped member its own region's cases only.
  const json gaps = json_of(get("/api/v1/reports/gaps", "RET West-Friesland"));
  for (const auto& row : gaps["gaps"]) EXPECT_EQ(row["region"], "JZ05") << row.dump();
}

TEST_F(Scopes, TokensAreCreatedWithAScopeThatExists) {
  struct Row {
    const char* name;
    json body;
    Expected expected;
    std::string pointer;
  };
  const std::vector<Row> rows = {
      {"a provider token for a provider of the registry",
       {{"name", "Planner Ambulant Ede"}, {"role", "provider"}, {"scope", {{"kind", "provider"}, {"id", "prov-004"}}}},
       {201, "", ""}, ""},
      {"a provider token without its provider", {{"name", "Planner zonder"}, {"role", "provider"}},
       {400, "invalid_input", "needs the provider it speaks for"}, "/scope"},
      {"an unknown provider", {{"name", "Planner X"}, {"role", "provider"}, {"scope", {{"kind", "provider"}, {"id", "prov-999"}}}},
       {400, "invalid_input", "unknown provider 'prov-999'"}, "/scope"},
      {"an unknown region", {{"name", "RET X"}, {"role", "member"}, {"scope", {{"kind", "region"}, {"id", "JZ99"}}}},
       {400, "invalid_input", "unknown region 'JZ99'"}, "/scope"},
      {"a provider scope on a member", {{"name", "RET Y"}, {"role", "member"}, {"scope", {{"kind", "provider"}, {"id", "prov-001"}}}},
       {400, "invalid_input", "only a provider token has a provider scope"}, "/scope"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    const auto r = post("/api/v1/tokens", row.body.dump(), "admin");
    expect_answer(r, row.expected);
    if (r && row.expected.status == 400) {
      EXPECT_EQ(json::parse(r->body).value("pointer", "?"), row.pointer);
    }
    if (r && r->status == 201) {
      EXPECT_EQ(json::parse(r->body)["scope"], row.body["scope"]);
    }
  }
}

TEST_F(Scopes, TheStaleReportListsOldFiguresPerProviderForTheCoordinator) {
  const json report = json_of(get("/api/v1/reports/stale?date=2026-11-26", "coordinator"));
  EXPECT_EQ(report["days"], 30);  // the rule set's stale_capacity.max_age_days
  std::set<std::string> offerings;
  for (const auto& p : report["providers"])
    for (const auto& o : p["offerings"]) {
      offerings.insert(o["offering"]);
      EXPECT_GT(o["age_days"].get<int>(), 30) << o.dump();
    }
  EXPECT_TRUE(offerings.count("prov-002-scherpenzeel-gh")) << report.dump();  // 2026-09-24
  EXPECT_FALSE(offerings.count("prov-001-ede-amb")) << report.dump();
  // A coordinator of another network sees none of Food Valley's places.
  EXPECT_EQ(json_of(get("/api/v1/reports/stale?date=2026-11-26", "BEN Noord-Holland"))["offerings"], 0);
  expect_answer(get("/api/v1/reports/stale", "member"), {403, "forbidden", ""});
}

}  // namespace

// Reservations and allocations are records of a coordinator's work: they name the token's scope
// and the region concerned (the place's region for a reservation, the case's for an allocation),
// so a scoped admin reading the audit sees them for its regions.
TEST_F(Scopes, ReservationsAndAllocationsRecordTheScopeAndTheRegion) {
  const auto reserved = post(std::string("/api/v1/reservations?date=") + kDate,
                             json({{"case", "2026-FV-331"}, {"offering", "prov-004-ede-amb"}}).dump(), "BOEG");
  ASSERT_TRUE(reserved && reserved->status == 201) << (reserved ? reserved->body : "");
  const auto allocated = post(std::string("/api/v1/allocate?network=EXN03&date=") + kDate,
                              demo_case("allocation-boeg.json"), "BOEG");
  ASSERT_TRUE(allocated && allocated->status == 200) << (allocated ? allocated->body : "");

  const json boeg_scope = {{"kind", "network"}, {"id", "EXN03"}};
  int reservations = 0, allocations = 0;
  for (const char* action : {"reserve", "allocate"}) {
    const json records = json_of(get(std::string("/api/v1/audit?limit=200&action=") + action, "admin"))["records"];
    for (const auto& r : records) {
      if (r["actor"] != "BOEG") continue;
      SCOPED_TRACE(r.dump());
      EXPECT_EQ(r["scope"], boeg_scope);
      EXPECT_FALSE(r["region"].get<std::string>().empty());
      (std::string(action) == "reserve" ? reservations : allocations)++;
      if (std::string(action) == "reserve") {
        EXPECT_EQ(r["region"], "JZ21");  // a place in Ede: Food Valley
      }
    }
  }
  EXPECT_EQ(reservations, 1);
  EXPECT_GT(allocations, 0);
}
