#pragma once
// A small RFC 4180 CSV reader that remembers where each field came from (line, column),
// so that import errors can say "file:line:column: what is wrong". Files come from spreadsheets:
// UTF-8 with or without a byte-order mark, or Windows-1252 (Excel on Windows), which is detected
// and converted; lines end in LF, CRLF or a lone CR.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text_encoding.hpp"

namespace passend {

struct CsvField {
  std::string value;
  int line = 0;    // 1-based line where the field starts
  int column = 0;  // 1-based column (field index) in the row
};

struct CsvRow {
  std::vector<CsvField> fields;
  int line = 0;
};

class CsvTable {
 public:
  // Parses bytes; throws InvalidInput (with file, line and column) on unbalanced quotes, and on
  // bytes that are neither UTF-8 nor Windows-1252. Text that is not UTF-8 is read as
  // Windows-1252 (`encoding()` says so) unless `declared` says UTF-8.
  static CsvTable parse(std::string_view bytes, const std::string& file_name,
                        std::optional<TextEncoding> declared = std::nullopt);
  static CsvTable read_file(const std::string& path);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  // Index of a header column, or -1.
  int column(std::string_view name) const;
  // The value of a named column in a row ("" when the row is short).
  const std::string& get(const CsvRow& row, std::string_view name) const;
  const std::string& file() const { return file_; }
  // How the bytes were read.
  TextEncoding encoding() const { return encoding_; }

 private:
  std::string file_;
  TextEncoding encoding_ = TextEncoding::utf8;
  std::vector<std::string> header_;
  std::unordered_map<std::string, int> index_;
  std::vector<CsvRow> rows_;
};

// One CSV record for writing (RFC 4180): fields joined by commas, a field with a comma, quote
// or line break quoted (quotes doubled), ended by a line feed.
std::string csv_record(const std::vector<std::string>& fields);

// Splits "a;b;c" into its non-empty, trimmed parts.
std::vector<std::string> split_list(std::string_view text, char sep = ';');

}  // namespace passend
