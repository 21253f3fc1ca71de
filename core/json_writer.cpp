#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/text_encoding.hpp"

namespace passend {

void JsonWriter::key(std::string_view name) {
  separate();
  escaped(name);
  out_ += ':';
  need_comma_ = false;
}

void JsonWriter::string(std::string_view s) {
  separate();
  escaped(s);
  need_comma_ = true;
}

void JsonWriter::escaped(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  bool checked = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (!checked && !is_valid_utf8(s)) {
        // What dump() does with it: type_error 316 naming the byte (dump() throws here).
        (void)nlohmann::json(std::string(s)).dump();
        throw std::invalid_argument("invalid UTF-8 in a JSON string");
      }
      checked = true;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    out_ += '\\';
    switch (c) {
      case '"': out_ += '"'; break;
      case '\\': out_ += '\\'; break;
      case '\b': out_ += 'b'; break;
      case '\f': out_ += 'f'; break;
      case '\n': out_ += 'n'; break;
      case '\r': out_ += 'r'; break;
      case '\t': out_ += 't'; break;
      default:
        out_ += "u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

void JsonWriter::integer(std::int64_t v) {
  separate();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out_.append(buffer, static_cast<std::size_t>(end - buffer));
  need_comma_ = true;
}

void JsonWriter::unsigned_integer(std::uint64_t v) {
  separate();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out_.append(buffer, static_cast<std::size_t>(end - buffer));
  need_comma_ = true;
}

void JsonWriter::real(double v) {
  separate();
  if (!std::isfinite(v)) {
    out_ += "null";
  } else {
    // The very conversion dump() uses (Grisu2, ".0" after a whole number), so that the bytes match.
    char buffer[64];
    const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, v);
    out_.append(buffer, static_cast<std::size_t>(end - buffer));
  }
  need_comma_ = true;
}

void JsonWriter::boolean(bool v) {
  separate();
  out_ += v ? "true" : "false";
  need_comma_ = true;
}

void JsonWriter::null() {
  separate();
  out_ += "null";
  need_comma_ = true;
}

}  // namespace passend
