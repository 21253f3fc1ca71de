#include "plugins/lua_host.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "plugins/lua_driver.hpp"
#include "plugins/lua_facts.hpp"
#include "plugins/lua_state.hpp"
#include "plugins/ruleset_files.hpp"
#include "plugins/sandbox.hpp"

namespace passend {

using json = nlohmann::json;

const std::vector<std::string>& rule_phases() {
  static const std::vector<std::string> phases = {"classify", "filter", "exception", "score", "order", "plan", "priority"};
  return phases;
}

const char* phase_function(const std::string& phase) {
  if (phase == "classify") return "classify";
  if (phase == "filter") return "filter";
  if (phase == "exception") return "lift";
  if (phase == "score") return "score";
  if (phase == "order") return "key";
  if (phase == "plan") return "plan";
  if (phase == "priority") return "priority";
  return "";
}

namespace {

int phase_rank(const std::string& phase) {
  const auto& phases = rule_phases();
  return static_cast<int>(std::find(phases.begin(), phases.end(), phase) - phases.begin());
}

// The line of a rule file where `key = ...` first appears, so that a message about a field of
// the rule table points at it; 1 when not found.
int line_of_key(const std::string& source, const std::string& key) {
  const std::regex pattern("(^|[^A-Za-z0-9_.])" + key + "\\s*=[^=]");
  std::istringstream in(source);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (std::regex_search(line, pattern)) return n;
  return 1;
}

// Why a rule file cannot be used; each problem names the file and a line.
class FileProblems {
 public:
  FileProblems(std::string display, const std::string& source) : display_(std::move(display)), source_(source) {}
  void at_key(const std::string& key, const std::string& message) { at_line(line_of_key(source_, key), message); }
  void at_line(int line, const std::string& message) {
    list_.push_back(display_ + ":" + std::to_string(line) + ": " + message);
  }
  bool empty() const { return list_.empty(); }
  const std::vector<std::string>& list() const { return list_; }

