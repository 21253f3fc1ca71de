#include "providers/generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

namespace passend {

namespace {

// Our own distributions on top of mt19937_64, whose output sequence the standard fixes.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [lo, hi], by rejection (no modulo bias).
  int between(int lo, int hi) {
    const std::uint64_t range = static_cast<std::uint64_t>(hi - lo) + 1;
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = max - max % range;
    std::uint64_t x;
    do x = engine_();
    while (x >= limit);
    return lo + static_cast<int>(x % range);
  }

  // Uniform in [0, 1) from the top 53 bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

// Picks items with given weights (cumulative sums and a binary search).
template <class T>
class Weighted {
 public:
  Weighted() = default;
  Weighted(std::vector<T> items, const std::vector<double>& weights) : items_(std::move(items)) {
    double sum = 0;
    for (double w : weights) cumulative_.push_back(sum += w);
  }
  void add(T item, double weight) {
    items_.push_back(std::move(item));
    cumulative_.push_back((cumulative_.empty() ? 0 : cumulative_.back()) + weight);
  }
  bool empty() const { return items_.empty(); }
  const T& operator()(Random& r) const {
    const double x = r.unit() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    std::size_t i = std::min(static_cast<std::size_t>(it - cumulative_.begin()), items_.size() - 1);
    return items_[i];
  }

 private:
  std::vector<T> items_;
  std::vector<double> cumulative_;
};

std::string numbered(const char* prefix, int n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*d", prefix, width, n);
  return buf;
}

Date year_start(int year) { return *Date::parse(numbered("", year, 4) + "-01-01"); }
Date year_end(int year) { return *Date::parse(numbered("", year, 4) + "-12-31"); }
int year_of(Date d) { return std::stoi(d.str().substr(0, 4)); }

// Municipalities by population: nationally and per region.
struct Population {
  Weighted<const Municipality*> national;
  std::map<std::string, Weighted<const Municipality*>> by_region;

  explicit Population(const RegionGraph& g) {
    for (const auto& m : g.data().municipalities) {
      const double w = static_cast<double>(std::max(1L, m.population));
      national.add(&m, w);
      by_region[m.region].add(&m, w);
    }
  }
};

// What kind of provider: decides the mix of care forms it offers.
struct Profile {
  Weighted<std::string> care_forms;
};

std::vector<Profile> provider_profiles() {
  using W = Weighted<std::string>;
  return {
      // ambulant practice
      {W({"ambulant", "ambulant_intensive", "day_treatment"}, {6, 3, 1})},
      // residential organisation
      {W({"small_scale_living", "residential", "secure_residential", "crisis", "family_home", "day_treatment"},
         {4, 4, 1, 1.5, 1, 1})},
      // broad organisation
      {W({"ambulant", "ambulant_intensive", "day_treatment", "foster_care", "family_home", "small_scale_living",
          "residential", "crisis"},
         {4, 2, 1.5, 1.5, 1, 1.5, 1.5, 0.6})},
      // foster care and family homes
      {W({"foster_care", "family_home", "ambulant"}, {5, 4, 1})},
  };
}

class NetworkGenerator {
 public:
  NetworkGenerator(const RegionGraph& g, const Vocabulary& v, std::uint64_t seed, Date reference)
      : g_(g), v_(v), r_(seed), reference_(reference), population_(g), profiles_(provider_profiles()) {
    for (const auto& region : g.data().regions) region_codes_.push_back(region.code);
    for (const auto& t : v.expertise()) expertise_.add(t.id, common_expertise(t.id));
  }

  ProviderNetwork run(int offerings) {
    choose_lot_overrides();
    int made = 0;
    for (int n = 1; made < offerings; ++n) {
      network_.providers.push_back(make_provider(n, offerings - made));
      for (const auto& l : network_.providers.back().locations) made += static_cast<int>(l.offerings.size());
    }
    return std::move(network_);
  }

 private:
  static double common_expertise(const std::string& id) {
    static const std::map<std::string, double> weights = {
        {"autism", 10}, {"adhd", 8},       {"attachment", 8},     {"trauma", 9},           {"emotion_regulation", 7},
        {"lvb", 6},     {"family_safety", 5}, {"depression", 4},  {"transition_18", 4},    {"independent_living", 3},
        {"psychiatry", 3}, {"addiction", 2}, {"suicidality", 2},  {"complex_divorce", 2},  {"education_care", 2},
        {"forensic", 1.5}, {"ocd", 1.5},    {"eating_disorder", 1}, {"fasd", 0.7},         {"refugee_minors", 1},
        {"mother_child", 0.7}, {"honour_violence", 0.4}, {"fgm", 0.2}};
    auto it = weights.find(id);
    return it == weights.end() ? 1.0 : it->second;
  }

