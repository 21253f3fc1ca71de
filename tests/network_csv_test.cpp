// The CSV import for contract managers: the same rules as NETWORK.json, errors as
// file:line:column, and the same registry as the JSON of the same network.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "providers/network_csv.hpp"
#include "tests/support/registry_fixtures.hpp"
#include "tests/support/paths.hpp"

using namespace passend;
using namespace passend::testing;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// The base network of registry_fixtures.hpp as the three CSV files.
Rows offering_rows() {
  return {
      {"provider_id", "provider_name", "in_network", "location_id", "municipality", "offering_id", "care_form",
       "product_category", "expertise", "age_min", "age_max", "contraindications", "identity", "supra_regional", "places",
       "free", "wait_weeks", "updated"},
      {"prov-1", "Stichting De Linde", "true", "prov-1-ede", "GM0228", "prov-1-ede-kw", "small_scale_living", "44",
       "trauma;autism", "12", "18", "arson", "protestant", "false", "6", "1", "0", "2026-11-20"},
      {"prov-1", "Stichting De Linde", "true", "prov-1-ede", "GM0228", "prov-1-ede-amb", "ambulant", "45", "", "0", "18", "",
       "", "false", "40", "10", "0", "2026-11-01"},
      {"prov-2", "Jeugdhulp Horizon", "false", "prov-2-arnhem", "GM0202", "prov-2-arnhem-res", "residential", "43",
       "eating_disorder", "12", "23", "", "", "true", "8", "0", "12", "2026-10-01"},
  };
}

Rows contract_rows() {
  return {
      {"provider_id", "region", "lot", "status", "from", "until"},
      {"prov-1", "JZ21", "verblijf", "active", "2024-01-01", "2027-12-31"},
      {"prov-1", "EXN03", "ambulant", "active", "2024-01-01", "2027-12-31"},
  };
}

Rows override_rows() { return {{"region", "care_form", "lot"}, {"JZ21", "crisis", "crisis"}}; }

CsvTable table(const Rows& rows, const std::string& file) {
  std::string text;
  for (const auto& row : rows) text += join(row, ",") + "\n";
  return CsvTable::parse(text, file);
}

ProviderNetwork parse_csv(const Rows& offerings, const Rows& contracts, const Rows& overrides = override_rows()) {
  auto o = table(offerings, "offerings.csv"), c = table(contracts, "contracts.csv"), l = table(overrides, "lots.csv");
  return parse_network_csv(o, c, vocabulary(), regions(), &l);
}

std::vector<std::string> issues_of(const Rows& offerings, const Rows& contracts) {
  try {
    parse_csv(offerings, contracts);
  } catch (const InvalidInput& e) {
    std::vector<std::string> out;
    for (const auto& i : e.issues()) out.push_back(i.format());
    return out;
  }
  return {};
}

struct BrokenCell {
  std::string name;
  bool in_contracts;  // else in offerings
  int line;           // 1 = header
  int column;         // 1-based
  std::string value;
  std::vector<std::string> expected;
};

