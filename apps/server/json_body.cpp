#include "apps/server/json_body.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "core/json_input.hpp"
#include "core/errors.hpp"

namespace passend::server {

void check_json_depth(std::string_view text, int max_depth) { check_json_structure(text, kBodyName, max_depth); }

nlohmann::json parse_body(const std::string& text) {
  check_json_depth(text);
  return parse_json_text(text, kBodyName);
}

}  // namespace passend::server
