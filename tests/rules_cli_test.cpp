// Deliberately broken rule sets through the real program, as a contract manager would meet them:
// `passend rules check --rules DIR` must stop with exit 3 (2 for parameters), name the rule file
// and line, and finish fast and small even for endless loops and memory bombs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "tests/support/cli_runner.hpp"
#include "tests/support/paths.hpp"

using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

const std::string kRuleSets = std::string(PASSEND_SOURCE_DIR + "/tests/rulesets");

struct Measured {
  int exit_code = -1;
  std::string out, err;
  double seconds = 0;
  long max_rss_kb = 0;
};

// The child's peak memory bound. Under AddressSanitizer every small allocation carries redzones
// and shadow memory (a table bomb's 64 MiB of Lua objects takes ~290 MB of RSS), so there the
// bound only checks that the cap stops the bomb at all; the 64 MiB cap itself is checked by
// Lua's own accounting (rules_host_test MemoryStaysUnderTheCap).
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxRssKb = 1024 * 1024;
#else
constexpr long kMaxRssKb = 256 * 1024;
#endif

// Like testing::run_passend, but waits with wait4 to get the child's own peak memory.
Measured run_measured(const std::vector<std::string>& args) {
  passend::testing::TempDir io;
  const std::string out_path = io.file("stdout"), err_path = io.file("stderr");
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<std::string> copy = args;
    std::string binary = PASSEND_BINARY;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!std::freopen("/dev/null", "r", stdin) || !std::freopen(out_path.c_str(), "w", stdout) ||
        !std::freopen(err_path.c_str(), "w", stderr))
      _exit(127);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  Measured m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.max_rss_kb = usage.ru_maxrss;
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  m.out = passend::testing::read_text(out_path);
  m.err = passend::testing::read_text(err_path);
  return m;
}

struct BrokenSet {
  const char* dir;
  int exit_code;
  const char* message;  // expected on stderr, after "<kRuleSets>/<dir>/"
  bool exact;           // the whole first line, or a prefix of it
};

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

class BrokenRuleSets : public ::testing::TestWithParam<BrokenSet> {};

}  // namespace

TEST_P(BrokenRuleSets, CheckStopsWithTheFileAndLineFastAndSmall) {
  const BrokenSet& b = GetParam();
  const std::string dir = kRuleSets + "/" + b.dir;
  Measured m = run_measured({"rules", "check", "--rules", dir});
  EXPECT_EQ(m.exit_code, b.exit_code) << m.err;
  const std::string prefix = b.exit_code == 3 ? "rule error: " : "";
  const std::string expected = prefix + dir + "/" + b.message;
  if (b.exact) EXPECT_EQ(first_line(m.err), expected);
  else EXPECT_THAT(first_line(m.err), StartsWith(expected));
  EXPECT_TRUE(m.out.empty()) << "nothing on stdout when the check fails";
  EXPECT_LT(m.seconds, 5.0);
  EXPECT_LT(m.max_rss_kb, kMaxRssKb);
}

