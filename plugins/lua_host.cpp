// The Lua rule host's calls: batches of candidate facts in, verdicts and plans out, each call
// under the rule set's budgets; failures name the rule file, line, case and offering.
#include "plugins/lua_host_impl.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "plugins/candidate_facts.hpp"
#include "plugins/case_dependencies.hpp"
#include "plugins/lua_driver.hpp"
#include "plugins/lua_facts.hpp"
#include "plugins/lua_state.hpp"
#include "plugins/ruleset_files.hpp"
#include "plugins/sandbox.hpp"

namespace passend {

using json = nlohmann::json;

namespace {

// A position inside the host's own chunks ("passend/driver:76: ...", e.g. when a rule tail-calls
// a sandbox function) means nothing to a contract manager: drop it, the rule's position is added.
std::string strip_internal_position(const std::string& msg) {
  static const std::regex internal("^passend/[a-z]+:[0-9]+: ");
  return std::regex_replace(msg, internal, "", std::regex_constants::format_first_only);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Calls

void LuaRuleHost::Impl::run_call(std::size_t batch, const std::function<void(lua_State*)>& fn, const CaseFacts* facts,
                                 const std::vector<CandidateFacts>* candidates) {
  const std::uint64_t instructions = limits.call_instructions + limits.instructions_per_candidate * batch;
  const auto wall_clock = limits.call_time + std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 limits.time_per_candidate * static_cast<long>(batch));
  struct Disarm {
    lua::State& s;
    ~Disarm() { s.disarm(); }
  };
  std::optional<std::string> error;
  lua::Trip trip = lua::Trip::none;
  {
    Disarm disarm{state};
    state.arm(instructions, wall_clock);
    error = state.protect([&](lua_State* L) {
      renew_params(L);
      fn(L);
    });
    trip = state.tripped();
  }
  if (error || trip != lua::Trip::none) throw RuleError(describe_failure(error, trip, facts, candidates));
}

std::string LuaRuleHost::Impl::describe_failure(const std::optional<std::string>& error, lua::Trip trip,
                                                const CaseFacts* facts, const std::vector<CandidateFacts>* candidates) {
  // Which rule and candidate the driver was at (0 = none, e.g. while loading).
  lua_Integer ri = 0, cand = 0;
  if (driver.valid()) {
    state.protect([&](lua_State* L) {
      driver.push();
      lua_getfield(L, -1, "ctx");
      lua_getfield(L, -1, "ri");
      lua_getfield(L, -2, "cand");
      ri = lua_tointeger(L, -2);
      cand = lua_tointeger(L, -1);
    });
  }
  std::string rule_at;  // the rule's phase function, when the failure carries no position of its own
  if (ri > 0 && static_cast<std::size_t>(ri) <= rules.size()) {
    const RuleInfo& r = rules[static_cast<std::size_t>(ri - 1)].info;
    rule_at = r.file + ":" + std::to_string(r.line);
  }
  std::string msg;
  if (trip != lua::Trip::none) {
    const lua::Guard& g = state.guard();
    std::string where = trip == lua::Trip::memory && g.memory_where[0] ? g.memory_where
                        : g.trip_where[0]                                 ? g.trip_where
                                                                          : g.last_where;
    if (!names_rule_file(where) && !rule_at.empty()) where = rule_at;
    msg = (where.empty() ? "" : where + ": ") + state.trip_message(trip);
  } else {
    msg = strip_internal_position(error.value_or("unknown error"));
    if (!names_rule_file(msg) && !rule_at.empty()) msg = rule_at + ": " + msg;
  }
  if (names_rule_file(msg)) msg = files.dir + "/" + msg;
  if (facts && facts->case_) {
    msg += " (case " + facts->case_->id;
    if (candidates && cand > 0 && static_cast<std::size_t>(cand) <= candidates->size())
      msg += ", offering " + (*candidates)[static_cast<std::size_t>(cand - 1)].offering->id;
    msg += ")";
  }
  return msg;
}

// Leaves the candidates (the pool) and the case table on the stack.
void LuaRuleHost::Impl::build_batch(lua_State* L, const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  largest_batch = std::max(largest_batch, candidates.size());
  state.guard().memory_cap = limits.memory_bytes + limits.memory_per_candidate * largest_batch;
  batch_valid = false;
  batch_case.reset();
  pool->fill(L, candidates);
  lua::push_case(L, facts);
  pool->push_meta(L);
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  batch_case = lua::Ref(L);
  batch_offerings.clear();
  batch_offerings.reserve(candidates.size());
  for (const auto& c : candidates) batch_offerings.push_back(c.offering);
  batch_case_ptr = facts.case_;
  batch_date = facts.reference_date;
}

bool LuaRuleHost::Impl::same_batch(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) const {
  if (!batch_valid || batch_case_ptr != facts.case_ || batch_date != facts.reference_date ||
      batch_offerings.size() != candidates.size())
    return false;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (batch_offerings[i] != candidates[i].offering) return false;
  return true;
}

// Leaves the candidates and the case table on the stack: those of evaluate() when this is the
// same query, else freshly filled ones with their classify phase run (derived facts).
void LuaRuleHost::Impl::ensure_batch(lua_State* L, const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  if (same_batch(facts, candidates)) {
    pool->push_pool(L);
    batch_case.push();
    return;
  }
  build_batch(L, facts, candidates);
  call_on_batch(L, "classify", lua_gettop(L) - 1, candidates.size(), 0);
}

namespace {

lua_Integer int_at(lua_State* L, int table, lua_Integer k) {
  lua_rawgeti(L, table, k);
  lua_Integer v = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}

double number_at(lua_State* L, int table, lua_Integer k) {
  lua_rawgeti(L, table, k);
  double v = lua_tonumber(L, -1);
  lua_pop(L, 1);
  return v;
}

std::string string_at(lua_State* L, int table, lua_Integer k) {
  lua_rawgeti(L, table, k);
  std::size_t n = 0;
  const char* s = lua_tolstring(L, -1, &n);
  std::string v = s ? std::string(s, n) : std::string();
  lua_pop(L, 1);
  return v;
}

bool boolean_field(lua_State* L, int table, const char* key) {
  lua_getfield(L, table, key);
  bool v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

std::size_t batch_index(lua_Integer i) { return static_cast<std::size_t>(i - 1); }

// t[key] = value for the table below the value on top, without metamethods (facts refuse new
// keys from rules, not from the host).
void raw_set(lua_State* L, const char* key) {
  lua_pushstring(L, key);
  lua_insert(L, -2);
  lua_rawset(L, -3);
}

// plan.evaluated for the plan rules: what the rules made of the asked care forms' offerings
// that reached them (the bridging pool and offerings settled by a prerequisite not counted):
// {count, exempt, excluded = {code = n}, only = {code = n}}. `only` counts offerings whose one
// standing exclusion is that code: the gap rule tells "nothing fits" from "it would fit, but
// for this one thing about the case" (a missing machtiging).
// The tables are read-only (`meta`: the facts' metatable): each plan rule sees the same summary.
void push_evaluated_summary(lua_State* L, const std::vector<CandidateFacts>& candidates, const std::vector<Verdict>& verdicts,
                            int meta) {
  std::map<std::string, lua_Integer> excluded, only;
  lua_Integer count = 0, exempt = 0;
  for (std::size_t i = 0; i < candidates.size() && i < verdicts.size(); ++i) {
    if (candidates[i].bridging_pool) continue;
    const Verdict& v = verdicts[i];
    ++count;
    if (v.exempt) ++exempt;
    for (const auto& x : v.exclusions) ++excluded[x.code];
    if (v.exclusions.size() == 1) ++only[v.exclusions.front().code];
  }
  auto push_counts = [L, meta](const std::map<std::string, lua_Integer>& counts) {
    lua_createtable(L, 0, static_cast<int>(counts.size()));
    for (const auto& [code, n] : counts) {
      lua_pushinteger(L, n);
      lua_setfield(L, -2, code.c_str());
    }
    lua_pushvalue(L, meta);
    lua_setmetatable(L, -2);
  };
  lua_createtable(L, 0, 4);
  lua_pushinteger(L, count);
  lua_setfield(L, -2, "count");
  lua_pushinteger(L, exempt);
  lua_setfield(L, -2, "exempt");
  push_counts(excluded);
  lua_setfield(L, -2, "excluded");
  push_counts(only);
  lua_setfield(L, -2, "only");
  lua_pushvalue(L, meta);
  lua_setmetatable(L, -2);
}

}  // namespace

// Reads the driver's flat arrays (see lua_driver.cpp) into verdicts, in one pass each.
void LuaRuleHost::Impl::read_evaluation(lua_State* L, int candidates, int base, std::vector<Verdict>& out) const {
  const int xs = base, adm = base + 2, reasons = base + 4, keys = base + 6;
  const lua_Integer nx = lua_tointeger(L, base + 1), na = lua_tointeger(L, base + 3);
  const lua_Integer nr = lua_tointeger(L, base + 5), no = lua_tointeger(L, base + 7);
  for (lua_Integer k = 1; k <= nx; k += 6) {
    Verdict& v = out.at(batch_index(int_at(L, xs, k)));
    Exclusion x{rule_name(int_at(L, xs, k + 1)), string_at(L, xs, k + 2), string_at(L, xs, k + 3)};
    if (const lua_Integer by = int_at(L, xs, k + 4)) v.lifted.push_back({std::move(x), rule_name(by), string_at(L, xs, k + 5)});
    else v.exclusions.push_back(std::move(x));
  }
  for (lua_Integer k = 1; k <= nr; k += 4) {
    Verdict& v = out.at(batch_index(int_at(L, reasons, k)));
    const lua_Integer ri = int_at(L, reasons, k + 1);
    const double points = number_at(L, reasons, k + 2);
    v.reasons.push_back({rule_name(ri), points, string_at(L, reasons, k + 3)});
    v.score += points;
    // Each rule's points are finite (the driver checks), but their sum can overflow: an advice
    // with a score of "infinity" (JSON null) explains nothing. Blame the rule that tipped it.
    if (!std::isfinite(v.score)) {
      const RuleInfo& r = rules.at(static_cast<std::size_t>(ri - 1)).info;
      const std::size_t i = batch_index(int_at(L, reasons, k));
      throw RuleError(files.dir + "/" + r.file + ":" + std::to_string(r.line) + ": the score is no longer a finite number " +
                      "after this rule's points (the points are too large) (case " + batch_case_ptr->id + ", offering " +
                      batch_offerings.at(i)->id + ")");
    }
  }
  for (lua_Integer a = 1; a <= na; ++a) {
    Verdict& v = out.at(batch_index(int_at(L, adm, a)));
    v.order_keys.reserve(static_cast<std::size_t>(no));
    for (lua_Integer k = 1; k <= no; ++k) v.order_keys.push_back(number_at(L, keys, (a - 1) * no + k));
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    lua_rawgeti(L, candidates, static_cast<lua_Integer>(i + 1));
    out[i].stale = boolean_field(L, -1, "stale");
    out[i].exempt = boolean_field(L, -1, "exempt");
    lua_pop(L, 1);
  }
}

PlanOutcome LuaRuleHost::Impl::read_plan(lua_State* L, int base) const {
  PlanOutcome out;
  auto pick = [&](int index) -> std::optional<std::size_t> {
    const lua_Integer i = lua_tointeger(L, index);
    if (i <= 0) return std::nullopt;
    return batch_index(i);
  };
  out.plan_a = pick(base);
  out.plan_b = pick(base + 1);
  out.bridging = pick(base + 2);
  const int gap = base + 3, notes = base + 4;
  if (lua_istable(L, gap)) {
    Gap g;
    lua_getfield(L, gap, "kind");
    g.kind = lua_tostring(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, gap, "scope");
    g.scope = lua_tostring(L, -1);
    lua_pop(L, 1);
    for (auto [key, list] : {std::pair{"care_forms", &g.care_forms}, std::pair{"expertise", &g.expertise}}) {
      lua_getfield(L, gap, key);
      const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer k = 1; k <= n; ++k) list->push_back(string_at(L, lua_gettop(L), k));
      lua_pop(L, 1);
    }
    out.gap = std::move(g);
  }
  const lua_Integer nn = lua_tointeger(L, base + 5);
  for (lua_Integer k = 1; k <= nn; k += 2) out.notes.push_back({rule_name(int_at(L, notes, k)), 0, string_at(L, notes, k + 1)});
  return out;
}

// ---------------------------------------------------------------------------------------------
// The host

LuaRuleHost::LuaRuleHost(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LuaRuleHost::~LuaRuleHost() = default;

std::unique_ptr<LuaRuleHost> LuaRuleHost::load(const std::string& rules_dir, const Vocabulary& vocabulary,
                                               const Limits& limits) {
  auto impl = std::make_unique<Impl>(limits, read_rule_set_files(rules_dir));
  impl->install(vocabulary, nullptr);
  return std::unique_ptr<LuaRuleHost>(new LuaRuleHost(std::move(impl)));
}

std::unique_ptr<LuaRuleHost> LuaRuleHost::load(const std::string& rules_dir, const Vocabulary& vocabulary,
                                               const Limits& limits, const ParamsOverlay& overlay) {
  auto impl = std::make_unique<Impl>(limits, read_rule_set_files(rules_dir));
  impl->install(vocabulary, &overlay);
  return std::unique_ptr<LuaRuleHost>(new LuaRuleHost(std::move(impl)));
}

std::unique_ptr<LuaRuleHost> LuaRuleHost::load(RuleSetFiles files, const Vocabulary& vocabulary, const Limits& limits) {
  auto impl = std::make_unique<Impl>(limits, std::move(files));
  impl->install(vocabulary, nullptr);
  return std::unique_ptr<LuaRuleHost>(new LuaRuleHost(std::move(impl)));
}

std::unique_ptr<LuaRuleHost> LuaRuleHost::load(RuleSetFiles files, const Vocabulary& vocabulary, const Limits& limits,
                                               const ParamsOverlay& overlay) {
  auto impl = std::make_unique<Impl>(limits, std::move(files));
  impl->install(vocabulary, &overlay);
  return std::unique_ptr<LuaRuleHost>(new LuaRuleHost(std::move(impl)));
}

const RuleSetIdentity& LuaRuleHost::identity() const { return impl_->info.identity; }
const RuleSetInfo& LuaRuleHost::info() const { return impl_->info; }
std::size_t LuaRuleHost::memory_used() const { return impl_->state.guard().memory_used; }
std::size_t LuaRuleHost::memory_peak() const { return impl_->state.guard().memory_peak; }

std::vector<std::string> LuaRuleHost::bridging_care_forms() const { return impl_->info.settings.bridging_care_forms; }
BridgingPoolPolicy LuaRuleHost::bridging_pool_policy() const { return impl_->info.settings.bridging_pool; }
DefaultMaxWait LuaRuleHost::default_max_wait() const { return impl_->info.settings.max_wait_weeks; }

std::optional<std::string> LuaRuleHost::lot_override(const std::string& region, const std::string& care_form) const {
  const auto& overrides = impl_->info.settings.lot_overrides;
  auto r = overrides.find(region);
  if (r == overrides.end()) return std::nullopt;
  auto f = r->second.find(care_form);
  if (f == r->second.end()) return std::nullopt;
  return f->second;
}

const std::vector<std::string>& groupable_facts() { return lua::groupable_fact_names(); }

namespace {
// Candidates grouped by the values of some groupable facts: group[i] is candidate i's group,
// first_of[g] the first candidate of group g. By the facts' hash, each group checked fact by fact
// against its first candidate.
struct FactGroups {
  std::vector<std::size_t> first_of;
  std::vector<std::size_t> group;
};

FactGroups group_by_facts(const std::vector<CandidateFacts>& candidates, const std::vector<lua::CandidateFact>& fields) {
  FactGroups out;
  auto& first_of = out.first_of;
  auto& group = out.group;
  group.resize(candidates.size());
  std::unordered_multimap<std::size_t, std::size_t> groups_by_hash;  // hash -> group
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const CandidateFacts& c = candidates[i];
    std::size_t h = 0;
    for (lua::CandidateFact f : fields) h = h * 1000003u ^ lua::fact_hash(c, f);
    auto same = [&](std::size_t g) {
      return std::all_of(fields.begin(), fields.end(), [&](lua::CandidateFact f) { return lua::same_fact(c, candidates[first_of[g]], f); });
    };
    auto [from, to] = groups_by_hash.equal_range(h);
    auto found = std::find_if(from, to, [&](const auto& entry) { return same(entry.second); });
    if (found != to) {
      group[i] = found->second;
    } else {
      group[i] = first_of.size();
      groups_by_hash.emplace(h, first_of.size());
      first_of.push_back(i);
    }
  }
  return out;
}
}  // namespace

// The prerequisite filters run once per distinct combination of the facts they depend on, on
// the first candidate with it (the driver hands them a view holding only those facts), and
// their outcome holds for every candidate with the same combination.
std::vector<std::vector<Exclusion>> LuaRuleHost::prefilter(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  const auto& fields = impl_->prerequisite_facts;
  if (fields.empty()) return {};
  const FactGroups groups = group_by_facts(candidates, fields);
  const auto& first_of = groups.first_of;
  const auto& group = groups.group;
  std::vector<CandidateFacts> firsts;
  firsts.reserve(first_of.size());
  for (std::size_t i : first_of) firsts.push_back(candidates[i]);
  std::vector<std::vector<Exclusion>> per_group(firsts.size());
  impl_->run_call(firsts.size(), [&](lua_State* L) {
    impl_->build_batch(L, facts, firsts);  // candidates, case; the pool now holds these (not valid for plan)
    const int cands = lua_gettop(L) - 1;
    impl_->call_on_batch(L, "prefilter", cands, firsts.size(), 2);
    const int out = lua_gettop(L) - 1;
    const lua_Integer n = lua_tointeger(L, out + 1);
    for (lua_Integer k = 1; k <= n; k += 4)
      per_group.at(batch_index(int_at(L, out, k)))
          .push_back({impl_->rule_name(int_at(L, out, k + 1)), string_at(L, out, k + 2), string_at(L, out, k + 3)});
  }, &facts, &firsts);
  std::vector<std::vector<Exclusion>> out(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) out[i] = per_group[group[i]];
  return out;
}

// Exempt care among offerings that skipped evaluate(). When every classify rule that writes
// `exempt` declares depends_on (the default set's exempt_care does), those rules alone run once
// per combination of the declared facts, on a view of them (the driver's classify_exempt);
// otherwise the whole classify phase runs over the batch and `exempt` is read back.
std::vector<bool> LuaRuleHost::classify_exempt(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  std::vector<bool> out(candidates.size(), false);
  if (candidates.empty() || !impl_->exempt_writers) return out;
  if (!impl_->exempt_by_view) {
    impl_->run_call(candidates.size(), [&](lua_State* L) {
      impl_->build_batch(L, facts, candidates);  // candidates, case
      const int cands = lua_gettop(L) - 1;
      impl_->call_on_batch(L, "classify", cands, candidates.size(), 0);
      for (std::size_t i = 0; i < out.size(); ++i) {
        lua_rawgeti(L, cands, static_cast<lua_Integer>(i + 1));
        out[i] = boolean_field(L, -1, "exempt");
        lua_pop(L, 1);
      }
    }, &facts, &candidates);
    return out;
  }
  if (impl_->exempt_memo) return impl_->remembered_exempt(facts, candidates);
  const FactGroups groups = group_by_facts(candidates, impl_->exempt_facts);
  std::vector<CandidateFacts> firsts;
  firsts.reserve(groups.first_of.size());
  for (std::size_t i : groups.first_of) firsts.push_back(candidates[i]);
  const std::vector<bool> per_group = impl_->exempt_by_rules(facts, firsts);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = per_group[groups.group[i]];
  return out;
}

// The exempt rules alone on a view of their facts, for each of `firsts`.
std::vector<bool> LuaRuleHost::Impl::exempt_by_rules(const CaseFacts& facts, const std::vector<CandidateFacts>& firsts) {
  std::vector<bool> out(firsts.size(), false);
  if (firsts.empty()) return out;
  run_call(firsts.size(), [&](lua_State* L) {
    build_batch(L, facts, firsts);  // candidates, case; the pool now holds these (not valid for plan)
    const int cands = lua_gettop(L) - 1;
    call_on_batch(L, "classify_exempt", cands, firsts.size(), 1);
    const int result = lua_gettop(L);
    for (std::size_t g = 0; g < out.size(); ++g) {
      lua_rawgeti(L, result, static_cast<lua_Integer>(g + 1));
      out[g] = lua_toboolean(L, -1) != 0;
      lua_pop(L, 1);
    }
  }, &facts, &firsts);
  return out;
}

// The same answers, remembered across queries by the values of the declared offering and case
// facts: a national query settles thousands of offerings, but their combinations recur from
// query to query. Only the combinations not seen before go to Lua; a failed call remembers
// nothing. Past kMaxExemptAnswers the memory starts over.
std::vector<bool> LuaRuleHost::Impl::remembered_exempt(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  constexpr std::size_t kMaxExemptAnswers = 1 << 16;
  std::string case_key;
  for (const auto& fact : exempt_case_facts) lua::append_case_fact_key(case_key, facts, fact);
  std::vector<bool> out(candidates.size(), false);
  std::unordered_map<std::string, std::size_t> unknown;  // key -> index into firsts
  std::vector<CandidateFacts> firsts;
  std::vector<std::string> first_keys;
  std::vector<std::size_t> waiting;  // candidates whose answer comes from firsts
  std::vector<std::size_t> waiting_on;
  std::string key;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    key = case_key;
    for (lua::CandidateFact f : exempt_facts) lua::append_fact_key(key, candidates[i], f);
    if (auto known = exempt_answers.find(key); known != exempt_answers.end()) {
      out[i] = known->second;
      continue;
    }
    auto [it, fresh] = unknown.try_emplace(key, firsts.size());
    if (fresh) {
      firsts.push_back(candidates[i]);
      first_keys.push_back(key);
    }
    waiting.push_back(i);
    waiting_on.push_back(it->second);
  }
  const std::vector<bool> answers = exempt_by_rules(facts, firsts);
  for (std::size_t k = 0; k < waiting.size(); ++k) out[waiting[k]] = answers[waiting_on[k]];
  if (exempt_answers.size() + first_keys.size() > kMaxExemptAnswers) exempt_answers.clear();
  for (std::size_t g = 0; g < first_keys.size(); ++g) exempt_answers.emplace(std::move(first_keys[g]), answers[g]);
  return out;
}

std::vector<Verdict> LuaRuleHost::evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  std::vector<Verdict> out(candidates.size());
  impl_->run_call(candidates.size(), [&](lua_State* L) {
    impl_->build_batch(L, facts, candidates);  // candidates, case
    const int cands = lua_gettop(L) - 1;
    impl_->call_on_batch(L, "evaluate", cands, candidates.size(), 8);
    impl_->read_evaluation(L, cands, lua_gettop(L) - 7, out);
  }, &facts, &candidates);
  impl_->batch_valid = true;
  return out;
}

