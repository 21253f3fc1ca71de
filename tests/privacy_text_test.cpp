// Personal data in free text (core/privacy.hpp): each kind in the writings people use is found
// and refused in a case's maatwerk without the text ever appearing in the message; ordinary RET
// sentences full of numbers, years and durations pass.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "core/privacy.hpp"
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

nlohmann::json case_with_maatwerk(const std::string& approved_by, const std::string& reason) {
  auto doc = nlohmann::json::parse(R"({
    "id": "2026-FV-077", "age": 15, "municipality": "GM0228",
    "need": {"care_forms": ["residential"]},
    "maatwerk": {"date": "2026-11-19", "allow": ["non_contracted"]}
  })");
  doc["maatwerk"]["approved_by"] = approved_by;
  doc["maatwerk"]["reason"] = reason;
  return doc;
}

// The error text for a case whose maatwerk has this approver and reason; "(accepted)" when none.
std::string error_for(const std::string& approved_by, const std::string& reason) {
  try {
    parse_case(case_with_maatwerk(approved_by, reason), "case.json", vocabulary(), graph());
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(accepted)";
}

std::string kind_name(std::optional<PersonalDataKind> kind) { return kind ? describe(*kind) : "nothing"; }

struct Found {
  PersonalDataKind kind;
  const char* text;
};

class PersonalDataInFreeText : public ::testing::TestWithParam<Found> {};

TEST_P(PersonalDataInFreeText, IsRefusedByKindWithoutRepeatingTheText) {
  const Found& row = GetParam();
  const std::string reason = std::string("Afspraak gemaakt, zie ") + row.text + " voor de rest.";
  EXPECT_EQ(kind_name(find_personal_data(row.text)), describe(row.kind)) << row.text;
  EXPECT_EQ(kind_name(find_personal_data(reason)), describe(row.kind)) << reason;

  const std::string err = error_for("RET Food Valley", reason);
  EXPECT_EQ(err, std::string("case.json: /maatwerk/reason: personal data is refused: the text holds ") + describe(row.kind));
  EXPECT_EQ(err.find(row.text), std::string::npos) << "the message repeats the text: " << err;
  EXPECT_EQ(error_for(std::string("voorzitter RET, ") + row.text, "zeer specialistische zorg"),
            std::string("case.json: /maatwerk/approved_by: personal data is refused: the text holds ") + describe(row.kind));
}

// In the kind's order: e-mail address, full date, phone number, BSN-like number, postcode,
// street address. Every BSN here passes the eleven-test.
INSTANTIATE_TEST_SUITE_P(
    Writings, PersonalDataInFreeText,
    ::testing::Values(
        Found{PersonalDataKind::email, "ouder@example.org"}, Found{PersonalDataKind::email, "j.de-vries+ret@gemeente-ede.nl"},
        Found{PersonalDataKind::email, "mail naar A.Jansen@Voorbeeld.NL."},

        Found{PersonalDataKind::date, "2011-03-04"}, Found{PersonalDataKind::date, "4-3-2011"},
        Found{PersonalDataKind::date, "04/03/2011"}, Found{PersonalDataKind::date, "4.3.2011"},
        Found{PersonalDataKind::date, "04-03-11"}, Found{PersonalDataKind::date, "4 maart 2011"},
        Found{PersonalDataKind::date, "4 mrt 2011"}, Found{PersonalDataKind::date, "4 mrt. 2011"},
        Found{PersonalDataKind::date, "geboren 4e maart 2011"}, Found{PersonalDataKind::date, "04-mrt-2011"},
        Found{PersonalDataKind::date, "March 4, 2011"}, Found{PersonalDataKind::date, "12 November 2009"},
        Found{PersonalDataKind::date, "3/14/2011"}, Found{PersonalDataKind::date, "15 mei '11"},
        Found{PersonalDataKind::date, "15 mei \u201911"},

        Found{PersonalDataKind::phone, "06-12345678"}, Found{PersonalDataKind::phone, "06 1234 5678"},
        Found{PersonalDataKind::phone, "0612345678"}, Found{PersonalDataKind::phone, "0318-123456"},
        Found{PersonalDataKind::phone, "+31 6 12345678"}, Found{PersonalDataKind::phone, "+31 (0)6 1234 5678"},
        Found{PersonalDataKind::phone, "0031 6 12345678"}, Found{PersonalDataKind::phone, "(010) 123 45 67"},
        Found{PersonalDataKind::phone, "06 - 12345678"}, Found{PersonalDataKind::phone, "06\u201312345678"},
        Found{PersonalDataKind::phone, "+32 470 12 34 56"},

        Found{PersonalDataKind::bsn, "123456782"}, Found{PersonalDataKind::bsn, "1234.56.782"},
        Found{PersonalDataKind::bsn, "123.456.782"}, Found{PersonalDataKind::bsn, "123 456 782"},
        Found{PersonalDataKind::bsn, "1234-56-782"}, Found{PersonalDataKind::bsn, "nr.111222333;"},
        Found{PersonalDataKind::bsn, "dossier 12 123.456.782 en 7"}, Found{PersonalDataKind::bsn, "BSN:123\u00a0456\u00a0782"},

        Found{PersonalDataKind::postcode, "1234 AB"}, Found{PersonalDataKind::postcode, "1234AB"},
        Found{PersonalDataKind::postcode, "1234ab"}, Found{PersonalDataKind::postcode, "6711\u00a0AA Ede"},
        Found{PersonalDataKind::postcode, "(6711AA)"},

        Found{PersonalDataKind::street_address, "Kerkstraat 12"}, Found{PersonalDataKind::street_address, "Stationsweg 4a"},
        Found{PersonalDataKind::street_address, "Dorpsplein 3"}, Found{PersonalDataKind::street_address, "Jan-van-Galenstraat 12-14"},
        Found{PersonalDataKind::street_address, "Grote Markt 5"}, Found{PersonalDataKind::street_address, "kerkstraat 7b"},
        Found{PersonalDataKind::street_address, "Oudegracht 101"}),
    [](const auto& info) { return "row" + std::to_string(info.index); });

// What a RET writes in a maatwerk reason: years, durations, weeks, times, amounts, scores,
// section numbers and codes. None of it is personal data.
class OrdinaryRetText : public ::testing::TestWithParam<const char*> {};

TEST_P(OrdinaryRetText, Passes) {
  EXPECT_EQ(kind_name(find_personal_data(GetParam())), "nothing") << GetParam();
  EXPECT_EQ(error_for("RET Food Valley, voorzitter", GetParam()), "(accepted)");
}

INSTANTIATE_TEST_SUITE_P(
    Sentences, OrdinaryRetText,
    ::testing::Values(
        "Jeugdige (15) woont sinds 2024 op een groep; in 2026 en 2027 is doorstroom nodig.",
        "Wachttijd bij plan A is 12 weken; de jeugdige wacht 12 weken op een plek.",
        "Aangemeld in week 12, besproken in maart 2026 en in het RET van november.",
        "Eerste gesprek op 12 maart, vervolg in april 2026; evaluatie na 2026.",
        "Twee eerdere plaatsingen (2021, 2023) zijn afgebroken; 3 tot 6 maanden behandeling nodig.",
        "Kosten circa € 1.250,50 per maand, 4 dagen per week dagbehandeling, totaal 10.500 euro.",
        "Score 12/40 op de vragenlijst; IQ 85; 1,5 jaar achterstand; 24/7 toezicht.",
        "Zorgprofiel 3, productcode 45A12, AGB 98765432, casus 2026-FV-042.",
        "Dagbesteding van 09.00 tot 15.30 uur en van 08.30-12.00 op woensdag.",
        "Artikel 6.1.2 Jeugdwet en paragraaf 4.3.11 van het handboek, versie 1.4.3.",
        "Leeftijd 12-18 jaar, groep 7/8, 8 jongeren per groep, 0-18 jaar.",
        "Al onderweg 3 weken; via de snelweg 20 minuten naar school.",
        "Medicatie 1000mg per dag, reisafstand 1500km is te ver.",
        "Top 3 van aanbieders; 1 op de 4 jongeren; 2x per week gesprek van 45 minuten.",
        "Plaatsing in 2025 afgebroken na 3 maanden; 2e plaatsing liep 14 maanden, tot eind 2026.",
        "Gezin woont in Ede, school in Wageningen, 12 km afstand; op straat 3 nachten geslapen.",
        "Sinds 2019 in beeld bij het wijkteam; 2020 tot 2022 ambulant; in 2023 crisisopvang.",
        "Telefonisch overleg met de jeugdbeschermer (OTS) in week 48, reactie binnen 5 werkdagen.",
        "Zorgpad 2 gevolgd; verblijf 6 dagen per week, 1 weekend per 14 dagen thuis.",
        "Jeugdhulp met verblijf, kosten 350 euro per etmaal, 30 dagen, overschrijding 2026: 12%.",
        "Contact via het RET-secretariaat of @RET_FoodValley, niet via e-mail."),
    [](const auto& info) { return "sentence" + std::to_string(info.index); });

TEST(FreeText, AtMost500CharactersCountedAsCharactersNotBytes) {
  std::string e500, e501;
  for (int i = 0; i < 500; ++i) e500 += "é";  // two bytes each: 1000 bytes, 500 characters
  e501 = e500 + "\U0001F600";                  // four more bytes, one more character
  EXPECT_EQ(count_code_points(e500), 500u);
  EXPECT_EQ(count_code_points(e501), 501u);
  EXPECT_EQ(error_for("RET Food Valley", e500), "(accepted)");
  EXPECT_EQ(error_for("RET Food Valley", e501), "case.json: /maatwerk/reason: must be at most 500 characters, got 501");
  EXPECT_EQ(error_for(std::string(501, 'x'), "zorg"), "case.json: /maatwerk/approved_by: must be at most 500 characters, got 501");
}

TEST(FreeText, TooLongAndPersonalDataAreBothReported) {
  const std::string reason = std::string(600, 'a') + " Kerkstraat 12";
  try {
    parse_case(case_with_maatwerk("RET Food Valley", reason), "case.json", vocabulary(), graph());
    FAIL() << "accepted";
  } catch (const InvalidInput& e) {
    ASSERT_EQ(e.issues().size(), 2u) << e.what();
    EXPECT_EQ(e.issues()[0].format(), "case.json: /maatwerk/reason: must be at most 500 characters, got 614");
    EXPECT_EQ(e.issues()[1].format(), "case.json: /maatwerk/reason: personal data is refused: the text holds a street address");
  }
}

// Outside the free-text fields only the BSN check applies: dates are what `maatwerk.date` and
// `registered` mean, and ids may hold digits. A BSN is refused in any writing anywhere.
TEST(FreeText, OtherFieldsKeepTheBsnCheckAndTheirDates) {
  auto doc = case_with_maatwerk("RET Food Valley", "zeer specialistische zorg");
  doc["registered"] = "2026-10-01";
  EXPECT_NO_THROW(parse_case(doc, "case.json", vocabulary(), graph()));
  doc["history"]["rejected_by"] = {"prov-003", "1234.56.782"};
  try {
    parse_case(doc, "case.json", vocabulary(), graph());
    FAIL() << "accepted";
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(), "case.json: /history/rejected_by/1: personal data is refused: the text holds a BSN-like number");
  }
}