  // A few regions cut their lots differently (crisis, secure care): realistic and exercised.
  void choose_lot_overrides() {
    std::vector<std::string> codes = region_codes_;
    for (int i = 0; i < 6 && !codes.empty(); ++i) {
      std::size_t k = static_cast<std::size_t>(r_.between(0, static_cast<int>(codes.size()) - 1));
      const std::string region = codes[k];
      codes.erase(codes.begin() + static_cast<long>(k));
      if (i % 2 == 0) network_.lot_overrides.push_back({region, "crisis", "crisis"});
      else network_.lot_overrides.push_back({region, "secure_residential", "veiligheid"});
    }
    std::sort(network_.lot_overrides.begin(), network_.lot_overrides.end(),
              [](const LotOverride& a, const LotOverride& b) { return std::tie(a.region, a.care_form) < std::tie(b.region, b.care_form); });
  }

  std::string lot_of(const std::string& region, const std::string& care_form) const {
    for (const auto& o : network_.lot_overrides)
      if (o.region == region && o.care_form == care_form) return o.lot;
    return v_.care_form(care_form)->lot;
  }

  // The first 42 providers get one home region each, so every region has supply; the rest
  // follow population.
  const Municipality* home_of(int n) {
    if (n <= static_cast<int>(region_codes_.size())) return population_.by_region.at(region_codes_[n - 1])(r_);
    return population_.national(r_);
  }

  Provider make_provider(int n, int budget) {
    Provider p;
    p.id = numbered("prov-", n, 5);
    const Municipality* home = home_of(n);
    static const std::vector<std::string> kinds = {"Stichting", "Jeugdzorg", "Zorggroep", "Jeugdhulp", "Stichting", "Gezinshuis"};
    static const std::vector<std::string> names = {"De Linde", "Het Baken", "Kompas", "Horizon", "De Hoeve", "Het Anker",
                                                   "De Bron", "Lindenhof", "De Ruimte", "Op Koers", "Samen Verder", "De Wending",
                                                   "Vitaal", "De Brug", "Het Kabouterhuis", "Boei", "De Vuurtoren", "Sterk"};
    p.name = r_.pick(kinds) + " " + r_.pick(names) + " " + home->name;
    p.in_network = !r_.chance(0.05);
    const Profile& profile = profiles_[static_cast<std::size_t>(Weighted<int>({0, 1, 2, 3}, {4, 2.5, 2.5, 1})(r_))];

    const double size = r_.unit();
    const int location_count = size < 0.6 ? 1 : size < 0.9 ? r_.between(2, 4) : r_.between(5, 12);
    const int per_location_max = size < 0.6 ? 3 : size < 0.9 ? 4 : 6;
    std::set<std::string> care_forms;
    for (int l = 1; l <= location_count && budget > 0; ++l) {
      Location loc;
      loc.id = p.id + numbered("-l", l, 2);
      const bool elsewhere = l > 1 && r_.chance(0.25);
      loc.municipality = elsewhere ? neighbour_municipality(home->region) : population_.by_region.at(home->region)(r_)->code;
      const int count = std::min(budget, r_.between(1, per_location_max));
      for (int o = 1; o <= count; ++o) {
        loc.offerings.push_back(make_offering(loc.id + "-o" + std::to_string(o), profile));
        care_forms.insert(loc.offerings.back().care_form);
      }
      budget -= count;
      p.locations.push_back(std::move(loc));
    }
    p.contracts = make_contracts(p, home->region, care_forms);
    return p;
  }

  std::string neighbour_municipality(const std::string& region) {
    std::vector<std::string> neighbours;
    for (const auto& code : region_codes_)
      if (g_.adjacent(region, code)) neighbours.push_back(code);
    const std::string& chosen = neighbours.empty() ? region : r_.pick(neighbours);
    return population_.by_region.at(chosen)(r_)->code;
  }

