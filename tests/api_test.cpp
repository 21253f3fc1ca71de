// `passend serve` over real HTTP: every endpoint, authentication and roles, the error shape with pointers, body
// limits, audit records with token labels, OpenAPI against the real routes, parameter changes, clean shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <tuple>

#include "tests/support/api_server.hpp"
#include "tests/support/ruleset_fixtures.hpp"
#include "apps/server/routes.hpp"
#include "providers/sqlite.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* kDate = "2026-11-26";

std::string demo_case(const std::string& name) {
  return read_text(std::string(PASSEND_SOURCE_DIR + "/data/demo/cases/") + name);
}

std::string query_path() { return std::string("/api/v1/query?date=") + kDate; }

// Checks the one error shape: {"code", "message", "pointer"}.
void expect_error(const httplib::Result& r, int status, const std::string& code, const std::string& pointer = "") {
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, status) << r->body;
  const json body = json::parse(r->body);
  EXPECT_EQ(body.value("code", ""), code) << r->body;
  EXPECT_TRUE(body.contains("message") && body["message"].is_string()) << r->body;
  EXPECT_EQ(body.value("pointer", "?"), pointer) << r->body;
}

// One server for the tests that only read or make independent changes.
class Api : public SuiteApiServer<Api> {
 protected:
  static httplib::Client client() { return server_->client(); }
  static httplib::Headers as(const std::string& role) { return bearer(db_->token(role)); }
  static httplib::Result get(const std::string& path, const std::string& role = "member") {
    return client().Get(path.c_str(), as(role));
  }
  static httplib::Result post(const std::string& path, const std::string& body, const std::string& role = "member") {
    return client().Post(path.c_str(), as(role), body, "application/json");
  }
  static httplib::Result put(const std::string& path, const std::string& body, const std::string& role) {
    return client().Put(path.c_str(), as(role), body, "application/json");
  }
  static json ok_json(const httplib::Result& r) {
    EXPECT_TRUE(r && r->status / 100 == 2) << (r ? r->body : httplib::to_string(r.error()));
    return json_of(r);
  }
  static std::string first_offering() { return ok_json(get("/api/v1/offerings"))["offerings"][0]["id"]; }
};

// --- the server itself -------------------------------------------------------------------

TEST_F(Api, HealthNeedsNoTokenAndNamesTheRuleSet) {
  auto r = client().Get("/health");
  const json body = ok_json(r);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["ruleset"]["name"], "default");
  EXPECT_EQ(body["ruleset"]["hash"].get<std::string>().rfind("sha256:", 0), 0u);
}

TEST_F(Api, ListensOnLoopbackOnly) {
  EXPECT_NE(server_->log().find("listening on http://127.0.0.1:"), std::string::npos);
}

TEST_F(Api, UnknownRoutesAnswerInTheErrorShape) {
  expect_error(client().Get("/api/v1/nothing-here", as("admin")), 404, "unknown_route");
}

// --- authentication and roles ---------------------------------------------------------------

TEST_F(Api, EveryRouteButHealthNeedsAToken) {
  for (const auto& spec : passend::server::route_specs()) {
    if (!spec.role) continue;
    std::string path = spec.path;
    for (auto at = path.find('{'); at != std::string::npos; at = path.find('{'))
      path.replace(at, path.find('}', at) - at + 1, "x1");
    httplib::Request req;
    req.method = spec.method;
    req.path = path;
    if (spec.method == "POST" || spec.method == "PUT") req.body = "{}";
    auto r = client().send(req);
    SCOPED_TRACE(spec.method + " " + spec.path);
    expect_error(r, 401, "unauthenticated");
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer realm=\"passend\"");
  }
}

TEST_F(Api, UnknownMalformedAndRevokedTokensAre401) {
  expect_error(client().Get("/api/v1/regions", bearer("passend_0000")), 401, "unauthenticated");
  expect_error(client().Get("/api/v1/regions", {{"Authorization", "Basic YWxpY2U6c2VjcmV0"}}), 401, "unauthenticated");
  expect_error(client().Get("/api/v1/regions", {{"Authorization", "Bearer"}}), 401, "unauthenticated");
  const std::string token = db_->create_token("member", "soon-revoked");
  EXPECT_EQ(client().Get("/api/v1/regions", bearer(token))->status, 200);
  ASSERT_EQ(run_passend({"token", "revoke", "--db", db_->path(), "--name", "soon-revoked"}).exit_code, 0);
  expect_error(client().Get("/api/v1/regions", bearer(token)), 401, "unauthenticated");
}

TEST_F(Api, TheBearerSchemeIsCaseInsensitive) {
  EXPECT_EQ(client().Get("/api/v1/regions", {{"Authorization", "bearer " + db_->token("member")}})->status, 200);
}

