#include "core/text_encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

namespace passend {

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = b[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;         // no overlong forms
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;         // no surrogates
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;         // not past U+10FFFF
    else return i;
    if (i + len > n || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (b[i + k] < 0x80 || b[i + k] > 0xBF) return i;
    i += len;
  }
  return std::nullopt;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

const char* encoding_name(TextEncoding e) { return e == TextEncoding::utf8 ? "UTF-8" : "Windows-1252"; }

bool is_windows_1252(std::string_view text) {
  for (unsigned char c : text)
    if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) return false;
  return true;
}

std::string windows_1252_to_utf8(std::string_view text) {
  iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv cannot convert from Windows-1252");
  struct Close {
    iconv_t cd;
    ~Close() { iconv_close(cd); }
  } close{cd};
  std::string out(text.size() * 3 + 4, '\0');  // at most three UTF-8 bytes per Windows-1252 byte
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  if (iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1))
    throw std::runtime_error(std::string("iconv: Windows-1252 to UTF-8 failed (") + (errno == EILSEQ ? "invalid byte" : "error") + ")");
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace passend
