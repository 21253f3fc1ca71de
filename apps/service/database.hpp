#pragma once
// `passend init`: a database as every other command expects it.
#include <string>

#include "providers/region_store.hpp"

namespace passend::service {

using InitSummary = db::InitSummary;

// Creates or migrates the database (mode 0600) and loads the bundled regions and vocabularies
// into it in one transaction; idempotent, and the registry stays untouched. Inconsistent
// bundled data is refused before anything is written.
InitSummary initialise_database(const std::string& path);

}  // namespace passend::service
