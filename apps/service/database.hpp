#pragma once
// `passend init`: a database as every other command expects it; `passend backup`: a consistent
// copy of it while it is in use.
#include <string>
#include <vector>

#include "providers/backup.hpp"
#include "providers/region_store.hpp"

namespace passend::service {

struct InitSummary : db::InitSummary {
  std::vector<std::string> notes;  // what happened to the rule sets (ruleset_governance.hpp)
};

// Creates or migrates the database (mode 0600) and loads the bundled regions and vocabularies
// into it in one transaction; idempotent, and the registry stays untouched. Inconsistent
// bundled data is refused before anything is written. Then the bundled default rule set is
// installed as the active version of `default` (install_bundled_rules), once.
InitSummary initialise_database(const std::string& path);

using BackupSummary = db::BackupSummary;

// Copies an existing passend database into a new file `to` (never overwriting), consistent while
// other processes read and write it: every write committed before the copy began is in it.
// Restore by stopping passend and putting the copy in place of the database (docs/reliability.md).
BackupSummary backup_database(const std::string& path, const std::string& to);

}  // namespace passend::service