TEST_F(Api, RolesLimitWhatATokenMayDo) {
  const std::string capacity = "/api/v1/offerings/" + first_offering() + "/capacity";
  const std::string proposals = "/api/v1/rulesets/default/proposals";
  expect_error(put(capacity, R"({"free": 0})", "member"), 403, "forbidden");
  expect_error(put(capacity, R"({"free": 0})", "contract_manager"), 403, "forbidden");
  expect_error(post(proposals, R"({"params": {}, "base": "x", "comment": "x"})", "member"), 403, "forbidden");
  expect_error(post(proposals, R"({"params": {}, "base": "x", "comment": "x"})", "coordinator"), 403, "forbidden");
  for (const std::string role : {"member", "contract_manager", "coordinator"}) {
    expect_error(get("/api/v1/audit", role), 403, "forbidden");
    expect_error(get("/api/v1/tokens", role), 403, "forbidden");
    expect_error(post("/api/v1/tokens", R"({"name": "x", "role": "admin"})", role), 403, "forbidden");
  }
  for (const auto& role : api_roles()) EXPECT_EQ(get("/api/v1/regions", role)->status, 200) << role;
}

// --- regions ---------------------------------------------------------------------------------

TEST_F(Api, RegionsMunicipalitiesAndNetworks) {
  EXPECT_EQ(ok_json(get("/api/v1/regions"))["regions"].size(), 42u);
  EXPECT_EQ(ok_json(get("/api/v1/municipalities"))["municipalities"].size(), 342u);
  EXPECT_EQ(ok_json(get("/api/v1/networks"))["networks"].size(), 8u);
  const json fv = ok_json(get("/api/v1/regions/JZ21"));
  EXPECT_EQ(fv["name"], "Food Valley");
  EXPECT_EQ(fv["network"], "EXN03");
  bool has_ede = false;
  for (const auto& m : fv["municipalities"]) has_ede |= m["code"] == "GM0228";
  EXPECT_TRUE(has_ede);
  EXPECT_FALSE(fv["adjacent"].empty());
  const json ede = ok_json(get("/api/v1/municipalities/GM0228"));
  EXPECT_EQ(ede["name"], "Ede");
  EXPECT_EQ(ede["region"], "JZ21");
  // The document is kept in a variable: a range-for over a member of a temporary would iterate
  // a destroyed object (ASan: heap-use-after-free).
  const json jz21 = ok_json(get("/api/v1/municipalities?region=JZ21"));
  for (const auto& m : jz21["municipalities"]) EXPECT_EQ(m["region"], "JZ21");
}

TEST_F(Api, UnknownRegionsAndMunicipalities) {
  expect_error(get("/api/v1/regions/JZ99"), 404, "not_found");
  expect_error(get("/api/v1/municipalities/GM9999"), 404, "not_found");
  expect_error(get("/api/v1/municipalities?region=JZ99"), 400, "invalid_input");
}

// --- registry and capacity --------------------------------------------------------------------

TEST_F(Api, ProvidersAndOfferings) {
  const json providers = ok_json(get("/api/v1/providers"))["providers"];
  ASSERT_FALSE(providers.empty());
  const std::string id = providers[0]["id"];
  const json provider = ok_json(get("/api/v1/providers/" + id));
  EXPECT_EQ(provider["id"], id);
  EXPECT_TRUE(provider.contains("locations"));
  expect_error(get("/api/v1/providers/nobody"), 404, "not_found");

  const json ambulant = ok_json(get("/api/v1/offerings?care_form=ambulant"));
  for (const auto& o : ambulant["offerings"]) EXPECT_EQ(o["care_form"], "ambulant");
  const json jz21_15 = ok_json(get("/api/v1/offerings?region=JZ21&age=15"));
  for (const auto& o : jz21_15["offerings"]) {
    EXPECT_EQ(o["region"], "JZ21");
    EXPECT_LE(o["age_min"].get<int>(), 15);
  }
  expect_error(get("/api/v1/offerings?care_form=castle"), 400, "invalid_input");
  expect_error(get("/api/v1/offerings?age=old"), 400, "invalid_input");
  const std::string offering = first_offering();
  EXPECT_EQ(ok_json(get("/api/v1/offerings/" + offering))["id"], offering);
  expect_error(get("/api/v1/offerings/none"), 404, "not_found");
}

TEST_F(Api, CoordinatorsSetCapacityAndItIsAudited) {
  const std::string offering = first_offering();
  const std::string path = "/api/v1/offerings/" + offering + "/capacity";
  const json before = ok_json(get(path));
  const int places = before["capacity"]["places"];
  const json after =
      ok_json(put(path, json{{"free", places}, {"wait_weeks", 3}, {"updated", kDate}}.dump(), "coordinator"));
  EXPECT_EQ(after["capacity"]["free"], places);
  EXPECT_EQ(after["capacity"]["wait_weeks"], 3);
  EXPECT_EQ(after["history"].size(), before["history"].size() + 1);
  EXPECT_EQ(ok_json(get(path))["capacity"]["free"], places);

  const json records = ok_json(get("/api/v1/audit?action=capacity_update", "admin"))["records"];
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0]["actor"], "coordinator-user");
}