TEST(Bsn, ElevenTestInEveryCommonWriting) {
  EXPECT_TRUE(looks_like_bsn("111222333"));
  EXPECT_TRUE(looks_like_bsn("nummer 123456782 hier"));
  EXPECT_TRUE(looks_like_bsn("1234.56.782"));
  EXPECT_TRUE(looks_like_bsn("123 456 782"));
  EXPECT_TRUE(looks_like_bsn("123-456-782"));
  EXPECT_FALSE(looks_like_bsn("123456789"));      // fails the eleven-test
  EXPECT_FALSE(looks_like_bsn("1234.56.789"));    // fails it too
  EXPECT_FALSE(looks_like_bsn("1112223334"));     // ten digits
  EXPECT_FALSE(looks_like_bsn("123.456 782"));    // joints of two kinds
  EXPECT_FALSE(looks_like_bsn("+31 6 12345678"));  // a phone number, 9 digits after the country code
  EXPECT_FALSE(looks_like_bsn("2026-FV-042"));
  EXPECT_FALSE(is_pseudonymous_case_id("1234.56.782"));
  EXPECT_TRUE(is_pseudonymous_case_id("2026.123.456"));
}

TEST(FreeText, LongInputsStayFast) {
  // Inputs that make backtracking matchers slow: long runs of digits, separators and '@'.
  const std::string hostile[] = {std::string(100000, '1'), std::string(100000, '@'), std::string(50000, '0') + "-",
                                 [] {
                                   std::string s;
                                   for (int i = 0; i < 20000; ++i) s += "12 ";
                                   return s;
                                 }()};
  const auto start = std::chrono::steady_clock::now();
  for (const auto& text : hostile) (void)find_personal_data(text);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

}  // namespace

