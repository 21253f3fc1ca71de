// CASE.json validation: every problem reported with its JSON pointer; personal data refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "tests/support/paths.hpp"

using namespace passend;

namespace {
const std::string kData = std::string(PASSEND_SOURCE_DIR + "/data");
const RegionGraph& graph() {
  static const RegionGraph g(RegionData::load_bundled(kData));
  return g;
}
const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(kData);
  return v;
}

const char* kValid = R"({
  "id": "2026-FV-042", "age": 15, "municipality": "GM0228",
  "need": {"care_forms": ["small_scale_living", "family_home"], "expertise": ["autism", "trauma"],
           "urgency": "high", "max_wait_weeks": 4},
  "flags": ["aggression"],
  "preferences": {"identity": "protestant", "near_municipalities": ["GM0203"]},
  "history": {"rejected_by": ["prov-003"], "previous_providers": ["prov-011"], "breakdowns": ["prov-007", "prov-009"]},
  "legal": {"secure_authorisation": true, "measure": "ots"},
  "maatwerk": {"approved_by": "RET Food Valley", "date": "2026-11-20", "reason": "zeer specialistische zorg",
               "allow": ["non_contracted", "outside_region"]},
  "registered": "2026-10-01"
})";

// The full error text for a document derived from the valid one by a JSON merge patch.
std::string error_for(const std::string& patch) {
  auto doc = nlohmann::json::parse(kValid);
  doc.merge_patch(nlohmann::json::parse(patch));
  try {
    parse_case(doc, "case.json", vocabulary(), graph());
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(accepted)";
}
}  // namespace

TEST(CaseJson, TheContractExampleIsAccepted) {
  Case c = parse_case(nlohmann::json::parse(kValid), "case.json", vocabulary(), graph());
  EXPECT_EQ(c.id, "2026-FV-042");
  EXPECT_EQ(c.care_forms, (std::vector<std::string>{"small_scale_living", "family_home"}));
  EXPECT_EQ(c.max_wait_weeks, 4);
  ASSERT_TRUE(c.maatwerk);
  EXPECT_EQ(c.maatwerk->allow, (std::vector<std::string>{"non_contracted", "outside_region"}));
  EXPECT_EQ(c.registered->str(), "2026-10-01");
  EXPECT_EQ(c.breakdowns, (std::vector<std::string>{"prov-007", "prov-009"}));
  EXPECT_EQ(c.previous_providers, (std::vector<std::string>{"prov-011"}));
  EXPECT_TRUE(c.legal.secure_authorisation);
  EXPECT_EQ(c.legal.measure, "ots");
}

TEST(CaseJson, HistoryAndLegalAreOptional) {
  auto doc = nlohmann::json::parse(kValid);
  doc.erase("legal");
  doc["history"].erase("breakdowns");
  Case c = parse_case(doc, "case.json", vocabulary(), graph());
  EXPECT_TRUE(c.breakdowns.empty());
  EXPECT_FALSE(c.legal.secure_authorisation);
  EXPECT_EQ(c.legal.measure, "") << "not given is not the same as none";
  doc["legal"] = {{"measure", "none"}};
  EXPECT_EQ(parse_case(doc, "case.json", vocabulary(), graph()).legal.measure, "none");
  for (const char* measure : {"voogdij", "jeugdreclassering"}) {
    doc["legal"]["measure"] = measure;
    EXPECT_EQ(parse_case(doc, "case.json", vocabulary(), graph()).legal.measure, measure);
  }
}

TEST(CaseJson, AgesRunFromZeroTo23) {
  EXPECT_EQ(error_for(R"({"age": 23})"), "(accepted)");
  EXPECT_EQ(error_for(R"({"age": 0})"), "(accepted)");
  EXPECT_EQ(error_for(R"({"age": 24})"), "case.json: /age: must be between 0 and 23, got 24");
  EXPECT_EQ(error_for(R"({"age": -1})"), "case.json: /age: must be between 0 and 23, got -1");
}

struct ErrorRow {
  const char* label;
  const char* patch;
  const char* message;
};

class CaseErrors : public ::testing::TestWithParam<ErrorRow> {};

TEST_P(CaseErrors, NamesThePointerAndTheProblem) { EXPECT_EQ(error_for(GetParam().patch), GetParam().message); }

