#include "apps/service/gap_report.hpp"

#include <nlohmann/json.hpp>

#include "core/csv.hpp"

namespace passend::service {

namespace {
using J = nlohmann::ordered_json;

std::vector<std::string> expertise_labels(const std::string& joined, const Vocabulary& vocabulary) {
  std::vector<std::string> out;
  for (const auto& e : split_list(joined)) out.push_back(vocabulary.dutch(e));
  return out;
}

std::string cases_phrase(int n) { return std::to_string(n) + (n == 1 ? " casus" : " casussen"); }

std::string open_phrase(int cases, int open) {
  if (open == 0) return cases_phrase(cases) + ", geen meer open";
  return cases_phrase(cases) + ", waarvan " + std::to_string(open) + " open";
}

std::string seen_phrase(const GapReportRow& r) {
  if (r.first_seen == r.last_seen) return "gezien op " + r.first_seen;
  return "gezien van " + r.first_seen + " tot en met " + r.last_seen;
}

std::string row_title(const GapReportRow& r, const Vocabulary& vocabulary) {
  std::string out = r.region_name + " (" + r.region + ") · " + vocabulary.dutch(r.care_form);
  const auto expertise = expertise_labels(r.expertise, vocabulary);
  if (!expertise.empty()) out += " · expertise " + join(expertise);
  return out + " · " + gap_kind_dutch(r.kind) + " · " + gap_scope_dutch(r.scope);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  return out + '\n';
}
}  // namespace

std::string gap_kind_dutch(const std::string& kind) {
  if (kind == "absent") return "geen passend aanbod";
  if (kind == "no_capacity") return "geen plek op tijd";
  return kind;
}

std::string gap_scope_dutch(const std::string& scope) {
  if (scope == "region") return "eigen regio";
  if (scope == "national") return "landelijk";
  return scope;
}

GapReport read_gap_report(Context& ctx, const std::optional<Actor>& reader,
                          const std::optional<std::set<std::string>>& regions) {
  const std::set<std::string>* only = regions ? &*regions : nullptr;
  if (!reader) return db::gap_report(ctx.db, only);
  db::Transaction tx(ctx.db);
  auto report = db::gap_report(ctx.db, only);
  record_event(ctx, *reader, "gap_report", "", {{"rows", report.rows.size()}});
  tx.commit();
  return report;
}

J gap_rows_json(const GapReport& report) {
  J out = J::array();
  for (const auto& r : report.rows)
    out.push_back({{"region", r.region}, {"region_name", r.region_name}, {"care_form", r.care_form},
                   {"expertise", split_list(r.expertise)}, {"kind", r.kind}, {"scope", r.scope},
                   {"cases", r.cases}, {"open", r.open}, {"count", r.cases}, {"first_seen", r.first_seen},
                   {"last_seen", r.last_seen}, {"case_ids", r.case_ids}});
  return out;
}

std::string gap_report_text(const GapReport& report, const Vocabulary& vocabulary) {
  if (report.rows.empty()) return "Signalering leemtes: geen leemtes vastgelegd.\n";
  std::string out = "Signalering leemtes: " + open_phrase(report.cases, report.open) + "\n";
  // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on "literal" + std::string here.
  for (const auto& r : report.rows) {
    out += '\n';
    out += row_title(r, vocabulary);
    out += "\n    ";
    out += open_phrase(r.cases, r.open);
    out += " · ";
    out += seen_phrase(r);
    out += "\n    ";
    out += join(r.case_ids);
    out += '\n';
  }
  return out;
}

std::string gap_report_csv(const GapReport& report, const Vocabulary& vocabulary) {
  std::string out = csv_line({"regiocode", "regio", "zorgvorm", "expertise", "soort leemte", "bereik", "casussen",
                              "nog open", "eerst gezien", "laatst gezien", "casusnummers"});
  for (const auto& r : report.rows)
    out += csv_line({r.region, r.region_name, vocabulary.dutch(r.care_form), join(expertise_labels(r.expertise, vocabulary)),
                     gap_kind_dutch(r.kind), gap_scope_dutch(r.scope), std::to_string(r.cases), std::to_string(r.open),
                     r.first_seen, r.last_seen, join(r.case_ids)});
  return out;
}

}  // namespace passend::service