// Case ids are pseudonyms: an id that carries a birth date or another recognisable kind of
// personal data is refused, also where only the id is given (reservations).
TEST(Pseudonyms, IdsThatCarryPersonalDataAreRefused) {
  EXPECT_FALSE(is_pseudonymous_case_id("Anna.Jansen5.2011-03-04"));
  EXPECT_FALSE(is_pseudonymous_case_id("fv-0612345678"));
  EXPECT_TRUE(is_pseudonymous_case_id("2026-FV-042"));
  EXPECT_TRUE(is_pseudonymous_case_id("2026.FV.42"));
}

TEST(Pseudonyms, ACaseWhoseIdHoldsADateIsRefusedWithTheKind) {
  const auto doc = nlohmann::json::parse(
      R"({"id": "Anna.Jansen5.2011-03-04", "age": 15, "municipality": "GM0228", "need": {"care_forms": ["crisis"]}})");
  try {
    parse_case(doc, "case.json", vocabulary(), graph());
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()),
              "case.json: /id: a case id is a pseudonym and may not hold a full date (a birth date, a phone number); use a "
              "number such as 2026-FV-042");
  }
}

TEST(Pseudonyms, AProvidersContactMayHoldAPhoneNumberButNoAddress) {
  using passend::PersonalDataKind;
  EXPECT_FALSE(find_personal_data("Rode knop De Eemhorst, 033-000000", {PersonalDataKind::phone, PersonalDataKind::email}));
  EXPECT_EQ(find_personal_data("Jan, Kerkstraat 12, 033-000000", {PersonalDataKind::phone, PersonalDataKind::email}),
            PersonalDataKind::street_address);
}
