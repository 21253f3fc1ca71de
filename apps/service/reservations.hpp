#pragma once
// Single reservations of scarce places (providers/reservations.hpp): reserving one place of an
// offering for a case, giving it back, and the list of active reservations. Each change is
// one immediate transaction with its audit record, so of two reserving the last place exactly
// one wins. Allocation among competing cases: apps/service/place_allocation.hpp.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apps/service/audit.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "providers/reservations.hpp"

namespace passend::service {

using Reservation = db::Reservation;

struct ReservationOutcome {
  nlohmann::ordered_json result;  // action, reservation, free (docs/formats.md)
  std::int64_t audit_id = 0;
};

// One place for one case, with its audit record (the actor's name and scope, the place's region). Conflict when no place is free or the case
// already holds one.
ReservationOutcome reserve_place(Context& ctx, const std::string& case_id, const std::string& offering,
                                 std::optional<Date> until, Date reference_date, const Actor& actor);
// Gives a case's place back, with its audit record. Conflict when it holds none there.
ReservationOutcome release_place(Context& ctx, const std::string& case_id, const std::string& offering,
                                 Date reference_date, const Actor& actor);
// Gives back the unreleased reservation with this id (an expired one too), with its audit
// record; nothing when there is no such reservation. With `regions` (a scoped coordinator),
// OutOfScope (apps/service/scopes.hpp) for a place located elsewhere, naming `scope_name`.
std::optional<ReservationOutcome> release_reservation(Context& ctx, std::int64_t id, Date reference_date,
                                                      const Actor& actor,
                                                      const std::optional<std::set<std::string>>& regions = std::nullopt,
                                                      const std::string& scope_name = "");

// Active reservations on `on`, oldest first; only the case's when case_id is given; with
// `regions` (a scoped coordinator) only those of places located in them. With a reader (the
// API), the reading is audited ("reservation_list") in the same transaction.
std::vector<Reservation> list_reservations(Context& ctx, Date on, const std::string& case_id = "",
                                           const std::optional<Actor>& reader = std::nullopt,
                                           const std::optional<std::set<std::string>>& regions = std::nullopt);

// The region an offering's location lies in; nothing for an offering the registry does not hold.
std::optional<std::string> offering_region(Context& ctx, const std::string& offering);

// {id, case, offering, created_at, reference_date, until, released_at}
nlohmann::ordered_json reservation_json(const Reservation& r);

}  // namespace passend::service
