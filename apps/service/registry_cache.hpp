#pragma once
// The server's registry in memory (docs/architecture.md, "Registry snapshot"): one immutable
// snapshot of the whole registry, shared by every worker and replaced as a whole when the
// registry's change counter moves: after an import, a capacity update or a reservation, made
// through this server or by any other process on the same database.
//
// A query asks current(): one read of the counter (a single row), and the snapshot it already
// holds when that still matches. Otherwise one request reads the whole registry in one read
// transaction (so never half an import) while the others that need the new version wait for it;
// a query that holds the old snapshot keeps it alive until it is done. Writers are never
// blocked: SQLite's WAL lets them commit while a snapshot is being read.
#include <cstdint>
#include <memory>
#include <mutex>

#include "core/registry_snapshot.hpp"
#include "providers/sqlite.hpp"

namespace passend::service {

class RegistryCache {
 public:
  // The snapshot that matches the registry in `db` now.
  std::shared_ptr<const RegistrySnapshot> current(db::Database& db);
  // The snapshot held now, without asking the database; nullptr before the first read.
  std::shared_ptr<const RegistrySnapshot> held() const;
  // How many times the whole registry was read (for tests and the server's log).
  std::int64_t reads() const;

 private:
  std::shared_ptr<const RegistrySnapshot> reread(db::Database& db, std::int64_t version);

  mutable std::mutex pointer_;  // held only to copy or replace `snapshot_`
  std::mutex reading_;          // one whole read at a time
  std::shared_ptr<const RegistrySnapshot> snapshot_;
  std::int64_t reads_ = 0;      // guarded by pointer_
};

}  // namespace passend::service
