#pragma once
// Stores the bundled regions and vocabularies in the database (passend init) and reads them
// back for queries, so a database is self-contained.
#include "core/regions.hpp"
#include "providers/sqlite.hpp"
#include "core/vocabulary.hpp"

namespace passend::db {

struct InitSummary {
  int municipalities = 0, regions = 0, networks = 0, borders = 0, vocabulary_terms = 0;
};

// Creates or migrates the database and loads regions and vocabularies in one transaction.
// Idempotent: running it twice leaves the same content. Keeps the registry untouched.
InitSummary initialise(const std::string& path, const RegionData& regions, const Vocabulary& vocabulary);

RegionData read_regions(Database& db);

}  // namespace passend::db