std::vector<BrokenCell> broken_cells() {
  return {
      {"unknown care form", false, 2, 7, "kleinschalig",
       {"offerings.csv:2:7: unknown care form 'kleinschalig'; expected one of ambulant, ambulant_intensive, day_treatment, "
        "foster_care, family_home, small_scale_living, residential, secure_residential, crisis"}},
      {"unknown municipality", false, 4, 5, "GM0000",
       {"offerings.csv:4:5: unknown municipality 'GM0000'; expected a CBS code such as GM0228"}},
      {"unreadable yes/no", false, 4, 3, "misschien", {"offerings.csv:4:3: expected true or false, got 'misschien'"}},
      {"provider with two names", false, 3, 2, "De Linde",
       {"offerings.csv:3:2: provider_name 'De Linde' differs from 'Stichting De Linde' for provider 'prov-1' on line 2"}},
      {"provider both in and out of the network", false, 3, 3, "false",
       {"offerings.csv:3:3: in_network false differs from true for provider 'prov-1' on line 2"}},
      {"location in two municipalities", false, 3, 5, "GM0203",
       {"offerings.csv:3:5: municipality 'GM0203' differs from 'GM0228' for location 'prov-1-ede' on line 2"}},
      {"location of two providers", false, 4, 4, "prov-1-ede",
       {"offerings.csv:4:4: location 'prov-1-ede' belongs to provider 'prov-1' on line 2, not to 'prov-2'"}},
      {"duplicate offering id", false, 3, 6, "prov-1-ede-kw",
       {"offerings.csv:3:6: duplicate offering id 'prov-1-ede-kw'; first used on line 2"}},
      {"invalid offering id", false, 3, 6, "prov 1 amb",
       {"offerings.csv:3:6: invalid offering id 'prov 1 amb': use 1-64 letters, digits, '-', '_' or '.'"}},
      {"age as a word", false, 2, 10, "twaalf", {"offerings.csv:2:10: expected an integer, got 'twaalf'"}},
      {"age_max below age_min", false, 2, 11, "10", {"offerings.csv:2:11: age_max 10 is below age_min 12"}},
      {"unknown expertise", false, 2, 9, "trauma;autisme",
       {"offerings.csv:2:9: unknown expertise 'autisme'; expected one of autism, adhd, attachment, trauma, "
        "emotion_regulation, suicidality, eating_disorder, ocd, depression, addiction, forensic, lvb, fasd, psychiatry, "
        "refugee_minors, complex_divorce, family_safety, honour_violence, fgm, transition_18, independent_living, "
        "education_care, mother_child"}},
      {"unknown contraindication", false, 2, 12, "arson;vuur",
       {"offerings.csv:2:12: unknown contraindication 'vuur'; expected one of aggression, sexually_harmful_behaviour, "
        "arson, active_addiction, absconding, acute_suicidality, severe_self_harm"}},
      {"unknown identity", false, 2, 13, "christelijk",
       {"offerings.csv:2:13: unknown identity 'christelijk'; expected one of general, protestant, reformed, catholic, "
        "islamic, jewish, humanist, anthroposophic"}},
      {"unknown product category", false, 3, 8, "99",
       {"offerings.csv:3:8: unknown product category '99'; expected an iJw JZ020 code: 31, 32, 33, 34, 35, 36, 37, 38, 40, "
        "41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55"}},
      {"places missing", false, 2, 15, "", {"offerings.csv:2:15: required value is missing"}},
      {"free above places", false, 2, 16, "7", {"offerings.csv:2:16: free 7 exceeds places 6"}},
      {"negative wait", false, 4, 17, "-1", {"offerings.csv:4:17: must not be negative, got -1"}},
      {"invalid capacity date", false, 2, 18, "2026-11-31",
       {"offerings.csv:2:18: invalid date '2026-11-31'; expected YYYY-MM-DD"}},
      {"contract of an unknown provider", true, 2, 1, "prov-7",
       {"contracts.csv:2:1: unknown provider 'prov-7'; it has no offerings in offerings.csv"}},
      {"unknown contract region", true, 2, 2, "JZ99",
       {"contracts.csv:2:2: unknown region 'JZ99'; expected a jeugdregio code such as JZ21 or a network code such as EXN03"}},
      {"unknown lot", true, 2, 3, "Verblijf",
       {"contracts.csv:2:3: unknown lot 'Verblijf'; expected one of ambulant, verblijf, veiligheid, crisis, specialistisch"}},
      {"unknown status", true, 2, 4, "actief",
       {"contracts.csv:2:4: unknown status 'actief'; expected one of active, suspended, ended"}},
      {"until before from", true, 2, 6, "2023-06-30", {"contracts.csv:2:6: until 2023-06-30 is before from 2024-01-01"}},
  };
}

void PrintTo(const BrokenCell& cell, std::ostream* os) { *os << cell.name; }

class BrokenCsv : public ::testing::TestWithParam<BrokenCell> {};

TEST_P(BrokenCsv, IsRefusedWithFileLineColumnAndTheExactMessage) {
  const auto& row = GetParam();
  Rows offerings = offering_rows(), contracts = contract_rows();
  Rows& target = row.in_contracts ? contracts : offerings;
  target[static_cast<std::size_t>(row.line - 1)][static_cast<std::size_t>(row.column - 1)] = row.value;
  EXPECT_EQ(issues_of(offerings, contracts), row.expected);
}

