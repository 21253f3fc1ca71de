// passend case open|advise|respond|refer|close|list|show: the case records a RET keeps from
// registration to placement or closure (docs/cases.md, docs/formats.md).
#include <iostream>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/cases.hpp"
#include "core/errors.hpp"
#include "core/json_input.hpp"

namespace passend::cli {

namespace {

struct CaseOptions {
  std::string db, id, format, date, actor;
  // open
  std::string case_file;
  // advise
  std::string plan_a, plan_b, bridging, regie, follow_up, note;
  std::vector<std::string> agreements;
  // respond
  std::string offering, refuse;
  bool accept = false;
  // refer, close
  std::string network, outcome;
  // list
  std::string status, region;
  bool overdue = false;
};

service::CaseStep step_of(const CaseOptions& o) {
  return {resolve_date(o.date), actor_or_current_user(o.actor), service::Naming::options, {}};
}

std::optional<std::string> optional_text(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

// What a step prints: the record (json), or one Dutch line and the case (text).
int print_step(const service::CaseOutcome& out, const std::string& done, Format format) {
  if (format == Format::json) {
    std::cout << out.record.dump(2) << '\n';
    return 0;
  }
  std::cout << "Casus " << out.record["id"].get<std::string>() << ": " << done << " (status "
            << out.record["status_label"].get<std::string>() << "). Vastgelegd als audit #" << out.audit_id << ".\n\n"
            << service::case_text(out.record);
  return 0;
}

int run_open(const CaseOptions& o) {
  const Format format = resolve_format(o.format);
  const auto step = step_of(o);
  const service::CaseDocument doc{read_file_bytes(o.case_file, kMaxCaseFileBytes), o.case_file};
  service::Workspace ws(o.db);
  auto ctx = ws.context();
  const auto out = service::open_case(ctx, doc, step);
  const bool fresh = out.record["timeline"].size() == 1;
  return print_step(out, fresh ? "aangemeld" : "casusgegevens bijgewerkt", format);
}

int run_advise(const CaseOptions& o) {
  const Format format = resolve_format(o.format);
  const auto step = step_of(o);
  service::RetAdvice advice;
  advice.plan_a = o.plan_a;
  advice.plan_b = optional_text(o.plan_b);
  advice.bridging = optional_text(o.bridging);
  advice.regie = o.regie;
  advice.agreements = o.agreements;
  advice.note = o.note;
  if (!o.follow_up.empty()) {
    advice.follow_up = Date::parse(o.follow_up);
    if (!advice.follow_up)
      throw InvalidInput("--follow-up", "", "invalid date '" + printable(o.follow_up) + "'; expected YYYY-MM-DD");
  }
  service::Workspace ws(o.db);
  auto ctx = ws.context();
  return print_step(service::advise_case(ctx, o.id, advice, step), "advies van het RET vastgelegd", format);
}

int run_respond(const CaseOptions& o) {
  const Format format = resolve_format(o.format);
  if (o.accept == !o.refuse.empty())
    throw InvalidInput("--accept", "", "give the provider's answer: either --accept or --refuse CODE");
  const auto step = step_of(o);
  service::ProviderAnswer answer{o.offering, optional_text(o.refuse), o.note};
  service::Workspace ws(o.db);
  auto ctx = ws.context();
  return print_step(service::respond_case(ctx, o.id, answer, step),
                    o.accept ? "aanbieder neemt de casus aan, de plek is gereserveerd" : "afwijzing vastgelegd", format);
}

int run_refer(const CaseOptions& o) {
  const Format format = resolve_format(o.format);
  const auto step = step_of(o);
  service::Workspace ws(o.db);
  auto ctx = ws.context();
  return print_step(service::refer_case(ctx, o.id, o.network, step), "op de wachtlijst van " + o.network + " gezet",
                    format);
}

int run_close(const CaseOptions& o) {
  const Format format = resolve_format(o.format);
  const auto step = step_of(o);
  service::Workspace ws(o.db);
  auto ctx = ws.context();
  return print_step(service::close_case(ctx, o.id, o.outcome, o.note, step), "gesloten", format);
}

int run_list(const CaseOptions& o) {
  const Format format = resolve_format(o.format, true);
  service::CaseListQuery q;
  q.status = o.status;
  q.region = o.region;
  q.overdue_only = o.overdue;
  q.on = resolve_date(o.date);
  service::Workspace ws(o.db, service::Access::read_only);
  auto ctx = ws.context();
  const auto list = service::list_cases(ctx, q);
  if (format == Format::json) std::cout << list.dump(2) << '\n';
  else if (format == Format::csv) std::cout << service::case_list_csv(list);
  else std::cout << service::case_list_text(list);
  return 0;
}

int run_show(const CaseOptions& o) {
  const Format format = resolve_format(o.format);
  const Date on = resolve_date(o.date);
  service::Workspace ws(o.db, service::Access::read_only);
  auto ctx = ws.context();
  const auto record = service::show_case(ctx, o.id, on);
  if (!record) throw service::UnknownCase(o.id);
  if (format == Format::json) std::cout << record->dump(2) << '\n';
  else std::cout << service::case_text(*record);
  return 0;
}

CLI::App* sub(CLI::App* parent, const char* name, const char* what, std::shared_ptr<CaseOptions> o, bool with_id = true) {
  auto* cmd = parent->add_subcommand(name, what);
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  if (with_id) cmd->add_option("--id", o->id, "the case id (pseudonymous)")->required();
  cmd->add_option("--format", o->format, "json or text (default: text on a terminal, json otherwise)");
  return cmd;
}

void writes(CLI::App* cmd, CaseOptions& o) {
  cmd->add_option("--date", o.date, "the day it happened, YYYY-MM-DD (default: today)");
  cmd->add_option("--actor", o.actor, "who acts, for the timeline and the audit trail (default: the OS user)");
}

}  // namespace

void add_case_command(CLI::App& app, Action& action) {
  auto* cases = app.add_subcommand(
      "case", "Case records: registration, the RET's advice, provider responses, the network's waiting list, closure");
  cases->require_subcommand(1);
  auto o = std::make_shared<CaseOptions>();

  auto* open = sub(cases, "open", "Register a case (status aangemeld), or update its record", o, false);
  open->add_option("--case", o->case_file, "CASE.json (pseudonymous; `registered` defaults to --date)")->required();
  writes(open, *o);
  open->callback([&action, o] { action = [o] { return run_open(*o); }; });

  auto* advise = sub(cases, "advise", "Record the RET's advice (status advies), linked to passend's latest advice", o);
  advise->add_option("--plan-a", o->plan_a, "offering of plan A (one of the candidates)")->required();
  advise->add_option("--plan-b", o->plan_b, "offering of plan B");
  advise->add_option("--bridging", o->bridging, "offering for bridging help (overbrugging)");
  advise->add_option("--regie", o->regie, "who holds casusregie and procesregie (free text, no personal data)")->required();
  advise->add_option("--agreement", o->agreements, "an agreement (afspraak); repeat for more");
  advise->add_option("--follow-up", o->follow_up, "date of the follow-up, YYYY-MM-DD")->required();
  advise->add_option("--note", o->note, "note; required when plan A departs from passend's plan A");
  writes(advise, *o);
  advise->callback([&action, o] { action = [o] { return run_advise(*o); }; });

  auto* respond = sub(cases, "respond", "Record a provider's answer: --accept (reserves the place) or --refuse CODE", o);
  respond->add_option("--offering", o->offering, "the offering the provider answered for")->required();
  respond->add_flag("--accept", o->accept, "the provider accepts: the place is reserved, status geplaatst (exit 4 when none is free)");
  respond->add_option("--refuse", o->refuse,
                      "the provider refuses, with a reason: no_capacity, group_composition, contraindication, "
                      "outside_target_group, care_too_heavy, no_contract, age_limit or other");
  respond->add_option("--note", o->note, "note (free text, no personal data)");
  writes(respond, *o);
  respond->callback([&action, o] { action = [o] { return run_respond(*o); }; });

  auto* refer = sub(cases, "refer", "Put the case on a network's waiting list (status wacht_op_plek)", o);
  refer->add_option("--network", o->network, "network code, e.g. EXN03")->required();
  writes(refer, *o);
  refer->callback([&action, o] { action = [o] { return run_refer(*o); }; });

  auto* close = sub(cases, "close", "Close the case (status gesloten); afgeschaald or anders release its places", o);
  close->add_option("--outcome", o->outcome, "geplaatst, afgeschaald or anders")->required();
  close->add_option("--note", o->note, "note (free text, no personal data)");
  writes(close, *o);
  close->callback([&action, o] { action = [o] { return run_close(*o); }; });

  auto* list = sub(cases, "list", "The cases: status, region, dates, next follow-up; overdue ones first", o, false);
  list->add_option("--status", o->status, "only this status: aangemeld, advies, wacht_op_plek, geplaatst, gesloten");
  list->add_option("--region", o->region, "only this region, e.g. JZ21");
  list->add_flag("--overdue", o->overdue, "only cases whose follow-up lies before --date and that are not closed");
  list->add_option("--date", o->date, "the day to judge overdue follow-ups by, YYYY-MM-DD (default: today)");
  list->get_option("--format")->description("json, text or csv (default: text on a terminal, json otherwise)");
  list->callback([&action, o] { action = [o] { return run_list(*o); }; });

  auto* show = sub(cases, "show", "One case's record and its timeline", o);
  show->add_option("--date", o->date, "the day to judge an overdue follow-up by, YYYY-MM-DD (default: today)");
  show->callback([&action, o] { action = [o] { return run_show(*o); }; });
}

}  // namespace passend::cli