 private:
  std::string display_;
  const std::string& source_;
  std::vector<std::string> list_;
};

// Raw reads of the rule table: no metamethod of the rule's table runs while we inspect it.
int raw_field(lua_State* L, int table, const char* key) {
  lua_pushstring(L, key);
  return lua_rawget(L, table);
}

std::optional<std::string> string_field(lua_State* L, int table, const char* key, FileProblems& problems, bool required) {
  const int t = raw_field(L, table, key);
  std::optional<std::string> out;
  if (t == LUA_TSTRING && lua_rawlen(L, -1) > 0) out = lua_tostring(L, -1);
  else if (t != LUA_TNIL || required) problems.at_key(key, std::string(key) + " must be a non-empty string");
  lua_pop(L, 1);
  return out;
}

std::optional<long long> integer_field(lua_State* L, int table, const char* key, FileProblems& problems) {
  int t = raw_field(L, table, key);
  std::optional<long long> out;
  if (t == LUA_TNUMBER && lua_isinteger(L, -1)) out = lua_tointeger(L, -1);
  else problems.at_key(key, std::string(key) + (t == LUA_TNIL ? " is missing" : " must be a whole number"));
  lua_pop(L, 1);
  return out;
}

std::vector<std::string> string_list_field(lua_State* L, int table, const char* key, FileProblems& problems) {
  std::vector<std::string> out;
  int t = raw_field(L, table, key);
  if (t == LUA_TTABLE) {
    const auto n = lua_rawlen(L, -1);
    for (lua_Unsigned i = 1; i <= n; ++i) {
      if (lua_rawgeti(L, -1, static_cast<lua_Integer>(i)) == LUA_TSTRING) out.push_back(lua_tostring(L, -1));
      else problems.at_key(key, std::string(key) + "[" + std::to_string(i) + "] must be a string");
      lua_pop(L, 1);
    }
  } else if (t != LUA_TNIL) {
    problems.at_key(key, std::string(key) + " must be a list of names");
  }
  lua_pop(L, 1);
  return out;
}

std::string rule_stem(const std::string& rel) {
  const auto slash = rel.rfind('/');
  const std::string base = rel.substr(slash == std::string::npos ? 0 : slash + 1);
  return base.substr(0, base.size() - 4);  // ".lua"
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Messages from Lua name chunks relative to the rule set ("rules/x.lua:7: ..."); users see the
// folder they gave.
bool names_rule_file(const std::string& msg) { return starts_with(msg, "rules/") || starts_with(msg, "lib/"); }

// The phase function must be there, and no function of another phase: a rule does one thing.
void read_phase_function(lua_State* L, int module, RuleInfo& r, FileProblems& problems) {
  if (!*phase_function(r.phase)) return;
  const char* own = phase_function(r.phase);
  if (raw_field(L, module, own) != LUA_TFUNCTION) {
    problems.at_key("phase", "a " + r.phase + " rule must define the function " + own + "(...)");
  } else {
    lua_Debug ar;
    lua_getinfo(L, ">S", &ar);  // pops the function
    r.line = ar.linedefined;
    lua_pushnil(L);
  }
  lua_pop(L, 1);
  for (const auto& phase : rule_phases()) {
    const char* other = phase_function(phase);
    if (phase == r.phase || phase == "priority") continue;
    if (raw_field(L, module, other) == LUA_TFUNCTION)
      problems.at_key(other, std::string("defines ") + other + "() but its phase is " + r.phase);
    lua_pop(L, 1);
  }
}

// A position inside the host's own chunks ("passend/driver:76: ...", e.g. when a rule tail-calls
// a sandbox function) means nothing to a contract manager: drop it, the rule's position is added.
std::string strip_internal_position(const std::string& msg) {
  static const std::regex internal("^passend/[a-z]+:[0-9]+: ");
  return std::regex_replace(msg, internal, "", std::regex_constants::format_first_only);
}

// depends_on: only for filters, only facts the host can group natively, each once.
void read_depends_on(lua_State* L, int module, RuleInfo& r, FileProblems& problems) {
  r.depends_on = string_list_field(L, module, "depends_on", problems);
  const int t = raw_field(L, module, "depends_on");
  lua_pop(L, 1);
  if (t == LUA_TNIL) return;
  if (!r.phase.empty() && r.phase != "filter") {
    problems.at_key("depends_on", "depends_on is only for filter rules, not for phase " + r.phase);
    return;
  }
  if (t == LUA_TTABLE && r.depends_on.empty()) problems.at_key("depends_on", "depends_on must name at least one fact");
  std::set<std::string> seen;
  for (const auto& name : r.depends_on) {
    const auto& facts = groupable_facts();
    if (std::find(facts.begin(), facts.end(), name) == facts.end())
      problems.at_key("depends_on", "depends_on: '" + name + "' is not a fact a prerequisite can depend on; expected " +
                                        join(facts));
    else if (!seen.insert(name).second)
      problems.at_key("depends_on", "depends_on: '" + name + "' is listed twice");
  }
}

// The facts a prerequisite may depend on (groupable_facts() lists their names in this order).
enum class Fact {
  provider, in_network, contract, contract_via, lot, care_form, product_category, tier, region, network,
  supra_regional, bridging_pool, age_min, age_max
};

Fact fact_of(const std::string& name) {
  const auto& names = groupable_facts();
  return static_cast<Fact>(std::find(names.begin(), names.end(), name) - names.begin());
}

// One fact of a candidate as a number or a string, to group candidates without building keys.
std::size_t fact_hash(const CandidateFacts& f, Fact fact) {
  const auto text = [](const std::string& s) { return std::hash<std::string_view>()(s); };
  switch (fact) {
    case Fact::provider: return text(f.provider->id);
    case Fact::in_network: return f.provider->in_network;
    case Fact::contract: return static_cast<std::size_t>(f.contract);
    case Fact::contract_via: return text(f.contract_via);
    case Fact::lot: return text(f.lot);
    case Fact::care_form: return text(f.offering->care_form);
    case Fact::product_category: return text(f.offering->product_category);
    case Fact::tier: return static_cast<std::size_t>(f.tier);
    case Fact::region: return text(f.region);
    case Fact::network: return text(f.network);
    case Fact::supra_regional: return f.offering->supra_regional;
    case Fact::bridging_pool: return f.bridging_pool;
    case Fact::age_min: return static_cast<std::size_t>(f.offering->age_min);
    case Fact::age_max: return static_cast<std::size_t>(f.offering->age_max);
  }
  return 0;
}

bool same_fact(const CandidateFacts& a, const CandidateFacts& b, Fact fact) {
  switch (fact) {
    case Fact::provider: return a.provider->id == b.provider->id;
    case Fact::in_network: return a.provider->in_network == b.provider->in_network;
    case Fact::contract: return a.contract == b.contract;
    case Fact::contract_via: return a.contract_via == b.contract_via;
    case Fact::lot: return a.lot == b.lot;
    case Fact::care_form: return a.offering->care_form == b.offering->care_form;
    case Fact::product_category: return a.offering->product_category == b.offering->product_category;
    case Fact::tier: return a.tier == b.tier;
    case Fact::region: return a.region == b.region;
    case Fact::network: return a.network == b.network;
    case Fact::supra_regional: return a.offering->supra_regional == b.offering->supra_regional;
    case Fact::bridging_pool: return a.bridging_pool == b.bridging_pool;
    case Fact::age_min: return a.offering->age_min == b.offering->age_min;
    case Fact::age_max: return a.offering->age_max == b.offering->age_max;
  }
  return false;
}

// A loaded rule: its description for users and its module in the Lua registry.
struct LoadedRule {
  RuleInfo info;
  std::vector<ParamDecl> decls;
  lua::Ref module;
  lua::Ref descriptor;  // the driver's {idx, name, file, line, fn, p, writes}; p is renewed per call
};

}  // namespace

struct LuaRuleHost::Impl {
  LuaLimits limits;
  RuleSetFiles files;
  RuleSetInfo info;
  lua::State state;
  lua::Ref driver;
  std::vector<LoadedRule> rules;  // in evaluation order; rule index in Lua = position + 1
  // The facts the enabled prerequisite filters depend on, together: candidates with the same
  // values share one evaluation of those filters.
  std::vector<Fact> prerequisite_facts;

