// The steps of a case the RET follows (docs/cases.md): open, advise, respond, refer, close.
// Each step is one immediate transaction: the record, its timeline event and its audit record.
#include <algorithm>

#include "apps/service/case_records.hpp"
#include "core/json_input.hpp"
#include "core/vocabulary.hpp"
#include "core/case_json.hpp"
#include "core/privacy.hpp"
#include "core/sha256.hpp"
#include "providers/case_store.hpp"
#include "providers/reservations.hpp"

namespace passend::service {

using cases_detail::Event;
using cases_detail::J;

UnknownCase::UnknownCase(const std::string& case_id)
    : InvalidInput("--id", "", "no case record '" + printable(case_id) + "'; register the case first (passend case open)") {}

namespace {

// "plan_a" -> "--plan-a" (CLI) or "/plan_a" in the request body (API).
class Issues {
 public:
  explicit Issues(Naming naming) : naming_(naming) {}
  void add(const std::string& field, const std::string& message) {
    if (naming_ == Naming::body) {
      issues_.push_back({"request body", "/" + field, message});
      return;
    }
    std::string option = "--" + field;
    std::replace(option.begin(), option.end(), '_', '-');
    issues_.push_back({option, "", message});
  }
  // Free text: at most 500 characters and no recognisable personal data (core/privacy.hpp).
  void text(const std::string& field, const std::string& value, bool required) {
    if (required && value.empty()) add(field, "required");
    for (unsigned char c : value)
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        add(field, "control characters are refused (the text is kept in the case record and the audit trail)");
        break;
      }
    for (const auto& problem : free_text_problems(value)) add(field, problem);
  }
  void throw_if_any() const {
    if (!issues_.empty()) throw InvalidInput(issues_);
  }

 private:
  Naming naming_;
  std::vector<InputIssue> issues_;
};

void check_id(const std::string& id, Naming naming) {
  Issues issues(naming);
  if (!is_pseudonymous_case_id(id))
    issues.add("id", "a case id is 1-64 letters, digits, '-', '_' or '.': a pseudonym, never a name or a BSN");
  issues.throw_if_any();
}

db::CaseRow load(Context& ctx, const std::string& case_id, const CaseStep& step) {
  auto row = db::read_case_record(ctx.db, case_id);
  if (!row) throw UnknownCase(case_id);
  cases_detail::require_case_scope(ctx, step.scope, *row);
  return std::move(*row);
}

void require_status(const db::CaseRow& row, std::initializer_list<const char*> allowed, const std::string& step) {
  for (const char* s : allowed)
    if (row.status == s) return;
  throw Conflict("case " + row.case_id + " has status " + row.status + " (" + case_status_dutch(row.status) + "); " + step);
}

// The providers that refused the case stay in its document's history.rejected_by.
void add_rejected(J& document, const std::string& provider) {
  J& history = document["history"];
  if (!history.is_object()) history = J::object();
  J& rejected = history["rejected_by"];
  if (!rejected.is_array()) rejected = J::array();
  for (const auto& p : rejected)
    if (p == provider) return;
  rejected.push_back(provider);
}

J offering_json(const db::OfferingPlace& p) {
  return {{"offering", p.offering}, {"provider", p.provider}, {"provider_name", p.provider_name}};
}

db::OfferingPlace find_offering(Context& ctx, const std::string& offering, const std::string& field, Naming naming) {
  auto place = db::offering_place(ctx.db, offering);
  if (!place) {
    Issues issues(naming);
    issues.add(field, "unknown offering '" + printable(offering) + "'; it is not in the registry");
    issues.throw_if_any();
  }
  return *place;
}

CaseOutcome finish(Context& ctx, db::Transaction& tx, const db::CaseRow& row, std::int64_t audit_id, Date on) {
  CaseOutcome out{cases_detail::record_json(ctx, row, on), audit_id};
  tx.commit();
  return out;
}

// ---- advise ----

// passend's latest advice for the case: the candidates an advice may name.
struct EngineAdvice {
  db::AuditRecord record;
  J result;
  const J* candidate(const std::string& offering) const {
    for (const auto& c : result["candidates"])
      if (c["offering"] == offering) return &c;
    return nullptr;
  }
  std::optional<std::string> pick(const char* plan) const {
    if (!result.contains(plan) || result[plan].is_null()) return std::nullopt;
    return result[plan]["offering"].get<std::string>();
  }
};

EngineAdvice engine_advice(Context& ctx, const std::string& case_id, Naming naming) {
  auto record = db::latest_query(ctx.db, case_id);
  if (!record) {
    Issues issues(naming);
    issues.add("plan_a", "passend has given no advice for case " + case_id +
                             " yet; ask for one first (passend query with the case's CASE.json)");
    issues.throw_if_any();
  }
  return {*record, J::parse(record->result)};
}

J plan_json(const EngineAdvice& engine, const std::string& offering, const char* plan) {
  const J* c = engine.candidate(offering);
  if (!c && engine.pick(plan) == offering) c = &engine.result[plan];
  J j = J::object();
  j["offering"] = offering;
  for (const char* key : {"provider", "provider_name", "care_form", "tier"})
    j[key] = c && c->contains(key) ? (*c)[key] : J(nullptr);
  return j;
}

void check_plan(const EngineAdvice& engine, const std::optional<std::string>& offering, const char* field,
                const char* plan, Issues& issues) {
  if (!offering) return;
  if (offering->empty()) return issues.add(field, "an offering id is required");
  if (engine.candidate(*offering)) return;
  if (std::string(plan) == "bridging" && engine.pick("bridging") == *offering) return;
  issues.add(field, "offering '" + printable(*offering) + "' is not among the candidates of passend's latest advice for case " +
                        engine.record.case_id + " (audit #" + std::to_string(engine.record.id) + ", " +
                        engine.record.reference_date + ")");
}

std::string provider_of_plan(const EngineAdvice& engine, const std::string& offering) {
  if (const J* c = engine.candidate(offering)) return (*c)["provider_name"].get<std::string>();
  return offering;
}

}  // namespace

