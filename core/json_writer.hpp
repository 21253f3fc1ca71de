#pragma once
// A small streaming JSON writer: appends compact JSON to a std::string, byte for byte as
// nlohmann::json's dump() writes the same document (no spaces; strings escaped as dump() does:
// ", \ and the short escapes \b \f \n \r \t, other control characters as \u00xx, UTF-8 as is;
// doubles in the shortest form that reads back the same, "null" when not finite). For answers
// that are written once and never looked at as a tree (core/result_stream.hpp).
//
// The caller writes a well-formed document: keys only inside objects, one value after each key.
// Invalid UTF-8 in a string throws nlohmann::json::type_error (316), as dump() does.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passend {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // "name": inside an object; the next call writes its value.
  void key(std::string_view name);

  void string(std::string_view s);
  void integer(std::int64_t v);
  void unsigned_integer(std::uint64_t v);
  void real(double v);
  void boolean(bool v);
  void null();

  // key(name) and the value, for the common case.
  void field(std::string_view name, std::string_view s) { key(name), string(s); }
  void field(std::string_view name, const char* s) { key(name), string(s); }
  void field(std::string_view name, const std::string& s) { key(name), string(s); }
  void field_int(std::string_view name, std::int64_t v) { key(name), integer(v); }
  void field_bool(std::string_view name, bool v) { key(name), boolean(v); }
  void field_real(std::string_view name, double v) { key(name), real(v); }
  void field_null(std::string_view name) { key(name), null(); }

 private:
  void separate() {
    if (need_comma_) out_ += ',';
  }
  void open(char c) {
    separate();
    out_ += c;
    need_comma_ = false;
  }
  void close(char c) {
    out_ += c;
    need_comma_ = true;
  }
  void escaped(std::string_view s);

  std::string& out_;
  bool need_comma_ = false;  // a value was written at this level: the next one needs a comma
};

}  // namespace passend
