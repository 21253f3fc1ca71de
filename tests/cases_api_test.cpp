// Case records and the waiting list over real HTTP (docs/api.md, "Cases and the waiting list"):
// a Food Valley member follows its case from registration to closure, refusals feed the next
// query, a full place is 409; another region's member gets 403 out_of_scope in Dutch; the BOEG
// coordinator allocates from its waiting list, and the tab that commits a proposal that no
// longer holds gets 409 saying in Dutch what happened, with the providers' names.
#include <gtest/gtest.h>

#include "tests/support/api_server.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* kDate = "2026-11-26";

std::string demo_case(const std::string& name) {
  return read_text(std::string(PASSEND_SOURCE_DIR) + "/data/demo/cases/" + name);
}

class CasesApi : public SuiteApiServer<CasesApi> {
 protected:
  static void SetUpTestSuite() {
    SuiteApiServer<CasesApi>::SetUpTestSuite();
    auto scoped = [](const std::string& role, const std::string& name, const std::string& option, const std::string& id) {
      auto r = run_passend({"token", "create", "--db", db_->path(), "--role", role, "--name", name, option, id});
      if (r.exit_code != 0) throw std::runtime_error(r.err);
      tokens_[name] = r.out.substr(0, r.out.find('\n'));
    };
    scoped("member", "RET Food Valley", "--region", "JZ21");
    scoped("member", "RET West-Friesland", "--region", "JZ05");
    scoped("coordinator", "BOEG", "--network", "EXN03");
    scoped("coordinator", "BEN Noord-Holland", "--network", "EXN05");
  }
  static httplib::Headers as(const std::string& who) {
    auto it = tokens_.find(who);
    return bearer(it != tokens_.end() ? it->second : db_->token(who));
  }
  static httplib::Result get(const std::string& path, const std::string& who) {
    return server_->client().Get(path.c_str(), as(who));
  }
  static httplib::Result post(const std::string& path, const std::string& body, const std::string& who) {
    return server_->client().Post(path.c_str(), as(who), body, "application/json");
  }
  static json ok(const httplib::Result& r, int status = 200) {
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, status) << r->body;
    return json::parse(r->body);
  }
  static void expect_error(const httplib::Result& r, int status, const std::string& code, const std::string& message,
                           const std::string& pointer = "") {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    const json body = json::parse(r->body);
    EXPECT_EQ(body.value("code", ""), code) << r->body;
    EXPECT_NE(body.value("message", "").find(message), std::string::npos) << r->body;
    if (!pointer.empty()) {
      EXPECT_EQ(body.value("pointer", ""), pointer) << r->body;
    }
  }
  inline static std::map<std::string, std::string> tokens_;
};

