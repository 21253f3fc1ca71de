#pragma once
// How the registry's rows store what the model holds (internal to providers/registry_*.cpp and
// providers/capacity.cpp): dates as text, word lists as JSON arrays, timestamps in UTC.
#include <string>
#include <vector>

#include "core/date.hpp"
#include "providers/sqlite.hpp"

namespace passend::db::stored {

std::string utc_now(Database& db);
// Dates are validated before they are stored; a bad one means a damaged database (throws).
Date date(const std::string& text);
// Word lists (vocabulary words) as JSON arrays; reading them is on the engine's hot path.
std::string words_to_json(const std::vector<std::string>& words);
std::vector<std::string> words_from_json(const std::string& text);

}  // namespace passend::db::stored
