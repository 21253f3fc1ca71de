#pragma once
// `passend rules check`: loading the rule set already validates everything (LuaRuleHost::load
// throws RuleError or InvalidInput); this prints what was loaded so that a contract manager can
// see the rules in the order they run and every parameter with its value.
#include <ostream>

#include "plugins/lua_host.hpp"

namespace passend {

// The rules (phase, priority, name, version, description), the parameters with their values
// ('*' marks a value set in params.json), settings and disabled rules.
void print_rule_set(const LuaRuleHost& host, std::ostream& out);

// Runs every phase (evaluate, plan, priorities) once on a small synthetic batch that covers
// each tier, contract status, exempt care, stale capacity, maatwerk and the bridging pool, so
// that a runtime error or an endless loop inside a phase function shows at check time, not in
// the RET meeting. Throws RuleError naming the rule file and line (case "rules-check").
void dry_run(LuaRuleHost& host);

// Warnings that do not stop the rule set (e.g. a rule no scenario table names), one per line.
void print_rule_warnings(const LuaRuleHost& host, std::ostream& err);

}  // namespace passend
