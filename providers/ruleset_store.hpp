#pragma once
// Rule sets in the database (migration 10; docs/rules.md, "Rule sets in the database"):
//
//   ruleset_blob          file contents by sha256, each stored once however many versions hold it
//   ruleset_release       a version of a rule set: name, version, the hash its advices carry
//   ruleset_release_file  which file (relative path) of a version is which blob
//   ruleset_proposal      every change: a version to make active, on a base, with its dry run,
//                         proposed by one person and approved (or withdrawn) by another
//   ruleset_activation    approvals in order, each from a date on; append-only
//   ruleset_assignment    which rule set a region (JZnn), a network (EXNnn) or the default ('*') uses
//
// All SQL of rule sets lives here; the rules about them (four eyes, stale bases, what is
// protected) live in apps/service/ruleset_governance.cpp. Functions that write run in the
// caller's transaction.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "providers/sqlite.hpp"

namespace passend::db {

// A stored version of a rule set: its files and the hash its advices carry.
struct RuleSetRelease {
  std::int64_t id = 0;
  std::string ruleset;
  std::string version;
  std::string hash;  // "sha256:..." over the files (plugins/ruleset_files.hpp)
  std::string created_at;
};

struct RuleSetProposal {
  std::int64_t id = 0;
  std::string ruleset;
  std::string kind;                  // init | install | parameters | rollback | migrated
  std::int64_t release = 0;          // the version it makes active
  std::optional<std::int64_t> base;  // the version in force when it was made (none: a new rule set)
  std::string proposed_by, proposed_at, proposed_scope, comment;
  std::string changes;            // JSON list: what changes against the base
  std::string protected_changes;  // JSON list of the protected rules it switches off or changes
  std::string dry_run;            // JSON: the dry run's result (advices, changed, ...)
  std::string status;             // proposed | approved | withdrawn
  std::optional<std::string> decided_by, decided_at, decided_as, active_from, decision_note;
};

struct RuleSetActivation {
  std::int64_t id = 0;  // the order of the approvals
  std::string ruleset;
  std::int64_t release = 0;
  std::int64_t proposal = 0;
  std::string active_from;  // YYYY-MM-DD; kAlwaysActive for the version `passend init` installed
};

inline constexpr const char* kAlwaysActive = "0001-01-01";
inline constexpr const char* kDefaultScope = "*";

// ---- versions and their files ----
// Stores the files (each once, by sha256) and the version row. Returns its id.
std::int64_t insert_release(Database& db, const std::string& ruleset, const std::string& version, const std::string& hash,
                            const std::map<std::string, std::string>& files);
std::optional<RuleSetRelease> read_release(Database& db, std::int64_t id);
std::optional<RuleSetRelease> find_release(Database& db, const std::string& ruleset, const std::string& version);
std::optional<RuleSetRelease> find_release_by_hash(Database& db, const std::string& ruleset, const std::string& hash);
std::vector<RuleSetRelease> list_releases(Database& db, const std::string& ruleset);  // oldest first
std::map<std::string, std::string> release_files(Database& db, std::int64_t release);
std::vector<std::string> ruleset_names(Database& db);  // sorted

// ---- proposals ----
std::int64_t next_proposal_id(Database& db);
void insert_proposal(Database& db, RuleSetProposal& p);  // p.id as given; sets proposed_at
std::optional<RuleSetProposal> read_proposal(Database& db, std::int64_t id);
// Oldest first; "" for every rule set or status.
std::vector<RuleSetProposal> list_proposals(Database& db, const std::string& ruleset, const std::string& status);
// Decides a proposal that is still `proposed`; false when it was decided meanwhile.
bool decide_proposal(Database& db, std::int64_t id, const std::string& status, const std::string& by,
                     const std::string& as, const std::optional<std::string>& active_from, const std::string& note);

// ---- activations: approvals in order ----
void insert_activation(Database& db, const std::string& ruleset, std::int64_t release, std::int64_t proposal,
                       const std::string& active_from);
// The version in force on a date: that of the latest approval whose active_from is on or before it.
std::optional<std::int64_t> active_release(Database& db, const std::string& ruleset, const std::string& date);
// The latest approval, whatever its date: the base every new proposal must start from.
std::optional<RuleSetActivation> head_activation(Database& db, const std::string& ruleset);
std::vector<RuleSetActivation> list_activations(Database& db, const std::string& ruleset);  // in approval order

// ---- assignments: scope is a region (JZnn), a network (EXNnn) or "*" (the default) ----
void set_assignment(Database& db, const std::string& scope, const std::string& ruleset, const std::string& by);
std::map<std::string, std::string> read_assignments(Database& db);  // scope -> rule set

// The version that answers for a case of `region` (of `network`) on `date`: the region's own
// assignment, then its network's, then the default's, each only when its rule set has a version
// in force on that date. One statement: it runs for every query.
struct ResolvedRelease {
  RuleSetRelease release;
  std::string via;  // the assignment's scope that decided: the region, the network or "*"
};
std::optional<ResolvedRelease> resolve_release(Database& db, const std::string& region, const std::string& network,
                                               const std::string& date);

// ---- the parameter versions of migration 2 (v1), read once to move them into the tables above ----
struct LegacyRuleSetVersion {
  std::int64_t id = 0;
  std::string ruleset_name, base_version, version, hash, params, author, at, comment;
};
std::vector<LegacyRuleSetVersion> list_legacy_versions(Database& db);  // oldest first

}  // namespace passend::db
