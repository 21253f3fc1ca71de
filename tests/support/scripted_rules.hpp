#pragma once
// What engine tests share: the bundled regions and vocabulary, a rule host scripted in C++
// (filters, scores, order keys, derived facts as functions; no Lua), and builders for offerings,
// providers, contracts and a case from Ede (Food Valley).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "tests/support/paths.hpp"

namespace passend::testing_support {

inline const std::string kData = std::string(PASSEND_SOURCE_DIR + "/data");

inline const RegionGraph& graph() {
  static const RegionGraph g(RegionData::load_bundled(kData));
  return g;
}
inline const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(kData);
  return v;
}

// A rule host scripted in C++: filters, a score and order keys given as functions.
class ScriptedRules final : public RuleHost {
 public:
  std::function<std::optional<Exclusion>(const CandidateFacts&)> filter = [](const CandidateFacts&) {
    return std::optional<Exclusion>{};
  };
  std::function<double(const CandidateFacts&)> score = [](const CandidateFacts&) { return 0.0; };
  std::function<std::vector<double>(const CandidateFacts&)> keys = [](const CandidateFacts&) {
    return std::vector<double>{};
  };
  std::vector<std::string> pool;
  BridgingPoolPolicy policy;
  DefaultMaxWait max_wait;
  // Derived facts and exceptions, when a test needs them: stale capacity, and one lifted exclusion.
  std::function<bool(const CandidateFacts&)> stale;
  std::function<std::optional<LiftedExclusion>(const CandidateFacts&)> lift;
  // A prerequisite (empty: the rule set has none); prefilter_calls counts its batches.
  std::function<std::optional<Exclusion>(const CandidateFacts&)> prerequisite;
  int prefilter_calls = 0;
  std::vector<const CandidateFacts*> seen;
  std::vector<std::size_t> batch_sizes;  // one entry per evaluate() call

  const RuleSetIdentity& identity() const override { return id_; }
  std::vector<std::string> bridging_care_forms() const override { return pool; }
  BridgingPoolPolicy bridging_pool_policy() const override { return policy; }
  DefaultMaxWait default_max_wait() const override { return max_wait; }
  std::vector<std::vector<Exclusion>> prefilter(const CaseFacts&, const std::vector<CandidateFacts>& cs) override {
    if (!prerequisite) return {};
    ++prefilter_calls;
    std::vector<std::vector<Exclusion>> out(cs.size());
    for (std::size_t i = 0; i < cs.size(); ++i)
      if (auto x = prerequisite(cs[i])) out[i].push_back(*x);
    return out;
  }
  std::optional<std::string> lot_override(const std::string&, const std::string&) const override { return {}; }
  std::vector<Verdict> evaluate(const CaseFacts&, const std::vector<CandidateFacts>& cs) override {
    std::vector<Verdict> out;
    batch_sizes.push_back(cs.size());
    for (const auto& c : cs) {
      seen.push_back(&c);
      Verdict v;
      if (auto x = filter(c)) v.exclusions.push_back(*x);
      if (stale) v.stale = stale(c);
      if (lift)
        if (auto l = lift(c)) v.lifted.push_back(*l);
      v.score = score(c);
      v.order_keys = keys(c);
      out.push_back(v);
    }
    return out;
  }
  PlanOutcome plan(const CaseFacts&, const std::vector<CandidateFacts>& cs, const std::vector<Verdict>&,
                   const std::vector<std::size_t>& ranked) override {
    PlanOutcome p;
    for (auto i : ranked)
      if (!cs[i].bridging_pool) {
        p.plan_a = i;
        break;
      }
    ranked_seen = ranked;
    return p;
  }
  std::vector<std::size_t> ranked_seen;

 private:
  RuleSetIdentity id_{"scripted", "0.0.1", "sha256:test"};
};

inline Offering offering(const std::string& id, const std::string& care_form, int free, int wait, int age_min = 0,
                  int age_max = 23) {
  Offering o;
  o.id = id;
  o.care_form = care_form;
  o.product_category = "44";
  o.age_min = age_min;
  o.age_max = age_max;
  o.capacity = {4, free, wait, *Date::parse("2026-11-20")};
  return o;
}

inline Provider provider(const std::string& id, const std::string& municipality, std::vector<Offering> offerings,
                  std::vector<Contract> contracts) {
  Provider p;
  p.id = id;
  p.name = "Aanbieder " + id;
  p.contracts = std::move(contracts);
  p.locations.push_back({id + "-loc", municipality, std::move(offerings)});
  return p;
}

inline Contract contract(const std::string& region, const std::string& lot, const std::string& status = "active",
                  const char* from = "2024-01-01", const char* until = "2027-12-31") {
  return {region, lot, status, *Date::parse(from), *Date::parse(until)};
}

inline Case ede_case() {
  Case c;
  c.id = "2026-FV-001";
  c.age = 15;
  c.municipality = "GM0228";  // Ede, Food Valley (JZ21)
  c.care_forms = {"small_scale_living"};
  c.max_wait_weeks = 4;
  return c;
}

}  // namespace passend::testing_support