TEST_F(Api, InvalidCapacityChangesNameTheField) {
  const std::string path = "/api/v1/offerings/" + first_offering() + "/capacity";
  expect_error(put(path, R"({"free": -1})", "coordinator"), 400, "invalid_input", "/free");
  expect_error(put(path, R"({"free": 100000})", "coordinator"), 400, "invalid_input", "/free");
  expect_error(put(path, R"({"wait_weeks": 1})", "coordinator"), 400, "invalid_input", "/free");
  expect_error(put(path, R"({"free": 0, "updated": "26-11-2026"})", "coordinator"), 400, "invalid_input", "/updated");
  expect_error(put(path, R"({"free": 0, "colour": "red"})", "coordinator"), 400, "invalid_input", "/colour");
  expect_error(put("/api/v1/offerings/none/capacity", R"({"free": 0})", "coordinator"), 404, "not_found");
}

// --- query -------------------------------------------------------------------------------------

TEST_F(Api, QueryGivesTheContractResultAndAuditsTheTokenLabel) {
  auto r = post(query_path(), demo_case("fv-042-kleinschalig.json"));
  const json result = ok_json(r);
  EXPECT_EQ(result["case"], "2026-FV-042");
  EXPECT_EQ(result["reference_date"], kDate);
  EXPECT_EQ(result["region"]["code"], "JZ21");
  for (const char* key : {"candidates", "excluded", "plan_a", "plan_b", "bridging", "gap"}) EXPECT_TRUE(result.contains(key)) << key;
  EXPECT_EQ(result["ruleset"], ok_json(client().Get("/health"))["ruleset"]);

  const std::string audit_id = r->get_header_value("X-Passend-Audit-Id");
  ASSERT_FALSE(audit_id.empty());
  const json record = ok_json(get("/api/v1/audit/" + audit_id, "admin"));
  EXPECT_EQ(record["audit"]["actor"], "member-user");
  EXPECT_EQ(record["audit"]["action"], "query");
  EXPECT_EQ(record["audit"]["case"], "2026-FV-042");
  EXPECT_EQ(record["result"], result);
}

TEST_F(Api, QueryAnswersWhatTheCliPrints) {
  const std::string file = std::string(PASSEND_SOURCE_DIR + "/data/demo/cases/fv-080-pleegzorg.json");
  const auto cli = run_passend({"query", "--db", db_->path(), "--case", file, "--date", kDate, "--format", "json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(ok_json(post(query_path(), read_text(file))), json::parse(cli.out));
}

TEST_F(Api, TheSameCaseGivesTheSameResult) {
  const json a = ok_json(post(query_path(), demo_case("fv-051-gesloten.json")));
  const json b = ok_json(post(query_path(), demo_case("fv-051-gesloten.json"), "coordinator"));
  EXPECT_EQ(a.dump(), b.dump());
}

TEST_F(Api, InvalidCasesAre400WithThePointer) {
  json c = json::parse(demo_case("fv-042-kleinschalig.json"));
  c["need"]["care_forms"][1] = "castle";
  auto r = post(query_path(), c.dump());
  expect_error(r, 400, "invalid_input", "/need/care_forms/1");
  EXPECT_FALSE(json_of(r)["issues"].empty());

  json personal = json::parse(demo_case("fv-042-kleinschalig.json"));
  personal["bsn"] = "123456782";
  expect_error(post(query_path(), personal.dump()), 400, "invalid_input", "/bsn");

  json two = json::parse(demo_case("fv-042-kleinschalig.json"));
  two.erase("age");
  two["municipality"] = "GM9999";
  EXPECT_GE(json_of(post(query_path(), two.dump()))["issues"].size(), 2u);

  auto syntax = post(query_path(), "{\"id\": ");
  expect_error(syntax, 400, "invalid_input", "");
  EXPECT_TRUE(json_of(syntax)["issues"][0].contains("position"));
  expect_error(post("/api/v1/query?date=tomorrow", demo_case("fv-042-kleinschalig.json")), 400, "invalid_input");
}

TEST_F(Api, DeeplyNestedBodiesAreRefusedBeforeParsing) {
  std::string deep = R"({"id": "x", "history": {"notes": )";
  for (int i = 0; i < 40; ++i) deep += "[";
  deep += "1";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}}";
  auto r = post(query_path(), deep);
  expect_error(r, 400, "invalid_input", "/history/notes/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0");
  EXPECT_NE(json_of(r)["message"].get<std::string>().find("nested deeper than 32"), std::string::npos);
}

