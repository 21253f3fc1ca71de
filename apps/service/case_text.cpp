// The case list and one case in Dutch, for a terminal, and the case list as CSV (RFC 4180,
// Dutch headers) for a spreadsheet.
#include <string>

#include "apps/service/cases.hpp"
#include "core/csv.hpp"

namespace passend::service {

namespace {
using J = nlohmann::ordered_json;

std::string str(const J& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

// "Stichting De Linde (prov-017-ede-kw)"
std::string place_text(const J& p) {
  if (!p.is_object()) return "";
  const std::string name = str(p, "provider_name");
  return (name.empty() ? str(p, "provider") : name) + " (" + str(p, "offering") + ")";
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n >= width ? s + " " : s + std::string(width - n, ' ');
}

std::string event_line(const J& t) {
  std::string out = "  " + str(t, "date") + "  " + str(t, "label");
  const std::string event = str(t, "event");
  if (event == "advised") {
    out += ": plan A " + place_text(t["plan_a"]);
    if (t.contains("plan_b") && t["plan_b"].is_object()) out += ", plan B " + place_text(t["plan_b"]);
    if (t.contains("bridging") && t["bridging"].is_object()) out += ", overbrugging " + place_text(t["bridging"]);
    out += "; regie: " + str(t, "regie") + "; follow-up " + str(t, "follow_up");
    if (!t.value("follows_engine", true)) out += "; wijkt af van het advies van passend";
  } else if (event == "accepted" || event == "refused" || event == "placed" || event == "released") {
    out += ": " + place_text(t);
    if (event == "refused") out += ", reden: " + str(t, "reason_label");
  } else if (event == "referred") {
    out += ": " + str(t, "network_name") + " (" + str(t, "network") + ")";
  } else if (event == "closed") {
    out += ": uitkomst " + str(t, "outcome_label");
  }
  if (!str(t, "note").empty()) out += "; notitie: " + str(t, "note");
  return out + " — " + str(t, "actor") + ", " + str(t, "at") + "\n";
}
}  // namespace

std::string case_list_text(const J& list) {
  if (list.empty()) return "Geen casussen.\n";
  std::string out = pad("Casus", 16) + pad("Status", 15) + pad("Regio", 30) + pad("Aangemeld", 12) + "Follow-up\n";
  for (const auto& c : list) {
    std::string follow = str(c, "follow_up");
    if (c.value("overdue", false)) follow += " (te laat)";
    out += pad(str(c, "id"), 16) + pad(str(c, "status_label"), 15) +
           pad(str(c, "region_name") + " (" + str(c, "region") + ")", 30) + pad(str(c, "registered"), 12) +
           (follow.empty() ? "-" : follow) + "\n";
  }
  return out + std::to_string(list.size()) + (list.size() == 1 ? " casus\n" : " casussen\n");
}

std::string case_list_csv(const J& list) {
  std::string out = csv_record({"casus", "status", "regio", "regionaam", "aangemeld", "follow-up", "te laat", "netwerk",
                                "plan A", "geplaatst bij"});
  for (const auto& c : list)
    out += csv_record({str(c, "id"), str(c, "status_label"), str(c, "region"), str(c, "region_name"), str(c, "registered"),
                       str(c, "follow_up"), c.value("overdue", false) ? "ja" : "nee", str(c, "network"),
                       c["plan_a"].is_object() ? place_text(c["plan_a"]) : "",
                       c["placement"].is_object() ? place_text(c["placement"]) : ""});
  return out;
}

std::string case_text(const J& r) {
  std::string out = "Casus " + str(r, "id") + " — " + str(r, "status_label") + "\n";
  out += "Regio: " + str(r, "region_name") + " (" + str(r, "region") + "); aangemeld " + str(r, "registered") + "\n";
  if (!str(r, "follow_up").empty())
    out += "Follow-up: " + str(r, "follow_up") + (r.value("overdue", false) ? " (te laat)" : "") + "\n";
  if (!str(r, "network").empty()) out += "Wachtlijst: " + str(r, "network_name") + " (" + str(r, "network") + ")\n";
  if (r["advice"].is_object()) {
    const J& a = r["advice"];
    out += "Advies van het RET: plan A " + place_text(a["plan_a"]);
    if (a["plan_b"].is_object()) out += ", plan B " + place_text(a["plan_b"]);
    if (a["bridging"].is_object()) out += ", overbrugging " + place_text(a["bridging"]);
    out += "\nRegie: " + str(a, "regie") + "\n";
    for (const auto& g : a["agreements"]) out += "Afspraak: " + g.get<std::string>() + "\n";
  }
  if (r["placement"].is_object()) {
    const J& p = r["placement"];
    out += "Geplaatst bij: " + place_text(p) + " in " + str(p, "region_name") +
           (p.value("outside_region", false) ? " (buiten de eigen regio)" : "") + ", " + str(p, "date") + "\n";
  }
  if (!str(r, "outcome").empty()) out += "Gesloten op " + str(r, "closed_on") + ", uitkomst " + str(r, "outcome") + "\n";
  const J& rejected = r["case"].contains("history") ? r["case"]["history"].value("rejected_by", J::array()) : J::array();
  if (!rejected.empty()) {
    std::string ids;
    for (const auto& p : rejected) ids += (ids.empty() ? "" : ", ") + p.get<std::string>();
    out += "Afgewezen door: " + ids + " (wordt niet opnieuw voorgesteld)\n";
  }
  out += "\nTijdlijn:\n";
  for (const auto& t : r["timeline"]) out += event_line(t);
  return out;
}

}  // namespace passend::service
