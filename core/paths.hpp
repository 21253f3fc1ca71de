#pragma once
// Finding the bundled data (regions, vocabularies) and the default rule set, wherever the
// program is started from: $PASSEND_DATA_DIR, next to the executable, an installed share/
// folder, or the source tree it was built from.
#include <string>

namespace passend {

// The folder holding vocabulary.json and the region CSVs. Throws when none is found.
std::string data_dir();
// The bundled default rule set (rules/default).
std::string default_rules_dir();
// The web pages `passend serve` shows (apps/web, with index.html); "" when there are none.
std::string web_dir();

}  // namespace passend