TEST_F(Api, BodiesOverOneMebibyteAre413) {
  const std::string big(1024 * 1024 + 1, ' ');
  expect_error(post(query_path(), big), 413, "payload_too_large");
  expect_error(post("/api/v1/rulesets/default/proposals", big, "contract_manager"), 413, "payload_too_large");
}

// --- rule sets, reports, audit, tokens ------------------------------------------------------

TEST_F(Api, RuleSetsAndParametersCanBeRead) {
  const json list = ok_json(get("/api/v1/rulesets"));
  ASSERT_EQ(list["rulesets"].size(), 1u);
  EXPECT_EQ(list["rulesets"][0]["name"], "default");
  EXPECT_EQ(list["rulesets"][0]["regions"].size(), 42u) << "the default answers for every region";
  EXPECT_EQ(list["assignments"][0]["scope"], "*");
  const json one = ok_json(get("/api/v1/rulesets/default"));
  EXPECT_EQ(one["in_force"], list["rulesets"][0]["in_force"]);
  const json rules = ok_json(get("/api/v1/rulesets/default/rules"));
  EXPECT_TRUE(rules["params"].is_object());
  EXPECT_EQ(rules["ruleset"], one["in_force"]);
  EXPECT_EQ(ok_json(get("/api/v1/rulesets/default/history")).size(), 1u);
  expect_error(get("/api/v1/rulesets/999"), 404, "not_found");
  expect_error(get("/api/v1/rulesets/latest/rules"), 404, "not_found");
}

TEST_F(Api, GapReportIsAuditedForItsReader) {
  ok_json(post(query_path(), demo_case("fv-063-eetstoornis.json")));
  ok_json(post(query_path(), demo_case("fv-042-kleinschalig.json")));  // a gap, asked twice
  ok_json(post(query_path(), demo_case("fv-042-kleinschalig.json")));
  const json gaps = ok_json(get("/api/v1/reports/gaps"));
  ASSERT_TRUE(gaps["gaps"].is_array());
  std::set<std::string> cases;
  for (const auto& row : gaps["gaps"]) {
    EXPECT_EQ(row["cases"], row["case_ids"].size()) << row.dump();
    EXPECT_LE(row["open"], row["cases"]) << row.dump();
    EXPECT_TRUE(row["scope"] == "region" || row["scope"] == "national") << row.dump();
    for (const auto& id : row["case_ids"]) cases.insert(id.get<std::string>());
  }
  EXPECT_EQ(cases.count("2026-FV-042"), 1u);
  EXPECT_EQ(gaps["cases"], cases.size()) << "one signal per case, however often it was asked";
  const json records = ok_json(get("/api/v1/audit?action=gap_report&limit=1", "admin"))["records"];
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["actor"], "member-user");
}

TEST_F(Api, AuditRecordsListAndReadsAreThemselvesAudited) {
  ok_json(post(query_path(), demo_case("fv-080-pleegzorg.json")));
  const json list = ok_json(get("/api/v1/audit?limit=5", "admin"))["records"];
  ASSERT_FALSE(list.empty());
  EXPECT_LE(list.size(), 5u);
  const std::string id = std::to_string(list[0]["id"].get<long long>());
  ok_json(get("/api/v1/audit/" + id, "admin"));
  const json reads = ok_json(get("/api/v1/audit?action=audit_read&limit=1", "admin"))["records"];
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0]["actor"], "admin-user");
  expect_error(get("/api/v1/audit/999999", "admin"), 404, "not_found");
  expect_error(get("/api/v1/audit?limit=0", "admin"), 400, "invalid_input");
}

TEST_F(Api, AdminsManageTokensAndSecretsAreNeverListed) {
  auto created = post("/api/v1/tokens", R"({"name": "api-made", "role": "coordinator"})", "admin");
  ASSERT_EQ(created->status, 201) << created->body;
  const json token = json_of(created);
  const std::string secret = token["token"];
  EXPECT_EQ(client().Get("/api/v1/regions", bearer(secret))->status, 200);
  const auto listed = get("/api/v1/tokens", "admin");
  EXPECT_EQ(listed->body.find(secret), std::string::npos);
  expect_error(post("/api/v1/tokens", R"({"name": "api-made", "role": "member"})", "admin"), 409, "conflict");
  expect_error(post("/api/v1/tokens", R"({"name": "x", "role": "king"})", "admin"), 400, "invalid_input", "/role");
  const std::string id = std::to_string(token["id"].get<long long>());
  auto revoked = client().Delete(("/api/v1/tokens/" + id).c_str(), as("admin"));
  EXPECT_EQ(json_of(revoked)["revoked_at"].is_string(), true);
  expect_error(client().Get("/api/v1/regions", bearer(secret)), 401, "unauthenticated");
  expect_error(client().Delete(("/api/v1/tokens/" + id).c_str(), as("admin")), 404, "not_found");
}