  Offering make_offering(std::string id, const Profile& profile) {
    Offering o;
    o.id = std::move(id);
    o.care_form = profile.care_forms(r_);
    o.product_category = product_category(o.care_form);
    set_ages(o);
    const int expertise_count = Weighted<int>({0, 1, 2, 3, 4}, {1, 3, 4, 2, 1})(r_);
    for (int i = 0; i < expertise_count; ++i) o.expertise.push_back(expertise_(r_));
    if (o.product_category == "55" && r_.chance(0.5)) o.expertise.push_back("eating_disorder");
    std::sort(o.expertise.begin(), o.expertise.end());
    o.expertise.erase(std::unique(o.expertise.begin(), o.expertise.end()), o.expertise.end());
    set_contraindications(o);
    static const Weighted<std::string> identities(
        {"", "protestant", "reformed", "catholic", "islamic", "general", "anthroposophic", "humanist", "jewish"},
        {88, 3, 2.5, 2, 1.5, 1.5, 0.7, 0.5, 0.3});
    o.identity = identities(r_);
    const bool scarce_form = o.care_form == "residential" || o.care_form == "secure_residential" ||
                             o.care_form == "small_scale_living";
    o.supra_regional = scarce_form && (o.product_category == "55" || r_.chance(0.04));
    set_capacity(o);
    return o;
  }

  std::string product_category(const std::string& care_form) {
    auto choose = [&](std::vector<std::string> codes, const std::vector<double>& weights) {
      return Weighted<std::string>(std::move(codes), weights)(r_);
    };
    if (care_form == "ambulant") return choose({"45", "54", "55"}, {80, 15, 5});
    if (care_form == "ambulant_intensive") return choose({"45", "54"}, {85, 15});
    if (care_form == "day_treatment") return "41";
    if (care_form == "foster_care") return "44";
    if (care_form == "family_home") return choose({"44", "43"}, {70, 30});
    if (care_form == "small_scale_living") return choose({"44", "43"}, {60, 40});
    if (care_form == "residential") return choose({"43", "55"}, {90, 10});
    if (care_form == "secure_residential") return choose({"43", "55"}, {80, 20});
    return "46";  // crisis
  }

  void set_ages(Offering& o) {
    using Range = std::pair<int, int>;
    auto choose = [&](std::vector<Range> ranges, const std::vector<double>& weights) {
      return Weighted<Range>(std::move(ranges), weights)(r_);
    };
    Range range;
    const std::string& f = o.care_form;
    if (f == "ambulant" || f == "ambulant_intensive") range = choose({{0, 18}, {4, 18}, {12, 23}, {0, 12}}, {4, 2, 2, 2});
    else if (f == "day_treatment") range = choose({{4, 12}, {12, 18}, {0, 6}}, {4, 4, 2});
    else if (f == "foster_care") range = choose({{0, 18}, {0, 21}}, {8, 2});
    else if (f == "family_home") range = choose({{0, 18}, {4, 18}}, {6, 4});
    else if (f == "small_scale_living") range = choose({{12, 18}, {16, 23}, {12, 23}}, {5, 3, 2});
    else if (f == "residential") range = choose({{12, 18}, {8, 18}, {16, 23}}, {6, 3, 1});
    else if (f == "secure_residential") range = {12, 18};
    else range = choose({{0, 18}, {12, 18}}, {6, 4});
    o.age_min = range.first;
    o.age_max = range.second;
  }

  void set_contraindications(Offering& o) {
    const bool living = o.care_form != "ambulant" && o.care_form != "ambulant_intensive" && o.care_form != "day_treatment";
    auto maybe = [&](const char* flag, double p) {
      if (r_.chance(p)) o.contraindications.push_back(flag);
    };
    if (living && o.care_form != "secure_residential") {
      maybe("arson", 0.3);
      maybe("sexually_harmful_behaviour", 0.25);
      maybe("active_addiction", 0.2);
      maybe("aggression", o.care_form == "foster_care" || o.care_form == "family_home" ? 0.35 : 0.12);
      maybe("absconding", 0.05);
    } else if (!living) {
      maybe("acute_suicidality", 0.05);
      maybe("aggression", 0.04);
    }
    std::sort(o.contraindications.begin(), o.contraindications.end());
  }

  int places_for(const std::string& f) {
    if (f == "ambulant") return r_.between(20, 150);
    if (f == "ambulant_intensive") return r_.between(10, 40);
    if (f == "day_treatment") return r_.between(8, 24);
    if (f == "foster_care") return r_.between(1, 4);
    if (f == "family_home") return r_.between(3, 6);
    if (f == "small_scale_living") return r_.between(4, 10);
    if (f == "residential") return r_.between(6, 16);
    if (f == "secure_residential") return r_.between(8, 24);
    return r_.between(2, 6);  // crisis
  }

