// passend explain: one offering's whole verdict for a case, taken from the query's own result
// (so it always agrees with the query), as JSON and as Dutch text.
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/dutch_number.hpp"
#include "core/engine.hpp"

namespace passend {

namespace {
using J = nlohmann::ordered_json;

const char* plan_role(const QueryResult& r, std::size_t i) {
  if (r.plan_a == i) return "plan_a";
  if (r.plan_b == i) return "plan_b";
  if (r.bridging == i) return "bridging";
  return nullptr;
}

// Where the query's result shows the offering.
const char* shown_in(const CandidateResult& e) {
  if (!e.verdict.excluded()) return e.facts.bridging_pool ? "bridging_pool" : "candidates";
  if (e.facts.bridging_pool) return "bridging_pool";
  return listed_one_by_one(e) ? "excluded" : "excluded_summary";
}

J exclusions_json(const std::vector<Exclusion>& xs) {
  auto out = J::array();
  for (const auto& x : xs) {
    J j;
    j["rule"] = x.rule;
    j["code"] = x.code;
    j["text"] = x.text;
    out.push_back(std::move(j));
  }
  return out;
}

std::string str(const J& j, const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; }

std::string signed_effect(double e) {
  std::string s = dutch_number(e, e == static_cast<long>(e) ? 0 : 1);
  return e >= 0 ? "+" + s : s;
}

std::string contract_text(const std::string& status) {
  if (status == "active") return "actief";
  if (status == "not_started") return "nog niet ingegaan";
  if (status == "expired") return "verlopen";
  if (status == "suspended") return "opgeschort";
  if (status == "ended") return "beëindigd";
  if (status == "wrong_lot") return "ander perceel";
  return "geen";
}

std::string outcome_text(const J& j) {
  const std::string shown = str(j, "shown_in");
  const std::string role = str(j, "plan");
  if (shown == "candidates") {
    std::string t = "kandidaat, rang " + std::to_string(j["verdict"]["rank"].get<int>());
    if (role == "plan_a") t += " — plan A";
    if (role == "plan_b") t += " — plan B";
    return t;
  }
  if (shown == "bridging_pool")
    return role == "bridging" ? "overbrugging (alleen als overbruggingsaanbod beoordeeld)"
                              : (j["outcome"] == "excluded" ? "uitgesloten als overbruggingsaanbod"
                                                            : "mogelijk overbruggingsaanbod, niet gekozen");
  if (shown == "excluded") return "uitgesloten (in het advies afzonderlijk vermeld)";
  return "uitgesloten (in het advies meegeteld in de samenvatting per laag en reden)";
}
}  // namespace

std::optional<J> explain_to_json(const QueryResult& r, const std::string& offering_id, const Vocabulary& /*vocabulary*/) {
  const CandidateResult* found = r.find_offering(offering_id);
  if (!found) return std::nullopt;
  const auto& e = *found;
  const auto i = static_cast<std::size_t>(found - r.evaluated.data());
  J j;
  j["case"] = r.case_id;
  j["region"] = {{"code", r.case_facts.region}, {"name", r.case_facts.region_name}, {"network", r.case_facts.network}};
  j["reference_date"] = r.case_facts.reference_date.str();
  j["ruleset"] = {{"name", r.ruleset.name}, {"version", r.ruleset.version}, {"hash", r.ruleset.hash}};
  j["offering"] = e.facts.offering->id;
  j["outcome"] = e.verdict.excluded() ? "excluded" : "admitted";
  j["shown_in"] = shown_in(e);
  const char* role = plan_role(r, i);
  j["plan"] = role ? J(role) : J(nullptr);
  // Settled by a prerequisite (docs/rules.md): the other rules did not run on it.
  j["evaluated_by"] = i < r.by_rules ? "rules" : "prerequisite";
  J verdict = detail::candidate_json(e);
  verdict["exclusions"] = exclusions_json(e.verdict.exclusions);
  j["verdict"] = std::move(verdict);
  return j;
}

std::string explain_to_text(const J& j, const Vocabulary& v) {
  std::ostringstream out;
  const J& x = j["verdict"];
  out << "Toelichting passend · casus " << str(j, "case") << " · " << str(j["region"], "name") << " ("
      << str(j["region"], "code") << ") · peildatum " << str(j, "reference_date") << '\n';
  out << "Regelset " << str(j["ruleset"], "name") << " " << str(j["ruleset"], "version") << "\n\n";
  out << "Aanbod       " << str(x, "offering") << " · " << v.dutch(str(x, "care_form")) << '\n';
  out << "Aanbieder    " << str(x, "provider_name") << " (" << str(x, "provider") << "), locatie " << str(x, "location")
      << ", " << str(x, "municipality_name") << '\n';
  out << "Trede        " << v.dutch(str(x, "tier")) << " (" << str(x, "region_name") << ", " << str(x, "region") << "), "
      << dutch_number(x["distance_km"].get<double>(), 1) << " km\n";
  out << "Contract     " << (x["contracted"].get<bool>() ? "ja" : "nee") << " (contract met de regio: " << contract_text(str(x, "contract"))
      << ")\n";
  const int free = x["free"].get<int>();
  out << "Capaciteit   " << free << " vrij van " << x["places"].get<int>() << ", wachttijd "
      << (x["wait_unknown"].get<bool>() ? std::string("onbekend") : std::to_string(x["wait_weeks"].get<int>()) + " weken")
      << ", " << (x["timely"].get<bool>() ? "tijdig" : "niet tijdig") << ", bijgewerkt " << str(x, "capacity_updated")
      << (x["stale"].get<bool>() ? " (niet actueel)" : "") << '\n';
  if (x["exempt"].get<bool>()) out << "Uitzondering regiogrens telt niet (landelijk, gesloten of eetstoornis)\n";
  out << "Uitkomst     " << outcome_text(j) << '\n';
  if (str(j, "evaluated_by") == "prerequisite")
    out << "             (de voorwaarde hieronder sloot het aanbod uit; de overige regels zijn niet nodig)\n";
  if (!x["exclusions"].empty()) {
    out << "\nUitgesloten door\n";
    for (const auto& e : x["exclusions"])
      out << "  " << str(e, "rule") << " (" << str(e, "code") << "): " << str(e, "text") << '\n';
  }
  if (!x["lifted"].empty()) {
    out << "\nOpgeheven door maatwerk\n";
    for (const auto& l : x["lifted"])
      out << "  " << str(l, "rule") << " (" << str(l, "code") << "): " << str(l, "text") << " — " << str(l, "approval") << '\n';
  }
  if (!x["reasons"].empty()) {
    out << "\nRedenen (score " << dutch_number(x["score"].get<double>(), 2) << ")\n";
    for (const auto& r : x["reasons"])
      out << "  " << signed_effect(r["effect"].get<double>()) << "  " << str(r, "rule") << ": " << str(r, "text") << '\n';
  }
  out << '\n' << kDecisionText << '\n';
  return out.str();
}

}  // namespace passend