// Answers may hold case data: no browser or proxy may keep them (docs/security.md). Every answer
// goes through the same two writers; checked on a 200, a refusal (400) and a 401.
TEST_F(Api, AnswersAreNeverCached) {
  for (const auto& [label, r, status] : {std::tuple{"regions", get("/api/v1/regions"), 200},
                                         std::tuple{"refusal", get("/api/v1/municipalities?region=JZ99"), 400},
                                         std::tuple{"no token", client().Get("/api/v1/regions"), 401}}) {
    ASSERT_TRUE(static_cast<bool>(r)) << label;
    EXPECT_EQ(r->status, status) << label;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << label;
  }
}

TEST_F(Api, TheLogHasNoCaseContentAndNoSecrets) {
  ok_json(post(query_path(), demo_case("fv-077-maatwerk.json")));
  // The server logs a request after its answer is sent: give it a moment.
  std::string log = server_->log();
  for (int i = 0; i < 100 && log.find("POST /api/v1/query 200") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    log = server_->log();
  }
  EXPECT_NE(log.find("POST /api/v1/query 200"), std::string::npos) << log;
  EXPECT_NE(log.find("member-user"), std::string::npos);
  for (const char* secret : {"2026-FV-077", "maatwerk", "RET Food Valley", "date="}) EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  for (const auto& role : api_roles()) EXPECT_EQ(log.find(db_->token(role)), std::string::npos);
}

// --- OpenAPI ------------------------------------------------------------------------------------

json repo_openapi() { return json::parse(read_text(std::string(PASSEND_SOURCE_DIR + "/apps/server/openapi.json"))); }

TEST_F(Api, ServesTheOpenApiDocumentOfTheRepository) {
  EXPECT_EQ(ok_json(get("/api/v1/openapi.json")), repo_openapi());
}

TEST(OpenApi, DocumentsExactlyTheRegisteredRoutesAndTheirRoles) {
  const json doc = repo_openapi();
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);
  std::set<std::string> documented, registered;
  for (const auto& [path, operations] : doc["paths"].items())
    for (const auto& [method, op] : operations.items()) {
      std::string upper = method;
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(upper + " " + path + " " + (op["x-passend-role"].is_null() ? "public" : op["x-passend-role"].get<std::string>()));
    }
  for (const auto& spec : passend::server::route_specs())
    registered.insert(spec.method + " " + spec.path + " " + (spec.role ? passend::server::role_name(*spec.role) : "public"));
  EXPECT_EQ(documented, registered);
}

// Every documented operation reaches a handler of the running server (no unknown_route).
TEST_F(Api, EveryDocumentedOperationIsServed) {
  const std::map<std::string, std::string> values = {
      {"/api/v1/regions/{code}", "JZ21"}, {"/api/v1/municipalities/{code}", "GM0228"}};
  const json openapi = repo_openapi();  // kept alive: items() of a temporary would dangle
  for (const auto& [path, operations] : openapi["paths"].items())
    for (const auto& [method, op] : operations.items()) {
      std::string concrete = path;
      if (auto at = concrete.find('{'); at != std::string::npos)
        concrete.replace(at, concrete.find('}') - at + 1, values.contains(path) ? values.at(path) : "999");
      httplib::Request req;
      for (auto ch : method) req.method += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      req.path = concrete;
      req.headers = as("admin");
      if (req.method == "POST" || req.method == "PUT") req.body = "[]";
      auto r = client().send(req);
      ASSERT_TRUE(r);
      EXPECT_FALSE(json::parse(r->body).is_object() && json::parse(r->body).value("code", "") == "unknown_route") << concrete;
      EXPECT_LT(r->status, 500) << method << " " << concrete << ": " << r->body;
    }
}

// --- parameter changes: a proposal, approved by a second contract manager; hot swap, restart ---
json points_params(int region_points) { return {{"rules", {{"in_region_first", {{"points", {{"region", region_points}}}}}}}}; }

