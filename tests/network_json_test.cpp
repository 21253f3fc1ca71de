// NETWORK.json validation: every rule, each with the exact message a contract manager reads.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "tests/support/registry_fixtures.hpp"
#include "tests/support/paths.hpp"

using namespace passend;
using namespace passend::testing;
using nlohmann::json;

namespace {

// One change to the valid base document: set a value at a JSON pointer, or remove it.
struct Edit {
  std::string pointer;
  std::optional<json> value;  // nothing: remove
};

struct BrokenDocument {
  std::string name;
  std::vector<Edit> edits;
  std::vector<std::string> expected;  // every issue, formatted, in order
};

Edit set(std::string pointer, json value) { return {std::move(pointer), std::move(value)}; }
Edit drop(std::string pointer) { return {std::move(pointer), std::nullopt}; }

json apply(json doc, const std::vector<Edit>& edits) {
  for (const auto& e : edits) {
    json::json_pointer p(e.pointer);
    if (e.value) {
      doc[p] = *e.value;
    } else {
      doc[p.parent_pointer()].erase(p.back());
    }
  }
  return doc;
}

std::vector<std::string> issues_of(const json& doc) {
  try {
    parse(doc);
  } catch (const InvalidInput& e) {
    std::vector<std::string> out;
    for (const auto& i : e.issues()) out.push_back(i.format());
    return out;
  }
  return {};
}

const std::string O = "network.json: /providers/0/locations/0/offerings/0";  // the first offering
const std::string CARE_FORMS =
    "ambulant, ambulant_intensive, day_treatment, foster_care, family_home, small_scale_living, residential, "
    "secure_residential, crisis";

std::vector<BrokenDocument> broken_documents() {
  return {
      {"missing providers", {drop("/providers")}, {"network.json: /providers: required field is missing"}},
      {"no providers",
       {set("/providers", json::array())},
       {"network.json: /providers: the network has no providers; an import replaces the whole registry, so at least one "
        "is required"}},
      {"providers not an array", {set("/providers", json::object())}, {"network.json: /providers: expected an array, got an object"}},
      {"unknown top-level field", {set("/version", 2)}, {"network.json: /version: unknown field 'version'"}},
      {"provider not an object", {set("/providers/1", "prov-2")}, {"network.json: /providers/1: expected an object, got a string"}},
      {"provider id a number", {set("/providers/0/id", 17)}, {"network.json: /providers/0/id: expected a string, got an integer"}},
      {"provider id with a space",
       {set("/providers/0/id", "prov 1")},
       {"network.json: /providers/0/id: invalid provider id 'prov 1': use 1-64 letters, digits, '-', '_' or '.'"}},
      {"duplicate provider id",
       {set("/providers/1/id", "prov-1")},
       {"network.json: /providers/1/id: duplicate provider id 'prov-1'; first used at /providers/0/id"}},
      {"provider without name", {drop("/providers/0/name")}, {"network.json: /providers/0/name: required field is missing"}},
      {"empty provider name", {set("/providers/0/name", "  ")}, {"network.json: /providers/0/name: must not be empty"}},
      {"in_network as text", {set("/providers/0/in_network", "yes")}, {"network.json: /providers/0/in_network: expected a boolean, got a string"}},
      {"typo in a field name",
       {set("/providers/0/in_netwerk", true)},
       {"network.json: /providers/0/in_netwerk: unknown field 'in_netwerk'; did you mean 'in_network'?"}},
      {"provider without locations",
       {drop("/providers/1/locations")},
       {"network.json: /providers/1/locations: required field is missing"}},
      {"unknown contract region",
       {set("/providers/0/contracts/0/region", "JZ99")},
       {"network.json: /providers/0/contracts/0/region: unknown region 'JZ99'; expected a jeugdregio code such as JZ21 or a "
        "network code such as EXN03"}},
      {"unknown lot",
       {set("/providers/0/contracts/0/lot", "wonen")},
       {"network.json: /providers/0/contracts/0/lot: unknown lot 'wonen'; expected one of ambulant, verblijf, veiligheid, "
        "crisis, specialistisch"}},
      {"unknown status",
       {set("/providers/0/contracts/0/status", "paused")},
       {"network.json: /providers/0/contracts/0/status: unknown status 'paused'; expected one of active, suspended, ended"}},
      {"invalid from date",
       {set("/providers/0/contracts/0/from", "2024-02-30")},
       {"network.json: /providers/0/contracts/0/from: invalid date '2024-02-30'; expected YYYY-MM-DD"}},
      {"until before from",
       {set("/providers/0/contracts/0/until", "2023-12-31")},
       {"network.json: /providers/0/contracts/0/until: until 2023-12-31 is before from 2024-01-01"}},
      {"contract without until",
       {drop("/providers/0/contracts/0/until")},
       {"network.json: /providers/0/contracts/0/until: required field is missing"}},
      {"duplicate contract",
       {set("/providers/0/contracts/1/region", "JZ21"), set("/providers/0/contracts/1/lot", "verblijf")},
       {"network.json: /providers/0/contracts/1: duplicate contract for region JZ21, lot verblijf from 2024-01-01; first "
        "used at /providers/0/contracts/0"}},
      {"unknown municipality",
       {set("/providers/0/locations/0/municipality", "GM9999")},
       {"network.json: /providers/0/locations/0/municipality: unknown municipality 'GM9999'; expected a CBS code such as "
        "GM0228"}},
      {"duplicate location id across providers",
       {set("/providers/1/locations/0/id", "prov-1-ede")},
       {"network.json: /providers/1/locations/0/id: duplicate location id 'prov-1-ede'; first used at "
        "/providers/0/locations/0/id"}},
      {"duplicate offering id across providers",
       {set("/providers/1/locations/0/offerings/0/id", "prov-1-ede-kw")},
       {"network.json: /providers/1/locations/0/offerings/0/id: duplicate offering id 'prov-1-ede-kw'; first used at "
        "/providers/0/locations/0/offerings/0/id"}},
      {"unknown care form",
       {set("/providers/0/locations/0/offerings/0/care_form", "kleinschalig")},
       {O + "/care_form: unknown care form 'kleinschalig'; expected one of " + CARE_FORMS}},
      {"unknown product category",
       {set("/providers/0/locations/0/offerings/0/product_category", "39")},
       {O + "/product_category: unknown product category '39'; expected an iJw JZ020 code: 31, 32, 33, 34, 35, 36, 37, "
            "38, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55"}},
      {"product category as a number",
       {set("/providers/0/locations/0/offerings/0/product_category", 44)},
       {O + "/product_category: expected a string, got an integer"}},
      {"unknown expertise",
       {set("/providers/0/locations/0/offerings/0/expertise/1", "autisme")},
       {O + "/expertise/1: unknown expertise 'autisme'; expected one of autism, adhd, attachment, trauma, "
            "emotion_regulation, suicidality, eating_disorder, ocd, depression, addiction, forensic, lvb, fasd, psychiatry, "
            "refugee_minors, complex_divorce, family_safety, honour_violence, fgm, transition_18, independent_living, "
            "education_care, mother_child"}},
      {"expertise as text", {set("/providers/0/locations/0/offerings/0/expertise", "autism")}, {O + "/expertise: expected an array, got a string"}},
      {"unknown contraindication",
       {set("/providers/0/locations/0/offerings/0/contraindications/0", "fire")},
       {O + "/contraindications/0: unknown contraindication 'fire'; expected one of aggression, sexually_harmful_behaviour, "
            "arson, active_addiction, absconding, acute_suicidality, severe_self_harm"}},
      {"unknown identity",
       {set("/providers/0/locations/0/offerings/0/identity", "pastafarian")},
       {O + "/identity: unknown identity 'pastafarian'; expected one of general, protestant, reformed, catholic, islamic, "
            "jewish, humanist, anthroposophic"}},
      {"age_min above age_max",
       {set("/providers/0/locations/0/offerings/0/age_min", 19)},
       {O + "/age_max: age_max 18 is below age_min 19"}},
      {"negative age", {set("/providers/0/locations/0/offerings/0/age_min", -1)}, {O + "/age_min: must not be negative, got -1"}},
      {"age beyond 120", {set("/providers/0/locations/0/offerings/0/age_max", 121)}, {O + "/age_max: must be between 0 and 120, got 121"}},
      {"fractional age", {set("/providers/0/locations/0/offerings/0/age_max", 17.5)}, {O + "/age_max: expected an integer, got a number"}},
      {"supra_regional as 0", {set("/providers/0/locations/0/offerings/0/supra_regional", 0)}, {O + "/supra_regional: expected a boolean, got an integer"}},
      {"offering without capacity",
       {drop("/providers/0/locations/0/offerings/0/capacity")},
       {O + "/capacity: required field is missing"}},
      {"free above places", {set("/providers/0/locations/0/offerings/0/capacity/free", 7)}, {O + "/capacity/free: free 7 exceeds places 6"}},
      {"negative free", {set("/providers/0/locations/0/offerings/0/capacity/free", -1)}, {O + "/capacity/free: must not be negative, got -1"}},
      {"negative places",
       {set("/providers/0/locations/0/offerings/0/capacity/places", -6)},
       {O + "/capacity/places: must not be negative, got -6"}},
      {"negative wait",
       {set("/providers/0/locations/0/offerings/0/capacity/wait_weeks", -2)},
       {O + "/capacity/wait_weeks: must not be negative, got -2"}},
      {"invalid capacity date",
       {set("/providers/0/locations/0/offerings/0/capacity/updated", "20-11-2026")},
       {O + "/capacity/updated: invalid date '20-11-2026'; expected YYYY-MM-DD"}},
      {"typo in capacity",
       {set("/providers/0/locations/0/offerings/0/capacity/updatd", "2026-11-20"),
        drop("/providers/0/locations/0/offerings/0/capacity/updated")},
       {O + "/capacity/updatd: unknown field 'updatd'; did you mean 'updated'?", O + "/capacity/updated: required field is missing"}},
      {"lot override for a network",
       {set("/lot_overrides/0/region", "EXN03")},
       {"network.json: /lot_overrides/0/region: unknown region 'EXN03'; expected a jeugdregio code such as JZ21"}},
      {"lot override with unknown care form",
       {set("/lot_overrides/0/care_form", "opvang")},
       {"network.json: /lot_overrides/0/care_form: unknown care form 'opvang'; expected one of " + CARE_FORMS}},
      {"duplicate lot override",
       {set("/lot_overrides/1", json{{"region", "JZ21"}, {"care_form", "crisis"}, {"lot", "verblijf"}})},
       {"network.json: /lot_overrides/1: duplicate lot override for region JZ21 and care form crisis; first used at "
        "/lot_overrides/0"}},
  };
}

void PrintTo(const BrokenDocument& doc, std::ostream* os) { *os << doc.name; }

class BrokenNetwork : public ::testing::TestWithParam<BrokenDocument> {};

TEST_P(BrokenNetwork, IsRefusedWithTheExactMessage) {
  const auto& row = GetParam();
  EXPECT_EQ(issues_of(apply(base_network(), row.edits)), row.expected);
}

INSTANTIATE_TEST_SUITE_P(EveryRule, BrokenNetwork, ::testing::ValuesIn(broken_documents()),
                         [](const ::testing::TestParamInfo<BrokenDocument>& info) {
                           std::string name;
                           for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace

TEST(NetworkJson, TheBaseDocumentIsValid) { EXPECT_EQ(issues_of(base_network()), std::vector<std::string>{}); }

TEST(NetworkJson, ADocumentThatIsNotAnObjectIsRefused) {
  EXPECT_EQ(issues_of(json::array()), std::vector<std::string>{"network.json: expected an object, got an array"});
}

TEST(NetworkJson, EveryProblemIsReportedInOneGo) {
  auto doc = apply(base_network(), {set("/providers/0/locations/0/municipality", "GM9999"),
                                    set("/providers/0/locations/0/offerings/1/care_form", "kleinschalig"),
                                    set("/providers/1/locations/0/offerings/0/capacity/free", 9),
                                    set("/providers/1/name", "")});
  auto issues = issues_of(doc);
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_THAT(issues[0], ::testing::HasSubstr("/providers/0/locations/0/municipality: unknown municipality 'GM9999'"));
  EXPECT_THAT(issues[1], ::testing::HasSubstr("/providers/0/locations/0/offerings/1/care_form: unknown care form"));
  EXPECT_THAT(issues[2], ::testing::HasSubstr("/providers/1/name: must not be empty"));
  EXPECT_THAT(issues[3], ::testing::HasSubstr("/providers/1/locations/0/offerings/0/capacity/free: free 9 exceeds places 8"));
}

TEST(NetworkJson, WordListsComeBackSortedAndUnique) {
  auto doc = apply(base_network(), {set("/providers/0/locations/0/offerings/0/expertise", json{"trauma", "autism", "trauma"}),
                                    set("/providers/0/locations/0/offerings/0/contraindications", json{"arson", "aggression"})});
  const auto network = parse(doc);
  const Offering& o = network.providers[0].locations[0].offerings[0];
  EXPECT_EQ(o.expertise, (std::vector<std::string>{"autism", "trauma"}));
  EXPECT_EQ(o.contraindications, (std::vector<std::string>{"aggression", "arson"}));
}

TEST(NetworkJson, OptionalFieldsHaveTheirDefaults) {
  auto doc = apply(base_network(), {drop("/providers/0/in_network"),
                                    drop("/providers/1/contracts"),
                                    drop("/providers/0/locations/0/offerings/1/expertise"),
                                    drop("/providers/0/locations/0/offerings/1/supra_regional"),
                                    drop("/providers/0/locations/0/offerings/1/capacity/wait_weeks"),
                                    drop("/lot_overrides")});
  auto network = parse(doc);
  EXPECT_TRUE(network.providers[0].in_network);
  EXPECT_TRUE(network.providers[1].contracts.empty());
  const Offering& o = network.providers[0].locations[0].offerings[1];
  EXPECT_TRUE(o.expertise.empty());
  EXPECT_FALSE(o.supra_regional);
  EXPECT_EQ(o.capacity.wait_weeks, 0);
  EXPECT_EQ(o.identity, "");
  EXPECT_TRUE(network.lot_overrides.empty());
}

TEST(NetworkJson, WritingAndReadingBackGivesTheSameDocument) {
  auto once = network_to_json(parse(base_network()));
  auto twice = network_to_json(parse(json::parse(once.dump())));
  EXPECT_EQ(once.dump(), twice.dump());
  EXPECT_EQ(once["providers"][0]["locations"][0]["offerings"][0]["expertise"].dump(), R"(["autism","trauma"])");
}

TEST(NetworkJson, TheDemoNetworkIsValid) {
  auto doc = json::parse(read_text(std::string(PASSEND_SOURCE_DIR + "/data/demo/network.json")));
  EXPECT_NO_THROW(parse(doc, "data/demo/network.json"));
}
