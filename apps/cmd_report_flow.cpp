// passend report flow: per region, what happened to the cases the RET registered (docs/cases.md).
#include <iostream>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/case_flow.hpp"
#include "core/errors.hpp"
#include "core/json_input.hpp"

namespace passend::cli {

namespace {
struct FlowOptions {
  std::string db, from, until, format;
};

std::optional<Date> period_date(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  auto d = Date::parse(text);
  if (!d) throw InvalidInput(option, "", "invalid date '" + printable(text) + "'; expected YYYY-MM-DD");
  return d;
}

int report_flow(const FlowOptions& o) {
  std::string format = o.format.empty() ? (stdout_is_terminal() ? "csv" : "json") : o.format;
  if (format != "json" && format != "csv")
    throw InvalidInput("--format", "", "unknown format '" + printable(format) + "'; expected json or csv");
  service::FlowQuery q;
  q.from = period_date(o.from, "--from");
  q.until = period_date(o.until, "--until");
  service::Workspace ws(o.db, service::Access::read_only);
  auto ctx = ws.context();
  const auto report = service::flow_report(ctx, q);
  if (format == "json") std::cout << report.dump(2) << '\n';
  else std::cout << service::flow_report_csv(report);
  return 0;
}
}  // namespace

void add_flow_report_command(CLI::App& report, Action& action) {
  auto o = std::make_shared<FlowOptions>();
  auto* flow = report.add_subcommand(
      "flow",
      "What happened to the cases, per region: cases, median days from registration to advice and from advice to "
      "placement, share placed outside the region, refusals per provider and reason");
  flow->add_option("--db", o->db, "SQLite database file")->required();
  flow->add_option("--from", o->from, "only cases registered on or after this day, YYYY-MM-DD");
  flow->add_option("--until", o->until, "only cases registered on or before this day, YYYY-MM-DD");
  flow->add_option("--format", o->format, "json (codes) or csv (Dutch headers); default: csv on a terminal, json otherwise");
  flow->callback([&action, o] { action = [o] { return report_flow(*o); }; });
}

}  // namespace passend::cli