  // The candidate tables, reused from call to call; the batch of the last evaluate() stays in
  // them for plan() and priorities() of the same query.
  std::unique_ptr<lua::CandidatePool> pool;
  lua::Ref batch_case;
  bool batch_valid = false;  // only after a call that filled the pool succeeded
  std::vector<const Offering*> batch_offerings;
  const Case* batch_case_ptr = nullptr;
  Date batch_date;

  Impl(const LuaLimits& l, RuleSetFiles f) : limits(l), files(std::move(f)), state(l.memory_bytes) {}

  // Loading.
  void install(const Vocabulary& vocabulary, const ParamsOverlay* overlay);
  std::vector<std::string> load_rule_file(const std::string& rel);
  void read_rule_table(lua_State* L, int module, const std::string& rel, LoadedRule& rule, FileProblems& problems);
  void read_params_decl(lua_State* L, int module, LoadedRule& rule, FileProblems& problems);
  bool read_one_decl(lua_State* L, int decl, const std::string& name, ParamDecl& d, FileProblems& problems);
  std::vector<std::string> lint() const;
  void apply_params(const Vocabulary& vocabulary, const ParamsOverlay* overlay);
  void register_rules();
  void renew_params(lua_State* L);
  void install_pool();
  void collect_warnings();

  // Calls.
  // A budgeted call over `batch` candidates.
  void run_call(std::size_t batch, const std::function<void(lua_State*)>& fn, const CaseFacts* facts,
                const std::vector<CandidateFacts>* candidates);
  std::string describe_failure(const std::optional<std::string>& error, lua::Trip trip, const CaseFacts* facts,
                               const std::vector<CandidateFacts>* candidates);

