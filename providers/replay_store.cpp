#include "providers/replay_store.hpp"

namespace passend::db {

void keep_replay_case(Database& db, std::int64_t audit_id, const std::string& document) {
  auto insert = db.cached(
      "INSERT OR REPLACE INTO replay_case (audit_id, kept_at, document) "
      "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)");
  insert.bind(1, audit_id).bind(2, document);
  insert.run();
  auto prune = db.cached(
      "DELETE FROM replay_case WHERE kept_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?) OR audit_id <= "
      "(SELECT audit_id FROM replay_case ORDER BY audit_id DESC LIMIT 1 OFFSET ?)");
  prune.bind(1, kKeptReplayAge).bind(2, kKeptReplayDocuments);
  prune.run();
}

std::optional<std::string> replay_case_document(Database& db, std::int64_t audit_id) {
  auto st = db.prepare("SELECT document FROM replay_case WHERE audit_id = ?");
  st.bind(1, audit_id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

}  // namespace passend::db
