#pragma once
// JSON pointers (RFC 6901) in messages about input: every "file: /pointer: problem" is built
// with these, so that a key holding '/' or '~' still points at the right field.
#include <string>
#include <string_view>

namespace passend {

// Escapes one reference token: '~' -> "~0", '/' -> "~1".
std::string pointer_token(std::string_view raw);

// The pointer of a member of the object at `parent` ("" is the document).
inline std::string child_pointer(const std::string& parent, std::string_view key) {
  return parent + "/" + pointer_token(key);
}

}  // namespace passend