  void push_driver_function(lua_State* L, const char* name) {
    driver.push();
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
  }
  // Calls the driver's `name`(candidates, n, case) on the batch at stack index `cands` (the case
  // table above it, as build_batch and ensure_batch leave them); leaves `results` values.
  void call_on_batch(lua_State* L, const char* name, int cands, std::size_t n, int results) {
    push_driver_function(L, name);
    lua_pushvalue(L, cands);
    lua_pushinteger(L, static_cast<lua_Integer>(n));
    lua_pushvalue(L, cands + 1);
    lua_call(L, 3, results);
  }
  // Also raises the memory cap to the base plus a share per candidate of the largest batch.
  void build_batch(lua_State* L, const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);
  std::size_t largest_batch = 0;
  bool same_batch(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) const;
  void ensure_batch(lua_State* L, const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);
  void read_evaluation(lua_State* L, int candidates, int base, std::vector<Verdict>& out) const;
  PlanOutcome read_plan(lua_State* L, int base) const;
  const std::string& rule_name(lua_Integer ri) const { return rules.at(static_cast<std::size_t>(ri - 1)).info.name; }
};

// ---------------------------------------------------------------------------------------------
// Loading

std::vector<std::string> LuaRuleHost::Impl::load_rule_file(const std::string& rel) {
  const std::string& source = *files.find(rel);
  FileProblems problems(files.display(rel), source);
  LoadedRule rule;
  state.arm(limits.load_instructions, limits.load_time);
  auto error = state.protect([&](lua_State* L) {
    const std::string chunkname = "@" + rel;
    if (luaL_loadbufferx(L, source.data(), source.size(), chunkname.c_str(), "t") != LUA_OK) lua_error(L);
    lua::push_new_env(L);
    const int env = lua_gettop(L);
    lua_pushvalue(L, env);
    lua_setupvalue(L, env - 1, 1);  // the chunk's _ENV: the rule's own environment
    lua_pushvalue(L, env - 1);
    lua_pushstring(L, rule_stem(rel).c_str());
    lua_call(L, 1, 1);
    lua::lock_env(L, env);
    read_rule_table(L, lua_gettop(L), rel, rule, problems);
  });
  const lua::Trip trip = state.tripped();
  state.disarm();
  if (error || trip != lua::Trip::none) return {describe_failure(error, trip, nullptr, nullptr)};
  if (problems.empty()) rules.push_back(std::move(rule));
  return problems.list();
}

void LuaRuleHost::Impl::read_rule_table(lua_State* L, int module, const std::string& rel, LoadedRule& rule,
                                        FileProblems& problems) {
  if (!lua_istable(L, module)) {
    problems.at_line(1, std::string("the rule file must return a table describing the rule, not a ") + luaL_typename(L, module) +
                            " value");
    return;
  }
  RuleInfo& r = rule.info;
  r.file = rel;
  auto api = integer_field(L, module, "api_version", problems);
  if (api && (*api < kRuleApiMin || *api > kRuleApiMax))
    problems.at_key("api_version", "api_version " + std::to_string(*api) + " is not supported; this passend supports " +
                                       std::to_string(kRuleApiMin) + ".." + std::to_string(kRuleApiMax));
  r.name = string_field(L, module, "name", problems, true).value_or("");
  if (!r.name.empty() && r.name != rule_stem(rel))
    problems.at_key("name", "name '" + r.name + "' must equal the file name '" + rule_stem(rel) + "'");
  r.version = string_field(L, module, "version", problems, true).value_or("");
  r.description = string_field(L, module, "description", problems, true).value_or("");
  r.phase = string_field(L, module, "phase", problems, true).value_or("");
  if (!r.phase.empty() && !*phase_function(r.phase))
    problems.at_key("phase", "unknown phase '" + r.phase + "'; expected one of " + join(rule_phases()));
  // In a priority-phase rule the field `priority` is the phase function itself; those rules
  // run by name (their points are summed, so their order only orders the reasons).
  if (r.phase != "priority") r.priority = integer_field(L, module, "priority", problems).value_or(0);
  r.writes = string_list_field(L, module, "writes", problems);
  read_depends_on(L, module, r, problems);
  if ((r.phase == "classify" || r.phase == "plan") && r.writes.empty())
    problems.at_key("phase", "a " + r.phase + " rule must list the keys it returns in writes");
  read_params_decl(L, module, rule, problems);
  read_phase_function(L, module, r, problems);
  // Unknown fields: most often a typo ("prority"), which would otherwise be silently ignored.
  static const std::set<std::string> known = {"api_version", "name",  "version", "description", "phase",
                                              "priority",    "params", "writes", "classify",   "filter",
                                              "lift",        "score",  "key",    "plan",  "depends_on"};
  lua_pushnil(L);
  while (lua_next(L, module)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) problems.at_line(1, "the rule table has a non-name key");
    else if (!known.count(lua_tostring(L, -1)))
      problems.at_key(lua_tostring(L, -1), std::string("unknown field '") + lua_tostring(L, -1) + "' in the rule table");
  }
  lua_pushvalue(L, module);
  rule.module = lua::Ref(L);
}

void LuaRuleHost::Impl::read_params_decl(lua_State* L, int module, LoadedRule& rule, FileProblems& problems) {
  const int t = raw_field(L, module, "params");
  if (t == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  if (t != LUA_TTABLE) {
    problems.at_key("params", "params must be a table of parameter declarations");
    lua_pop(L, 1);
    return;
  }
  const int params = lua_gettop(L);
  std::vector<std::string> names;
  lua_pushnil(L);
  while (lua_next(L, params)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) names.push_back(lua_tostring(L, -1));
    else problems.at_key("params", "params must be keyed by parameter names");
  }
  std::sort(names.begin(), names.end());  // a fixed order for messages and `rules check`
  for (const auto& name : names) {
    ParamDecl d;
    raw_field(L, params, name.c_str());
    if (read_one_decl(L, lua_gettop(L), name, d, problems)) rule.decls.push_back(std::move(d));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

bool LuaRuleHost::Impl::read_one_decl(lua_State* L, int decl, const std::string& name, ParamDecl& d,
                                      FileProblems& problems) {
  d.name = name;
  const std::string what = "parameter '" + name + "'";
  if (!lua_istable(L, decl)) {
    problems.at_key(name, what + " must be declared as {type = ..., default = ..., description = ...}");
    return false;
  }
  const std::size_t before = problems.list().size();
  auto type = string_field(L, decl, "type", problems, true);
  if (type && !parse_param_type(*type))
    problems.at_key(name, what + ": unknown type '" + *type + "'; expected number, integer, boolean, string, list or map");
  if (type && parse_param_type(*type)) d.type = *parse_param_type(*type);
  d.description = string_field(L, decl, "description", problems, true).value_or("");
  d.vocabulary = string_field(L, decl, "vocabulary", problems, false).value_or("");
  d.key_vocabulary = string_field(L, decl, "key_vocabulary", problems, false).value_or("");
  for (const auto* v : {&d.vocabulary, &d.key_vocabulary})
    if (!v->empty() && !is_vocabulary_name(*v)) problems.at_key(name, what + ": unknown vocabulary '" + *v + "'");
  d.keys = string_list_field(L, decl, "keys", problems);
  std::string error;
  if (raw_field(L, decl, "one_of") != LUA_TNIL) {
    json list;
    if (!lua::to_json(L, -1, list, error) || !list.is_array()) problems.at_key(name, what + ": one_of must be a list of values");
    else d.one_of.assign(list.begin(), list.end());
  }
  lua_pop(L, 1);
  if (raw_field(L, decl, "default") == LUA_TNIL) problems.at_key(name, what + " has no default");
  else if (!lua::to_json(L, -1, d.default_value, error)) problems.at_key(name, what + ": default: " + error);
  lua_pop(L, 1);
  if (problems.list().size() != before) return false;
  if (d.type == ParamType::map && d.default_value.is_array() && d.default_value.empty()) d.default_value = json::object();
  return true;
}

// Lints across rules: duplicate names, and two rules of one phase and priority writing the same
// key (their order would hang on the name alone, which nobody reads as a decision).
std::vector<std::string> LuaRuleHost::Impl::lint() const {
  std::vector<std::string> problems;
  std::map<std::string, const RuleInfo*> by_name;
  for (const auto& rule : rules) {
    const RuleInfo& r = rule.info;
    auto [it, fresh] = by_name.emplace(r.name, &r);
    if (!fresh)
      problems.push_back(files.display(r.file) + ":1: duplicate rule name '" + r.name + "' (also " +
                         files.display(it->second->file) + ")");
  }
  for (std::size_t a = 0; a < rules.size(); ++a)
    for (std::size_t b = a + 1; b < rules.size(); ++b) {
      const RuleInfo& x = rules[a].info;
      const RuleInfo& y = rules[b].info;
      if (x.phase != y.phase || x.priority != y.priority || x.phase == "priority") continue;
      for (const auto& key : x.writes)
        if (std::find(y.writes.begin(), y.writes.end(), key) != y.writes.end())
          problems.push_back(files.display(y.file) + ":" + std::to_string(line_of_key(*files.find(y.file), "writes")) +
                             ": rules '" + x.name + "' and '" + y.name + "' (phase " + x.phase + ", priority " +
                             std::to_string(x.priority) + ") both write '" + key + "'; give them different priorities");
    }
  return problems;
}

void LuaRuleHost::Impl::apply_params(const Vocabulary& vocabulary, const ParamsOverlay* overlay) {
  std::map<std::string, std::vector<ParamDecl>> declared;
  for (const auto& rule : rules) declared[rule.info.name] = rule.decls;
  ParamsFile params;
  json merged = json::object();
  if (const std::string* bytes = files.find("params.json")) {
    const std::string file = files.display("params.json");
    merged = parse_json_text(*bytes, file);
    params = read_params(merged, file, "", declared, vocabulary);
  }
  if (overlay) {
    read_params(overlay->doc, overlay->file, overlay->pointer, declared, vocabulary);  // its own messages
    merged.merge_patch(overlay->doc);
    params = read_params(merged, overlay->file, overlay->pointer, declared, vocabulary);
  }
  info.settings = params.settings;
  for (auto& rule : rules) {
    RuleInfo& r = rule.info;
    r.disabled = std::find(params.disabled.begin(), params.disabled.end(), r.name) != params.disabled.end();
    const auto given = params.rules.find(r.name);
    for (const auto& d : rule.decls) {
      RuleParam p{d, d.default_value, false};
      if (given != params.rules.end() && given->second.count(d.name)) {
        p.value = effective_value(d, given->second.at(d.name));
        p.overridden = true;
      }
      r.params.push_back(std::move(p));
    }
  }
}

// Hands every enabled rule to the driver: {idx, name, file, line, fn, p, writes (set)}.
void LuaRuleHost::Impl::register_rules() {
  auto error = state.protect([&](lua_State* L) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const RuleInfo& r = rules[i].info;
      if (r.disabled) continue;
      push_driver_function(L, "add");
      lua_pushstring(L, r.phase.c_str());
      lua_createtable(L, 0, 8);
      lua_pushinteger(L, static_cast<lua_Integer>(i + 1));
      lua_setfield(L, -2, "idx");
      lua_pushstring(L, r.name.c_str());
      lua_setfield(L, -2, "name");
      lua_pushstring(L, r.file.c_str());
      lua_setfield(L, -2, "file");
      lua_pushinteger(L, r.line);
      lua_setfield(L, -2, "line");
      rules[i].module.push();
      lua_getfield(L, -1, phase_function(r.phase));
      lua_setfield(L, -3, "fn");
      lua_pop(L, 1);
      lua_createtable(L, 0, static_cast<int>(r.writes.size()));
      for (const auto& w : r.writes) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, w.c_str());
      }
      lua_setfield(L, -2, "writes");
      if (!r.depends_on.empty()) {
        lua_createtable(L, static_cast<int>(r.depends_on.size()), 0);
        for (std::size_t k = 0; k < r.depends_on.size(); ++k) {
          lua_pushstring(L, r.depends_on[k].c_str());
          lua_rawseti(L, -2, static_cast<lua_Integer>(k + 1));
        }
        lua_setfield(L, -2, "depends_on");
        for (const auto& name : r.depends_on)
          if (std::find(prerequisite_facts.begin(), prerequisite_facts.end(), fact_of(name)) == prerequisite_facts.end())
            prerequisite_facts.push_back(fact_of(name));
      }
      lua_pushvalue(L, -1);
      rules[i].descriptor = lua::Ref(L);
      lua_call(L, 2, 0);
    }
  });
  if (error) throw RuleError(files.dir + ": cannot register the rules: " + *error);
}

