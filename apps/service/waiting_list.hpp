#pragma once
// The network's waiting list (docs/cases.md): the cases referred to a network (`case refer`,
// status wacht_op_plek) are the competing cases of an allocation of its scarce places
// (apps/service/place_allocation.hpp) instead of a hand-written CASES.json. Committing places
// the assigned cases: each gets its reservation, status geplaatst and a timeline event, in one
// transaction that holds the database's write lock from reading the list to the last write, so
// two coordinators committing at once never place a case twice or fill a place twice: the
// second one allocates what the first left.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "apps/service/place_allocation.hpp"
#include "apps/service/scopes.hpp"

namespace passend::service {

struct WaitingListRequest {
  std::string network;  // EXNnn
  Date reference_date;
  bool commit = false;
  std::optional<Date> until;  // end of the reservations; none: until released
  Actor actor;
  Scope scope;  // a scoped coordinator reaches only its own network's list
  // The proposal the coordinator saw (case, offering), when committing from a page: the commit
  // is refused (Conflict, in Dutch, naming cases and providers) when the list or the places
  // changed so that the allocation would now differ.
  std::optional<std::vector<std::pair<std::string, std::string>>> expected;
};

// The cases on a network's waiting list, as `case list` gives them.
nlohmann::ordered_json waiting_list(Context& ctx, const std::string& network, Date on, const Scope& scope = {});

// Allocates among the network's waiting list (the result of allocate_places, with
// "source": "waiting_list"); with commit the assigned cases become geplaatst. Cases that hold a
// place already are listed in `skipped`. InvalidInput for an unknown network, OutOfScope for
// another network's list, Conflict when `expected` no longer holds; nothing written then.
AllocationOutcome allocate_waiting_list(Context& ctx, RuleHost& rules, const WaitingListRequest& request);
// The same with each case judged by the rule set its region uses on the reference date.
AllocationOutcome allocate_waiting_list(Context& ctx, RuleSetRegistry& rules, const WaitingListRequest& request);

}  // namespace passend::service
