#pragma once
// Stored rule-set versions: each parameter change by a contract manager is one row (the
// parameters, who, when, why, and the resulting version and hash), so every advice can be
// traced to the exact parameters it was given with.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "providers/sqlite.hpp"

namespace passend::db {

struct RuleSetVersion {
  std::int64_t id = 0;
  std::string ruleset_name;
  std::string base_version;  // the version of the rule set's own folder
  std::string version;       // base_version with a "+p<id>" suffix
  std::string hash;          // "sha256:..." over the materialised files
  std::string params;        // the params.json document
  std::string author;        // token label
  std::string at;            // UTC, ISO 8601
  std::string comment;
  std::string scope;  // the author's token scope, for the audit record only (not stored with the version)
};

// Oldest first.
std::vector<RuleSetVersion> list_versions(Database& db, const std::string& ruleset_name);
std::optional<RuleSetVersion> read_version(Database& db, std::int64_t id);
std::optional<RuleSetVersion> latest_version(Database& db, const std::string& ruleset_name);
std::int64_t next_version_id(Database& db);
// Inserts with v.id as given and sets v.at; in the caller's transaction.
void insert_version(Database& db, RuleSetVersion& v);

// "1.0.0" -> "1.0.0+p3"; "1.0.0+build" -> "1.0.0+build.p3" (semver allows one '+').
std::string versioned(const std::string& base_version, std::int64_t id);

}  // namespace passend::db