  // Full most of the time, with long-tailed waits (up to two years, as the handbooks report).
  void set_capacity(Offering& o) {
    Capacity& c = o.capacity;
    c.places = places_for(o.care_form);
    const bool living = o.care_form != "ambulant" && o.care_form != "ambulant_intensive";
    if (r_.chance(living ? 0.6 : 0.45)) {
      c.free = 0;
      const double mean = living ? 20.0 : 10.0;
      c.wait_weeks = std::min(104, 1 + static_cast<int>(-std::log(1.0 - r_.unit()) * mean));
    } else {
      c.free = r_.between(1, std::max(1, c.places / 4));
      c.wait_weeks = r_.chance(0.8) ? 0 : r_.between(1, 2);
    }
    const double age = r_.unit();
    const int days = age < 0.7 ? r_.between(0, 30) : age < 0.95 ? r_.between(31, 120) : r_.between(121, 400);
    c.updated = reference_.plus_days(-days);
  }

  Contract contract(const std::string& region, const std::string& lot) {
    const int year = year_of(reference_);
    Contract c;
    c.region = region;
    c.lot = lot;
    const double kind = r_.unit();
    if (kind < 0.05) {  // expired on paper: still "active", but the period is over
      c.status = "active";
      c.from = year_start(year - 4);
      c.until = year_end(year - 1);
    } else {
      c.status = kind < 0.90 ? "active" : kind < 0.95 ? "suspended" : "ended";
      const int start = year - r_.between(0, 3);
      c.from = year_start(start);
      c.until = year_end(start + r_.between(3, 4));
    }
    return c;
  }

  std::vector<Contract> make_contracts(const Provider& p, const std::string& home,
                                       const std::set<std::string>& care_forms) {
    std::vector<Contract> out;
    if (!p.in_network) {  // outside the inkoopnetwerk: nothing, or a contract that ended
      if (r_.chance(0.3)) {
        out.push_back(contract(home, lot_of(home, *care_forms.begin())));
        out.back().status = "ended";
      }
      return out;
    }
    auto contract_region = [&](const std::string& region) {
      std::set<std::string> lots;
      for (const auto& f : care_forms) lots.insert(lot_of(region, f));
      for (const auto& lot : lots) out.push_back(contract(region, lot));
    };
    contract_region(home);
    if (r_.chance(0.35)) {
      std::vector<std::string> neighbours;
      for (const auto& code : region_codes_)
        if (g_.adjacent(home, code)) neighbours.push_back(code);
      const int count = std::min(static_cast<int>(neighbours.size()), r_.between(1, 2));
      for (int i = 0; i < count; ++i) {
        std::size_t k = static_cast<std::size_t>(r_.between(0, static_cast<int>(neighbours.size()) - 1));
        contract_region(neighbours[k]);
        neighbours.erase(neighbours.begin() + static_cast<long>(k));
      }
    }
    const std::string& network = g_.region(home)->network;
    if (r_.chance(0.12)) {
      std::set<std::string> lots;
      for (const auto& f : care_forms) lots.insert(v_.care_form(f)->lot);
      for (const auto& lot : lots) out.push_back(contract(network, lot));
    }
    return out;
  }

  const RegionGraph& g_;
  const Vocabulary& v_;
  Random r_;
  Date reference_;
  Population population_;
  std::vector<Profile> profiles_;
  std::vector<std::string> region_codes_;
  Weighted<std::string> expertise_;
  ProviderNetwork network_;
};

class CaseGenerator {
 public:
  CaseGenerator(const RegionGraph& g, const Vocabulary& v, std::uint64_t seed, Date reference)
      : g_(g), v_(v), r_(seed), reference_(reference), population_(g) {}

