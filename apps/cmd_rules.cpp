// passend rules check | test: validate a rule set, run its scenario tables.
#include <iostream>

#include "apps/commands.hpp"
#include "apps/service/rules.hpp"
#include "core/paths.hpp"

namespace passend::cli {

namespace {

std::string rules_folder(const std::string& option) { return option.empty() ? default_rules_dir() : option; }

int run_check(const std::string& dir) {
  const Vocabulary vocabulary = service::load_vocabulary();
  service::check_rules(rules_folder(dir), vocabulary, std::cout, std::cerr);
  return 0;
}

// Exit 1 when any row failed (docs/formats.md: 1 = anything else); 2 for a malformed table.
int run_test(const std::string& dir) {
  const auto s = service::test_rules(rules_folder(dir), std::cout);
  return s.failed == 0 ? 0 : 1;
}

}  // namespace

void add_rules_command(CLI::App& app, Action& action) {
  auto* rules = app.add_subcommand("rules", "Validate a rule set or run its scenario tables");
  rules->require_subcommand(1);

  auto dir = std::make_shared<std::string>();
  auto* check = rules->add_subcommand("check", "Load a rule set, validate its parameters, list rules and parameters");
  check->add_option("--rules", *dir, "Rule set folder (default: the bundled rules/default)");
  check->callback([&action, dir] { action = [dir] { return run_check(*dir); }; });

  auto* test = rules->add_subcommand("test", "Run the rule set's scenario tables (tests/*.json) through the engine");
  test->add_option("--rules", *dir, "Rule set folder (default: the bundled rules/default)");
  test->callback([&action, dir] { action = [dir] { return run_test(*dir); }; });
}

}  // namespace passend::cli
