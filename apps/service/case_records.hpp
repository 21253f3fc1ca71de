#pragma once
// Inside the service: a case record as JSON and the pieces every step shares (cases.cpp writes,
// case_views.cpp reads, waiting_list.cpp places). Not for the CLI or the server: they use
// apps/service/cases.hpp and apps/service/waiting_list.hpp.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "apps/service/cases.hpp"
#include "providers/case_store.hpp"
#include "providers/reservations.hpp"

namespace passend::service::cases_detail {

using J = nlohmann::ordered_json;

// The record with its timeline as `case show` gives it.
J record_json(Context& ctx, const db::CaseRow& row, Date on);
// Whether the follow-up lies before `on` and the case is not closed.
bool overdue(const db::CaseRow& row, Date on);
// "Food Valley" for JZ21; the code itself when unknown.
std::string region_name(const Context& ctx, const std::string& region);

// Appends the step's audit record and its timeline event (linked to it), in the caller's
// transaction; the detail's fields show in the timeline. Returns the audit id.
struct Event {
  explicit Event(std::string name, J what = J::object()) : event(std::move(name)), detail(std::move(what)) {}
  std::string event;
  J detail;
  std::optional<std::string> offering, provider, reason;
  std::optional<std::string> plan_a, plan_b, bridging;  // for the audit record
};
std::int64_t record_step(Context& ctx, const db::CaseRow& row, const Event& event, const CaseStep& step,
                         const std::string& case_hash = "");

// Marks a case placed at an offering with a reservation (accept, or the network's allocation):
// status geplaatst, the placement (with whether it lies outside the case's region).
void place(Context& ctx, db::CaseRow& row, const db::OfferingPlace& place, std::int64_t reservation, Date on);

// A reservation made or given back outside the case steps (passend reserve / release, the
// network page): a case record follows it, in the caller's transaction. Reserving places a case
// that is aangemeld or advies (event "placed"); releasing the place a placed case holds takes it
// back to advies, or aangemeld without an advice (event "released"). Cases without a record and
// other statuses are left alone (a case on a waiting list that holds a place is skipped by the
// allocation, as the contract has it).
void follow_reservation(Context& ctx, const db::Reservation& reservation, bool reserved, Date on, const std::string& actor,
                        const std::string& scope);

// OutOfScope unless the step's scope covers the case's region.
void require_case_scope(Context& ctx, const Scope& scope, const db::CaseRow& row);

}  // namespace passend::service::cases_detail
