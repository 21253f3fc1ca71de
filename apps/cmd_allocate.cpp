// passend allocate / reserve / release: the network's scarce supra-regional places
// (docs/formats.md, "Allocation of supra-regional places"; docs/allocation.md).
#include <iostream>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/place_allocation.hpp"
#include "apps/service/reservations.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "apps/service/rules.hpp"
#include "apps/service/waiting_list.hpp"
#include "core/errors.hpp"
#include "core/paths.hpp"

namespace passend::cli {

namespace {

struct AllocateOptions {
  std::string db, network, cases, rules, format, date, until, actor;
  bool commit = false;
};

struct ReserveOptions {
  std::string db, case_id, offering, until, format, date, actor;
};

std::optional<Date> optional_date(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  auto d = Date::parse(text);
  if (!d) throw InvalidInput(option, "", "invalid date '" + text + "'; expected YYYY-MM-DD");
  return d;
}

int run_allocate(const AllocateOptions& o) {
  const Format format = resolve_format(o.format);
  service::AllocationRequest request;
  request.network = o.network;
  request.reference_date = resolve_date(o.date);
  request.until = optional_date(o.until, "--until");
  request.commit = o.commit;
  request.actor = service::Actor{actor_or_current_user(o.actor), {}, ""};
  if (!o.cases.empty()) {
    request.cases_name = o.cases;
    request.cases_bytes = read_file_bytes(o.cases, kMaxDocumentBytes);
  }

  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  // Without --cases: the network's waiting list (passend case refer). Without --rules: each case
  // judged by the rule set its region uses on the reference date.
  service::WaitingListRequest waiting;
  waiting.network = request.network;
  waiting.reference_date = request.reference_date;
  waiting.commit = request.commit;
  waiting.until = request.until;
  waiting.actor = request.actor;
  const auto allocate = [&](auto& rules) {
    return o.cases.empty() ? service::allocate_waiting_list(ctx, rules, waiting) : service::allocate_places(ctx, rules, request);
  };
  std::optional<service::AllocationOutcome> outcome;
  if (o.rules.empty()) {
    service::RuleSetRegistry rules(workspace.vocabulary(), 1);
    outcome = allocate(rules);
  } else {
    auto rules = service::load_rules(o.rules, workspace.vocabulary());
    outcome = allocate(*rules);
  }
  if (format == Format::json) std::cout << outcome->result.dump(2) << '\n';
  else std::cout << service::allocation_to_text(outcome->result);
  return 0;
}

void print_reservation(const service::ReservationOutcome& out, Format format) {
  if (format == Format::json) {
    std::cout << out.result.dump(2) << '\n';
    return;
  }
  const auto& r = out.result["reservation"];
  const bool reserved = out.result["action"] == "reserve";
  std::cout << (reserved ? "Gereserveerd: " : "Vrijgegeven: ") << "reservering #" << r["id"].get<std::int64_t>() << ", casus "
            << r["case"].get<std::string>() << ", " << r["offering"].get<std::string>();
  if (reserved && !r["until"].is_null()) std::cout << ", tot en met " << r["until"].get<std::string>();
  std::cout << ".\nNog vrij bij " << r["offering"].get<std::string>() << ": " << out.result["free"].get<int>()
            << ". Vastgelegd als audit #" << out.audit_id << ".\n";
}

int run_reserve(const ReserveOptions& o) {
  const Format format = resolve_format(o.format);
  const Date on = resolve_date(o.date);
  const auto until = optional_date(o.until, "--until");
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  print_reservation(service::reserve_place(ctx, o.case_id, o.offering, until, on, service::Actor{actor_or_current_user(o.actor), {}, ""}),
                    format);
  return 0;
}

int run_release(const ReserveOptions& o) {
  const Format format = resolve_format(o.format);
  const Date on = resolve_date(o.date);
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  print_reservation(service::release_place(ctx, o.case_id, o.offering, on, service::Actor{actor_or_current_user(o.actor), {}, ""}),
                    format);
  return 0;
}

void add_common(CLI::App* cmd, ReserveOptions& o) {
  cmd->add_option("--db", o.db, "SQLite database file")->required();
  cmd->add_option("--case", o.case_id, "case id (pseudonymous)")->required();
  cmd->add_option("--offering", o.offering, "offering id")->required();
  cmd->add_option("--format", o.format, "json or text (default: text on a terminal, json otherwise)");
  cmd->add_option("--date", o.date, "reference date YYYY-MM-DD: expired reservations no longer count (default: today)");
  cmd->add_option("--actor", o.actor, "who acts, for the audit trail (default: the OS user)");
}

}  // namespace

void add_allocate_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "allocate",
      "Assign a network's scarce supra-regional places among competing cases (CASES.json or the network's waiting "
      "list; optimal, with reasons); cases that already hold a place are listed as skipped");
  auto o = std::make_shared<AllocateOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--network", o->network, "network code, e.g. EXN03 (BOEG)")->required();
  cmd->add_option("--cases", o->cases,
                  "CASES.json: a JSON array of CASE.json documents, each with `registered` (default: the network's "
                  "waiting list, passend case refer)");
  cmd->add_flag("--commit", o->commit,
                "record every assignment as a reservation (one transaction); cases from the waiting list become geplaatst");
  cmd->add_option("--until", o->until, "with --commit: last day the reservations hold (default: until released)");
  cmd->add_option("--rules", o->rules,
                  "rule set folder for every case (default: each case's region's rule set in the database, as active on --date)");
  cmd->add_option("--format", o->format, "json or text (default: text on a terminal, json otherwise)");
  cmd->add_option("--date", o->date, "reference date YYYY-MM-DD (default: today)");
  cmd->add_option("--actor", o->actor, "who asks, for the audit trail (default: the OS user)");
  cmd->callback([&action, o] { action = [o] { return run_allocate(*o); }; });

  auto* reserve = app.add_subcommand("reserve", "Reserve one place of an offering for a case (exit 4 when none is free)");
  auto r = std::make_shared<ReserveOptions>();
  add_common(reserve, *r);
  reserve->add_option("--until", r->until, "last day the reservation holds (default: until released)");
  reserve->callback([&action, r] { action = [r] { return run_reserve(*r); }; });

  auto* release = app.add_subcommand("release", "Give a case's reserved place back");
  auto g = std::make_shared<ReserveOptions>();
  add_common(release, *g);
  release->callback([&action, g] { action = [g] { return run_release(*g); }; });
}

}  // namespace passend::cli
