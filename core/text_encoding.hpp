#pragma once
// Text at the doors of passend: everything stored and served is UTF-8. Input files from
// spreadsheets are often Windows-1252 (Excel's "CSV" on Windows); they are converted on the way in
// (with iconv), never stored as they came.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace passend {

// The byte offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF count as ill-formed); nothing when all is well.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);
inline bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text); }

// 1-based line and column (in bytes) of a byte offset, for messages.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

enum class TextEncoding { utf8, windows_1252 };
const char* encoding_name(TextEncoding e);  // "UTF-8", "Windows-1252"

// Whether every byte is a character in Windows-1252 (five bytes of 0x80-0x9F are undefined).
bool is_windows_1252(std::string_view text);
// Converts Windows-1252 to UTF-8 (iconv). Throws std::runtime_error when iconv cannot.
std::string windows_1252_to_utf8(std::string_view text);

}  // namespace passend