CaseOutcome open_case(Context& ctx, const CaseDocument& document, const CaseStep& step) {
  const nlohmann::json raw = parse_json_text(document.bytes, document.name);
  const Case c = parse_case(raw, document.name, ctx.vocabulary, ctx.regions);
  J doc = J::parse(raw.dump());
  check_case_on(c, step.date, document.name);
  if (c.registered && *c.registered > step.date)
    throw InvalidInput(document.name, "/registered",
                       "the case was registered on " + c.registered->str() + ", after the day of this step " + step.date.str());
  const std::string region = ctx.regions.municipality(c.municipality)->region;
  require_region(step.scope, ctx.regions, region,
                 "casus " + c.id + " uit regio " + region + " (" + cases_detail::region_name(ctx, region) + ")");

  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  auto existing = db::read_case_record(ctx.db, c.id);
  if (existing) cases_detail::require_case_scope(ctx, step.scope, *existing);
  if (existing && existing->status == "gesloten")
    throw Conflict("case " + c.id + " is closed; a case that comes back is registered under a new case id");
  db::CaseRow row = existing.value_or(db::CaseRow{});
  row.case_id = c.id;
  row.region = region;
  if (!existing) row.status = "aangemeld";
  row.registered = c.registered ? c.registered->str() : existing ? existing->registered : step.date.str();
  doc["registered"] = row.registered;
  if (existing)
    for (const auto& p : db::refused_providers(ctx.db, c.id)) add_rejected(doc, p);
  row.document = doc.dump();

  Event e(existing ? "updated" : "registered");
  e.detail = {{"registered", row.registered}, {"region", region}};
  db::write_case_record(ctx.db, row);
  const auto audit_id = cases_detail::record_step(ctx, row, e, step, "sha256:" + sha256_hex(document.bytes));
  return finish(ctx, tx, *db::read_case_record(ctx.db, c.id), audit_id, step.date);
}

