#include "apps/service/ruleset_governance.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "apps/service/audit.hpp"
#include "apps/service/dry_run.hpp"
#include "apps/service/ruleset_records.hpp"
#include "apps/service/rules.hpp"
#include "core/errors.hpp"
#include "core/rule_host.hpp"
#include "plugins/rule_host_factory.hpp"
#include "plugins/ruleset_files.hpp"
#include "providers/ruleset_store.hpp"

namespace passend::service {

namespace fs = std::filesystem;
using namespace ruleset_detail;

namespace {

constexpr const char* kInitActor = "passend init";

// ---- who may act on a rule set ----

// A scoped contract manager acts only on rule sets that answer for nothing outside its scope.
void require_scope(Context& ctx, const RuleSetActor& actor, const std::string& ruleset) {
  if (!actor.scope.scoped()) return;
  const auto own = scope_regions(actor.scope, ctx.regions);
  std::vector<std::string> outside;
  for (const auto& region : regions_using(ctx, ruleset, Date::today()))
    if (!own || !own->count(region)) outside.push_back(region);
  if (outside.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < outside.size() && i < 5; ++i) list += (i ? ", " : "") + outside[i];
  if (outside.size() > 5) list += " en " + std::to_string(outside.size() - 5) + " meer";
  throw OutOfScope("regelset " + ruleset + " geldt ook voor regio's buiten de scope van dit token (" + list +
                   "): " + scope_dutch(actor.scope, ctx.regions));
}

// ---- dry runs ----

// The dry run a proposal keeps: the recent advices of the regions that use the rule set today.
ojson proposal_dry_run(Context& ctx, const std::string& ruleset, RuleHost& before, RuleHost& after, int limit) {
  ReplayScope scope;
  scope.limit = limit;
  scope.regions = regions_using(ctx, ruleset, Date::today());
  return replay_advices(ctx, before, after, scope);
}

// ---- versions of parameter changes ----

// "2.1.0" -> "2.1.0+p7"; "2.1.0+p3" -> "2.1.0+p7" (one change suffix); "2.1.0+build" -> "2.1.0+build.p7".
std::string parameter_version(Context& ctx, const std::string& ruleset, const std::string& base, std::int64_t id) {
  static const std::regex change_suffix("([+.])p[0-9]+(\\.[0-9]+)?$");
  const std::string core = std::regex_replace(base, change_suffix, "");
  const std::string candidate = core + (core.find('+') == std::string::npos ? "+p" : ".p") + std::to_string(id);
  std::string version = candidate;
  for (int n = 1; db::find_release(ctx.db, ruleset, version); ++n) version = candidate + "." + std::to_string(n);
  return version;
}

// A parameter change on top of the base's params.json: objects merge key by key at every level
// (a rule's parameters, a map's keys, the settings), null removes a key (back to the rule's
// default), anything else replaces; "disabled" replaces the list. So a change names only what
// changes, and what it does not name stays as the base has it.
void merge_into(nlohmann::json& into, const nlohmann::json& change) {
  for (const auto& [key, value] : change.items()) {
    if (value.is_null()) into.erase(key);
    else if (value.is_object() && into.contains(key) && into[key].is_object()) merge_into(into[key], value);
    else into[key] = value;
  }
}

nlohmann::json merged_params(const std::map<std::string, std::string>& base_files, const nlohmann::json& change) {
  nlohmann::json doc = nlohmann::json::object();
  if (const auto it = base_files.find("params.json"); it != base_files.end()) {
    doc = nlohmann::json::parse(it->second, nullptr, false);
    if (!doc.is_object()) doc = nlohmann::json::object();
  }
  merge_into(doc, change);
  return doc;
}

std::map<std::string, std::string> with_params(std::map<std::string, std::string> files, const nlohmann::json& params,
                                               const std::string& version) {
  files["params.json"] = params.dump(2) + "\n";
  files["ruleset.json"] = with_version(files.at("ruleset.json"), version);
  return files;
}

std::string files_hash(const std::string& display, const std::map<std::string, std::string>& files) {
  return rule_set_hash(rule_set_files_from(display, files));
}

// Problems in the parameters point into the document the proposer sent.
InvalidInput relative_to_params(const InvalidInput& e, const ParameterChange& change) {
  std::vector<InputIssue> issues;
  for (auto issue : e.issues()) {
    if (issue.file.ends_with("params.json") && (issue.where.empty() || issue.where.front() == '/')) {
      issue.file = change.params_file;
      issue.where = change.params_pointer + issue.where;
    }
    issues.push_back(std::move(issue));
  }
  return InvalidInput(std::move(issues));
}

// ---- the base a proposal starts from ----

std::string head_text(const Head& h) {
  std::string out = "version " + h.release.version + " is the active version of rule set " + h.release.ruleset +
                    " (proposal #" + std::to_string(h.proposal.id);
  if (h.proposal.decided_by) out += ", approved by " + *h.proposal.decided_by;
  if (h.activation.active_from != db::kAlwaysActive) out += ", in force from " + h.activation.active_from;
  return out + ")";
}

// No lost updates: a proposal starts from the active version, or it would undo what was approved
// since its maker looked.
void require_base(const std::optional<Head>& head, const std::string& ruleset, const std::string& base) {
  if (!head) throw Conflict("rule set " + ruleset + " has no approved version yet: approve its first version before changing it");
  if (head->release.version != base)
    throw Conflict("stale base: version " + base + " is no longer active; " + head_text(*head) +
                   ". Start again from " + head->release.version + ", or the change would undo it");
}

void require_same_head(Context& ctx, const std::string& ruleset, std::optional<std::int64_t> base) {
  const auto head = read_head(ctx, ruleset);
  const std::optional<std::int64_t> now = head ? std::optional(head->release.id) : std::nullopt;
  if (now != base)
    throw Conflict("the base moved on meanwhile: " + (head ? head_text(*head) : "rule set " + ruleset + " has no version") +
                   "; make the proposal again on it");
}

void check_comment(const std::string& comment, const std::string& field) {
  if (comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    const std::string message = "required: why the rule set changes (kept in the history)";
    if (!field.empty() && field.front() == '/') throw InvalidInput("request body", field, message);
    throw InvalidInput(field, "", message);
  }
  check_stored_text(comment, field);
}

Actor audit_actor(const RuleSetActor& a, const RuleSetIdentity& ruleset) { return {a.name, ruleset, scope_text(a.scope)}; }

struct NewProposal {
  NewProposal(std::string ruleset_, std::string kind_, std::optional<std::int64_t> base_, std::string comment_,
              Comparison comparison_ = {})
      : ruleset(std::move(ruleset_)),
        kind(std::move(kind_)),
        base(base_),
        comment(std::move(comment_)),
        comparison(std::move(comparison_)) {}
  std::string ruleset, kind;
  std::optional<std::int64_t> base;
  std::string comment;
  Comparison comparison;
  ojson dry_run = ojson::object();
};

// Stores the proposal (and its version, when new) with its audit record, after checking inside
// the write transaction that the base is still the active version.
ProposalMade store_proposal(Context& ctx, NewProposal p, std::int64_t release, const RuleSetActor& actor) {
  db::RuleSetProposal row;
  row.id = db::next_proposal_id(ctx.db);
  row.ruleset = p.ruleset;
  row.kind = p.kind;
  row.release = release;
  row.base = p.base;
  row.proposed_by = actor.name;
  row.proposed_scope = scope_text(actor.scope);
  row.comment = p.comment;
  row.changes = p.comparison.changes.dump();
  row.protected_changes = ojson(p.comparison.protected_changes).dump();
  row.dry_run = p.dry_run.dump();
  row.status = "proposed";
  db::insert_proposal(ctx.db, row);
  const auto r = release_or_throw(ctx, release);
  ProposalMade made{row.id, p.ruleset, p.base ? release_or_throw(ctx, *p.base).version : "", r.version, r.hash,
                    dry_run_summary(p.dry_run), p.comparison.protected_changes};
  record_event(ctx, audit_actor(actor, {r.ruleset, r.version, r.hash}), "ruleset_propose", "",
               {{"proposal", row.id}, {"kind", p.kind}, {"ruleset", p.ruleset}, {"base", made.base},
                {"version", r.version}, {"hash", r.hash}, {"changes", p.comparison.changes.size()},
                {"protected_changes", p.comparison.protected_changes}, {"dry_run", made.dry_run}});
  return made;
}

// ---- the v1 folder next to the database ----

std::string date_part(const std::string& at) { return at.size() >= 10 ? at.substr(0, 10) : std::string(db::kAlwaysActive); }

// The files of a v1 parameter version: its folder when that still hashes as stored, else the
// bundled folder with its parameters (when that is the base it was made on).
std::optional<std::map<std::string, std::string>> legacy_files(const db::LegacyRuleSetVersion& v, const fs::path& folder,
                                                               const RuleSetFiles& bundled) {
  std::error_code ec;
  const fs::path own = folder / std::to_string(v.id);
  if (fs::is_directory(own, ec)) {
    try {
      RuleSetFiles files = read_rule_set_files(own.string());
      if (rule_set_hash(files) == v.hash) return files.contents;
    } catch (const std::exception&) {
    }
  }
  std::map<std::string, std::string> rebuilt = bundled.contents;
  try {
    rebuilt["params.json"] = v.params;
    rebuilt["ruleset.json"] = with_version(rebuilt.at("ruleset.json"), v.version);
    if (files_hash(v.ruleset_name, rebuilt) == v.hash) return rebuilt;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// Moves the parameter versions v1 kept (table ruleset_version, files in <db>.rulesets/) into the
// rule-set tables, each approved as it was (by its author alone: v1 had no second person), in
// force from the day it was made; the first one from every date. Returns the notes.
std::vector<std::string> migrate_legacy(Context& ctx, const RuleSetFiles& bundled, std::string& last_name) {
  std::vector<std::string> notes;
  const auto legacy = db::list_legacy_versions(ctx.db);
  const fs::path folder = ctx.db.path() + ".rulesets";
  std::error_code ec;
  const bool folder_exists = fs::exists(folder, ec);
  if (legacy.empty() && !folder_exists) return notes;
  int moved = 0;
  {
    db::Transaction tx(ctx.db);
    for (const auto& v : legacy) {
      if (db::find_release(ctx.db, v.ruleset_name, v.version)) continue;  // moved before
      const auto files = legacy_files(v, folder, bundled);
      if (!files) {
        notes.push_back("rule-set version " + v.ruleset_name + " " + v.version + " of " + v.at +
                        " could not be moved: its files are gone or changed (its advices keep naming it in the audit)");
        continue;
      }
      const bool first = db::list_releases(ctx.db, v.ruleset_name).empty();
      const auto release = db::insert_release(ctx.db, v.ruleset_name, v.version, v.hash, *files);
      db::RuleSetProposal p;
      p.id = db::next_proposal_id(ctx.db);
      p.ruleset = v.ruleset_name;
      p.kind = "migrated";
      p.release = release;
      if (const auto head = db::head_activation(ctx.db, v.ruleset_name)) p.base = head->release;
      p.proposed_by = v.author;
      p.comment = v.comment;
      p.changes = "[]";
      p.protected_changes = "[]";
      p.dry_run = "{}";
      p.status = "approved";
      p.decided_by = v.author;
      p.decided_as = "v1";
      const std::string from = first ? std::string(db::kAlwaysActive) : date_part(v.at);
      p.active_from = from;
      p.decision_note = "passend v1: activated by its author alone on " + v.at;
      db::insert_proposal(ctx.db, p);
      db::insert_activation(ctx.db, v.ruleset_name, release, p.id, from);
      last_name = v.ruleset_name;
      ++moved;
    }
    tx.commit();
  }
  if (moved) notes.push_back(std::to_string(moved) + " rule-set version(s) of passend v1 moved into the database");
  if (folder_exists) {
    fs::remove_all(folder, ec);
    notes.push_back(ec ? "could not remove " + folder.string() + ": " + ec.message()
                       : "removed " + folder.string() + " (its versions are in the database now)");
  }
  return notes;
}

}  // namespace

ojson proposal_made_json(const ProposalMade& m) {
  return {{"proposal", std::to_string(m.proposal)}, {"ruleset", m.ruleset},         {"base", m.base},
          {"version", m.version},                   {"hash", m.hash},               {"dry_run", m.dry_run},
          {"protected_changes", m.protected_changes}};
}

ojson approved_json(const Approved& a) {
  return {{"proposal", std::to_string(a.proposal)}, {"ruleset", a.ruleset},  {"version", a.version},
          {"hash", a.hash},                         {"active_from", a.active_from}, {"withdrawn", a.withdrawn}};
}

// ---- init ----

std::vector<std::string> install_bundled_rules(Context& ctx, const std::string& rules_dir) {
  const RuleSetFiles bundled = read_rule_set_files(rules_dir);
  std::string legacy_name;
  std::vector<std::string> notes = migrate_legacy(ctx, bundled, legacy_name);
  auto host = make_rule_host(bundled, ctx.vocabulary);
  const RuleSetIdentity id = host->identity();
  const RuleSetActor init{kInitActor, "", {}, false};
  if (db::list_releases(ctx.db, id.name).empty()) {
    db::Transaction tx(ctx.db);
    const auto release = db::insert_release(ctx.db, id.name, id.version, id.hash, bundled.contents);
    db::RuleSetProposal p;
    p.id = db::next_proposal_id(ctx.db);
    p.ruleset = id.name;
    p.kind = "init";
    p.release = release;
    p.proposed_by = kInitActor;
    p.comment = "meegeleverde regelset, geïnstalleerd door passend init";
    p.changes = "[]";
    p.protected_changes = "[]";
    p.dry_run = "{}";
    p.status = "approved";
    p.decided_by = kInitActor;
    p.decided_as = "init";
    p.active_from = db::kAlwaysActive;
    db::insert_proposal(ctx.db, p);
    db::insert_activation(ctx.db, id.name, release, p.id, db::kAlwaysActive);
    tx.commit();
    notes.push_back("rule set " + id.name + " " + id.version + " installed as the active version for every date");
  } else if (!db::find_release_by_hash(ctx.db, id.name, id.hash)) {
    const auto head = read_head(ctx, id.name);
    if (db::find_release(ctx.db, id.name, id.version)) {
      notes.push_back("the bundled rule set " + id.name + " " + id.version +
                      " differs from the stored version of that name; it was not installed");
    } else if (head) {
      auto base = load_release(ctx, head->release);
      const auto base_files = db::release_files(ctx.db, head->release.id);
      NewProposal p(id.name, "install", head->release.id,
                    "meegeleverde regelset " + id.version + " van deze versie van passend (passend init)",
                    compare(*base, *host, base_files, bundled.contents));
      p.dry_run = proposal_dry_run(ctx, id.name, *base, *host, kDefaultDryRunQueries);
      db::Transaction tx(ctx.db);
      const auto release = db::insert_release(ctx.db, id.name, id.version, id.hash, bundled.contents);
      const auto made = store_proposal(ctx, std::move(p), release, init);
      tx.commit();
      notes.push_back("the bundled rule set " + id.name + " " + id.version + " is proposal #" +
                      std::to_string(made.proposal) + "; it answers once a person approves it (passend rules approve)");
    }
  }
  if (!db::read_assignments(ctx.db).count(db::kDefaultScope)) {
    const std::string name = legacy_name.empty() ? id.name : legacy_name;
    db::Transaction tx(ctx.db);
    db::set_assignment(ctx.db, db::kDefaultScope, name, kInitActor);
    tx.commit();
    notes.push_back("rule set " + name + " assigned as the default");
  }
  return notes;
}

// ---- install ----

ProposalMade install_rule_set(Context& ctx, const std::string& dir, const std::string& comment, const RuleSetActor& actor,
                              std::ostream& report) {
  check_comment(comment, "--comment");
  const RuleSetFiles files = read_rule_set_files(dir);
  std::unique_ptr<RuleHost> host;
  try {
    host = check_rule_set(files, ctx.vocabulary, nullptr, &report);
  } catch (const InvalidInput& e) {
    throw RuleError(std::string("rules check failed: ") + e.what());
  }
  const auto tests = test_rule_files(files.dir, files.contents, report);
  if (tests.failed > 0)
    throw RuleError("rules test failed: " + std::to_string(tests.failed) + " of " +
                    std::to_string(tests.passed + tests.failed) + " scenario rows; nothing was installed");
  const RuleSetIdentity id = host->identity();
  require_scope(ctx, actor, id.name);
  if (const auto stored = db::find_release(ctx.db, id.name, id.version))
    throw Conflict(stored->hash == id.hash
                       ? "rule set " + id.name + " " + id.version + " is stored already (same files)"
                       : "rule set " + id.name + " " + id.version +
                             " is stored already with other files; raise \"version\" in ruleset.json");
  const auto head = read_head(ctx, id.name);
  NewProposal p(id.name, "install", std::nullopt, comment);
  if (head) {
    auto base = load_release(ctx, head->release);
    p.base = head->release.id;
    p.comparison = compare(*base, *host, db::release_files(ctx.db, head->release.id), files.contents);
    p.dry_run = proposal_dry_run(ctx, id.name, *base, *host, kDefaultDryRunQueries);
  } else {
    p.comparison.changes.push_back({{"kind", "ruleset"}, {"change", "new"}, {"text", "nieuwe regelset " + id.name}});
  }
  db::Transaction tx(ctx.db);
  require_same_head(ctx, id.name, p.base);
  const auto release = db::insert_release(ctx.db, id.name, id.version, id.hash, files.contents);
  auto made = store_proposal(ctx, std::move(p), release, actor);
  tx.commit();
  return made;
}

// ---- parameter changes ----

namespace {
struct Trial {
  std::optional<Head> head;
  std::unique_ptr<RuleHost> base, trial;
  std::map<std::string, std::string> base_files, files;
  std::int64_t planned_id = 0;
  std::string version;
  nlohmann::json params;  // the new params.json: the change merged over the base's
  Comparison comparison;
};

Trial make_trial(Context& ctx, const ParameterChange& change, const RuleSetActor& actor) {
  require_ruleset(ctx, change.ruleset, "--ruleset");
  require_scope(ctx, actor, change.ruleset);
  Trial t;
  t.head = read_head(ctx, change.ruleset);
  require_base(t.head, change.ruleset, change.base);
  if (!change.params.is_object())
    throw InvalidInput(change.params_file, change.params_pointer, "expected an object (a params.json document)");
  t.base_files = db::release_files(ctx.db, t.head->release.id);
  t.base = load_files(ctx, display_name(change.ruleset, t.head->release.version), t.base_files);
  t.planned_id = db::next_proposal_id(ctx.db);
  t.version = parameter_version(ctx, change.ruleset, t.head->release.version, t.planned_id);
  t.params = merged_params(t.base_files, change.params);
  t.files = with_params(t.base_files, t.params, t.version);
  try {
    t.trial = load_files(ctx, display_name(change.ruleset, t.version), t.files);
  } catch (const InvalidInput& e) {
    throw relative_to_params(e, change);
  }
  t.comparison = compare(*t.base, *t.trial, t.base_files, t.files);
  ojson kept = ojson::array();
  for (auto& c : t.comparison.changes)
    if (c["kind"] != "file") kept.push_back(std::move(c));
  t.comparison.changes = std::move(kept);
  if (t.comparison.changes.empty())
    throw InvalidInput(change.params_file, change.params_pointer,
                       "nothing changes: these parameters are those of version " + t.head->release.version + " already");
  return t;
}
}  // namespace

ProposalMade propose_parameters(Context& ctx, const ParameterChange& change, const RuleSetActor& actor) {
  check_comment(change.comment, change.comment_field);
  Trial t = make_trial(ctx, change, actor);
  NewProposal p(change.ruleset, "parameters", t.head->release.id, change.comment, std::move(t.comparison));
  p.dry_run = proposal_dry_run(ctx, change.ruleset, *t.base, *t.trial, kDefaultDryRunQueries);
  db::Transaction tx(ctx.db);
  require_same_head(ctx, change.ruleset, p.base);
  // Another proposal may have taken the planned number meanwhile: the version (and so the hash)
  // follows the proposal's own number; the rules are the same.
  const auto id = db::next_proposal_id(ctx.db);
  if (id != t.planned_id) {
    t.version = parameter_version(ctx, change.ruleset, t.head->release.version, id);
    t.files = with_params(t.base_files, t.params, t.version);
  }
  const std::string hash = files_hash(display_name(change.ruleset, t.version), t.files);
  p.dry_run["ruleset_after"] = {{"name", change.ruleset}, {"version", t.version}, {"hash", hash}};
  const auto release = db::insert_release(ctx.db, change.ruleset, t.version, hash, t.files);
  auto made = store_proposal(ctx, std::move(p), release, actor);
  tx.commit();
  return made;
}

ojson try_parameters(Context& ctx, const ParameterChange& change, int limit, const RuleSetActor& actor) {
  Trial t = make_trial(ctx, change, actor);
  ojson result = proposal_dry_run(ctx, change.ruleset, *t.base, *t.trial, limit);
  result["changes"] = t.comparison.changes;
  result["protected_changes"] = t.comparison.protected_changes;
  auto changed_ids = ojson::array();
  for (const auto& c : result["changed"]) changed_ids.push_back(c["audit_id"]);
  record_event(ctx, audit_actor(actor, t.base->identity()), "ruleset_dry_run", "",
               {{"ruleset", change.ruleset}, {"base", t.head->release.version}, {"replayed", result["replayed"]},
                {"changed", changed_ids}, {"params", change.params}});
  return result;
}

// ---- rollback ----

ProposalMade propose_rollback(Context& ctx, const std::string& ruleset, const std::string& to, const std::string& comment,
                              const RuleSetActor& actor) {
  require_ruleset(ctx, ruleset, "--ruleset");
  check_comment(comment, "--comment");
  require_scope(ctx, actor, ruleset);
  const auto target = db::find_release(ctx.db, ruleset, to);
  if (!target) throw InvalidInput("--to", "", "rule set " + ruleset + " has no version '" + to + "'");
  const auto activations = db::list_activations(ctx.db, ruleset);
  if (std::none_of(activations.begin(), activations.end(), [&](const auto& a) { return a.release == target->id; }))
    throw InvalidInput("--to", "", "version " + to + " was never approved; approve its proposal instead of rolling back to it");
  const auto head = read_head(ctx, ruleset);
  if (head->release.id == target->id)
    throw InvalidInput("--to", "", "version " + to + " is the active version already");
  auto base = load_release(ctx, head->release);
  auto back = load_release(ctx, *target);
  const auto base_files = db::release_files(ctx.db, head->release.id);
  NewProposal p(ruleset, "rollback", head->release.id, comment,
                compare(*base, *back, base_files, db::release_files(ctx.db, target->id)));
  p.dry_run = proposal_dry_run(ctx, ruleset, *base, *back, kDefaultDryRunQueries);
  db::Transaction tx(ctx.db);
  require_same_head(ctx, ruleset, p.base);
  auto made = store_proposal(ctx, std::move(p), target->id, actor);
  tx.commit();
  return made;
}

// ---- approve, withdraw ----

Approved approve_proposal(Context& ctx, std::int64_t id, std::optional<Date> from, const RuleSetActor& actor) {
  const auto p = db::read_proposal(ctx.db, id);
  if (!p) throw InvalidInput("--proposal", "", "no proposal #" + std::to_string(id));
  require_scope(ctx, actor, p->ruleset);
  if (p->status != "proposed")
    throw Conflict("proposal #" + std::to_string(id) + " is " + p->status + " already" +
                   (p->decided_by ? " (" + *p->decided_by + (p->decision_note && !p->decision_note->empty() ? ": " + *p->decision_note : "") + ")" : ""));
  if (actor.name == p->proposed_by)
    throw Conflict("four eyes: " + actor.name + " made proposal #" + std::to_string(id) +
                   "; a second person must approve it");
  const auto protected_rules = parse_stored(p->protected_changes, ojson::array());
  if (actor.via_api && !protected_rules.empty() && actor.role != "admin")
    throw Forbidden("voorstel #" + std::to_string(id) + " wijzigt beschermde regels (" + protected_rules.dump() +
                    "): goedkeuren kan alleen iemand met de rol beheerder (admin), en niet de indiener");
  const std::string active_from = (from ? *from : Date::today()).str();
  db::Transaction tx(ctx.db);
  require_same_head(ctx, p->ruleset, p->base);
  if (!db::decide_proposal(ctx.db, id, "approved", actor.name, actor.via_api ? actor.role : "cli", active_from, ""))
    throw Conflict("proposal #" + std::to_string(id) + " was decided meanwhile");
  db::insert_activation(ctx.db, p->ruleset, p->release, id, active_from);
  const auto r = release_or_throw(ctx, p->release);
  Approved out{id, p->ruleset, r.version, r.hash, active_from, {}};
  for (const auto& other : db::list_proposals(ctx.db, p->ruleset, "proposed")) {
    db::decide_proposal(ctx.db, other.id, "withdrawn", "passend", "system", std::nullopt,
                        "vervallen: voorstel #" + std::to_string(id) + " (versie " + r.version +
                            ") is goedgekeurd; dit voorstel ging uit van een versie die niet meer actief is");
    out.withdrawn.push_back(other.id);
  }
  record_event(ctx, audit_actor(actor, {r.ruleset, r.version, r.hash}), "ruleset_approve", "",
               {{"proposal", id}, {"ruleset", p->ruleset}, {"version", r.version}, {"hash", r.hash},
                {"active_from", active_from}, {"proposed_by", p->proposed_by}, {"protected_changes", protected_rules},
                {"withdrawn", out.withdrawn}});
  tx.commit();
  return out;
}

void withdraw_proposal(Context& ctx, std::int64_t id, const std::string& note, const RuleSetActor& actor) {
  const auto p = db::read_proposal(ctx.db, id);
  if (!p) throw InvalidInput("--proposal", "", "no proposal #" + std::to_string(id));
  require_scope(ctx, actor, p->ruleset);
  if (!note.empty()) check_stored_text(note, "--comment");
  db::Transaction tx(ctx.db);
  if (!db::decide_proposal(ctx.db, id, "withdrawn", actor.name, actor.via_api ? actor.role : "cli", std::nullopt, note))
    throw Conflict("proposal #" + std::to_string(id) + " is " + p->status + " already");
  const auto r = release_or_throw(ctx, p->release);
  record_event(ctx, audit_actor(actor, {r.ruleset, r.version, r.hash}), "ruleset_withdraw", "",
               {{"proposal", id}, {"ruleset", p->ruleset}, {"version", r.version}, {"note", note}});
  tx.commit();
}

// ---- assignments ----

std::string assign_rule_set(Context& ctx, const std::string& ruleset, const std::string& scope, const RuleSetActor& actor) {
  require_ruleset(ctx, ruleset, "--ruleset");
  std::string what;
  if (scope == db::kDefaultScope) {
    what = "the default";
    if (actor.scope.scoped()) throw OutOfScope("de standaardregelset kiezen kan alleen een token zonder scope");
  } else if (const Region* r = ctx.regions.region(scope)) {
    what = "region " + r->code + " (" + r->name + ")";
    require_region(actor.scope, ctx.regions, r->code, "regio " + r->code + " (" + r->name + ")");
  } else if (const Network* n = ctx.regions.network(scope)) {
    what = "network " + n->code + " (" + n->name + ")";
    if (actor.scope.scoped() && !(actor.scope.kind == Scope::Kind::network && actor.scope.id == n->code))
      throw OutOfScope("netwerk " + n->code + " ligt buiten de scope van dit token: " + scope_dutch(actor.scope, ctx.regions));
  } else {
    throw InvalidInput("--region", "", "unknown region or network '" + scope + "'; expected JZnn, EXNnn or --default");
  }
  db::Transaction tx(ctx.db);
  db::set_assignment(ctx.db, scope, ruleset, actor.name);
  record_event(ctx, audit_actor(actor, {}), "ruleset_assign", "", {{"scope", scope}, {"ruleset", ruleset}});
  tx.commit();
  std::string line = "rule set " + ruleset + " assigned to " + what;
  if (!db::active_release(ctx.db, ruleset, Date::today().str()))
    line += "; it has no version in force today, so the network's or the default rule set answers until one is approved";
  return line;
}

}  // namespace passend::service
