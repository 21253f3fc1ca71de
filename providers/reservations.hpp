#pragma once
// Reservations of scarce places (docs/formats.md, "Allocation of supra-regional places"; docs/domain.md
// principle 13: never double-booked).
//
// A reservation holds one place of an offering for a case until it is released or its `until`
// date has passed. The free count of a place is derived, never stored twice:
//     free(offering, D) = max(0, offering.free - active reservations on D)
// where a reservation is active on D when it is not released and `until` is absent or >= D.
// So an expired reservation gives its place back by itself, a re-import of the network keeps
// the reservations counting, and free never goes below zero.
//
// Writers call these inside a Transaction of kind immediate: the check and the insert then
// happen under SQLite's write lock, so of two processes reserving the last place exactly one
// wins and the other gets Conflict.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/held_places.hpp"
#include "core/model.hpp"
#include "providers/sqlite.hpp"

namespace passend::db {

struct Reservation {
  std::int64_t id = 0;
  std::string case_id;
  std::string offering;
  std::string created_at;      // UTC, ISO 8601
  std::string reference_date;  // the date it was made for
  std::optional<std::string> until;
  std::optional<std::string> released_at;
  std::optional<std::int64_t> audit_id;
};

struct ReservationRequest {
  std::string case_id;
  std::string offering;
  std::optional<Date> until;  // last day it holds; none: until released
};

// The place's free count on `on` (see above). InvalidInput when the offering is unknown.
int free_places(Database& db, const std::string& offering, Date on);

// Active reservations per offering on `on` (offerings without any are absent), leaving out
// those of `except_case` when given.
std::map<std::string, int> active_reservation_counts(Database& db, Date on, const std::string& except_case = "");

// Lowers each offering's capacity.free in a network read from the registry by its active
// reservations on `on`, never below zero: what allocate works with. (A query for one case
// leaves the network as read and passes held_places(unreleased_reservations(db), on, case) to
// the engine: its own reservation is its place, not a reason to propose another.)
void apply_reservations(Database& db, ProviderNetwork& network, Date on);

// Every reservation not released, oldest first, for core/held_places.hpp.
std::vector<PlaceReservation> unreleased_reservations(Database& db);

// Active reservations on `on`, oldest first; only the case's when case_id is given.
std::vector<Reservation> active_reservations(Database& db, Date on, const std::string& case_id = "");

// Takes one place. Call inside an immediate transaction. Throws InvalidInput for an unknown
// offering, an empty case id or `until` before `on`; Conflict when the place has no free place
// on `on`, or the case already holds an active reservation (one scarce place per case).
Reservation reserve(Database& db, const ReservationRequest& request, Date on);

// Records the audit record that granted or released a reservation.
void link_audit(Database& db, std::int64_t reservation_id, std::int64_t audit_id);

// Gives the place back: marks the case's unreleased reservation for the offering released.
// Conflict when there is none. Returns it as released.
Reservation release(Database& db, const std::string& case_id, const std::string& offering);

}  // namespace passend::db