// Gives every rule fresh parameter tables, built from the validated values. Plain tables are
// fast to read (a read-only proxy costs a metamethod call per `#`); renewing them for every call
// means a rule that changes its own `p` cannot carry that into the next query.
void LuaRuleHost::Impl::renew_params(lua_State* L) {
  for (const auto& rule : rules) {
    if (rule.info.disabled) continue;
    rule.descriptor.push();
    lua_createtable(L, 0, static_cast<int>(rule.info.params.size()));
    for (const auto& p : rule.info.params) {
      lua::push_json(L, p.value);
      lua_setfield(L, -2, p.decl.name.c_str());
    }
    lua_setfield(L, -2, "p");
    lua_pop(L, 1);
  }
}

// The keys the driver or plan() may add to a candidate table, reset whenever a table is reused.
void LuaRuleHost::Impl::install_pool() {
  std::set<std::string> derived = {"rank", "position", "score", "stale", "exempt", "excluded"};
  for (const auto& rule : rules)
    if (rule.info.phase == "classify") derived.insert(rule.info.writes.begin(), rule.info.writes.end());
  pool = std::make_unique<lua::CandidatePool>(std::vector<std::string>(derived.begin(), derived.end()));
  auto error = state.protect([&](lua_State* L) {
    driver.push();
    lua_getfield(L, -1, "fact_meta");
    pool->install(L);
  });
  if (error) throw RuleError(files.dir + ": cannot set up the candidate tables: " + *error);
}