CaseOutcome advise_case(Context& ctx, const std::string& case_id, const RetAdvice& advice, const CaseStep& step) {
  check_id(case_id, step.naming);
  Issues issues(step.naming);
  if (advice.plan_a.empty()) issues.add("plan_a", "required: the offering of plan A");
  issues.text("regie", advice.regie, true);
  for (const auto& a : advice.agreements) issues.text("agreement", a, true);
  issues.text("note", advice.note, false);
  if (!advice.follow_up) issues.add("follow_up", "required: the date of the follow-up (YYYY-MM-DD)");
  else if (*advice.follow_up < step.date)
    issues.add("follow_up", "the follow-up (" + advice.follow_up->str() + ") lies before the advice (" + step.date.str() + ")");
  issues.throw_if_any();

  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  db::CaseRow row = load(ctx, case_id, step);
  require_status(row, {"aangemeld", "advies", "wacht_op_plek"}, "an advice is recorded before the case is placed or closed");
  const EngineAdvice engine = engine_advice(ctx, case_id, step.naming);
  check_plan(engine, advice.plan_a, "plan_a", "plan_a", issues);
  check_plan(engine, advice.plan_b, "plan_b", "plan_b", issues);
  check_plan(engine, advice.bridging, "bridging", "bridging", issues);
  if (advice.plan_b && *advice.plan_b == advice.plan_a) issues.add("plan_b", "plan B is another offering than plan A");
  const auto engine_plan_a = engine.pick("plan_a");
  const bool departs = engine_plan_a != advice.plan_a;
  if (departs && advice.note.empty())
    issues.add("note", "plan A departs from passend's plan A (" +
                           (engine_plan_a ? provider_of_plan(engine, *engine_plan_a) + ", " + *engine_plan_a : "none") +
                           "); give the reason");
  issues.throw_if_any();

  J ret = {{"date", step.date.str()}, {"plan_a", plan_json(engine, advice.plan_a, "plan_a")},
           {"plan_b", advice.plan_b ? plan_json(engine, *advice.plan_b, "plan_b") : J(nullptr)},
           {"bridging", advice.bridging ? plan_json(engine, *advice.bridging, "bridging") : J(nullptr)},
           {"regie", advice.regie}, {"agreements", advice.agreements}, {"follow_up", advice.follow_up->str()},
           {"note", advice.note.empty() ? J(nullptr) : J(advice.note)}, {"follows_engine", !departs},
           {"engine", {{"audit_id", engine.record.id}, {"reference_date", engine.record.reference_date},
                       {"plan_a", engine_plan_a ? J(*engine_plan_a) : J(nullptr)},
                       {"plan_b", engine.pick("plan_b") ? J(*engine.pick("plan_b")) : J(nullptr)},
                       {"bridging", engine.pick("bridging") ? J(*engine.pick("bridging")) : J(nullptr)},
                       {"ruleset", {{"name", engine.record.ruleset_name}, {"version", engine.record.ruleset_version}}}}}};
  const bool was_waiting = row.status == "wacht_op_plek";
  row.status = "advies";
  row.network.reset();
  row.follow_up = advice.follow_up->str();
  row.advice = ret.dump();
  if (!row.first_advice) row.first_advice = step.date.str();
  Event e("advised", ret);
  if (was_waiting) e.detail["left_waiting_list"] = true;
  e.plan_a = advice.plan_a;
  e.plan_b = advice.plan_b;
  e.bridging = advice.bridging;
  db::write_case_record(ctx.db, row);
  const auto audit_id = cases_detail::record_step(ctx, row, e, step);
  return finish(ctx, tx, row, audit_id, step.date);
}