INSTANTIATE_TEST_SUITE_P(EveryRule, BrokenCsv, ::testing::ValuesIn(broken_cells()),
                         [](const ::testing::TestParamInfo<BrokenCell>& info) {
                           std::string name;
                           for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace

TEST(NetworkCsv, DuplicateContractsAreRefused) {
  Rows contracts = contract_rows();
  contracts[2] = contracts[1];
  EXPECT_EQ(issues_of(offering_rows(), contracts),
            std::vector<std::string>{"contracts.csv:3:1: duplicate contract for provider 'prov-1', region JZ21, lot verblijf "
                                     "from 2024-01-01; first used on line 2"});
}

TEST(NetworkCsv, HeaderProblemsAreReportedOnceNotPerRow) {
  Rows offerings = offering_rows();
  offerings[0][6] = "care_from";
  EXPECT_EQ(issues_of(offerings, contract_rows()),
            (std::vector<std::string>{
                "offerings.csv:1:7: unknown column 'care_from'; did you mean 'care_form'?",
                "offerings.csv:1:1: missing column 'care_form'; the header needs provider_id,provider_name,in_network,"
                "location_id,municipality,offering_id,care_form,product_category,expertise,age_min,age_max,"
                "contraindications,identity,supra_regional,places,free,wait_weeks,updated,urgent_contact"}));
}

TEST(NetworkCsv, AnOfferingsFileWithoutRowsIsRefused) {
  EXPECT_EQ(issues_of({offering_rows()[0]}, {contract_rows()[0]}),
            std::vector<std::string>{
                "offerings.csv:2:1: no offerings: an import replaces the whole registry, so at least one row is required"});
}

TEST(NetworkCsv, ProblemsInBothFilesAreReportedTogether) {
  Rows offerings = offering_rows(), contracts = contract_rows();
  offerings[2][6] = "dagbehandeling";
  contracts[1][3] = "paused";
  auto issues = issues_of(offerings, contracts);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].rfind("offerings.csv:3:7: unknown care form 'dagbehandeling'", 0), 0u) << issues[0];
  EXPECT_EQ(issues[1].rfind("contracts.csv:2:4: unknown status 'paused'", 0), 0u) << issues[1];
}

TEST(NetworkCsv, EmptyOptionalCellsHaveTheirDefaults) {
  Rows offerings = offering_rows();
  offerings[3][2] = "";   // in_network
  offerings[3][13] = "";  // supra_regional
  offerings[3][16] = "";  // wait_weeks
  auto network = parse_csv(offerings, contract_rows());
  const Provider& p = network.providers[1];
  EXPECT_TRUE(p.in_network);
  EXPECT_FALSE(p.locations[0].offerings[0].supra_regional);
  EXPECT_EQ(p.locations[0].offerings[0].capacity.wait_weeks, 0);
}

TEST(NetworkCsv, SpreadsheetYesNoWordsAreUnderstood) {
  Rows offerings = offering_rows();
  for (std::size_t r = 1; r < offerings.size(); ++r) offerings[r][2] = r < 3 ? "Ja" : "NEE";
  auto network = parse_csv(offerings, contract_rows());
  EXPECT_TRUE(network.providers[0].in_network);
  EXPECT_FALSE(network.providers[1].in_network);
}

TEST(NetworkCsv, CsvAndJsonOfTheSameNetworkGiveTheSameRegistry) {
  TempDir dir;
  auto from_csv = db::open_existing(init_database(dir, "csv.db"));
  auto from_json = db::open_existing(init_database(dir, "json.db"));
  db::import_network(from_csv, parse_csv(offering_rows(), contract_rows()), {"offerings.csv;contracts.csv", "0", "csv", "t"});
  db::import_network(from_json, parse(base_network()), info());
  EXPECT_EQ(snapshot(from_csv), snapshot(from_json));
  EXPECT_NE(snapshot(from_csv).find("\"prov-2-arnhem-res\""), std::string::npos);
}