// Not fatal, shown by `rules check`: rules that no scenario table names.
void LuaRuleHost::Impl::collect_warnings() {
  std::set<std::string> covered;
  for (const auto& rel : files.test_files) {
    json doc = json::parse(*files.find(rel), nullptr, false);
    if (!doc.is_object() || !doc.contains("rules") || !doc["rules"].is_array()) continue;
    for (const auto& name : doc["rules"])
      if (name.is_string()) covered.insert(name.get<std::string>());
  }
  if (files.test_files.empty()) return;
  for (const auto& rule : rules)
    if (!covered.count(rule.info.name))
      info.warnings.push_back(files.display(rule.info.file) + ": no scenario table in tests/ names rule '" +
                              rule.info.name + "'");
}

void LuaRuleHost::Impl::install(const Vocabulary& vocabulary, const ParamsOverlay* overlay) {
  const RuleSetHeader header = read_ruleset_header(files, kRuleApiMin, kRuleApiMax);
  info.dir = files.dir;
  info.description = header.description;
  info.api_version = header.api_version;
  info.identity = {header.name, header.version, rule_set_hash(files)};
  for (const auto& [rel, bytes] : files.contents) info.files.push_back(rel);

  lua::SandboxOptions options;
  options.max_string_bytes = limits.max_string_bytes;
  options.lib_sources = files.libs;
  auto error = state.protect([&](lua_State* L) {
    lua::install_sandbox(L, options);
    lua::push_driver(L);
    driver = lua::Ref(L);
  });
  if (error) throw RuleError(files.dir + ": cannot set up the Lua sandbox: " + *error);

  std::vector<std::string> problems;
  if (files.rule_files.empty()) problems.push_back(files.display("rules") + ": the rule set has no rules/*.lua");
  for (const auto& rel : files.rule_files)
    for (auto& p : load_rule_file(rel)) problems.push_back(std::move(p));
  for (auto& p : lint()) problems.push_back(std::move(p));
  if (!problems.empty()) throw RuleError(join_lines(problems));

  std::sort(rules.begin(), rules.end(), [](const LoadedRule& a, const LoadedRule& b) {
    return std::make_tuple(phase_rank(a.info.phase), a.info.priority, a.info.name) <
           std::make_tuple(phase_rank(b.info.phase), b.info.priority, b.info.name);
  });
  apply_params(vocabulary, overlay);
  register_rules();
  install_pool();
  for (const auto& rule : rules) info.rules.push_back(rule.info);
  collect_warnings();
}

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
    const double points = number_at(L, reasons, k + 2);
    v.reasons.push_back({rule_name(int_at(L, reasons, k + 1)), points, string_at(L, reasons, k + 3)});
    v.score += points;
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

const std::vector<std::string>& groupable_facts() {
  static const std::vector<std::string> names = {"provider", "in_network", "contract", "contract_via", "lot",
                                                 "care_form", "product_category", "tier", "region", "network",
                                                 "supra_regional", "bridging_pool", "age_min", "age_max"};
  return names;
}

// The prerequisite filters run once per distinct combination of the facts they depend on, on
// the first candidate with it (the driver hands them a view holding only those facts), and
// their outcome holds for every candidate with the same combination.
std::vector<std::vector<Exclusion>> LuaRuleHost::prefilter(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  const auto& fields = impl_->prerequisite_facts;
  if (fields.empty()) return {};
  // Groups by the facts' hash, each group checked fact by fact against its first candidate.
  std::unordered_multimap<std::size_t, std::size_t> groups_by_hash;  // hash -> group
  std::vector<std::size_t> first_of;                                   // group -> candidate
  std::vector<std::size_t> group(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const CandidateFacts& c = candidates[i];
    std::size_t h = 0;
    for (Fact f : fields) h = h * 1000003u ^ fact_hash(c, f);
    auto same = [&](std::size_t g) {
      return std::all_of(fields.begin(), fields.end(), [&](Fact f) { return same_fact(c, candidates[first_of[g]], f); });
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
