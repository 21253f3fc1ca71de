#include "benchmarks/peer_facts.hpp"

#include <fstream>

#include "benchmarks/query_fixtures.hpp"

namespace passend::bench {

using json = nlohmann::ordered_json;

std::unique_ptr<LuaRuleHost> peer_rules() {
  const std::string file = std::string(PASSEND_SOURCE_DIR "/benchmarks/peers/passend_rules.json");
  std::ifstream in(file);
  ParamsOverlay overlay{nlohmann::json::parse(in), file, ""};
  return LuaRuleHost::load(default_rules_dir(), vocabulary(), {}, overlay);
}

namespace {

json candidate_json(const CandidateResult& e) {
  const CandidateFacts& f = e.facts;
  const Offering& o = *f.offering;
  auto codes = json::array();
  for (const auto& x : e.verdict.exclusions) codes.push_back(x.code);
  for (const auto& l : e.verdict.lifted) codes.push_back(l.exclusion.code);
  return {{"offering", o.id}, {"provider", f.provider->id}, {"care_form", o.care_form},
          {"bridging_pool", f.bridging_pool}, {"age_min", o.age_min}, {"age_max", o.age_max},
          {"in_network", f.provider->in_network}, {"contract", contract_status_name(f.contract)},
          {"region", f.region}, {"network", f.network}, {"free", o.capacity.free},
          {"wait_weeks", o.capacity.wait_weeks},
          {"passend", {{"tier", tier_name(f.tier)}, {"timely", f.timely}, {"exclusions", codes}}}};
}

}  // namespace

json case_facts_json(const QueryResult& r) {
  const Case& c = *r.case_facts.case_;
  auto adjacent = json::array();
  for (const auto& region : region_data().regions)
    if (region.code != r.case_facts.region && regions().adjacent(r.case_facts.region, region.code))
      adjacent.push_back(region.code);
  auto candidates = json::array();
  for (const auto& e : r.evaluated) candidates.push_back(candidate_json(e));
  return {{"id", c.id}, {"age", c.age}, {"region", r.case_facts.region}, {"network", r.case_facts.network},
          {"adjacent", adjacent}, {"care_forms", c.care_forms}, {"maatwerk", c.maatwerk.has_value()},
          {"max_wait_weeks", c.max_wait_weeks ? json(*c.max_wait_weeks) : json(nullptr)}, {"candidates", candidates}};
}

}  // namespace passend::bench
