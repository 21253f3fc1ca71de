#pragma once
// Rule sets in the database (docs/rules.md, "Rule sets in the database"): every version's files,
// content-addressed (a file shared by many versions is stored once), the proposals that change
// the version in force (who, why, what changed, the dry run, who approved or withdrew it), the
// approvals that make a version active from a date on, and which rule set each region, network
// or the default uses. Nothing lives beside the database file.
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
  std::string kind;  // init | install | parameters | rollback
  std::int64_t release = 0;              // the version it would make active
  std::optional<std::int64_t> base;      // the version in force it was made on (none: a new rule set)
  std::string proposed_by, proposed_at, comment;
  std::string changes;            // JSON: what changes against the base
  std::string protected_changes;  // JSON list of the protected rules it switches off or changes
  std::string dry_run;            // JSON: the dry run's summary (advices, changed, ...)
  std::string status;             // proposed | approved | withdrawn
  std::optional<std::string> decided_by, decided_at, active_from, decision_note;
};

struct RuleSetActivation {
  std::int64_t id = 0;  // the order of the approvals
  std::string ruleset;
  std::int64_t release = 0;
  std::int64_t proposal = 0;
  std::string active_from;  // YYYY-MM-DD; kAlwaysActive for the version `passend init` installed
};

inline constexpr const char* kAlwaysActive = "0001-01-01";

// ---- versions and their files ----
// Stores the files (each once, by sha256) and the version row; in the caller's transaction.
std::int64_t insert_release(Database& db, const std::string& ruleset, const std::string& version, const std::string& hash,
                            const std::map<std::string, std::string>& files);
std::optional<RuleSetRelease> read_release(Database& db, std::int64_t id);
std::optional<RuleSetRelease> find_release(Database& db, const std::string& ruleset, const std::string& version);
std::vector<RuleSetRelease> list_releases(Database& db, const std::string& ruleset);  // oldest first
std::map<std::string, std::string> release_files(Database& db, std::int64_t release);
std::vector<std::string> ruleset_names(Database& db);

// ---- proposals ----
std::int64_t next_proposal_id(Database& db);
void insert_proposal(Database& db, RuleSetProposal& p);  // p.id as given; sets proposed_at
std::optional<RuleSetProposal> read_proposal(Database& db, std::int64_t id);
// Newest first; "" for every rule set or status.
std::vector<RuleSetProposal> list_proposals(Database& db, const std::string& ruleset, const std::string& status);
void decide_proposal(Database& db, std::int64_t id, const std::string& status, const std::string& by,
                     const std::optional<std::string>& active_from, const std::string& note);

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

}  // namespace passend::db
