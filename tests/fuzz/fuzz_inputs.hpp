#pragma once
// One input of each fuzz target, shared by the libFuzzer programs (tests/fuzz/fuzz_*.cpp) and by
// the regression test that replays tests/fuzz/regressions/<target>/* in every CI run
// (tests/fuzz_regression_test.cpp). Each function feeds the bytes to the same code the program
// uses on untrusted input. Refusing the input (InvalidInput) is the expected outcome; any other
// exception escapes, so libFuzzer reports it as a crash and the regression test fails.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace passend::fuzz {

// CASE.json: JSON text, then the case validator (personal data, vocabularies, municipalities).
void case_input(std::string_view bytes);
// NETWORK.json: JSON text, then the network validator; what it accepts must survive a round
// trip through network_to_json unchanged.
void network_json_input(std::string_view bytes);
// The CSV import: offerings, contracts and optionally lot overrides in one input, separated by
// a line "%%" (kCsvSeparator), then the CSV network validator.
void network_csv_input(std::string_view bytes);
// A rule set's params.json, read against the parameters the default rule set declares.
void rule_params_input(std::string_view bytes);

inline constexpr std::string_view kCsvSeparator = "\n%%\n";

// A broken invariant (an accepted input that is not what it should be, a refusal without an
// issue). The functions above throw it: the regression test then fails for that one input, with
// the message. The libFuzzer programs call them through abort_on_broken_invariant, so that
// libFuzzer keeps the input as a crash.
struct InvariantBroken : std::logic_error {
  using std::logic_error::logic_error;
};
// Runs input(bytes); on a broken invariant prints "fuzz invariant broken: ..." and aborts.
void abort_on_broken_invariant(void (*input)(std::string_view), std::string_view bytes);

struct Target {
  std::string name;  // the folder under tests/fuzz/regressions and the program fuzz_<name>
  std::function<void(std::string_view)> run;
};
const std::vector<Target>& targets();

}  // namespace passend::fuzz