TEST_F(CasesApi, AMemberFollowsItsCaseFromRegistrationToClosure) {
  const std::string fv = "RET Food Valley";
  auto opened = post("/api/v1/cases?date=2026-11-20", demo_case("fv-042-kleinschalig.json"), fv);
  const json record = ok(opened, 201);
  EXPECT_EQ(record["status"], "aangemeld");
  EXPECT_EQ(record["timeline"][0]["actor"], fv);
  EXPECT_FALSE(opened->get_header_value("X-Passend-Audit-Id").empty());

  const json advice = ok(post(std::string("/api/v1/query?date=") + kDate, demo_case("fv-042-kleinschalig.json"), fv));
  const std::string plan_a = advice["plan_a"]["offering"], provider_a = advice["plan_a"]["provider"];

  expect_error(post("/api/v1/cases/2026-FV-042/advice",
                    json({{"plan_a", "nope"}, {"regie", "RET"}, {"follow_up", "2027-01-10"}}).dump(), fv),
               400, "invalid_input", "is not among the candidates of passend's latest advice", "/plan_a");
  expect_error(post("/api/v1/cases/2026-FV-042/advice",
                    json({{"plan_a", plan_a}, {"regie", "RET"}, {"follow_up", "2027-01-10"}, {"naam", "x"}}).dump(), fv),
               400, "invalid_input", "unknown field", "/naam");
  expect_error(post("/api/v1/cases/2026-FV-042/advice",
                    json({{"plan_a", plan_a}, {"regie", "bel 0612345678"}, {"follow_up", "2027-01-10"}}).dump(), fv),
               400, "invalid_input", "personal data is refused", "/regie");
  const json advised = ok(post("/api/v1/cases/2026-FV-042/advice?date=2026-11-26",
                               json({{"plan_a", plan_a}, {"regie", "casusregie wijkteam, procesregie RET"},
                                     {"agreements", {"intake binnen twee weken"}}, {"follow_up", "2027-01-10"}})
                                   .dump(),
                               fv));
  EXPECT_EQ(advised["status"], "advies");

  const json refused = ok(post("/api/v1/cases/2026-FV-042/responses?date=2026-11-27",
                               json({{"offering", plan_a}, {"refuse", "group_composition"}}).dump(), fv));
  EXPECT_EQ(refused["timeline"].back()["reason_label"], "past niet in de groepssamenstelling");
  const json again = ok(post("/api/v1/query?date=2026-11-27", demo_case("fv-042-kleinschalig.json"), fv));
  for (const auto& c : again["candidates"]) EXPECT_NE(c["provider"], provider_a) << "a provider that said no is not proposed";

  expect_error(post("/api/v1/cases/2026-FV-042/responses", json({{"offering", "prov-021-renkum-gh"}, {"accept", true}}).dump(), fv),
               409, "conflict", "no free place at prov-021-renkum-gh");
  expect_error(post("/api/v1/cases/2026-FV-042/responses", json({{"offering", "prov-021-renkum-gh"}}).dump(), fv), 400,
               "invalid_input", "either \"accept\": true or \"refuse\"", "/accept");
  expect_error(get("/api/v1/cases/2026-FV-999", fv), 404, "not_found", "no case record '2026-FV-999'");

  // Another region's member reaches neither the case nor its steps.
  expect_error(get("/api/v1/cases/2026-FV-042", "RET West-Friesland"), 403, "out_of_scope",
               "casus 2026-FV-042 uit regio JZ21 (Food Valley) ligt buiten de scope van dit token: regio JZ05");
  expect_error(post("/api/v1/cases/2026-FV-042/closure", json({{"outcome", "anders"}}).dump(), "RET West-Friesland"), 403,
               "out_of_scope", "regio JZ05");
  expect_error(get("/api/v1/cases?region=JZ21", "RET West-Friesland"), 403, "out_of_scope", "regio JZ05");
  EXPECT_TRUE(ok(get("/api/v1/cases", "RET West-Friesland"))["cases"].empty());
  expect_error(post("/api/v1/cases", demo_case("fv-042-kleinschalig.json"), "RET West-Friesland"), 403, "out_of_scope",
               "uit regio JZ21");

  const json list = ok(get("/api/v1/cases?date=2027-01-11&overdue=true", fv));
  ASSERT_EQ(list["cases"].size(), 1u);
  EXPECT_EQ(list["cases"][0]["id"], "2026-FV-042");
  EXPECT_EQ(list["cases"][0]["overdue"], true);

  const json closed = ok(post("/api/v1/cases/2026-FV-042/closure?date=2026-12-01",
                              json({{"outcome", "afgeschaald"}, {"note", "ambulante hulp volstaat"}}).dump(), fv));
  EXPECT_EQ(closed["status"], "gesloten");
  std::vector<std::string> path;
  const json shown = ok(get("/api/v1/cases/2026-FV-042", fv));
  for (const auto& e : shown["timeline"]) path.push_back(e["event"]);
  EXPECT_EQ(path, (std::vector<std::string>{"registered", "advised", "refused", "closed"}));
}