INSTANTIATE_TEST_SUITE_P(
    RulesCheck, BrokenRuleSets,
    ::testing::Values(
        BrokenSet{"syntax_error", 3, "rules/broken.lua:6: unexpected symbol near '='", true},
        BrokenSet{"load_error", 3, "rules/broken.lua:3: attempt to index a nil value (local 'settings')", true},
        BrokenSet{"runtime_error", 3,
                  "rules/broken.lua:6: attempt to index a nil value (field 'capacity') (case rules-check, offering "
                  "check-region-kw)",
                  true},
        BrokenSet{"loop_at_load", 3, "rules/loop.lua:4: instruction budget exceeded", true},
        BrokenSet{"loop_in_rule", 3,
                  "rules/loop.lua:7: instruction budget exceeded (case rules-check, offering check-region-kw)", true},
        BrokenSet{"os_execute", 3, "rules/shell.lua:2: undefined global variable 'os'", true},
        BrokenSet{"io_open", 3, "rules/files.lua:5: undefined global variable 'io' (case rules-check, offering check-region-kw)",
                  true},
        BrokenSet{"require_outside", 3,
                  "rules/sneaky.lua:2: require: invalid module name \"../../secret\" (a file name in lib/ without .lua)", true},
        BrokenSet{"require_module", 3,
                  "rules/sneaky.lua:1: require: module 'socket' not found: only lib/<name>.lua of this rule set can be required",
                  true},
        BrokenSet{"string_bomb", 3, "rules/bomb.lua:5: string.rep: a string of 1099511627776 bytes is over the limit", false},
        BrokenSet{"concat_bomb", 3, "rules/bomb.lua:4: memory limit exceeded (64 MiB)", true},
        BrokenSet{"table_bomb", 3, "rules/bomb.lua:9: memory limit exceeded (64 MiB) (case rules-check, offering check-region-kw)",
                  true},
        BrokenSet{"pattern_nested_star", 3,
                  "rules/costly.lua:6: string.find: pattern \"a*a*a*a*a*a*a*a*a*a*a*a*b\" is too costly on a string of 60 "
                  "bytes (use fewer *, +, -, ?, %b or %1 items, anchor it with ^, or match a shorter string) (case "
                  "rules-check, offering check-region-kw)",
                  true},
        BrokenSet{"pattern_optional", 3, "rules/costly.lua:6: string.match: pattern ", false},
        BrokenSet{"pattern_backref", 3, "rules/costly.lua:7: string.find: pattern \"(a*)(a*)(a*)(a*)%1%2%3%4%1%2%3%4b\" is too costly", false},
        BrokenSet{"table_move_strings", 3,
                  "rules/mover.lua:6: table.move: more than 1000000 elements at once (case rules-check, offering check-region-kw)",
                  true},
        BrokenSet{"score_overflow", 3,
                  "rules/huge_too.lua:5: the score is no longer a finite number after this rule's points (the points are "
                  "too large) (case rules-check, offering check-region-kw)",
                  true},
        BrokenSet{"pcall_loop", 3, "rules/stubborn.lua:", false},
        BrokenSet{"coroutine_loop", 3, "rules/stubborn.lua:", false},
        BrokenSet{"xpcall_loop", 3, "rules/stubborn.lua:", false},
        BrokenSet{"gc_finalizer", 3, "rules/sneaky.lua:4: setmetatable: __gc finalizers are not allowed in rules", true},
        BrokenSet{"binary_chunk", 3, "rules/binary.lua:1: load: only text chunks can be loaded (mode \"t\")", true},
        BrokenSet{"readonly_lib", 3, "rules/monkey.lua:2: string is read-only (cannot set format)", true},
        BrokenSet{"wrong_api", 3, "rules/future.lua:2: api_version 2 is not supported; this passend supports 1..1", true},
        BrokenSet{"unknown_phase", 3,
                  "rules/odd.lua:6: unknown phase 'sort'; expected one of classify, filter, exception, score, order, plan, "
                  "priority",
                  true},
        BrokenSet{"name_mismatch", 3, "rules/alpha.lua:3: name 'beta' must equal the file name 'alpha'", true},
        BrokenSet{"lint_writes", 3,
                  "rules/second.lua:2: rules 'first' and 'second' (phase plan, priority 10) both write 'plan_a'; give them "
                  "different priorities",
                  true},
        BrokenSet{"prereq_undeclared", 3,
                  "rules/peek.lua:5: reads c.provider_name, which depends_on does not list (contract) (case rules-check, "
                  "offering check-network-kw)",
                  true},
        BrokenSet{"prereq_bad_fact", 3,
                  "rules/near.lua:4: depends_on: 'distance_km' is not a fact a prerequisite can depend on; expected "
                  "provider, in_network, region, network, tier, care_form, lot, product_category, expertise, age_min, age_max, "
                  "supra_regional, contract, contract_via, bridging_pool",
                  true},
        BrokenSet{"prereq_not_filter", 3, "rules/points.lua:4: depends_on is only for filter and classify rules, not for phase score",
                  true},
        BrokenSet{"exempt_case_undeclared", 3,
                  "rules/exempt.lua:6: reads case.expertise_set, which case_depends_on does not list (age) (case rules-check, "
                  "offering check-region-kw)",
                  true},
        BrokenSet{"exempt_case_bad_fact", 3,
                  "rules/exempt.lua:5: case_depends_on: 'name' is not a case fact a rule can declare; expected age, "
                  "municipality, region, network, care_forms, expertise, urgency, flags, legal, max_wait_weeks, reference_date",
                  true},
        BrokenSet{"bad_params", 2, "params.json: /rules/distance/max_km: expected a number, got \"veertig\"", true},
        BrokenSet{"unknown_param", 2, "params.json: /disabled/0: unknown rule 'nope'", true}),
    [](const auto& info) { return std::string(info.param.dir); });

