// Replays every input that once crashed a fuzz target (tests/fuzz/regressions/<target>/), and
// the seed corpus scripts/fuzz.sh starts from, through the same functions the fuzzers call:
// each input must be accepted or refused as InvalidInput, never crash or throw anything else.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/cli_runner.hpp"
#include "tests/fuzz/fuzz_inputs.hpp"

namespace passend::testing {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = PASSEND_SOURCE_DIR;

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().filename().string()[0] != '.' && entry.path().extension() != ".md")
      out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

const fuzz::Target& target(const std::string& name) {
  for (const auto& t : fuzz::targets())
    if (t.name == name) return t;
  throw std::runtime_error("no fuzz target " + name);
}

void replay(const std::string& name, const std::string& bytes, const std::string& label) {
  EXPECT_NO_THROW(target(name).run(bytes)) << name << ": " << label;
}

TEST(FuzzRegressions, EveryFoundInputIsHandled) {
  int replayed = 0;
  for (const auto& t : fuzz::targets())
    for (const auto& file : files_in(kSource / "tests/fuzz/regressions" / t.name)) {
      replay(t.name, read_text(file), file.string());
      ++replayed;
    }
  std::cout << replayed << " regression inputs replayed\n";
}

TEST(FuzzRegressions, TheSeedCorpusIsHandled) {
  for (const auto& file : files_in(kSource / "data/demo/cases")) replay("case", read_text(file), file.string());
  replay("network_json", read_text(kSource / "data/demo/network.json"), "demo network");
  const fs::path templates = kSource / "docs/templates";
  replay("network_csv",
         read_text(templates / "offerings.csv") + std::string(fuzz::kCsvSeparator) + read_text(templates / "contracts.csv") +
             std::string(fuzz::kCsvSeparator) + read_text(templates / "lot_overrides.csv"),
         "CSV templates");
  replay("rule_params", read_text(kSource / "rules/default/params.json"), "default params.json");
}

// The first finding (docs/reliability.md): a number beyond a double escaped the JSON reader as
// an internal error (exit 1, HTTP 500) instead of invalid input.
TEST(FuzzFindings, ANumberBeyondADoubleIsInvalidInput) {
  TempDir dir;
  const fs::path rules = dir.path() / "rules";
  fs::copy(kSource / "rules/default", rules, fs::copy_options::recursive);
  write_text(rules / "params.json", R"({"rules": {"distance": {"max_km": 1e400}}})");
  const auto r = run_passend({"rules", "check", "--rules", rules.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("params.json: invalid JSON: number overflow parsing '1e400'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace passend::testing
