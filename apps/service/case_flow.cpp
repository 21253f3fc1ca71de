#include "apps/service/case_flow.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "core/csv.hpp"
#include "core/dutch_number.hpp"
#include "core/errors.hpp"
#include "providers/case_store.hpp"

namespace passend::service {

namespace {
using J = nlohmann::ordered_json;

struct RegionFlow {
  int cases = 0, advised = 0, placed = 0, outside = 0;
  std::vector<int> to_advice, to_placement;
  // (provider, reason) -> (provider name, count)
  std::map<std::pair<std::string, std::string>, std::pair<std::string, int>> refusals;
};

J median(std::vector<int> days) {
  if (days.empty()) return nullptr;
  std::sort(days.begin(), days.end());
  const std::size_t n = days.size();
  if (n % 2 == 1) return days[n / 2];
  return round_decimals((days[n / 2 - 1] + days[n / 2]) / 2.0, 1);
}

std::optional<int> days_between(const std::optional<std::string>& from, const std::optional<std::string>& to) {
  if (!from || !to) return std::nullopt;
  const auto a = Date::parse(*from), b = Date::parse(*to);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

bool in_period(const std::string& registered, const FlowQuery& q) {
  const auto d = Date::parse(registered);
  if (!d) return false;
  return (!q.from || *q.from <= *d) && (!q.until || *d <= *q.until);
}

J region_json(const std::string& code, const RegionFlow& f, const Context& ctx) {
  J j = J::object();
  const Region* r = ctx.regions.region(code);
  j["region"] = code;
  j["region_name"] = r ? r->name : code;
  j["cases"] = f.cases;
  j["advised"] = f.advised;
  j["placed"] = f.placed;
  j["placed_outside_region"] = f.outside;
  j["share_outside_region"] = f.placed ? J(round_decimals(static_cast<double>(f.outside) / f.placed, 3)) : J(nullptr);
  j["median_days_to_advice"] = median(f.to_advice);
  j["median_days_to_placement"] = median(f.to_placement);
  J refusals = J::array();
  for (const auto& [key, value] : f.refusals) {
    const RefusalReason* reason = ctx.vocabulary.refusal_reason(key.second);
    refusals.push_back({{"provider", key.first}, {"provider_name", value.first}, {"reason", key.second},
                        {"reason_label", reason ? reason->dutch : key.second}, {"count", value.second}});
  }
  j["refusals"] = refusals;
  return j;
}

std::string text(const J& v) { return v.is_string() ? v.get<std::string>() : ""; }

std::string number_text(const J& v, int decimals = 1) {
  if (v.is_null()) return "";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  std::string s = dutch_number(v.get<double>(), decimals);
  std::replace(s.begin(), s.end(), ',', '.');
  return s;
}
}  // namespace

J flow_report(Context& ctx, const FlowQuery& query, const std::optional<Actor>& reader) {
  if (query.from && query.until && *query.until < *query.from)
    throw InvalidInput("--until", "", "the period ends (" + query.until->str() + ") before it begins (" + query.from->str() + ")");
  db::Transaction tx(ctx.db, reader ? db::Transaction::Kind::immediate : db::Transaction::Kind::deferred);
  std::map<std::string, RegionFlow> flows;
  std::map<std::string, std::string> region_of;  // the cases counted
  RegionFlow total;
  for (const auto& row : db::list_case_records(ctx.db, {})) {
    if (!in_period(row.registered, query)) continue;
    if (query.regions && !query.regions->count(row.region)) continue;
    region_of[row.case_id] = row.region;
    for (RegionFlow* f : {&flows[row.region], &total}) {
      ++f->cases;
      if (auto d = days_between(row.registered, row.first_advice)) {
        ++f->advised;
        f->to_advice.push_back(*d);
      }
      if (row.placed_on) {
        ++f->placed;
        if (row.placed_region && *row.placed_region != row.region) ++f->outside;
        if (auto d = days_between(row.first_advice, row.placed_on)) f->to_placement.push_back(*d);
      }
    }
  }
  for (const auto& r : db::case_refusals(ctx.db)) {
    if (!region_of.count(r.case_id)) continue;
    for (RegionFlow* f : {&flows[r.region], &total}) {
      auto& slot = f->refusals[{r.provider, r.reason}];
      slot.first = r.provider_name;
      ++slot.second;
    }
  }
  J out = J::object();
  out["from"] = query.from ? J(query.from->str()) : J(nullptr);
  out["until"] = query.until ? J(query.until->str()) : J(nullptr);
  J regions = J::array();
  for (const auto& [code, f] : flows) regions.push_back(region_json(code, f, ctx));
  out["regions"] = regions;
  J totals = region_json("", total, ctx);
  totals.erase("region");
  totals.erase("region_name");
  out["totals"] = totals;
  if (reader) {
    J what = J::object();
    what["from"] = out["from"];
    what["until"] = out["until"];
    what["cases"] = total.cases;
    record_event(ctx, *reader, "flow_report", "", what);
  }
  tx.commit();
  return out;
}

std::string flow_report_csv(const J& report) {
  std::string out = csv_record({"regel", "regio", "regionaam", "casussen", "met advies", "geplaatst",
                                "geplaatst buiten de regio", "aandeel buiten de regio", "mediaan dagen aanmelding tot advies",
                                "mediaan dagen advies tot plaatsing", "aanbieder", "aanbiedernaam", "reden (code)", "reden",
                                "afwijzingen"});
  for (const auto& r : report["regions"])
    out += csv_record({"regio", text(r["region"]), text(r["region_name"]), number_text(r["cases"]), number_text(r["advised"]),
                       number_text(r["placed"]), number_text(r["placed_outside_region"]),
                       number_text(r["share_outside_region"], 3),
                       number_text(r["median_days_to_advice"]), number_text(r["median_days_to_placement"]), "", "", "", "",
                       ""});
  for (const auto& r : report["regions"])
    for (const auto& x : r["refusals"])
      out += csv_record({"afwijzing", text(r["region"]), text(r["region_name"]), "", "", "", "", "", "", "",
                         text(x["provider"]), text(x["provider_name"]), text(x["reason"]), text(x["reason_label"]),
                         number_text(x["count"])});
  return out;
}

}  // namespace passend::service
