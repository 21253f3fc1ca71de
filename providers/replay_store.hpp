#pragma once
// Case documents kept for rule-tuning dry runs (table replay_case; docs/web.md, "Privacy"). The
// audit record of a query holds only the hash of its case document; replaying the query with
// edited rule parameters needs the document itself, so the server keeps a copy of each query's
// pseudonymous document, pruned to the newest kKeptReplayDocuments and at most a year old.
// `passend purge` removes them with their audit records (providers/purge.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include "providers/sqlite.hpp"

namespace passend::db {

inline constexpr int kKeptReplayDocuments = 1000;
inline constexpr const char* kKeptReplayAge = "-365 days";  // an SQLite date modifier

// Keeps the document of the query recorded as `audit_id` and prunes the kept documents to the
// newest kKeptReplayDocuments, none older than kKeptReplayAge. In the caller's transaction:
// the query's audit record and its copy are written together.
void keep_replay_case(Database& db, std::int64_t audit_id, const std::string& document);

// The kept document of a query, if it is still kept.
std::optional<std::string> replay_case_document(Database& db, std::int64_t audit_id);

}  // namespace passend::db
