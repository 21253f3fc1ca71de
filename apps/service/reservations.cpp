#include "apps/service/reservations.hpp"

#include "apps/service/scopes.hpp"
#include "providers/audit_store.hpp"
#include "providers/registry.hpp"

namespace passend::service {

namespace {
using J = nlohmann::ordered_json;

std::int64_t audit_reservation(Context& ctx, const std::string& action, const Reservation& r, const J& result,
                               Date on, const Actor& actor) {
  const std::string text = result.dump();
  db::AuditEntry e;
  e.actor = actor.name;
  e.scope = actor.scope;
  // The place's region: a scoped reader of the audit sees the reservations of its regions.
  e.region = offering_region(ctx, r.offering).value_or("");
  e.action = action;
  e.case_id = r.case_id;
  e.reference_date = on.str();
  e.import_id = db::current_import_id(ctx.db);
  if (action == "reserve") e.plan_a = r.offering;
  e.result = text;
  return db::append_audit(ctx.db, e);
}

// Every unreleased reservation is "active" on day 0, expired ones included.
std::optional<Reservation> unreleased(db::Database& db, std::int64_t id) {
  for (auto& r : db::active_reservations(db, Date::from_days(0)))
    if (r.id == id) return std::move(r);
  return std::nullopt;
}
}  // namespace

J reservation_json(const Reservation& r) {
  return {{"id", r.id},
          {"case", r.case_id},
          {"offering", r.offering},
          {"created_at", r.created_at},
          {"reference_date", r.reference_date},
          {"until", r.until ? J(*r.until) : J(nullptr)},
          {"released_at", r.released_at ? J(*r.released_at) : J(nullptr)}};
}

ReservationOutcome reserve_place(Context& ctx, const std::string& case_id, const std::string& offering,
                                 std::optional<Date> until, Date reference_date, const Actor& actor) {
  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  const Reservation r = db::reserve(ctx.db, {case_id, offering, until}, reference_date);
  ReservationOutcome out;
  out.result = {{"action", "reserve"}, {"reservation", reservation_json(r)},
                {"free", db::free_places(ctx.db, offering, reference_date)}};
  out.audit_id = audit_reservation(ctx, "reserve", r, out.result, reference_date, actor);
  db::link_audit(ctx.db, r.id, out.audit_id);
  tx.commit();
  return out;
}

ReservationOutcome release_place(Context& ctx, const std::string& case_id, const std::string& offering,
                                 Date reference_date, const Actor& actor) {
  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  const Reservation r = db::release(ctx.db, case_id, offering);
  ReservationOutcome out;
  out.result = {{"action", "release"}, {"reservation", reservation_json(r)},
                {"free", db::free_places(ctx.db, offering, reference_date)}};
  out.audit_id = audit_reservation(ctx, "release", r, out.result, reference_date, actor);
  tx.commit();
  return out;
}

std::optional<ReservationOutcome> release_reservation(Context& ctx, std::int64_t id, Date reference_date,
                                                      const Actor& actor,
                                                      const std::optional<std::set<std::string>>& regions,
                                                      const std::string& scope_name) {
  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);  // found and released under one lock
  const auto r = unreleased(ctx.db, id);
  if (!r) return std::nullopt;
  if (regions && !regions->count(offering_region(ctx, r->offering).value_or("")))
    throw OutOfScope("reservering " + std::to_string(id) + " (aanbod " + r->offering +
                     ") ligt buiten de scope van dit token: " + scope_name);
  auto out = release_place(ctx, r->case_id, r->offering, reference_date, actor);
  tx.commit();
  return out;
}

std::optional<std::string> offering_region(Context& ctx, const std::string& offering) {
  const auto figures = db::offering_figures(ctx.db, {std::nullopt, offering, std::nullopt});
  if (figures.empty()) return std::nullopt;
  const Municipality* m = ctx.regions.municipality(figures.front().municipality);
  return m ? m->region : "";
}

std::vector<Reservation> list_reservations(Context& ctx, Date on, const std::string& case_id,
                                           const std::optional<Actor>& reader,
                                           const std::optional<std::set<std::string>>& regions) {
  auto in_scope = [&](std::vector<Reservation> list) {
    if (!regions) return list;
    std::vector<Reservation> out;
    for (auto& r : list)
      if (regions->count(offering_region(ctx, r.offering).value_or(""))) out.push_back(std::move(r));
    return out;
  };
  if (!reader) return in_scope(db::active_reservations(ctx.db, on, case_id));
  db::Transaction tx(ctx.db);
  auto list = in_scope(db::active_reservations(ctx.db, on, case_id));
  record_event(ctx, *reader, "reservation_list", case_id, {{"date", on.str()}, {"reservations", list.size()}});
  tx.commit();
  return list;
}

}  // namespace passend::service