TEST_F(CasesApi, TheCoordinatorAllocatesFromTheWaitingListAndTheLosingTabIsToldWhy) {
  for (const auto& c : json::parse(demo_case("allocation-boeg.json"))) {
    ok(post("/api/v1/cases?date=2026-11-20", c.dump(), "member"), 201);
    ok(post("/api/v1/cases/" + c["id"].get<std::string>() + "/referral?date=2026-11-21", json({{"network", "EXN03"}}).dump(),
            "member"));
  }
  const json list = ok(get("/api/v1/networks/EXN03/waiting-list", "BOEG"));
  EXPECT_EQ(list["cases"].size(), 6u);
  expect_error(get("/api/v1/networks/EXN03/waiting-list", "BEN Noord-Holland"), 403, "out_of_scope",
               "de wachtlijst van netwerk EXN03");
  expect_error(get("/api/v1/networks/EXN03/waiting-list", "member"), 403, "forbidden", "");
  expect_error(get("/api/v1/networks/EXN99/waiting-list", "BOEG"), 404, "not_found", "no network 'EXN99'");

  const std::string allocate = std::string("/api/v1/networks/EXN03/waiting-list/allocate?date=") + kDate;
  const json proposal = ok(post(allocate, "", "BOEG"));
  EXPECT_EQ(proposal["source"], "waiting_list");
  ASSERT_EQ(proposal["placed"], 3);
  json expected = json::array();
  for (const auto& a : proposal["assignments"]) expected.push_back({{"case", a["case"]}, {"offering", a["offering"]}});
  const std::string body = json({{"expected", expected}}).dump();

  // Two tabs show the same proposal; the first commits it, the second's commit no longer holds.
  const json committed = ok(post(allocate + "&commit=true", body, "BOEG"));
  EXPECT_EQ(committed["committed"], true);
  EXPECT_EQ(committed["placed"], 3);
  auto lost = post(allocate + "&commit=true", body, "coordinator");
  expect_error(lost, 409, "conflict", "Het voorstel is niet meer actueel en is niet vastgelegd: casus ");
  EXPECT_NE(json::parse(lost->body)["message"].get<std::string>().find("staat niet meer op de wachtlijst (inmiddels "
                                                                        "geplaatst bij "),
            std::string::npos)
      << lost->body;

  const json left = ok(get("/api/v1/networks/EXN03/waiting-list", "BOEG"));
  EXPECT_EQ(left["cases"].size(), 3u);
  const json fresh = ok(post(allocate, "", "BOEG"));
  EXPECT_EQ(fresh["placed"], 0) << "the places are taken; the proposal is for the cases still waiting";
  EXPECT_EQ(fresh["cases"], 3);
  const json placed = ok(get("/api/v1/cases/" + committed["assignments"][0]["case"].get<std::string>(), "BOEG"));
  EXPECT_EQ(placed["status"], "geplaatst");
  EXPECT_EQ(placed["timeline"].back()["actor"], "BOEG");
}

TEST_F(CasesApi, TheFlowReportAsJsonAndCsv) {
  json c = json::parse(demo_case("fv-080-pleegzorg.json"));
  c["id"] = "2026-FV-777";
  ok(post("/api/v1/cases", c.dump(), "member"), 201);
  const json report = ok(get("/api/v1/reports/flow", "member"));
  ASSERT_TRUE(report["regions"].is_array());
  EXPECT_GE(report["totals"]["cases"].get<int>(), 1);
  auto csv = get("/api/v1/reports/flow?format=csv", "member");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("regel,regio,regionaam,casussen,", 0), 0u) << csv->body;
  const json scoped = ok(get("/api/v1/reports/flow", "RET West-Friesland"));
  EXPECT_TRUE(scoped["regions"].empty()) << "a scoped member sees its own region's cases only";
  expect_error(get("/api/v1/reports/flow?format=xml", "member"), 400, "invalid_input", "expected json or csv");
}

}  // namespace
