#pragma once
// Inside the service: a case record as JSON (cases.cpp writes, case_views.cpp reads, the
// waiting list places). Not for the CLI or the server: they use apps/service/cases.hpp.
#include <nlohmann/json.hpp>
#include <string>

#include "apps/service/cases.hpp"
#include "providers/case_store.hpp"

namespace passend::service::cases_detail {

using J = nlohmann::ordered_json;

// The record with its timeline as `case show` gives it.
J record_json(Context& ctx, const db::CaseRow& row, Date on);
// Whether the follow-up lies before `on` and the case is not closed.
bool overdue(const db::CaseRow& row, Date on);
// The case's network (for its region), "" when unknown.
std::string network_of(const Context& ctx, const std::string& region);

// Appends the step's audit record and its timeline event (linked to it), in the caller's
// transaction; the detail's fields show in the timeline. Returns the audit id.
struct Event {
  std::string event;
  J detail = J::object();
  std::optional<std::string> offering, provider, reason;
  std::optional<std::string> plan_a, plan_b, bridging;  // for the audit record
};
std::int64_t record_step(Context& ctx, const db::CaseRow& row, const Event& event, const CaseStep& step,
                         const std::string& case_hash = "");

// Marks a case placed at an offering with a reservation (accept, or the network's allocation).
void place(Context& ctx, db::CaseRow& row, const db::OfferingPlace& place, std::int64_t reservation, Date on);

}  // namespace passend::service::cases_detail