class ApiParameters : public ::testing::Test {
 protected:
  ApiDatabase db;
  std::string second = db.create_token("contract_manager", "contractmanager-2");
  httplib::Result propose(ApiServerProcess& s, const json& body, const std::string& role = "contract_manager") {
    return s.client().Post("/api/v1/rulesets/default/proposals", bearer(db.token(role)), body.dump(), "application/json");
  }
  json change(ApiServerProcess& s, int region_points, const std::string& base, const std::string& comment = "x") {
    auto r = propose(s, {{"params", points_params(region_points)}, {"base", base}, {"comment", comment}});
    EXPECT_EQ(r->status, 201) << r->body;
    auto a = s.client().Post(("/api/v1/proposals/" + json_of(r)["proposal"].get<std::string>() + "/approve").c_str(),
                             bearer(second), R"({"from": "2026-01-01"})", "application/json");
    EXPECT_EQ(a->status, 200) << a->body;
    return json_of(a);
  }
  json query(ApiServerProcess& s) {
    auto r = s.client().Post(query_path().c_str(), bearer(db.token("member")), demo_case("fv-042-kleinschalig.json"),
                             "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    return json_of(r);
  }
  static std::string base() { return bundled_version(); }
};

TEST_F(ApiParameters, AnApprovedChangeBecomesANewVersionThatQueriesShow) {
  ApiServerProcess server(db.path());
  const json before = query(server);
  const json changed = change(server, 60, base(), "eigen regio zwaarder");
  EXPECT_EQ(changed["version"], base() + "+p2");
  EXPECT_NE(changed["hash"], before["ruleset"]["hash"]);
  const json after = query(server);
  EXPECT_EQ(after["ruleset"]["version"], changed["version"]);
  EXPECT_EQ(after["ruleset"]["hash"], changed["hash"]);
  const json last = json_of(server.client().Get("/api/v1/rulesets/default/history", bearer(db.token("member")))).back();
  EXPECT_EQ(last["comment"], "eigen regio zwaarder");
  EXPECT_EQ(last["approved_by"], "contractmanager-2");
  const auto audit = json_of(server.client().Get("/api/v1/audit?action=ruleset_approve", bearer(db.token("admin"))));
  ASSERT_EQ(audit["records"].size(), 1u);
  EXPECT_EQ(audit["records"][0]["actor"], "contractmanager-2");
}

TEST_F(ApiParameters, InvalidParametersAre400WithThePointerIntoTheBody) {
  ApiServerProcess server(db.path());
  json params = points_params(60);
  params["rules"]["in_region_first"]["points"]["region"] = "veel";
  expect_error(propose(server, {{"params", params}, {"base", base()}, {"comment", "x"}}), 400, "invalid_input",
               "/params/rules/in_region_first/points/region");
  expect_error(propose(server, {{"params", points_params(60)}, {"base", base()}, {"comment", ""}}), 400, "invalid_input", "/comment");
  expect_error(propose(server, {{"params", 3}, {"base", base()}, {"comment", "x"}}), 400, "invalid_input", "/params");
  expect_error(propose(server, {{"params", points_params(60)}, {"comment", "x"}}), 400, "invalid_input", "/base");
  EXPECT_EQ(change(server, 40, base())["version"], base() + "+p2") << "nothing stored: the second proposal after the default";
}

TEST_F(ApiParameters, QueriesInFlightFinishOnTheirVersionAndNoneFail) {
  ApiServerProcess server(db.path());
  const std::string old_hash = query(server)["ruleset"]["hash"];
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0}, done{0};
  std::set<std::string> seen;
  std::mutex seen_mutex;
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&] {
      auto c = server.client();
      while (!stop) {
        auto r = c.Post(query_path().c_str(), bearer(db.token("member")), demo_case("fv-042-kleinschalig.json"),
                        "application/json");
        if (!r || r->status != 200) {
          ++errors;
          continue;
        }
        std::lock_guard lock(seen_mutex);
        seen.insert(json::parse(r->body)["ruleset"]["hash"].get<std::string>());
        ++done;
      }
    });
  while (done < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const std::string new_hash = change(server, 70, base(), "onder belasting")["hash"];
  const int at_swap = done;
  while (done < at_swap + 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  for (auto& c : clients) c.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(seen, (std::set<std::string>{old_hash, new_hash}));
  EXPECT_EQ(query(server)["ruleset"]["hash"], new_hash);
}

TEST_F(ApiParameters, ARestartedServerUsesTheApprovedVersion) {
  std::string hash;
  {
    ApiServerProcess server(db.path());
    hash = change(server, 55, base())["hash"];
    EXPECT_EQ(server.stop(), 0);
  }
  ApiServerProcess again(db.path());
  EXPECT_EQ(query(again)["ruleset"]["hash"], hash);
  EXPECT_EQ(query(again)["ruleset"]["version"], base() + "+p2");
}

// --- allocation and reservations ---------------------------------------------------------

class ApiAllocation : public ::testing::Test {
 protected:
  ApiDatabase db;
  ApiServerProcess server{db.path()};
  httplib::Result allocate(const std::string& query, const std::string& role = "coordinator") {
    return server.client().Post(("/api/v1/allocate?network=EXN03&date=" + std::string(kDate) + query).c_str(),
                                bearer(db.token(role)), demo_case("allocation-boeg.json"), "application/json");
  }
  json reservations() {
    return json_of(server.client().Get((std::string("/api/v1/reservations?date=") + kDate).c_str(),
                                       bearer(db.token("coordinator"))))["reservations"];
  }
};

TEST_F(ApiAllocation, AllocatesWithTheCurrentRuleSetAndCommitsOnlyWhenAsked) {
  auto dry = allocate("");
  ASSERT_EQ(dry->status, 200) << dry->body;
  const json result = json_of(dry);
  EXPECT_EQ(result["network"], "EXN03");
  EXPECT_EQ(result["committed"], false);
  EXPECT_GT(result["placed"].get<int>(), 0);
  EXPECT_EQ(result["ruleset"], json_of(server.client().Get("/health"))["ruleset"]);
  EXPECT_FALSE(dry->get_header_value("X-Passend-Audit-Ids").empty());
  EXPECT_TRUE(reservations().empty());

  auto committed = allocate("&commit=true");
  ASSERT_EQ(committed->status, 200) << committed->body;
  EXPECT_EQ(json_of(committed)["committed"], true);
  const json held = reservations();
  EXPECT_EQ(held.size(), json_of(committed)["assignments"].size());
  // Again: the placed cases hold a place now and are skipped; the others are allocated again.
  auto again = allocate("&commit=true");
  ASSERT_EQ(again->status, 200) << again->body;
  const json second = json_of(again);
  EXPECT_EQ(second["skipped"].size(), held.size());
  for (const auto& s : second["skipped"]) EXPECT_EQ(s["code"], "already_placed") << s.dump();
  EXPECT_EQ(second["assignments"].size() + second["unassigned"].size() + second["skipped"].size(), second["cases"]);
  EXPECT_EQ(reservations().size(), held.size() + second["assignments"].size());
}

TEST_F(ApiAllocation, ReservationsAreTakenAndGivenBack) {
  const json offerings = json_of(server.client().Get("/api/v1/offerings", bearer(db.token("member"))))["offerings"];
  std::string offering;
  for (const auto& o : offerings)
    if (o["capacity"]["free"].get<int>() > 0) offering = o["id"];
  ASSERT_FALSE(offering.empty());
  const auto as_coordinator = bearer(db.token("coordinator"));
  const std::string path = std::string("/api/v1/reservations?date=") + kDate;
  const json body = {{"case", "2026-FV-901"}, {"offering", offering}};
  auto taken = server.client().Post(path.c_str(), as_coordinator, body.dump(), "application/json");
  ASSERT_EQ(taken->status, 201) << taken->body;
  const json reservation = json_of(taken)["reservation"];
  EXPECT_EQ(reservation["case"], "2026-FV-901");
  expect_error(server.client().Post(path.c_str(), as_coordinator, body.dump(), "application/json"), 409, "conflict");
  expect_error(server.client().Post(path.c_str(), as_coordinator, R"({"case": "x"})", "application/json"), 400,
               "invalid_input", "/offering");
  expect_error(server.client().Post(path.c_str(), bearer(db.token("member")), body.dump(), "application/json"), 403,
               "forbidden");
  ASSERT_EQ(reservations().size(), 1u);

  const std::string one = "/api/v1/reservations/" + std::to_string(reservation["id"].get<long long>());
  auto released = server.client().Delete(one.c_str(), as_coordinator);
  ASSERT_EQ(released->status, 200) << released->body;
  EXPECT_EQ(json_of(released)["action"], "release");
  EXPECT_TRUE(reservations().empty());
  expect_error(server.client().Delete(one.c_str(), as_coordinator), 404, "not_found");
}

TEST_F(ApiAllocation, RefusesBadRequests) {
  expect_error(allocate("", "member"), 403, "forbidden");
  expect_error(server.client().Post("/api/v1/allocate", bearer(db.token("coordinator")), "[]", "application/json"), 400,
               "invalid_input");
  expect_error(allocate("&commit=perhaps"), 400, "invalid_input");
}

// --- passend token -------------------------------------------------------------------------

TEST(TokenCommand, CreatesListsAndRevokesAndKeepsOnlyTheHash) {
  ApiDatabase db;
  const std::string secret = db.token("admin");
  EXPECT_EQ(secret.rfind("passend_", 0), 0u);
  EXPECT_EQ(secret.size(), 8u + 64u);
  const auto listed = run_passend({"token", "list", "--db", db.path(), "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const json tokens = json::parse(listed.out);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[3]["name"], "admin-user");
  EXPECT_EQ(tokens[3]["role"], "admin");
  EXPECT_EQ(listed.out.find(secret), std::string::npos);
  EXPECT_EQ(read_text(db.path()).find(secret), std::string::npos) << "the database keeps only the sha256";

  EXPECT_EQ(run_passend({"token", "create", "--db", db.path(), "--role", "king", "--name", "x"}).exit_code, 2);
  EXPECT_EQ(run_passend({"token", "create", "--db", db.path(), "--role", "member", "--name", "admin-user"}).exit_code, 4);
  EXPECT_EQ(run_passend({"token", "revoke", "--db", db.path(), "--id", "1"}).exit_code, 0);
  EXPECT_EQ(run_passend({"token", "revoke", "--db", db.path(), "--id", "1"}).exit_code, 2);
  EXPECT_FALSE(json::parse(run_passend({"token", "list", "--db", db.path(), "--format", "json"}).out)[0]["revoked_at"].is_null());
}

// --- one transaction per query ----------------------------------------------------------------

namespace {
int count_rows(const std::string& db_path, const std::string& sql) {
  passend::db::Database db(db_path, passend::db::Database::Mode::read_only);
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}
}  // namespace

// POST /query records the audit record, the case's gap signal and the case document kept for
// dry runs in one transaction: when keeping the document fails, neither the audit record nor
// the gap signal stays behind; when it succeeds, the kept document belongs to the audit record
// the answer names.
TEST(ApiQuery, TheAuditRecordGapSignalAndKeptDocumentAreWrittenTogetherOrNotAtAll) {
  ApiDatabase db;
  {
    passend::db::Database raw(db.path(), passend::db::Database::Mode::read_write);
    raw.exec("CREATE TRIGGER test_keeping_fails BEFORE INSERT ON replay_case "
             "BEGIN SELECT RAISE(ABORT, 'keeping the case document failed'); END");
  }
  ApiServerProcess server(db.path());
  const std::string gap_case = demo_case("fv-077-maatwerk.json");  // a gap: absent in JZ21
  expect_error(server.client().Post(query_path().c_str(), bearer(db.token("member")), gap_case, "application/json"), 500,
               "internal");
  EXPECT_EQ(count_rows(db.path(), "SELECT COUNT(*) FROM audit WHERE action = 'query'"), 0);
  EXPECT_EQ(count_rows(db.path(), "SELECT COUNT(*) FROM gap"), 0);
  EXPECT_EQ(count_rows(db.path(), "SELECT COUNT(*) FROM replay_case"), 0);

  {
    passend::db::Database raw(db.path(), passend::db::Database::Mode::read_write);
    raw.exec("DROP TRIGGER test_keeping_fails");
  }
  auto r = server.client().Post(query_path().c_str(), bearer(db.token("member")), gap_case, "application/json");
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : httplib::to_string(r.error()));
  const std::string audit_id = r->get_header_value("X-Passend-Audit-Id");
  EXPECT_EQ(count_rows(db.path(), "SELECT COUNT(*) FROM audit WHERE action = 'query' AND id = " + audit_id), 1);
  EXPECT_EQ(count_rows(db.path(), "SELECT COUNT(*) FROM gap WHERE audit_id = " + audit_id), 1);
  EXPECT_EQ(count_rows(db.path(), "SELECT COUNT(*) FROM replay_case WHERE audit_id = " + audit_id), 1);
}

// --- shutdown and static pages -------------------------------------------------------------

TEST(ApiProcess, StopsCleanlyOnSigintAndSigterm) {
  ApiDatabase db;
  for (int sig : {SIGTERM, SIGINT}) {
    ApiServerProcess server(db.path());
    EXPECT_EQ(server.client().Get("/health")->status, 200);
    EXPECT_EQ(server.stop(sig), 0) << server.log();
    EXPECT_NE(server.log().find("passend: stopped"), std::string::npos);
  }
}

TEST(ApiProcess, RefusesAPortInUse) {
  ApiDatabase db;
  ApiServerProcess first(db.path());
  auto r = run_passend({"serve", "--db", db.path(), "--port", std::to_string(first.port())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos) << r.err;
}

TEST(ApiProcess, ServesTheWebPagesWithoutAToken) {
  ApiDatabase db;
  // A data folder next to an apps/web folder, as PASSEND_DATA_DIR finds them.
  const auto root = db.dir().path() / "share";
  std::filesystem::create_directories(root / "apps/web");
  std::filesystem::copy(std::string(PASSEND_SOURCE_DIR + "/data"), root / "data", std::filesystem::copy_options::recursive);
  write_text(root / "apps/web/index.html", "<!doctype html><title>passend</title>");
  write_text(root / "apps/web/app.js", "console.log('passend');");
  ApiServerProcess server(db.path(), {}, {{"PASSEND_DATA_DIR", (root / "data").string()}});
  auto c = server.client();
  auto index = c.Get("/");
  ASSERT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<!doctype html><title>passend</title>");
  EXPECT_EQ(c.Get("/static/app.js")->body, "console.log('passend');");
  EXPECT_EQ(c.Get("/static/../../passend.db")->status, 404);
  expect_error(c.Get("/api/v1/regions"), 401, "unauthenticated");
}

}  // namespace
