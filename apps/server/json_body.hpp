#pragma once
// Request bodies: refused when nested too deeply before they are parsed (a cheap scan, so a
// hostile document cannot make the parser or the recursive destructor eat the stack), then
// parsed with errors as InvalidInput naming "request body".
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/json_pointer.hpp"

namespace passend::server {

inline constexpr int kMaxJsonDepth = 32;
inline constexpr const char* kBodyName = "request body";

// Throws InvalidInput with the JSON pointer of the first value nested deeper than max_depth.
// Does not validate the rest of the syntax; the parser does that.
void check_json_depth(std::string_view text, int max_depth = kMaxJsonDepth);

// check_json_depth, then parse. Throws InvalidInput (line:column for syntax errors).
nlohmann::json parse_body(const std::string& text);

}  // namespace passend::server
