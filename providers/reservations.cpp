#include "providers/reservations.hpp"

#include <algorithm>

#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "providers/stored_forms.hpp"

namespace passend::db {

namespace {

// Active on ?1: not released, and no end or an end on or after ?1 (ISO dates compare as text).
constexpr const char* kActive = "released_at IS NULL AND (until IS NULL OR until >= ?1)";

constexpr const char* kSelect =
    "SELECT id, case_id, offering, created_at, reference_date, until, released_at, audit_id FROM reservation ";

Reservation read_row(Statement& st) {
  Reservation r;
  r.id = st.column_int64(0);
  r.case_id = st.column_text(1);
  r.offering = st.column_text(2);
  r.created_at = st.column_text(3);
  r.reference_date = st.column_text(4);
  if (!st.column_is_null(5)) r.until = st.column_text(5);
  if (!st.column_is_null(6)) r.released_at = st.column_text(6);
  if (!st.column_is_null(7)) r.audit_id = st.column_int64(7);
  return r;
}

std::optional<int> stored_free(Database& db, const std::string& offering) {
  auto st = db.prepare("SELECT free FROM offering WHERE id = ?");
  st.bind(1, offering);
  if (!st.step()) return std::nullopt;
  return st.column_int(0);
}

int active_count(Database& db, const std::string& offering, Date on) {
  auto st = db.prepare(std::string("SELECT COUNT(*) FROM reservation WHERE offering = ?2 AND ") + kActive);
  st.bind(1, on.str()).bind(2, offering);
  st.step();
  return st.column_int(0);
}

std::optional<Reservation> active_of_case(Database& db, const std::string& case_id, Date on) {
  auto st = db.prepare(std::string(kSelect) + "WHERE case_id = ?2 AND " + kActive + " ORDER BY id LIMIT 1");
  st.bind(1, on.str()).bind(2, case_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

}  // namespace

int free_places(Database& db, const std::string& offering, Date on) {
  const auto free = stored_free(db, offering);
  if (!free) throw InvalidInput(db.path(), "", "unknown offering '" + offering + "'; it is not in the registry");
  return std::max(0, *free - active_count(db, offering, on));
}

std::map<std::string, int> active_reservation_counts(Database& db, Date on, const std::string& except_case) {
  auto st = db.prepare(std::string("SELECT offering, COUNT(*) FROM reservation WHERE case_id <> ?2 AND ") + kActive +
                       " GROUP BY offering");
  st.bind(1, on.str()).bind(2, except_case);
  std::map<std::string, int> out;
  while (st.step()) out[st.column_text(0)] = st.column_int(1);
  return out;
}

void apply_reservations(Database& db, ProviderNetwork& network, Date on) {
  const auto counts = active_reservation_counts(db, on);
  if (counts.empty()) return;
  for (auto& p : network.providers)
    for (auto& loc : p.locations)
      for (auto& o : loc.offerings)
        if (auto it = counts.find(o.id); it != counts.end()) o.capacity.free = std::max(0, o.capacity.free - it->second);
}

std::vector<PlaceReservation> unreleased_reservations(Database& db) {
  auto st = db.prepare("SELECT case_id, offering, until FROM reservation WHERE released_at IS NULL ORDER BY id");
  std::vector<PlaceReservation> out;
  while (st.step()) {
    PlaceReservation r{st.column_text(0), st.column_text(1), std::nullopt};
    if (!st.column_is_null(2)) r.until = stored::date(st.column_text(2));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Reservation> active_reservations(Database& db, Date on, const std::string& case_id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE (?2 = '' OR case_id = ?2) AND " + kActive + " ORDER BY id");
  st.bind(1, on.str()).bind(2, case_id);
  std::vector<Reservation> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

Reservation reserve(Database& db, const ReservationRequest& request, Date on) {
  if (request.case_id.empty()) throw InvalidInput("--case", "", "a case id is required");
  if (!is_pseudonymous_case_id(request.case_id))
    throw InvalidInput("--case", "", "a case id is 1-64 letters, digits, '-', '_' or '.': a pseudonym, never a name or a BSN");
  if (request.until && *request.until < on)
    throw InvalidInput("--until", "", "the reservation would end (" + request.until->str() +
                                          ") before the reference date " + on.str());
  const auto free = stored_free(db, request.offering);
  if (!free)
    throw InvalidInput(db.path(), "", "unknown offering '" + request.offering + "'; it is not in the registry");
  if (auto held = active_of_case(db, request.case_id, on))
    throw Conflict("case " + request.case_id + " already holds reservation #" + std::to_string(held->id) + " for " +
                   held->offering + "; release it first (passend release --case " + request.case_id +
                   " --offering " + held->offering + ")");
  const int reserved = active_count(db, request.offering, on);
  if (*free - reserved <= 0)
    throw Conflict("no free place at " + request.offering + " on " + on.str() + " (" + std::to_string(*free) +
                   " free in the registry, " + std::to_string(reserved) + " reserved)");

  auto st = db.prepare(
      "INSERT INTO reservation (case_id, offering, created_at, reference_date, until) "
      "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?)");
  st.bind(1, request.case_id).bind(2, request.offering).bind(3, on.str());
  if (request.until) st.bind(4, request.until->str());
  else st.bind_null(4);
  st.run();
  auto back = db.prepare(std::string(kSelect) + "WHERE id = ?");
  back.bind(1, db.last_insert_rowid());
  back.step();
  return read_row(back);
}

void link_audit(Database& db, std::int64_t reservation_id, std::int64_t audit_id) {
  auto st = db.prepare("UPDATE reservation SET audit_id = ? WHERE id = ?");
  st.bind(1, audit_id).bind(2, reservation_id);
  st.run();
}

Reservation release(Database& db, const std::string& case_id, const std::string& offering) {
  std::optional<Reservation> held;
  {
    // An expired reservation may still be unreleased next to a newer one: release all of them.
    auto st = db.prepare(std::string(kSelect) + "WHERE case_id = ? AND offering = ? AND released_at IS NULL ORDER BY id DESC");
    st.bind(1, case_id).bind(2, offering);
    if (st.step()) held = read_row(st);
  }
  if (!held) throw Conflict("case " + case_id + " holds no reservation for " + offering);
  auto up = db.prepare(
      "UPDATE reservation SET released_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE case_id = ? AND offering = ? "
      "AND released_at IS NULL");
  up.bind(1, case_id).bind(2, offering);
  up.run();
  auto back = db.prepare(std::string(kSelect) + "WHERE id = ?");
  back.bind(1, held->id);
  back.step();
  return read_row(back);
}

}  // namespace passend::db
