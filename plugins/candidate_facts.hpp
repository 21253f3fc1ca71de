#pragma once
// Every fact a rule sees of a candidate (`c.<name>` in Lua), in one table: the Lua host fills
// candidate tables from it (lua_facts.cpp), prerequisite filters may depend only on the facts it
// marks groupable (the host groups candidates by them without Lua), and a test checks that
// docs/rules.md lists each of them. Derived facts (what classify rules return) are not here.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rule_host.hpp"

namespace passend::lua {

enum class CandidateFact : int {
  index, provider, provider_name, in_network, location, municipality, region, region_name, network, tier,
  distance_km, near_km, offering, care_form, care_form_rank, lot, product_category, expertise, age_min, age_max,
  contraindications, identity, supra_regional, places, free, wait_weeks, updated, capacity_age_days, timely,
  contract, contract_via, bridging_pool, wait_unknown, identity_mismatch, coordinated_by, maatwerk,
  reserved_for_case,
};

struct CandidateFactSpec {
  CandidateFact fact;
  std::string_view name;
  bool groupable;  // a value of the offering, its provider or the contract: prerequisites may depend on it
};

inline constexpr std::array kCandidateFacts = {
    CandidateFactSpec{CandidateFact::index, "index", false},
    CandidateFactSpec{CandidateFact::provider, "provider", true},
    CandidateFactSpec{CandidateFact::provider_name, "provider_name", false},
    CandidateFactSpec{CandidateFact::in_network, "in_network", true},
    CandidateFactSpec{CandidateFact::location, "location", false},
    CandidateFactSpec{CandidateFact::municipality, "municipality", false},
    CandidateFactSpec{CandidateFact::region, "region", true},
    CandidateFactSpec{CandidateFact::region_name, "region_name", false},
    CandidateFactSpec{CandidateFact::network, "network", true},
    CandidateFactSpec{CandidateFact::tier, "tier", true},
    CandidateFactSpec{CandidateFact::distance_km, "distance_km", false},
    CandidateFactSpec{CandidateFact::near_km, "near_km", false},
    CandidateFactSpec{CandidateFact::offering, "offering", false},
    CandidateFactSpec{CandidateFact::care_form, "care_form", true},
    CandidateFactSpec{CandidateFact::care_form_rank, "care_form_rank", false},
    CandidateFactSpec{CandidateFact::lot, "lot", true},
    CandidateFactSpec{CandidateFact::product_category, "product_category", true},
    CandidateFactSpec{CandidateFact::expertise, "expertise", true},
    CandidateFactSpec{CandidateFact::age_min, "age_min", true},
    CandidateFactSpec{CandidateFact::age_max, "age_max", true},
    CandidateFactSpec{CandidateFact::contraindications, "contraindications", false},
    CandidateFactSpec{CandidateFact::identity, "identity", false},
    CandidateFactSpec{CandidateFact::supra_regional, "supra_regional", true},
    CandidateFactSpec{CandidateFact::places, "places", false},
    CandidateFactSpec{CandidateFact::free, "free", false},
    CandidateFactSpec{CandidateFact::wait_weeks, "wait_weeks", false},
    CandidateFactSpec{CandidateFact::updated, "updated", false},
    CandidateFactSpec{CandidateFact::capacity_age_days, "capacity_age_days", false},
    CandidateFactSpec{CandidateFact::timely, "timely", false},
    CandidateFactSpec{CandidateFact::contract, "contract", true},
    CandidateFactSpec{CandidateFact::contract_via, "contract_via", true},
    CandidateFactSpec{CandidateFact::bridging_pool, "bridging_pool", true},
    CandidateFactSpec{CandidateFact::wait_unknown, "wait_unknown", false},
    CandidateFactSpec{CandidateFact::identity_mismatch, "identity_mismatch", false},
    CandidateFactSpec{CandidateFact::coordinated_by, "coordinated_by", false},
    CandidateFactSpec{CandidateFact::maatwerk, "maatwerk", false},
    CandidateFactSpec{CandidateFact::reserved_for_case, "reserved_for_case", false},
};
inline constexpr int kCandidateFactCount = static_cast<int>(kCandidateFacts.size());

// The enum and the table agree entry by entry (the table is indexed by the enum).
constexpr bool facts_in_step() {
  for (std::size_t i = 0; i < kCandidateFacts.size(); ++i)
    if (static_cast<std::size_t>(kCandidateFacts[i].fact) != i) return false;
  return true;
}
static_assert(facts_in_step(), "kCandidateFacts must list every CandidateFact in enum order");
static_assert(static_cast<int>(CandidateFact::reserved_for_case) + 1 == kCandidateFactCount,
              "every CandidateFact needs an entry in kCandidateFacts");

// The names of the groupable facts, in table order (what depends_on may name).
const std::vector<std::string>& groupable_fact_names();
// The fact of a name; nothing when there is none.
std::optional<CandidateFact> fact_named(std::string_view name);

// For grouping candidates by groupable facts without building keys: a hash of one fact's value,
// and whether two candidates agree on it. Both are 0 / false for facts that are not groupable.
std::size_t fact_hash(const CandidateFacts& f, CandidateFact fact);
bool same_fact(const CandidateFacts& a, const CandidateFacts& b, CandidateFact fact);
// The value of one groupable fact appended as key text (two candidates get the same text
// exactly when same_fact holds): what a memo across queries keys on.
void append_fact_key(std::string& key, const CandidateFacts& f, CandidateFact fact);

}  // namespace passend::lua
