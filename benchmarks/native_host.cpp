#include "benchmarks/native_host.hpp"

#include <algorithm>
#include <cstdio>

#include "benchmarks/native_rules.hpp"

namespace passend::bench {

namespace {

const std::vector<std::string>& bridging_forms() {
  static const std::vector<std::string> forms = {"ambulant", "ambulant_intensive"};
  return forms;
}

bool is_bridging_form(const std::string& care_form) {
  const auto& forms = bridging_forms();
  return std::find(forms.begin(), forms.end(), care_form) != forms.end();
}

// plan_a.lua: the best-ranked candidate that is not from the bridging pool.
void plan_a(const std::vector<CandidateFacts>& c, const std::vector<std::size_t>& ranked, PlanOutcome& out) {
  for (std::size_t i : ranked)
    if (!c[i].bridging_pool) {
      out.plan_a = i;
      return;
    }
  out.notes.push_back({"plan_a", 0, "geen kandidaat voor plan A: niets voldoet aan de harde regels"});
}

// plan_b.lua: the best candidate of another provider than plan A.
void plan_b(const std::vector<CandidateFacts>& c, const std::vector<std::size_t>& ranked, PlanOutcome& out) {
  if (!out.plan_a) return;
  const std::string& provider = c[*out.plan_a].provider->id;
  for (std::size_t i : ranked)
    if (!c[i].bridging_pool && c[i].provider->id != provider) {
      out.plan_b = i;
      return;
    }
}

// bridging.lua: when plan A is not timely, the best timely offering of a bridging care form.
void bridging(const std::vector<CandidateFacts>& c, const std::vector<std::size_t>& ranked, const Vocabulary& vocabulary,
              PlanOutcome& out) {
  const CandidateFacts* a = out.plan_a ? &c[*out.plan_a] : nullptr;
  if (a && a->timely) return;
  std::string why = "er is geen plan A";
  if (a) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "plan A is niet tijdig (wachttijd %d weken)", a->offering->capacity.wait_weeks);
    why = buffer;
  }
  for (std::size_t i : ranked) {
    if (!c[i].timely || &c[i] == a || !is_bridging_form(c[i].offering->care_form)) continue;
    out.bridging = i;
    out.notes.push_back({"bridging", 0, why + ": overbrugging met " + vocabulary.dutch(c[i].offering->care_form) + " bij " +
                                            c[i].provider->name});
    return;
  }
  out.notes.push_back({"bridging", 0, why + " en er is geen tijdige overbrugging gevonden"});
}

// gap.lua: nothing fitting in the region (absent) or nothing timely there (no_capacity).
void gap(const CaseFacts& facts, const std::vector<CandidateFacts>& c, const std::vector<Verdict>& v,
         const std::vector<std::size_t>& ranked, PlanOutcome& out) {
  if (out.plan_a && v[*out.plan_a].exempt) return;
  bool fits = false;
  for (std::size_t i : ranked) {
    if (c[i].bridging_pool || c[i].tier != Tier::region || v[i].exempt) continue;
    if (c[i].timely) return;
    fits = true;
  }
  out.gap = Gap{fits ? "no_capacity" : "absent", "region", facts.case_->care_forms, facts.case_->expertise};
}

}  // namespace

NativeRuleHost::NativeRuleHost(const Vocabulary& vocabulary)
    : vocabulary_(vocabulary), identity_{"default-native", "1.0.0", "native"} {}

std::vector<std::string> NativeRuleHost::bridging_care_forms() const { return bridging_forms(); }

std::vector<std::vector<Exclusion>> NativeRuleHost::prefilter(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  return native_prerequisites(facts, candidates);
}

std::vector<Verdict> NativeRuleHost::evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  return native_evaluate(facts, candidates, vocabulary_);
}

PlanOutcome NativeRuleHost::plan(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                                 const std::vector<Verdict>& verdicts, const std::vector<std::size_t>& ranked) {
  PlanOutcome out;
  plan_a(candidates, ranked, out);
  plan_b(candidates, ranked, out);
  bridging(candidates, ranked, vocabulary_, out);
  gap(facts, candidates, verdicts, ranked, out);
  return out;
}

}  // namespace passend::bench