  nlohmann::ordered_json make(int n) {
    nlohmann::ordered_json c;
    c["id"] = numbered("gen-", n, 6);
    c["age"] = age();
    const Municipality* m = population_.national(r_);
    c["municipality"] = m->code;
    const std::string urgency = Weighted<std::string>({"crisis", "high", "normal"}, {1, 3, 6})(r_);
    c["need"] = need(urgency);
    if (auto flags = some_flags(); !flags.empty()) c["flags"] = flags;
    nlohmann::ordered_json preferences = nlohmann::ordered_json::object();
    if (r_.chance(0.1)) preferences["identity"] = r_.pick(v_.identities());
    if (r_.chance(0.15)) preferences["near_municipalities"] = {population_.by_region.at(m->region)(r_)->code};
    if (!preferences.empty()) c["preferences"] = preferences;
    if (r_.chance(0.15)) {
      std::vector<std::string> rejected = {numbered("prov-", r_.between(1, 100), 5)};
      if (r_.chance(0.3)) rejected.push_back(numbered("prov-", r_.between(1, 100), 5));
      std::sort(rejected.begin(), rejected.end());
      rejected.erase(std::unique(rejected.begin(), rejected.end()), rejected.end());
      c["history"] = {{"rejected_by", rejected}, {"previous_providers", nlohmann::ordered_json::array()}};
    }
    // A closed placement needs a machtiging from the kinderrechter; most such cases have one.
    const auto& forms = c["need"]["care_forms"];
    if (std::find(forms.begin(), forms.end(), "secure_residential") != forms.end() && r_.chance(0.8))
      c["legal"] = {{"secure_authorisation", true}, {"measure", r_.chance(0.5) ? "ots" : "none"}};
    if (r_.chance(0.04)) {
      std::vector<std::string> allow = {"non_contracted"};
      if (r_.chance(0.5)) allow.push_back("outside_region");
      c["maatwerk"] = {{"approved_by", "RET " + g_.region(m->region)->name},
                       {"date", reference_.plus_days(-r_.between(0, 14)).str()},
                       {"reason", "zeer specialistische zorg, niet in het inkoopnetwerk"},
                       {"allow", allow}};
    }
    c["registered"] = reference_.plus_days(-r_.between(0, 90)).str();
    return c;
  }

 private:
  int age() {
    const int band = Weighted<int>({0, 1, 2, 3}, {10, 25, 55, 10})(r_);
    static const int lo[] = {0, 6, 12, 18}, hi[] = {5, 11, 17, 23};
    return r_.between(lo[band], hi[band]);
  }

  nlohmann::ordered_json need(const std::string& urgency) {
    static const Weighted<std::string> forms(
        {"small_scale_living", "residential", "family_home", "foster_care", "secure_residential", "ambulant",
         "ambulant_intensive", "day_treatment", "crisis"},
        {20, 18, 10, 7, 3, 12, 14, 6, 2});
    std::vector<std::string> care_forms;
    if (urgency == "crisis" && r_.chance(0.5)) care_forms.push_back("crisis");
    const std::size_t wanted = care_forms.size() + static_cast<std::size_t>(r_.between(1, 2));
    for (int attempt = 0; care_forms.size() < wanted && attempt < 20; ++attempt) {
      const std::string& f = forms(r_);
      if (std::find(care_forms.begin(), care_forms.end(), f) == care_forms.end()) care_forms.push_back(f);
    }
    std::vector<std::string> expertise;
    const int n = Weighted<int>({0, 1, 2, 3}, {3, 4, 2, 1})(r_);
    for (int i = 0; i < n; ++i) {
      const std::string& e = r_.pick(v_.expertise()).id;
      if (std::find(expertise.begin(), expertise.end(), e) == expertise.end()) expertise.push_back(e);
    }
    const int max_wait = urgency == "crisis" ? r_.between(0, 1) : urgency == "high" ? r_.between(2, 6) : r_.between(4, 26);
    return {{"care_forms", care_forms}, {"expertise", expertise}, {"urgency", urgency}, {"max_wait_weeks", max_wait}};
  }

  std::vector<std::string> some_flags() {
    std::vector<std::string> flags;
    const int n = Weighted<int>({0, 1, 2}, {65, 25, 10})(r_);
    for (int i = 0; i < n; ++i) {
      const std::string& f = r_.pick(v_.flags()).id;
      if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
    }
    return flags;
  }

  const RegionGraph& g_;
  const Vocabulary& v_;
  Random r_;
  Date reference_;
  Population population_;
};

}  // namespace

ProviderNetwork generate_network(const RegionGraph& regions, const Vocabulary& vocabulary, std::uint64_t seed,
                                 int offerings, Date reference) {
  return NetworkGenerator(regions, vocabulary, seed, reference).run(offerings);
}

nlohmann::ordered_json generate_cases(const RegionGraph& regions, const Vocabulary& vocabulary, std::uint64_t seed,
                                      int count, Date reference) {
  CaseGenerator generator(regions, vocabulary, seed, reference);
  nlohmann::ordered_json cases = nlohmann::ordered_json::array();
  for (int n = 1; n <= count; ++n) cases.push_back(generator.make(n));
  return cases;
}

}  // namespace passend