TEST(NetworkCsv, TheDocumentedTemplatesAreValid) {
  const std::string dir = std::string(PASSEND_SOURCE_DIR + "/docs/templates/");
  auto offerings = CsvTable::read_file(dir + "offerings.csv");
  auto contracts = CsvTable::read_file(dir + "contracts.csv");
  auto overrides = CsvTable::read_file(dir + "lot_overrides.csv");
  auto network = parse_network_csv(offerings, contracts, vocabulary(), regions(), &overrides);
  EXPECT_FALSE(network.providers.empty());
  EXPECT_EQ(offerings.header(), offering_csv_columns());
  EXPECT_EQ(contracts.header(), contract_csv_columns());
  EXPECT_EQ(overrides.header(), lot_override_csv_columns());
}

// Spreadsheets save CSV in more than one way; what reaches the registry is always UTF-8.
struct EncodingRow {
  const char* label;
  std::string bytes;
  std::optional<TextEncoding> declared;
  TextEncoding read_as;
  std::string first_value;  // row 1, column 1, as stored
};

class CsvEncodings : public ::testing::TestWithParam<EncodingRow> {};

TEST_P(CsvEncodings, AreReadAsTheirTextInUtf8) {
  const EncodingRow& row = GetParam();
  const CsvTable t = CsvTable::parse(row.bytes, "aanbod.csv", row.declared);
  EXPECT_EQ(t.encoding(), row.read_as);
  ASSERT_EQ(t.rows().size(), 1u);
  EXPECT_EQ(t.rows()[0].fields[0].value, row.first_value);
  EXPECT_EQ(t.header(), (std::vector<std::string>{"naam", "plaats"}));
  EXPECT_TRUE(is_valid_utf8(t.rows()[0].fields[0].value));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, CsvEncodings,
    ::testing::Values(EncodingRow{"utf8", "naam,plaats\nCaf\xC3\xA9 De Linde,Ede\n", std::nullopt, TextEncoding::utf8, "Caf\xC3\xA9 De Linde"},
                      EncodingRow{"utf8_bom", "\xEF\xBB\xBFnaam,plaats\nCaf\xC3\xA9,Ede\n", std::nullopt, TextEncoding::utf8, "Caf\xC3\xA9"},
                      EncodingRow{"windows_1252_detected", "naam,plaats\nCaf\xE9 \x80 10,Ede\r\n", std::nullopt,
                                  TextEncoding::windows_1252, "Caf\xC3\xA9 \xE2\x82\xAC 10"},
                      EncodingRow{"windows_1252_declared", "naam,plaats\nCaf\xE9,Ede\n", TextEncoding::windows_1252,
                                  TextEncoding::windows_1252, "Caf\xC3\xA9"},
                      EncodingRow{"cr_only_lines", "naam,plaats\rDe Linde,Ede\r", std::nullopt, TextEncoding::utf8, "De Linde"},
                      EncodingRow{"crlf_lines", "naam,plaats\r\nDe Linde,Ede\r\n", std::nullopt, TextEncoding::utf8, "De Linde"}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(CsvEncodings, BytesThatAreNeitherUtf8NorWindows1252AreRefusedAtTheirLineAndColumn) {
  try {
    CsvTable::parse("naam,plaats\nDe Linde,Ede\nab\x81\x90,Ede\n", "aanbod.csv");
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()),
              "aanbod.csv:3:3: the file is neither UTF-8 nor Windows-1252 text (byte 0x81); save it as \"CSV UTF-8\"");
  }
}

TEST(CsvEncodings, DeclaredUtf8IsNotGuessedAway) {
  try {
    CsvTable::parse("naam,plaats\nCaf\xE9,Ede\n", "aanbod.csv", TextEncoding::utf8);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()),
              "aanbod.csv:2:4: the file is neither UTF-8 nor Windows-1252 text (byte 0xE9); save it as \"CSV UTF-8\"");
  }
}

TEST(CsvEncodings, AWindows1252NetworkImportsAsUtf8AndIsQueryable) {
  Rows offerings = offering_rows();
  offerings[1][1] = "Caf\xE9 De Linde";  // as Excel on Windows writes it
  offerings[2][1] = "Caf\xE9 De Linde";
  const CsvTable o = table(offerings, "offerings.csv"), c = table(contract_rows(), "contracts.csv");
  EXPECT_EQ(o.encoding(), TextEncoding::windows_1252);
  const ProviderNetwork n = parse_network_csv(o, c, vocabulary(), regions(), nullptr);
  EXPECT_EQ(n.providers.at(0).name, "Caf\xC3\xA9 De Linde");
}