INSTANTIATE_TEST_SUITE_P(
    Validation, CaseErrors,
    ::testing::Values(
        ErrorRow{"unknown_care_form", R"({"need": {"care_forms": ["kleinschalig"]}})",
                 "case.json: /need/care_forms/0: unknown care form 'kleinschalig'; expected one of ambulant, ambulant_intensive, "
                 "day_treatment, foster_care, family_home, small_scale_living, residential, secure_residential, crisis"},
        ErrorRow{"unknown_expertise", R"({"need": {"expertise": ["autisme"]}})", "case.json: /need/expertise/0: unknown expertise 'autisme'"},
        ErrorRow{"unknown_flag", R"({"flags": ["fire"]})",
                 "case.json: /flags/0: unknown flag 'fire'; expected one of aggression, sexually_harmful_behaviour, arson, "
                 "active_addiction, absconding, acute_suicidality, severe_self_harm"},
        ErrorRow{"unknown_municipality", R"({"municipality": "GM9999"})",
                 "case.json: /municipality: unknown municipality 'GM9999'; expected a CBS code such as GM0228"},
        ErrorRow{"age_type", R"({"age": "15"})", "case.json: /age: expected an integer, got a string"},
        ErrorRow{"age_range", R"({"age": 30})", "case.json: /age: must be between 0 and 23, got 30"},
        ErrorRow{"urgency", R"({"need": {"urgency": "asap"}})", "case.json: /need/urgency: unknown urgency 'asap'; expected one of crisis, high, normal"},
        ErrorRow{"no_care_forms", R"({"need": {"care_forms": []}})", "case.json: /need/care_forms: at least one care form is required"},
        ErrorRow{"missing_id", R"({"id": null})", "case.json: /id: required field is missing"},
        ErrorRow{"unknown_field", R"({"diagnosis": "x"})", "case.json: /diagnosis: unknown field 'diagnosis'"},
        ErrorRow{"bad_date", R"({"registered": "2026-02-30"})", "case.json: /registered: invalid date '2026-02-30'; expected YYYY-MM-DD"},
        ErrorRow{"maatwerk_allow", R"({"maatwerk": {"allow": ["everything"]}})",
                 "case.json: /maatwerk/allow/0: unknown maatwerk exception 'everything'; expected one of non_contracted, outside_region"},
        ErrorRow{"maatwerk_who", R"({"maatwerk": {"approved_by": null}})", "case.json: /maatwerk/approved_by: required field is missing"},
        ErrorRow{"name_refused", R"({"name": "Jan Jansen"})",
                 "case.json: /name: personal data is refused: passend works with pseudonymous case ids only (field 'name')"},
        ErrorRow{"nested_bsn", R"({"history": {"bsn": "123456782"}})",
                 "case.json: /history/bsn: personal data is refused: passend works with pseudonymous case ids only (field 'bsn')"},
        ErrorRow{"bsn_in_text", R"({"maatwerk": {"reason": "zie dossier 111222333"}})",
                 "case.json: /maatwerk/reason: personal data is refused: the text holds a BSN-like number"},
        ErrorRow{"bsn_in_id", R"({"id": "1234.56.782"})", "case.json: /id: personal data is refused: the text holds a BSN-like number"},
        ErrorRow{"breakdown_id", R"({"history": {"breakdowns": ["prov 7"]}})", "case.json: /history/breakdowns/0: unknown provider id 'prov 7'"},
        ErrorRow{"breakdown_and_previous", R"({"history": {"breakdowns": ["prov-011"]}})",
                 "case.json: /history/breakdowns/0: provider 'prov-011' is also in previous_providers, which holds providers "
                 "known without a breakdown; name it in one of the two"},
        ErrorRow{"unknown_measure", R"({"legal": {"measure": "ondertoezichtstelling"}})",
                 "case.json: /legal/measure: unknown measure 'ondertoezichtstelling'; expected one of none, ots, voogdij, jeugdreclassering"},
        ErrorRow{"measure_type", R"({"legal": {"measure": true}})", "case.json: /legal/measure: expected a string, got a boolean"},
        ErrorRow{"authorisation_type", R"({"legal": {"secure_authorisation": "ja"}})",
                 "case.json: /legal/secure_authorisation: expected a boolean, got a string"},
        ErrorRow{"legal_unknown_field", R"({"legal": {"judge": "x"}})", "case.json: /legal/judge: unknown field 'judge'"},
        ErrorRow{"legal_type", R"({"legal": ["ots"]})", "case.json: /legal: expected an object, got an array"},
        ErrorRow{"maatwerk_reason_postcode", R"({"maatwerk": {"reason": "gezin verhuist naar 6711 AB"}})",
                 "case.json: /maatwerk/reason: personal data is refused: the text holds a postcode"},
        ErrorRow{"case_id_name", R"({"id": "Jan Jansen"})",
                 "case.json: /id: a case id is 1-64 letters, digits, '-', '_' or '.': a pseudonym, never a name"}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(CaseJson, ReportsEveryProblemAtOnce) {
  std::string err = error_for(R"({"age": "x", "flags": ["fire"], "postcode": "6711AA"})");
  EXPECT_NE(err.find("case.json: /age:"), std::string::npos) << err;
  EXPECT_NE(err.find("case.json: /flags/0:"), std::string::npos) << err;
  EXPECT_NE(err.find("case.json: /postcode: personal data is refused"), std::string::npos) << err;
}

// The maatwerk date is checked against the reference date of the query or allocation.
TEST(CaseJson, AMaatwerkApprovedAfterTheReferenceDateIsInvalid) {
  const Case c = parse_case(nlohmann::json::parse(kValid), "case.json", vocabulary(), graph());  // approved 2026-11-20
  EXPECT_NO_THROW(check_case_on(c, *Date::parse("2026-11-20"), "case.json")) << "approved that same day";
  EXPECT_NO_THROW(check_case_on(c, *Date::parse("2026-11-26"), "case.json"));
  try {
    check_case_on(c, *Date::parse("2026-11-19"), "case.json");
    FAIL() << "accepted";
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(),
                 "case.json: /maatwerk/date: approval date 2026-11-20 lies after the reference date 2026-11-19; maatwerk "
                 "counts only once the RET has approved it");
  }
  Case without = c;
  without.maatwerk.reset();
  EXPECT_NO_THROW(check_case_on(without, *Date::parse("2000-01-01"), "case.json"));
}

TEST(CaseJson, SyntaxErrorsNameLineAndColumn) {
  try {
    parse_json_text("{\n  \"id\": \"x\",\n  oops\n}", "case.json");
    FAIL() << "accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()).rfind("case.json:3:3: invalid JSON: syntax error", 0), 0u) << e.what();
  }
}
