#include "plugins/candidate_facts.hpp"

#include <functional>
#include <optional>
#include <stdexcept>

namespace passend::lua {

const std::vector<std::string>& groupable_fact_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& spec : kCandidateFacts)
      if (spec.groupable) out.emplace_back(spec.name);
    return out;
  }();
  return names;
}

std::optional<CandidateFact> fact_named(std::string_view name) {
  for (const auto& spec : kCandidateFacts)
    if (spec.name == name) return spec.fact;
  return std::nullopt;
}

std::size_t fact_hash(const CandidateFacts& f, CandidateFact fact) {
  const auto text = [](const std::string& s) { return std::hash<std::string_view>()(s); };
  switch (fact) {
    case CandidateFact::provider: return text(f.provider->id);
    case CandidateFact::in_network: return f.provider->in_network;
    case CandidateFact::contract: return static_cast<std::size_t>(f.contract);
    case CandidateFact::contract_via: return text(f.contract_via);
    case CandidateFact::lot: return text(f.lot);
    case CandidateFact::care_form: return text(f.offering->care_form);
    case CandidateFact::product_category: return text(f.offering->product_category);
    case CandidateFact::tier: return static_cast<std::size_t>(f.tier);
    case CandidateFact::region: return text(f.region);
    case CandidateFact::network: return text(f.network);
    case CandidateFact::supra_regional: return f.offering->supra_regional;
    case CandidateFact::bridging_pool: return f.bridging_pool;
    case CandidateFact::expertise: {
      std::size_t h = f.offering->expertise.size();
      for (const auto& e : f.offering->expertise) h = h * 31u ^ text(e);
      return h;
    }
    case CandidateFact::age_min: return static_cast<std::size_t>(f.offering->age_min);
    case CandidateFact::age_max: return static_cast<std::size_t>(f.offering->age_max);
    default: return 0;
  }
}

bool same_fact(const CandidateFacts& a, const CandidateFacts& b, CandidateFact fact) {
  switch (fact) {
    case CandidateFact::provider: return a.provider->id == b.provider->id;
    case CandidateFact::in_network: return a.provider->in_network == b.provider->in_network;
    case CandidateFact::contract: return a.contract == b.contract;
    case CandidateFact::contract_via: return a.contract_via == b.contract_via;
    case CandidateFact::lot: return a.lot == b.lot;
    case CandidateFact::care_form: return a.offering->care_form == b.offering->care_form;
    case CandidateFact::product_category: return a.offering->product_category == b.offering->product_category;
    case CandidateFact::tier: return a.tier == b.tier;
    case CandidateFact::region: return a.region == b.region;
    case CandidateFact::network: return a.network == b.network;
    case CandidateFact::supra_regional: return a.offering->supra_regional == b.offering->supra_regional;
    case CandidateFact::bridging_pool: return a.bridging_pool == b.bridging_pool;
    case CandidateFact::expertise: return a.offering->expertise == b.offering->expertise;
    case CandidateFact::age_min: return a.offering->age_min == b.offering->age_min;
    case CandidateFact::age_max: return a.offering->age_max == b.offering->age_max;
    default: return false;
  }
}

void append_fact_key(std::string& key, const CandidateFacts& f, CandidateFact fact) {
  switch (fact) {
    case CandidateFact::provider: key += f.provider->id; break;
    case CandidateFact::in_network: key += f.provider->in_network ? '1' : '0'; break;
    case CandidateFact::contract: key += std::to_string(static_cast<int>(f.contract)); break;
    case CandidateFact::contract_via: key += f.contract_via; break;
    case CandidateFact::lot: key += f.lot; break;
    case CandidateFact::care_form: key += f.offering->care_form; break;
    case CandidateFact::product_category: key += f.offering->product_category; break;
    case CandidateFact::tier: key += std::to_string(static_cast<int>(f.tier)); break;
    case CandidateFact::region: key += f.region; break;
    case CandidateFact::network: key += f.network; break;
    case CandidateFact::supra_regional: key += f.offering->supra_regional ? '1' : '0'; break;
    case CandidateFact::bridging_pool: key += f.bridging_pool ? '1' : '0'; break;
    case CandidateFact::expertise:
      for (const auto& e : f.offering->expertise) (key += e) += '\x1f';
      break;
    case CandidateFact::age_min: key += std::to_string(f.offering->age_min); break;
    case CandidateFact::age_max: key += std::to_string(f.offering->age_max); break;
    default: throw std::logic_error("append_fact_key: not a groupable fact");
  }
  key += '\x1e';
}

}  // namespace passend::lua
