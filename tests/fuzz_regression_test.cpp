// Replays every input that once crashed a fuzz target (tests/fuzz/regressions/<target>/), and
// the seed corpus scripts/fuzz.sh starts from, through the same functions the fuzzers call:
// each input must be accepted or refused as InvalidInput, never crash or throw anything else.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/cli_runner.hpp"
#include "tests/fuzz/fuzz_inputs.hpp"
#include "tests/support/paths.hpp"

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

// A refusal (InvalidInput) is handled inside the target; anything else fails this input, and
// only this input: an exception escaping, or a broken invariant (fuzz::InvariantBroken, which the
// libFuzzer programs turn into an abort) with its message.
void replay(const fuzz::Target& t, const std::string& bytes, const std::string& label) {
  try {
    t.run(bytes);
  } catch (const fuzz::InvariantBroken& e) {
    ADD_FAILURE() << t.name << ": " << label << ": fuzz invariant broken: " << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << t.name << ": " << label << ": " << e.what();
  } catch (...) {
    ADD_FAILURE() << t.name << ": " << label << ": an exception that is not a std::exception";
  }
}

void replay(const std::string& name, const std::string& bytes, const std::string& label) {
  replay(target(name), bytes, label);
}

// Every target has its folder under root (kept by a .gitkeep while it has no finding), and the
// findings there are replayed: a missing folder, or no input at all, fails instead of passing
// without replaying anything.
void replay_regressions(const fs::path& root) {
  ASSERT_TRUE(fs::is_directory(root)) << root << " is missing";
  int replayed = 0;
  for (const auto& t : fuzz::targets()) {
    const fs::path dir = root / t.name;
    EXPECT_TRUE(fs::is_directory(dir)) << dir << " is missing: every fuzz target has a regressions folder";
    for (const auto& file : files_in(dir)) {
      replay(t, read_text(file), file.string());
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0) << "no regression input under " << root << ": nothing was replayed";
  std::cout << replayed << " regression inputs replayed from " << root.string() << "\n";
}

TEST(FuzzRegressions, EveryFoundInputIsHandled) { replay_regressions(kSource / "tests/fuzz/regressions"); }

// The checks above on folders that hold nothing to replay.
TEST(FuzzRegressions, AMissingOrEmptyRegressionsFolderFails) {
  static TempDir dir;
  EXPECT_FATAL_FAILURE(replay_regressions(dir.path() / "missing"), "is missing");
  for (const auto& t : fuzz::targets()) fs::create_directories(dir.path() / t.name);
  EXPECT_NONFATAL_FAILURE(replay_regressions(dir.path()), "nothing was replayed");
  write_text(dir.path() / "case" / "refused-input", "{}");
  fs::remove(dir.path() / "network_csv");
  EXPECT_NONFATAL_FAILURE(replay_regressions(dir.path()), "network_csv\" is missing");
}

// A broken invariant fails the one input with its message; the test binary goes on.
TEST(FuzzRegressions, ABrokenInvariantFailsItsInputWithTheMessage) {
  static const fuzz::Target broken{"case", [](std::string_view) {
                                     throw fuzz::InvariantBroken("an accepted case has an id and a care form");
                                   }};
  EXPECT_NONFATAL_FAILURE(replay(broken, "{}", "made up"),
                          "case: made up: fuzz invariant broken: an accepted case has an id and a care form");
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
