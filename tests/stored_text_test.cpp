// One privacy check (core/privacy.hpp) for every free text passend stores besides case
// documents: token labels, --actor, rule-set change comments. Refused with the field named, by
// the CLI (exit 2) and the HTTP API (400 with a pointer) alike, and nothing is kept.
#include <gtest/gtest.h>

#include "providers/sqlite.hpp"
#include "tests/support/api_server.hpp"
#include "tests/support/paths.hpp"

namespace passend::testing {
namespace {

using nlohmann::json;

const std::pair<const char*, const char*> kTyped[] = {
    {"Jan de Vries, Kerkstraat 12", "a street address"},
    {"team 6711 AB", "a postcode"},
    {"bereikbaar 06-12345678", "a phone number"},
    {"geboren 4 maart 2011", "a full date"},
    {"BSN 1234.56.782", "a BSN-like number"},
    {"ouder@example.org", "an e-mail address"},
};

int count(const std::string& path, const std::string& sql) {
  db::Database db(path, db::Database::Mode::read_only);
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

int token_count(const std::string& db) { return count(db, "SELECT COUNT(*) FROM api_token"); }

TEST(StoredTextCli, TokenLabelsWithPersonalDataAreExit2NamingName) {
  ApiDatabase db;
  const int before = token_count(db.path());
  for (const auto& [label, kind] : kTyped) {
    auto r = run_passend({"token", "create", "--db", db.path(), "--role", "member", "--name", label});
    EXPECT_EQ(r.exit_code, 2) << label;
    EXPECT_NE(r.err.find(std::string("--name: personal data is refused: the text holds ") + kind), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find(label), std::string::npos) << "the message repeats the text: " << r.err;
  }
  EXPECT_EQ(token_count(db.path()), before);
  EXPECT_EQ(run_passend({"token", "create", "--db", db.path(), "--role", "member", "--name", "team Ede 2"}).exit_code, 0);
}

TEST(StoredTextCli, AnActorWithPersonalDataIsExit2NamingActor) {
  ApiDatabase db;
  const std::string case_file = std::string(PASSEND_SOURCE_DIR) + "/data/demo/cases/fv-042-kleinschalig.json";
  const int audits = count(db.path(), "SELECT COUNT(*) FROM audit");
  for (const auto& [actor, kind] : kTyped) {
    auto r = run_passend({"query", "--db", db.path(), "--case", case_file, "--date", "2026-11-26", "--actor", actor});
    EXPECT_EQ(r.exit_code, 2) << actor;
    EXPECT_NE(r.err.find(std::string("--actor: personal data is refused: the text holds ") + kind), std::string::npos)
        << r.err;
  }
  auto ctrl = run_passend({"reserve", "--db", db.path(), "--case", "C-1", "--offering", "x", "--actor", "a\nb"});
  EXPECT_EQ(ctrl.exit_code, 2);
  EXPECT_NE(ctrl.err.find("--actor: control characters are refused"), std::string::npos) << ctrl.err;
  EXPECT_EQ(count(db.path(), "SELECT COUNT(*) FROM audit"), audits) << "a refused actor leaves no record";
  EXPECT_EQ(run_passend({"query", "--db", db.path(), "--case", case_file, "--date", "2026-11-26", "--actor", "rtm-ede"})
                .exit_code,
            0);
}

class StoredTextApi : public SuiteApiServer<StoredTextApi> {
 protected:
  static void expect_refused(const httplib::Result& r, const std::string& pointer, const std::string& kind) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    const json j = json::parse(r->body);
    EXPECT_EQ(j.value("code", ""), "invalid_input") << r->body;
    EXPECT_EQ(j.value("pointer", ""), pointer) << r->body;
    EXPECT_EQ(j.value("message", ""), "personal data is refused: the text holds " + kind) << r->body;
  }
};

TEST_F(StoredTextApi, TokenLabelsWithPersonalDataAre400AtName) {
  const int before = token_count(db_->path());
  for (const auto& [label, kind] : kTyped) {
    const json body = {{"name", label}, {"role", "member"}};
    expect_refused(server_->client().Post("/api/v1/tokens", bearer(db_->token("admin")), body.dump(), "application/json"),
                   "/name", kind);
  }
  EXPECT_EQ(token_count(db_->path()), before);
}

TEST_F(StoredTextApi, ParameterCommentsWithPersonalDataAre400AtComment) {
  auto client = server_->client();
  const auto current = client.Get("/api/v1/rulesets/default", bearer(db_->token("member")));
  ASSERT_TRUE(current && current->status == 200);
  const std::string base = json::parse(current->body)["head"]["version"];
  const json params = {{"rules", {{"distance", {{"max_km", 60}}}}}};
  const int proposals = count(db_->path(), "SELECT COUNT(*) FROM ruleset_proposal");
  for (const auto& [comment, kind] : kTyped) {
    const json body = {{"params", params}, {"base", base}, {"comment", std::string("gesprek met ") + comment}};
    expect_refused(client.Post("/api/v1/rulesets/default/proposals", bearer(db_->token("contract_manager")), body.dump(),
                               "application/json"),
                   "/comment", kind);
  }
  EXPECT_EQ(count(db_->path(), "SELECT COUNT(*) FROM ruleset_proposal"), proposals);
}

}  // namespace
}  // namespace passend::testing