CaseOutcome respond_case(Context& ctx, const std::string& case_id, const ProviderAnswer& answer, const CaseStep& step) {
  check_id(case_id, step.naming);
  Issues issues(step.naming);
  if (answer.offering.empty()) issues.add("offering", "required: the offering the provider answered for");
  if (answer.refusal && !ctx.vocabulary.refusal_reason(*answer.refusal)) {
    std::vector<std::string> codes;
    for (const auto& r : ctx.vocabulary.refusal_reasons()) codes.push_back(r.id);
    issues.add("refuse", "unknown refusal reason '" + printable(*answer.refusal) + "'; expected one of " + join(codes));
  }
  issues.text("note", answer.note, false);
  issues.throw_if_any();

  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  db::CaseRow row = load(ctx, case_id, step);
  require_status(row, {"advies", "wacht_op_plek", "geplaatst"}, "a provider answers after the RET's advice and before closure");
  const db::OfferingPlace place = find_offering(ctx, answer.offering, "offering", step.naming);
  if (row.status == "geplaatst") {
    const J placement = row.placement ? J::parse(*row.placement) : J::object();
    const std::string placed_at = placement.value("offering", "");
    if (!answer.refusal || placed_at != place.offering)
      throw Conflict("case " + case_id + " is placed at " + placed_at + "; only that provider's refusal (the placement " +
                     "does not go ahead) can be recorded now");
  }
  Event e(answer.refusal ? "refused" : "accepted", offering_json(place));
  e.offering = place.offering;
  e.provider = place.provider;
  if (!answer.note.empty()) e.detail["note"] = answer.note;
  std::optional<db::Reservation> released;
  std::int64_t reservation = 0;
  if (answer.refusal) {
    const auto* reason = ctx.vocabulary.refusal_reason(*answer.refusal);
    e.reason = reason->id;
    e.detail["reason"] = reason->id;
    e.detail["reason_label"] = reason->dutch;
    J doc = J::parse(row.document);
    add_rejected(doc, place.provider);
    row.document = doc.dump();
    for (const auto& r : db::active_reservations(ctx.db, Date::from_days(0), case_id))
      if (r.offering == place.offering) released = db::release(ctx.db, case_id, place.offering);
    if (released) e.detail["released_reservation"] = released->id;
    if (row.status == "geplaatst") {  // the placement does not go ahead: back to the advice
      row.status = "advies";
      row.placement.reset();
      row.placed_on.reset();
      row.placed_region.reset();
      e.detail["placement_cancelled"] = true;
    }
  } else {
    std::optional<db::Reservation> held;
    for (auto& r : db::active_reservations(ctx.db, step.date, case_id))
      if (!held) held = std::move(r);
    if (held && held->offering != place.offering)
      throw Conflict("case " + case_id + " holds a place at " + held->offering + " (reservation #" + std::to_string(held->id) +
                     "); give it back first, or record that provider's refusal");
    if (!held && db::free_places(ctx.db, place.offering, step.date) <= 0)
      throw Conflict("no free place at " + place.offering + " (" + place.provider_name + ") on " + step.date.str() +
                     "; the acceptance is not recorded: ask the provider when a place comes free, or refer the case " +
                     "to the network's waiting list");
    reservation = held ? held->id : db::reserve(ctx.db, {case_id, place.offering, std::nullopt}, step.date).id;
    e.detail["reservation"] = reservation;
    cases_detail::place(ctx, row, place, reservation, step.date);
  }
  db::write_case_record(ctx.db, row);
  const auto audit_id = cases_detail::record_step(ctx, row, e, step);
  if (reservation) db::link_audit(ctx.db, reservation, audit_id);
  return finish(ctx, tx, row, audit_id, step.date);
}

CaseOutcome refer_case(Context& ctx, const std::string& case_id, const std::string& network, const CaseStep& step) {
  check_id(case_id, step.naming);
  const Network* n = ctx.regions.network(network);
  if (!n) {
    Issues issues(step.naming);
    issues.add("network", "unknown network '" + printable(network) + "'; expected a code such as EXN03");
    issues.throw_if_any();
  }
  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  db::CaseRow row = load(ctx, case_id, step);
  require_status(row, {"aangemeld", "advies", "wacht_op_plek"}, "only a case that is not placed or closed waits for a place");
  row.status = "wacht_op_plek";
  row.network = n->code;
  Event e("referred", {{"network", n->code}, {"network_name", n->name}});
  db::write_case_record(ctx.db, row);
  const auto audit_id = cases_detail::record_step(ctx, row, e, step);
  return finish(ctx, tx, row, audit_id, step.date);
}

CaseOutcome close_case(Context& ctx, const std::string& case_id, const std::string& outcome, const std::string& note,
                       const CaseStep& step) {
  check_id(case_id, step.naming);
  Issues issues(step.naming);
  if (outcome != "geplaatst" && outcome != "afgeschaald" && outcome != "anders")
    issues.add("outcome", "unknown outcome '" + printable(outcome) + "'; expected geplaatst, afgeschaald or anders");
  issues.text("note", note, false);
  issues.throw_if_any();

  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  db::CaseRow row = load(ctx, case_id, step);
  require_status(row, {"aangemeld", "advies", "wacht_op_plek", "geplaatst"}, "it is closed already");
  Event e("closed");
  e.detail["outcome"] = outcome;
  if (!note.empty()) e.detail["note"] = note;
  J released = J::array();
  if (outcome != "geplaatst")
    for (const auto& r : db::active_reservations(ctx.db, Date::from_days(0), case_id)) {
      db::release(ctx.db, case_id, r.offering);
      auto place = db::offering_place(ctx.db, r.offering);
      released.push_back({{"reservation", r.id}, {"offering", r.offering},
                          {"provider_name", place ? J(place->provider_name) : J(nullptr)}});
    }
  e.detail["released"] = released;
  row.status = "gesloten";
  row.outcome = outcome;
  row.closed_on = step.date.str();
  row.network.reset();
  db::write_case_record(ctx.db, row);
  const auto audit_id = cases_detail::record_step(ctx, row, e, step);
  return finish(ctx, tx, row, audit_id, step.date);
}

}  // namespace passend::service
