// The Dutch text advice, for a terminal during the bespreking. Rendered from the JSON result.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/dutch_number.hpp"
#include "core/engine.hpp"

namespace passend {

namespace {
using J = nlohmann::ordered_json;

// Pads or cuts a UTF-8 string to a display width (counting code points, which is right for
// the Latin text passend prints).
std::string fit(const std::string& s, std::size_t width, bool pad = true) {
  std::string out;
  std::size_t cols = 0, i = 0;
  while (i < s.size() && cols < width) {
    std::size_t len = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (cols + 1 == width && i + len < s.size()) {
      out += "…";
      ++cols;
      i = s.size();
      break;
    }
    out.append(s, i, len);
    i += len;
    ++cols;
  }
  while (pad && cols++ < width) out += ' ';
  return out;
}

std::string capacity_text(const J& c) {
  int free = c.value("free", 0);
  int wait = c.value("wait_weeks", 0);
  if (free > 0) return std::to_string(free) + " vrij";
  if (c.value("wait_unknown", false)) return "vol, wacht ?";
  return "wacht " + std::to_string(wait) + " wk";
}

std::string signed_effect(double e) {
  std::string s = dutch_number(e, e == static_cast<long>(e) ? 0 : 1);
  return e >= 0 ? "+" + s : s;
}

std::string strongest_reasons(const J& reasons, std::size_t n) {
  std::vector<const J*> sorted;
  for (const auto& r : reasons) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const J* a, const J* b) {
    return std::abs((*a)["effect"].get<double>()) > std::abs((*b)["effect"].get<double>());
  });
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < n; ++i) {
    if (!out.empty()) out += "; ";
    out += (*sorted[i])["text"].get<std::string>();
  }
  return out;
}

void plan_line(std::ostringstream& out, const char* label, const J& pick, const Vocabulary& v) {
  out << fit(label, 14);
  if (pick.is_null()) {
    out << "—\n";
    return;
  }
  out << pick["provider_name"].get<std::string>() << " (" << pick["offering"].get<std::string>() << ")\n";
  out << fit("", 14) << v.dutch(pick["care_form"].get<std::string>()) << ", "
      << pick["municipality_name"].get<std::string>() << " · " << v.dutch(pick["tier"].get<std::string>()) << " · "
      << capacity_text(pick) << (pick["timely"].get<bool>() ? " · tijdig" : " · niet tijdig");
  if (!pick["rank"].is_null()) out << " · rang " << pick["rank"].get<int>();
  out << '\n';
  for (const auto& r : pick["reasons"])
    out << fit("", 16) << fit(signed_effect(r["effect"].get<double>()), 5) << ' ' << r["text"].get<std::string>() << '\n';
  for (const auto& n : pick["notes"]) out << fit("", 16) << "!     " << n["text"].get<std::string>() << '\n';
}

std::string gap_text(const J& g, const Vocabulary& v) {
  std::string forms;
  for (const auto& f : g["care_forms"]) forms += (forms.empty() ? "" : ", ") + v.dutch(f.get<std::string>());
  const bool national = g.value("scope", "region") == "national";
  std::string what;
  if (national)
    what = g["kind"] == "absent" ? "nergens in het land gecontracteerd aanbod dat past" : "nergens in het land tijdig gecontracteerd aanbod";
  else
    what = g["kind"] == "absent" ? "geen passend gecontracteerd aanbod in de regio" : "gecontracteerd aanbod in de regio, maar niet tijdig";
  return what + " (" + forms + ") — gesignaleerd" + (national ? " als landelijke leemte" : "");
}
}  // namespace

std::string result_to_text(const J& j, const Vocabulary& v) {
  std::ostringstream out;
  const auto& region = j["region"];
  out << "Advies passend · casus " << j["case"].get<std::string>() << " · " << region["name"].get<std::string>() << " ("
      << region["code"].get<std::string>() << ", netwerk " << region["network"].get<std::string>() << ") · peildatum "
      << j["reference_date"].get<std::string>() << '\n';
  const auto& rs = j["ruleset"];
  std::string hash = rs["hash"].get<std::string>();
  out << "Regelset " << rs["name"].get<std::string>() << " " << rs["version"].get<std::string>() << " ("
      << hash.substr(0, std::min<std::size_t>(hash.size(), 19)) << "…)\n\n";

  plan_line(out, "Plan A", j["plan_a"], v);
  plan_line(out, "Plan B", j["plan_b"], v);
  plan_line(out, "Overbrugging", j["bridging"], v);
  out << fit("Leemte", 14);
  if (j["gap"].is_null()) {
    out << "geen\n";
  } else {
    out << gap_text(j["gap"], v) << '\n';
  }
  bool first_note = true;
  for (const auto& n : j["notes"]) {
    out << fit(first_note ? "Notities" : "", 14) << n["text"].get<std::string>() << '\n';
    first_note = false;
  }

  const auto& candidates = j["candidates"];
  out << "\nKandidaten (" << candidates.size() << ")\n";
  if (!candidates.empty()) {
    // 100 columns: 4 + 25 + 15 + 20 + 18 + 13 + 5.
    out << " #  " << fit("aanbieder", 25) << fit("plaats", 15) << fit("zorgvorm", 20) << fit("trede", 18)
        << fit("vrij/wacht", 13) << "km\n";
    for (const auto& c : candidates) {
      std::string cap = capacity_text(c);
      if (c["stale"].get<bool>()) cap += " !";
      std::string rank = std::to_string(c["rank"].get<int>());
      out << std::string(rank.size() < 3 ? 3 - rank.size() : 0, ' ') << rank << ' '
          << fit(c["provider_name"].get<std::string>(), 24) << ' ' << fit(c["municipality_name"].get<std::string>(), 14) << ' '
          << fit(v.dutch(c["care_form"].get<std::string>()), 19) << ' ' << fit(v.dutch(c["tier"].get<std::string>()), 17) << ' '
          << fit(cap, 12) << ' ' << dutch_number(c["distance_km"].get<double>(), 0) << '\n';
      std::string reasons = strongest_reasons(c["reasons"], 2);
      if (c.value("coordinated_by", J()).is_string())
        reasons = "bovenregionale plek, via de coördinator (" + c["coordinated_by"].get<std::string>() + ")" +
                  (reasons.empty() ? "" : "; " + reasons);
      if (c.value("maatwerk", false)) reasons = "alleen via maatwerk" + (reasons.empty() ? "" : "; " + reasons);
      if (!reasons.empty()) out << "    " << fit(reasons, 96, false) << '\n';
    }
    out << "  ! = capaciteitsgegevens niet actueel · wacht ? = vol en geen wachttijd opgegeven\n";
  }

  const auto& excluded = j["excluded"];
  out << "\nUitgesloten (" << excluded.size() << ")\n";
  std::map<std::string, std::vector<std::string>> by_reason;
  for (const auto& x : excluded)
    by_reason[x["text"].get<std::string>()].push_back(x["offering"].get<std::string>());
  for (const auto& [reason, offerings] : by_reason) {
    std::string list;
    for (std::size_t i = 0; i < offerings.size(); ++i) list += (i ? ", " : "") + offerings[i];
    out << "  " << offerings.size() << " × " << fit(reason, 90, false) << '\n';
    out << "      " << fit(list, 94, false) << '\n';
  }
  out << '\n' << j["decision"].get<std::string>() << '\n';
  return out.str();
}

}  // namespace passend
