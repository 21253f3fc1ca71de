// Reading case records: one case with its timeline, the case list (overdue follow-ups first),
// and the pieces every step shares (the audit record and timeline event of a step, placing a
// case, the scope check). Dutch text and CSV: case_text.cpp.
#include <algorithm>

#include "apps/service/case_records.hpp"
#include "core/json_input.hpp"
#include "providers/audit_store.hpp"

namespace passend::service {

namespace cases_detail {

namespace {
J parsed_or_null(const std::optional<std::string>& text) { return text ? J::parse(*text) : J(nullptr); }
J text_or_null(const std::optional<std::string>& text) { return text ? J(*text) : J(nullptr); }

// Dutch labels of the timeline's events.
std::string event_dutch(const std::string& event) {
  if (event == "registered") return "aangemeld";
  if (event == "updated") return "casusgegevens bijgewerkt";
  if (event == "advised") return "advies van het RET vastgelegd";
  if (event == "accepted") return "aanbieder neemt de casus aan";
  if (event == "refused") return "aanbieder wijst de casus af";
  if (event == "referred") return "op de wachtlijst van het netwerk gezet";
  if (event == "placed") return "geplaatst door het netwerk";
  if (event == "closed") return "gesloten";
  if (event == "released") return "plek vrijgegeven";
  return event;
}

std::string outcome_dutch(const std::string& outcome) {
  if (outcome == "geplaatst") return "geplaatst";
  if (outcome == "afgeschaald") return "afgeschaald";
  if (outcome == "anders") return "anders";
  return outcome;
}
}  // namespace

std::string region_name(const Context& ctx, const std::string& region) {
  const Region* r = ctx.regions.region(region);
  return r ? r->name : region;
}

bool overdue(const db::CaseRow& row, Date on) {
  if (row.status == "gesloten" || !row.follow_up) return false;
  const auto d = Date::parse(*row.follow_up);
  return d && *d < on;
}

J record_json(Context& ctx, const db::CaseRow& row, Date on) {
  J j = J::object();
  j["id"] = row.case_id;
  j["status"] = row.status;
  j["status_label"] = case_status_dutch(row.status);
  j["region"] = row.region;
  j["region_name"] = region_name(ctx, row.region);
  j["registered"] = row.registered;
  j["follow_up"] = text_or_null(row.follow_up);
  j["overdue"] = overdue(row, on);
  j["network"] = text_or_null(row.network);
  if (row.network) {
    const Network* n = ctx.regions.network(*row.network);
    j["network_name"] = n ? J(n->name) : J(nullptr);
  }
  j["advice"] = parsed_or_null(row.advice);
  j["placement"] = parsed_or_null(row.placement);
  j["outcome"] = text_or_null(row.outcome);
  j["closed_on"] = text_or_null(row.closed_on);
  j["first_advice"] = text_or_null(row.first_advice);
  j["case"] = J::parse(row.document);
  J timeline = J::array();
  for (const auto& e : db::case_events(ctx.db, row.case_id)) {
    J t = J::object();
    t["date"] = e.date;
    t["event"] = e.event;
    t["label"] = event_dutch(e.event);
    t["at"] = e.at;
    t["actor"] = e.actor;
    if (e.offering) t["offering"] = *e.offering;
    if (e.provider) t["provider"] = *e.provider;
    if (e.reason) t["reason"] = *e.reason;
    const J detail = J::parse(e.detail);
    for (auto it = detail.begin(); it != detail.end(); ++it)
      if (!t.contains(it.key())) t[it.key()] = it.value();
    if (e.event == "closed" && t.contains("outcome")) t["outcome_label"] = outcome_dutch(t["outcome"].get<std::string>());
    t["audit_id"] = e.audit_id ? J(*e.audit_id) : J(nullptr);
    timeline.push_back(std::move(t));
  }
  j["timeline"] = std::move(timeline);
  return j;
}

std::int64_t record_step(Context& ctx, const db::CaseRow& row, const Event& event, const CaseStep& step,
                         const std::string& case_hash) {
  db::AuditEntry a;
  a.actor = step.actor;
  a.action = "case_" + event.event;
  a.case_id = row.case_id;
  a.case_hash = case_hash;
  a.reference_date = step.date.str();
  a.plan_a = event.plan_a;
  a.plan_b = event.plan_b;
  a.bridging = event.bridging;
  J result = {{"event", event.event}, {"status", row.status}};
  result["detail"] = event.detail;
  a.result = result.dump();
  a.scope = scope_text(step.scope);
  a.region = row.region;
  const std::int64_t audit_id = db::append_audit(ctx.db, a);
  db::CaseEventRow e;
  e.case_id = row.case_id;
  e.date = step.date.str();
  e.actor = step.actor;
  e.event = event.event;
  e.offering = event.offering;
  e.provider = event.provider;
  e.reason = event.reason;
  e.detail = event.detail.dump();
  e.audit_id = audit_id;
  db::append_case_event(ctx.db, e);
  return audit_id;
}

void place(Context& ctx, db::CaseRow& row, const db::OfferingPlace& p, std::int64_t reservation, Date on) {
  const Municipality* m = ctx.regions.municipality(p.municipality);
  const std::string region = m ? m->region : "";
  J placement = {{"offering", p.offering},           {"provider", p.provider},
                 {"provider_name", p.provider_name}, {"municipality", p.municipality},
                 {"region", region},                 {"region_name", region_name(ctx, region)},
                 {"outside_region", region != row.region}, {"reservation", reservation},
                 {"date", on.str()}};
  row.status = "geplaatst";
  row.placement = placement.dump();
  row.placed_on = on.str();
  row.placed_region = region;
  row.network.reset();
}

void follow_reservation(Context& ctx, const db::Reservation& r, bool reserved, Date on, const std::string& actor,
                        const std::string& scope) {
  auto row = db::read_case_record(ctx.db, r.case_id);
  if (!row) return;
  const auto offering = db::offering_place(ctx.db, r.offering);
  const J placement = row->placement ? J::parse(*row->placement) : J::object();
  if (reserved && ((row->status != "aangemeld" && row->status != "advies") || !offering)) return;
  if (!reserved && (row->status != "geplaatst" || placement.value("offering", "") != r.offering)) return;
  Event e(reserved ? "placed" : "released");
  e.offering = r.offering;
  e.detail["offering"] = r.offering;
  if (offering) {
    e.provider = offering->provider;
    e.detail["provider"] = offering->provider;
    e.detail["provider_name"] = offering->provider_name;
  }
  e.detail["reservation"] = r.id;
  if (reserved) {
    e.detail["by"] = "reservation";
    place(ctx, *row, *offering, r.id, on);
  } else {
    row->status = row->advice ? "advies" : "aangemeld";
    row->placement.reset();
    row->placed_on.reset();
    row->placed_region.reset();
  }
  db::write_case_record(ctx.db, *row);
  record_step(ctx, *row, e, CaseStep{on, actor, Naming::options, parse_scope_text(scope)});
}

void require_case_scope(Context& ctx, const Scope& scope, const db::CaseRow& row) {
  require_region(scope, ctx.regions, row.region,
                 "casus " + row.case_id + " uit regio " + row.region + " (" + region_name(ctx, row.region) + ")");
}

}  // namespace cases_detail

using cases_detail::J;

const std::vector<std::string>& case_statuses() {
  static const std::vector<std::string> statuses = {"aangemeld", "advies", "wacht_op_plek", "geplaatst", "gesloten"};
  return statuses;
}

std::string case_status_dutch(const std::string& status) {
  if (status == "wacht_op_plek") return "wacht op plek";
  return status;
}

J list_cases(Context& ctx, const CaseListQuery& query, const std::optional<Actor>& reader) {
  if (!query.status.empty() &&
      std::find(case_statuses().begin(), case_statuses().end(), query.status) == case_statuses().end())
    throw InvalidInput("--status", "", "unknown status '" + printable(query.status) +
                                           "'; expected aangemeld, advies, wacht_op_plek, geplaatst or gesloten");
  if (!query.region.empty() && !ctx.regions.region(query.region))
    throw InvalidInput("--region", "", "unknown region '" + printable(query.region) + "'; expected a code such as JZ21");
  db::Transaction tx(ctx.db, reader ? db::Transaction::Kind::immediate : db::Transaction::Kind::deferred);
  auto rows = db::list_case_records(ctx.db, {query.status, query.region});
  std::vector<std::pair<bool, const db::CaseRow*>> picked;
  for (const auto& r : rows) {
    if (query.regions && !query.regions->count(r.region)) continue;
    const bool late = cases_detail::overdue(r, query.on);
    if (query.overdue_only && !late) continue;
    picked.push_back({late, &r});
  }
  std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first;
    const std::string fa = a.second->follow_up.value_or("9999-12-31"), fb = b.second->follow_up.value_or("9999-12-31");
    if (fa != fb) return fa < fb;
    return a.second->case_id < b.second->case_id;
  });
  J out = J::array();
  for (const auto& [late, r] : picked) {
    J j = J::object();
    j["id"] = r->case_id;
    j["status"] = r->status;
    j["region"] = r->region;
    j["registered"] = r->registered;
    j["follow_up"] = r->follow_up ? J(*r->follow_up) : J(nullptr);
    j["overdue"] = late;
    j["status_label"] = case_status_dutch(r->status);
    j["region_name"] = cases_detail::region_name(ctx, r->region);
    j["network"] = r->network ? J(*r->network) : J(nullptr);
    const J advice = r->advice ? J::parse(*r->advice) : J(nullptr);
    j["plan_a"] = advice.is_object() ? advice["plan_a"] : J(nullptr);
    j["placement"] = r->placement ? J::parse(*r->placement) : J(nullptr);
    j["outcome"] = r->outcome ? J(*r->outcome) : J(nullptr);
    out.push_back(std::move(j));
  }
  if (reader) {
    J what = {{"status", query.status}, {"region", query.region}, {"overdue", query.overdue_only}, {"cases", out.size()}};
    record_event(ctx, *reader, "case_list", "", what);
  }
  tx.commit();
  return out;
}

std::optional<J> show_case(Context& ctx, const std::string& case_id, Date on, const std::optional<Actor>& reader,
                           const Scope& scope) {
  db::Transaction tx(ctx.db, reader ? db::Transaction::Kind::immediate : db::Transaction::Kind::deferred);
  auto row = db::read_case_record(ctx.db, case_id);
  if (!row) return std::nullopt;
  cases_detail::require_case_scope(ctx, scope, *row);
  J out = cases_detail::record_json(ctx, *row, on);
  if (reader) {
    J what = J::object();
    what["status"] = row->status;
    record_event(ctx, *reader, "case_read", case_id, what);
  }
  tx.commit();
  return out;
}

}  // namespace passend::service
