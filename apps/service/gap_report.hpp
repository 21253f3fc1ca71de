#pragma once
// The signaleren report of gap signals (one per case, providers/audit_store.hpp) as the CLI and
// the HTTP API give it: JSON keeps the codes for programs; text and CSV are for policy staff,
// with Dutch headers and Dutch labels and no codes of the vocabulary.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "apps/service/audit.hpp"
#include "apps/service/workspace.hpp"
#include "core/vocabulary.hpp"
#include "providers/audit_store.hpp"

namespace passend::service {

using GapReport = db::GapReport;
using GapReportRow = db::GapReportRow;

// The gap signals grouped by region x care form x expertise x kind x scope. With a reader (the
// API: the report names cases), the reading is audited ("gap_report") in the same transaction.
GapReport read_gap_report(Context& ctx, const std::optional<Actor>& reader = std::nullopt,
                          const std::optional<std::set<std::string>>& regions = std::nullopt);

// The rows with codes: region, region_name, care_form, expertise (list), kind, scope, cases,
// open, count (= cases, kept for readers of the first version), first_seen, last_seen, case_ids.
nlohmann::ordered_json gap_rows_json(const GapReport& report);
// A summary line and one block per row, in Dutch.
std::string gap_report_text(const GapReport& report, const Vocabulary& vocabulary);
// RFC 4180 (fields with a comma, quote or line break quoted), one header row, Dutch headers
// and labels; the region code, dates and case ids stay as they are.
std::string gap_report_csv(const GapReport& report, const Vocabulary& vocabulary);

// "geen passend aanbod" (absent), "geen plek op tijd" (no_capacity).
std::string gap_kind_dutch(const std::string& kind);
// "eigen regio" (region), "landelijk" (national).
std::string gap_scope_dutch(const std::string& scope);

}  // namespace passend::service
