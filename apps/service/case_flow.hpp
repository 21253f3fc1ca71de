#pragma once
// The flow report (signaleren; docs/cases.md): what happened to the cases the RETs registered.
// Per region: the cases registered in the period, how many were advised and placed, the median
// days from registration to the RET's first advice and from that advice to the placement, the
// share of placements outside the region, and the refusals per provider and reason code.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "apps/service/audit.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"

namespace passend::service {

struct FlowQuery {
  std::optional<Date> from, until;  // the cases registered in [from, until]; none: no bound
  // A scoped reader: only the cases of these regions.
  std::optional<std::set<std::string>> regions;
};

// {"from", "until", "regions": [{"region", "region_name", "cases", "advised", "placed",
// "placed_outside_region", "share_outside_region", "median_days_to_advice",
// "median_days_to_placement", "refusals": [{"provider", "provider_name", "reason",
// "reason_label", "count"}]}], "totals": {...}}. InvalidInput when until lies before from. With a
// reader, the reading is audited ("flow_report").
nlohmann::ordered_json flow_report(Context& ctx, const FlowQuery& query, const std::optional<Actor>& reader = std::nullopt);

// RFC 4180 CSV with Dutch headers: one row per region ("regio"), then one per region, provider
// and reason ("afwijzing").
std::string flow_report_csv(const nlohmann::ordered_json& report);

}  // namespace passend::service