TEST(RulesCli, PcallAndCoroutinesCannotSwallowTheBudget) {
  for (const char* dir : {"pcall_loop", "coroutine_loop", "xpcall_loop"}) {
    Measured m = run_measured({"rules", "check", "--rules", kRuleSets + "/" + dir});
    EXPECT_EQ(m.exit_code, 3) << dir;
    EXPECT_THAT(m.err, HasSubstr("instruction budget exceeded (case rules-check, offering check-region-kw)")) << dir;
  }
}

TEST(RulesCli, UnknownParameterListsEveryProblem) {
  Measured m = run_measured({"rules", "check", "--rules", kRuleSets + "/unknown_param"});
  EXPECT_EQ(m.exit_code, 2);
  const std::string f = kRuleSets + "/unknown_param/params.json";
  EXPECT_EQ(m.err, f + ": /disabled/0: unknown rule 'nope'\n" + f +
                       ": /rules/distance/max_kms: unknown parameter 'max_kms' of rule 'distance'; it has: max_km\n" + f +
                       ": /rules/distanse: unknown rule 'distanse'\n");
}

TEST(RulesCli, CheckListsRulesAndParametersOfTheDefaultSet) {
  Measured m = run_measured({"rules", "check"});
  EXPECT_EQ(m.exit_code, 0) << m.err;
  EXPECT_THAT(m.out, HasSubstr("rule set default 2.2.0"));
  EXPECT_THAT(m.out, HasSubstr("contracted_only      1.0.0    Alleen aanbieders uit het inkoopnetwerk met een geldig contract voor het perceel  [beschermd]"));
  EXPECT_THAT(m.out, HasSubstr("Punten per trede (van 0 tot en met 100)"));
  EXPECT_THAT(m.out, HasSubstr("filter    60    contracted_only"));
  EXPECT_THAT(m.out, HasSubstr("distance.max_km"));
  EXPECT_THAT(m.out, HasSubstr("OK: every rule loaded, every parameter valid"));
}

TEST(RulesCli, MissingFolderIsExit2) {
  Measured m = run_measured({"rules", "check", "--rules", kRuleSets + "/no_such_set"});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_EQ(m.err, kRuleSets + "/no_such_set: no such rule set folder\n");
}

TEST(RulesCli, TestRunsTheDefaultScenarioTables) {
  Measured m = run_measured({"rules", "test"});
  EXPECT_EQ(m.exit_code, 0) << m.out << m.err;
  EXPECT_THAT(m.out, ::testing::MatchesRegex("(.|\n)*\n[0-9]+ passed, 0 failed\n$"));
}

TEST(RulesCli, AFailingRowShowsExpectedAndActualSideBySide) {
  const std::string dir = kRuleSets + "/scenario_fail";
  Measured m = run_measured({"rules", "test", "--rules", dir});
  EXPECT_EQ(m.exit_code, 1);
  EXPECT_EQ(m.out, "FAIL " + dir + "/tests/plan.json row 2 \"fout verwacht\"\n"
                   "     what    expected  actual\n"
                   "     plan_a  \"b-kw\"    \"a-kw\"\n"
                   "FAIL " + dir + "/tests/plan.json: Plan A (2 rows, 1 failed)\n"
                   "1 passed, 1 failed\n");
}

TEST(RulesCli, AMalformedTableIsInvalidInput) {
  const std::string dir = kRuleSets + "/scenario_bad";
  Measured m = run_measured({"rules", "test", "--rules", dir});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_EQ(m.err, dir + "/tests/plan.json: /rows/1/expect/plan_c: unknown expectation 'plan_c'\n");
}

// An empty string repeated 10^15 times is the empty string: answered at once, not by a loop of
// 10^15 steps inside one C call (where neither the instruction budget nor the deadline looks).
TEST(RulesCheck, RepeatingNothingIsAnsweredAtOnce) {
  Measured m = run_measured({"rules", "check", "--rules", kRuleSets + "/rep_empty"});
  EXPECT_EQ(m.exit_code, 0) << m.err;
  EXPECT_LT(m.seconds, 5.0);
}
