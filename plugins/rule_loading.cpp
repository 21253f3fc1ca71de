// Loading a rule set into the Lua host: each rule file read and checked (its table, phase,
// parameters, prerequisites), the whole set linted, parameters applied, and the rules handed to
// the driver in evaluation order.
#include "plugins/lua_host_impl.hpp"

#include <algorithm>
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

}  // namespace

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

namespace {

int phase_rank(const std::string& phase) {
  const auto& phases = rule_phases();
  return static_cast<int>(std::find(phases.begin(), phases.end(), phase) - phases.begin());
}

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

// depends_on: only for filters and classify rules, only facts the host can group natively, each once.
void read_depends_on(lua_State* L, int module, RuleInfo& r, FileProblems& problems) {
  r.depends_on = string_list_field(L, module, "depends_on", problems);
  const int t = raw_field(L, module, "depends_on");
  lua_pop(L, 1);
  if (t == LUA_TNIL) return;
  if (!r.phase.empty() && r.phase != "filter" && r.phase != "classify") {
    problems.at_key("depends_on", "depends_on is only for filter and classify rules, not for phase " + r.phase);
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

// case_depends_on: only for classify rules that write exempt and declare depends_on; only
// case facts of plugins/case_dependencies.hpp, each once; {} says "no case fact at all".
void read_case_depends_on(lua_State* L, int module, RuleInfo& r, FileProblems& problems) {
  const int t = raw_field(L, module, "case_depends_on");
  lua_pop(L, 1);
  if (t == LUA_TNIL) return;
  const auto names = string_list_field(L, module, "case_depends_on", problems);
  const bool writes_exempt = std::find(r.writes.begin(), r.writes.end(), "exempt") != r.writes.end();
  if (r.phase != "classify" || !writes_exempt || r.depends_on.empty()) {
    problems.at_key("case_depends_on", "case_depends_on is only for classify rules that write exempt and declare depends_on");
    return;
  }
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (lua::case_fields_of(name).empty())
      problems.at_key("case_depends_on", "case_depends_on: '" + name + "' is not a case fact a rule can declare; expected " +
                                             join(lua::case_fact_names()));
    else if (!seen.insert(name).second)
      problems.at_key("case_depends_on", "case_depends_on: '" + name + "' is listed twice");
  }
  r.case_depends_on = names;
}

// A loaded rule: its description for users and its module in the Lua registry.

}  // namespace

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
  r.label = string_field(L, module, "label", problems, false).value_or("");
  r.explanation = string_field(L, module, "explanation", problems, false).value_or("");
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
  read_case_depends_on(L, module, r, problems);
  read_params_decl(L, module, rule, problems);
  read_phase_function(L, module, r, problems);
  // Unknown fields: most often a typo ("prority"), which would otherwise be silently ignored.
  static const std::set<std::string> known = {"api_version", "name",   "version", "description", "phase",
                                              "priority",    "params", "writes",  "classify",    "filter",
                                              "lift",        "score",  "key",     "plan",        "depends_on",
                                              "label",       "explanation", "case_depends_on"};
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
  // Unknown fields of a declaration: a typo ("mxa") would otherwise leave a range unchecked.
  static const std::set<std::string> known_decl = {"type",     "default", "description", "one_of",      "vocabulary", "keys",
                                                   "key_vocabulary", "label",   "explanation", "key_labels", "min",  "max"};
  lua_pushnil(L);
  while (lua_next(L, decl)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) problems.at_key(name, what + ": a field name must be a text");
    else if (!known_decl.count(lua_tostring(L, -1)))
      problems.at_key(name, what + ": unknown field '" + std::string(lua_tostring(L, -1)) + "'");
  }
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
  d.label = string_field(L, decl, "label", problems, false).value_or("");
  d.explanation = string_field(L, decl, "explanation", problems, false).value_or("");
  for (const char* bound : {"min", "max"}) {
    const int t = raw_field(L, decl, bound);
    if (t == LUA_TNUMBER) (bound[1] == 'i' ? d.min : d.max) = lua_tonumber(L, -1);
    else if (t != LUA_TNIL) problems.at_key(name, what + ": " + bound + " must be a number");
    lua_pop(L, 1);
  }
  if (d.min && d.max && *d.min > *d.max) problems.at_key(name, what + ": min is larger than max");
  std::string error;
  if (raw_field(L, decl, "key_labels") != LUA_TNIL) {
    json labels;
    if (!lua::to_json(L, -1, labels, error) || !labels.is_object()) problems.at_key(name, what + ": key_labels must map keys to Dutch words");
    else
      for (const auto& [key, word] : labels.items()) {
        if (word.is_string()) d.key_labels[key] = word.get<std::string>();
        else problems.at_key(name, what + ": key_labels." + key + " must be a text");
      }
  }
  lua_pop(L, 1);
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
  if (d.min || d.max) {
    std::string where;
    Vocabulary none;
    ParamDecl bounds = d;  // the range alone: the vocabulary is checked when the parameters are read
    bounds.one_of.clear();
    bounds.vocabulary.clear();
    bounds.keys.clear();
    bounds.key_vocabulary.clear();
    if (auto problem = check_param_value(bounds, d.default_value, none, where); !problem.empty()) {
      problems.at_key(name, what + ": default" + where + ": " + problem);
      return false;
    }
  }
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

