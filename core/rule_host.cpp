#include "core/rule_host.hpp"

namespace passend {

const char* contract_status_name(ContractStatus s) {
  switch (s) {
    case ContractStatus::active: return "active";
    case ContractStatus::not_started: return "not_started";
    case ContractStatus::expired: return "expired";
    case ContractStatus::suspended: return "suspended";
    case ContractStatus::ended: return "ended";
    case ContractStatus::wrong_lot: return "wrong_lot";
    case ContractStatus::none: return "none";
  }
  return "none";
}

std::vector<bool> RuleHost::classify_exempt(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  std::vector<bool> out(candidates.size(), false);
  if (candidates.empty()) return out;
  const std::vector<Verdict> verdicts = evaluate(facts, candidates);
  for (std::size_t i = 0; i < out.size() && i < verdicts.size(); ++i) out[i] = verdicts[i].exempt;
  return out;
}

}  // namespace passend
