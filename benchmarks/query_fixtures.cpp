#include "benchmarks/query_fixtures.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "core/case_json.hpp"
#include "providers/generator.hpp"

namespace passend::bench {

Date reference_date() { return *Date::parse("2026-11-26"); }

const std::string& data_dir() {
  static const std::string dir = std::string(PASSEND_SOURCE_DIR "/data");
  return dir;
}

const std::string& default_rules_dir() {
  static const std::string dir = std::string(PASSEND_SOURCE_DIR "/rules/default");
  return dir;
}

const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(data_dir());
  return v;
}

const RegionData& region_data() {
  static const RegionData d = RegionData::load_bundled(data_dir());
  return d;
}

const RegionGraph& regions() {
  static const RegionGraph g(region_data());
  return g;
}

const ProviderNetwork& generated_network(int offerings) {
  static std::map<int, std::unique_ptr<ProviderNetwork>> cache;
  auto& n = cache[offerings];
  if (!n)
    n = std::make_unique<ProviderNetwork>(generate_network(regions(), vocabulary(), kNetworkSeed, offerings, reference_date()));
  return *n;
}

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

Location filtered_location(const Location& loc, const std::vector<std::string>& care_forms) {
  Location out{loc.id, loc.municipality, {}};
  for (const auto& o : loc.offerings)
    if (contains(care_forms, o.care_form)) out.offerings.push_back(o);
  return out;
}

}  // namespace

ProviderNetwork prefilter(const ProviderNetwork& network, const std::vector<std::string>& care_forms) {
  ProviderNetwork out;
  out.lot_overrides = network.lot_overrides;
  for (const auto& p : network.providers) {
    Provider kept = p;
    kept.locations.clear();
    for (const auto& loc : p.locations) {
      Location l = filtered_location(loc, care_forms);
      if (!l.offerings.empty()) kept.locations.push_back(std::move(l));
    }
    if (!kept.locations.empty()) out.providers.push_back(std::move(kept));
  }
  return out;
}

std::vector<std::string> query_care_forms(const Case& c, const RuleHost& rules) {
  std::vector<std::string> forms = c.care_forms;
  for (const auto& f : rules.bridging_care_forms())
    if (!contains(forms, f)) forms.push_back(f);
  return forms;
}

const std::string& fixed_case_json() {
  static const std::string text = R"({
  "id": "bench-fv-001",
  "age": 15,
  "municipality": "GM0228",
  "need": {"care_forms": ["small_scale_living", "family_home"], "expertise": ["autism"],
           "urgency": "high", "max_wait_weeks": 4},
  "flags": ["aggression"],
  "preferences": {"identity": "protestant", "near_municipalities": ["GM0203"]},
  "history": {"rejected_by": ["prov-00003"], "previous_providers": ["prov-00011"]},
  "registered": "2026-11-02"
})";
  return text;
}

const std::string& broad_case_json() {
  static const std::string text = R"({
  "id": "bench-fv-002",
  "age": 15,
  "municipality": "GM0228",
  "need": {"care_forms": ["small_scale_living", "family_home"], "urgency": "high", "max_wait_weeks": 4},
  "flags": ["aggression"],
  "preferences": {"identity": "protestant", "near_municipalities": ["GM0203"]},
  "history": {"rejected_by": ["prov-00003"], "previous_providers": ["prov-00011"]},
  "maatwerk": {"approved_by": "RET Food Valley", "date": "2026-11-20", "reason": "zeer specialistische zorg",
               "allow": ["non_contracted", "outside_region"]},
  "registered": "2026-11-02"
})";
  return text;
}

Case parse_case_text(const std::string& json_text) {
  return parse_case(parse_json_text(json_text, "case"), "case", vocabulary(), regions());
}

ScratchDir::ScratchDir(const std::string& prefix) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a scratch folder for " + prefix);
  path_ = tmpl;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

// Three shapes of score rule that contract managers add, in turn: an expertise near by, a care
// form that can start soon, a free place for an urgent case. Each gives points to some
// candidates only, with a Dutch text, like the default score rules.
std::string extra_rule_source(int n) {
  static const char* expertise[] = {"trauma", "autism", "adhd", "attachment", "lvb", "emotion_regulation"};
  static const char* forms[] = {"small_scale_living", "family_home", "ambulant", "residential"};
  char name[32];
  std::snprintf(name, sizeof name, "extra_%02d", n);
  std::string condition, text;
  switch (n % 3) {
    case 0:
      condition = "c.expertise[\"" + std::string(expertise[n % 6]) + "\"] and c.distance_km < " + std::to_string(20 + n);
      text = "format(\"" + std::string(expertise[n % 6]) + " binnen %d km\", floor(c.distance_km + 0.5))";
      break;
    case 1:
      condition = "c.care_form == \"" + std::string(forms[n % 4]) + "\" and c.wait_weeks <= " + std::to_string(n % 7);
      text = "format(\"start binnen %d weken\", c.wait_weeks)";
      break;
    default:
      condition = "case.urgency ~= \"normal\" and c.free > 0 and c.tier ~= \"national\"";
      text = "format(\"urgent en %d plek(ken) vrij\", c.free)";
      break;
  }
  return "-- Generated by the query benchmark (benchmarks/query_fixtures.cpp); not part of any rule set.\n"
         "local format, floor = string.format, math.floor\n"
         "return {\n"
         "  api_version = 1,\n"
         "  name = \"" + std::string(name) + "\",\n"
         "  version = \"1.0.0\",\n"
         "  description = \"Extra scoreregel " + std::to_string(n) + " (benchmark)\",\n"
         "  phase = \"score\",\n"
         "  priority = " + std::to_string(100 + n) + ",\n"
         "  params = {points = {type = \"number\", default = " + std::to_string(1 + n % 5) +
         ", description = \"Punten\"}},\n"
         "  score = function(c, case, p)\n"
         "    if " + condition + " then return p.points, " + text + " end\n"
         "    return nil\n"
         "  end,\n"
         "}\n";
}

}  // namespace

std::string rules_with_extra_score_rules(int extra) {
  if (extra == 0) return default_rules_dir();
  static std::map<int, std::unique_ptr<ScratchDir>> made;
  auto& dir = made[extra];
  if (!dir) {
    dir = std::make_unique<ScratchDir>("passend-rules");
    const auto target = dir->path() / "default";
    std::filesystem::copy(default_rules_dir(), target, std::filesystem::copy_options::recursive);
    for (int n = 1; n <= extra; ++n) {
      char file[32];
      std::snprintf(file, sizeof file, "extra_%02d.lua", n);
      std::ofstream(target / "rules" / file) << extra_rule_source(n);
    }
  }
  return (dir->path() / "default").string();
}

double peak_rss_mib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

}  // namespace passend::bench