namespace {
// The case fields a rule with case_depends_on sees in the driver's exempt pass (case_fields),
// and the facts it declared, for messages (case_depends_on).
void push_case_view_fields(lua_State* L, const std::vector<std::string>& facts) {
  lua_createtable(L, 0, 0);
  lua_Integer n = 0;
  for (const auto& fact : facts)
    for (const auto& field : lua::case_fields_of(fact)) {
      lua_pushstring(L, field.c_str());
      lua_rawseti(L, -2, ++n);
    }
  lua_setfield(L, -2, "case_fields");
  lua_createtable(L, static_cast<int>(facts.size()), 0);
  for (std::size_t k = 0; k < facts.size(); ++k) {
    lua_pushstring(L, facts[k].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(k + 1));
  }
  lua_setfield(L, -2, "case_depends_on");
}
}  // namespace

// Hands every enabled rule to the driver: {idx, name, file, line, fn, p, writes (set)}.
void LuaRuleHost::Impl::register_rules() {
  exempt_facts.clear();
  exempt_case_facts.clear();
  exempt_answers.clear();
  exempt_writers = false;
  exempt_by_view = true;
  exempt_memo = true;
  auto error = state.protect([&](lua_State* L) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const RuleInfo& r = rules[i].info;
      if (r.disabled) continue;
      const bool writes_exempt =
          r.phase == "classify" && std::find(r.writes.begin(), r.writes.end(), "exempt") != r.writes.end();
      if (writes_exempt) {
        exempt_writers = true;
        if (r.depends_on.empty()) exempt_by_view = false;
        if (!r.case_depends_on) exempt_memo = false;
        for (const auto& name : r.case_depends_on.value_or(std::vector<std::string>{}))
          if (std::find(exempt_case_facts.begin(), exempt_case_facts.end(), name) == exempt_case_facts.end())
            exempt_case_facts.push_back(name);
      }
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
        if (r.case_depends_on) push_case_view_fields(L, *r.case_depends_on);
        for (const auto& name : r.depends_on) {
          if (r.phase != "filter" && !writes_exempt) break;
          auto& facts = r.phase == "filter" ? prerequisite_facts : exempt_facts;
          const lua::CandidateFact fact = *lua::fact_named(name);  // checked when the rule was read
          if (std::find(facts.begin(), facts.end(), fact) == facts.end()) facts.push_back(fact);
        }
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
  // Contract managers read rules and parameters by their Dutch labels and explanations.
  for (const auto& rule : rules) {
    if (rule.info.label.empty() || rule.info.explanation.empty())
      info.warnings.push_back(files.display(rule.info.file) + ": rule '" + rule.info.name +
                              "' has no Dutch label and explanation for people (label = ..., explanation = ...)");
    for (const auto& p : rule.info.params)
      if (p.decl.label.empty() || p.decl.explanation.empty())
        info.warnings.push_back(files.display(rule.info.file) + ": parameter '" + p.decl.name +
                                "' has no Dutch label and explanation for people");
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
  info.protected_rules = header.protected_rules;
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
  for (const auto& name : info.protected_rules) {
    auto it = std::find_if(rules.begin(), rules.end(), [&](const LoadedRule& r) { return r.info.name == name; });
    if (it == rules.end())
      throw InvalidInput(files.display("ruleset.json"), "/protected", "protected rule '" + name + "' is not a rule of this set");
    it->info.is_protected = true;
  }
  apply_params(vocabulary, overlay);
  register_rules();
  install_pool();
  for (const auto& rule : rules) info.rules.push_back(rule.info);
  collect_warnings();
}

}  // namespace passend
