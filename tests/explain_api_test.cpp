// POST /api/v1/explain on the real server: one offering's whole verdict for a case, as the
// query route gives it; audited; 400 naming the query parameter for a bad offering.
#include <gtest/gtest.h>

#include "tests/support/api_server.hpp"

namespace {
using nlohmann::json;
using passend::testing::ApiDatabase;
using passend::testing::ApiServerProcess;
using passend::testing::bearer;
using passend::testing::json_of;
using passend::testing::read_text;

class ExplainApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new ApiDatabase();
    server_ = new ApiServerProcess(db_->path(), {"--quiet"});
    case_ = read_text(PASSEND_SOURCE_DIR + "/data/demo/cases/fv-042-kleinschalig.json");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
  }
  static httplib::Result post(const std::string& path) {
    return server_->client().Post(path, bearer(db_->token("member")), case_, "application/json");
  }
  static ApiDatabase* db_;
  static ApiServerProcess* server_;
  static std::string case_;
};
ApiDatabase* ExplainApi::db_ = nullptr;
ApiServerProcess* ExplainApi::server_ = nullptr;
std::string ExplainApi::case_;

TEST_F(ExplainApi, GivesEveryOfferingOfTheQueryAsTheQueryShowsIt) {
  auto q = post("/api/v1/query?date=2026-11-26");
  ASSERT_EQ(q->status, 200) << q->body;
  const json query = json_of(q);
  ASSERT_FALSE(query["candidates"].empty());
  ASSERT_FALSE(query["excluded"].empty());
  for (const auto& c : query["candidates"]) {
    auto r = post("/api/v1/explain?date=2026-11-26&offering=" + c["offering"].get<std::string>());
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_TRUE(r->has_header("X-Passend-Audit-Id"));
    json e = json_of(r);
    EXPECT_EQ(e["shown_in"], "candidates");
    EXPECT_EQ(e["ruleset"], query["ruleset"]);
    json verdict = e["verdict"];
    verdict.erase("exclusions");
    EXPECT_EQ(verdict, c);
  }
  for (const auto& x : query["excluded"]) {
    auto r = post("/api/v1/explain?date=2026-11-26&offering=" + x["offering"].get<std::string>());
    ASSERT_EQ(r->status, 200) << r->body;
    json e = json_of(r);
    EXPECT_EQ(e["shown_in"], "excluded");
    EXPECT_EQ(e["outcome"], "excluded");
    EXPECT_EQ(e["verdict"]["exclusions"], x["exclusions"]);
  }
}

TEST_F(ExplainApi, RefusesAMissingOrUnknownOfferingNamingTheQueryParameter) {
  auto missing = post("/api/v1/explain?date=2026-11-26");
  ASSERT_EQ(missing->status, 400);
  EXPECT_EQ(json_of(missing)["message"], "query parameter offering: the offering id is required");
  auto unknown = post("/api/v1/explain?date=2026-11-26&offering=nope");
  ASSERT_EQ(unknown->status, 400);
  EXPECT_EQ(json_of(unknown)["code"], "invalid_input");
  EXPECT_EQ(json_of(unknown)["message"], "query parameter offering: unknown offering 'nope': the registry does not hold it");
}

}  // namespace