PlanOutcome LuaRuleHost::plan(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                              const std::vector<Verdict>& verdicts, const std::vector<std::size_t>& ranked) {
  PlanOutcome out;
  impl_->run_call(ranked.size(), [&](lua_State* L) {
    impl_->ensure_batch(L, facts, candidates);
    const int cands = lua_gettop(L) - 1;
    impl_->push_driver_function(L, "plan");
    // ranked: the admitted candidates in rank order, with what ranking added to their facts
    lua_createtable(L, static_cast<int>(ranked.size()), 0);
    int rank = 0;
    for (std::size_t pos = 0; pos < ranked.size(); ++pos) {
      const std::size_t i = ranked[pos];
      lua_rawgeti(L, cands, static_cast<lua_Integer>(i + 1));
      if (candidates.at(i).bridging_pool) lua_pushnil(L);
      else lua_pushinteger(L, ++rank);
      raw_set(L, "rank");
      lua_pushinteger(L, static_cast<lua_Integer>(pos + 1));
      raw_set(L, "position");
      const Verdict& v = verdicts.at(i);
      lua_pushnumber(L, v.score);
      raw_set(L, "score");
      lua_pushboolean(L, v.stale);
      raw_set(L, "stale");
      lua_pushboolean(L, v.exempt);
      raw_set(L, "exempt");
      lua_rawseti(L, -2, static_cast<lua_Integer>(pos + 1));
    }
    lua_pushvalue(L, cands + 1);
    impl_->pool->push_meta(L);
    push_evaluated_summary(L, candidates, verdicts, lua_gettop(L));
    lua_remove(L, -2);  // the metatable
    lua_call(L, 3, 6);
    out = impl_->read_plan(L, lua_gettop(L) - 5);
  }, &facts, nullptr);
  impl_->batch_valid = true;
  return out;
}

