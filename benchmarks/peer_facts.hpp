#pragma once
// Benchmark-only: what the peer comparison (benchmarks/peers/) needs from passend, shared by
// export_facts.cpp (generated cases) and national_facts.cpp (one case on a registry database):
// the rule set the peers implement and one evaluated case as peer facts JSON.
#include <memory>
#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "plugins/lua_host.hpp"

namespace passend::bench {

// The default rule set with only the rules the peers implement enabled
// (benchmarks/peers/passend_rules.json: care_form_asked, age_range, contracted_only,
// timely_first, tier_ladder).
std::unique_ptr<LuaRuleHost> peer_rules();

// One query's case and its evaluated offerings as the peers read them: the case (age, region,
// network, adjacent regions, care forms, max wait) and per offering its facts and what passend
// decided ("passend": tier, timely, exclusion codes, lifted ones included).
nlohmann::ordered_json case_facts_json(const QueryResult& r);

}  // namespace passend::bench
