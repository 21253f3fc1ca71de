#include "providers/stored_forms.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace passend::db::stored {

std::string utc_now(Database& db) {
  auto st = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  st.step();
  return st.column_text(0);
}

Date date(const std::string& text) {
  auto d = Date::parse(text);
  if (!d) throw std::runtime_error("registry: malformed date '" + text + "' in the database");
  return *d;
}

// Word lists are stored as JSON arrays of vocabulary words (validated on import, so plain words
// without escapes); reading them is on the engine's hot path, so it avoids a JSON parser.
std::string words_to_json(const std::vector<std::string>& words) {
  std::string out = "[";
  for (const auto& w : words) {
    if (w.find_first_of("\"\\") != std::string::npos || std::any_of(w.begin(), w.end(), [](unsigned char c) { return c < 0x20; }))
      return nlohmann::json(words).dump();  // not a plain word: let the JSON library escape it
    if (out.size() > 1) out += ',';
    out += '"';
    out += w;
    out += '"';
  }
  return out + "]";
}

std::vector<std::string> words_from_json(const std::string& text) {
  if (text.find('\\') != std::string::npos) return nlohmann::json::parse(text).get<std::vector<std::string>>();
  std::vector<std::string> out;
  for (std::size_t open = text.find('"'); open != std::string::npos; open = text.find('"', open)) {
    const std::size_t close = text.find('"', open + 1);
    if (close == std::string::npos) break;
    out.emplace_back(text, open + 1, close - open - 1);
    open = close + 1;
  }
  return out;
}

}  // namespace passend::db::stored