std::vector<std::vector<Reason>> LuaRuleHost::priorities(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                                                         const std::vector<Verdict>& verdicts) {
  std::vector<std::vector<Reason>> out(candidates.size());
  impl_->run_call(candidates.size(), [&](lua_State* L) {
    impl_->ensure_batch(L, facts, candidates);
    const int cands = lua_gettop(L) - 1;
    for (std::size_t i = 0; i < candidates.size() && i < verdicts.size(); ++i) {
      lua_rawgeti(L, cands, static_cast<lua_Integer>(i + 1));
      lua_pushnumber(L, verdicts[i].score);
      raw_set(L, "score");
      lua_pushboolean(L, verdicts[i].excluded());
      raw_set(L, "excluded");
      lua_pop(L, 1);
    }
    impl_->call_on_batch(L, "priorities", cands, candidates.size(), 2);
    const int reasons = lua_gettop(L) - 1;
    const lua_Integer nr = lua_tointeger(L, reasons + 1);
    for (lua_Integer k = 1; k <= nr; k += 4)
      out.at(batch_index(int_at(L, reasons, k)))
          .push_back({impl_->rule_name(int_at(L, reasons, k + 1)), number_at(L, reasons, k + 2), string_at(L, reasons, k + 3)});
  }, &facts, &candidates);
  impl_->batch_valid = true;
  return out;
}

}  // namespace passend
