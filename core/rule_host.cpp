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

}  // namespace passend
