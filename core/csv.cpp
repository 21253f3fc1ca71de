#include "core/csv.hpp"


#include "core/errors.hpp"
#include "core/json_input.hpp"
#include "core/text_encoding.hpp"

namespace passend {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

namespace {
// The text of a CSV file as UTF-8: a byte-order mark means UTF-8; valid UTF-8 is UTF-8; anything
// else is Windows-1252 when every byte is one of its characters (and UTF-8 was not declared).
std::string decode_csv(std::string_view bytes, const std::string& file_name, std::optional<TextEncoding> declared,
                       TextEncoding& used) {
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) bytes.remove_prefix(3);
  used = TextEncoding::utf8;
  if (declared == TextEncoding::windows_1252 && !bom) {
    used = TextEncoding::windows_1252;
    return windows_1252_to_utf8(bytes);
  }
  const auto bad = first_invalid_utf8(bytes);
  if (!bad) return std::string(bytes);
  const TextPosition at = position_of(bytes, *bad);
  const std::string where = std::to_string(at.line) + ":" + std::to_string(at.column);
  if (bom || declared == TextEncoding::utf8 || !is_windows_1252(bytes))
    throw InvalidInput(file_name, where, "the file is neither UTF-8 nor Windows-1252 text (byte 0x" +
                                             [&] {
                                               static const char* hex = "0123456789ABCDEF";
                                               const auto c = static_cast<unsigned char>(bytes[*bad]);
                                               return std::string{hex[c >> 4], hex[c & 15]};
                                             }() +
                                             "); save it as \"CSV UTF-8\"");
  used = TextEncoding::windows_1252;
  return windows_1252_to_utf8(bytes);
}
}  // namespace

CsvTable CsvTable::parse(std::string_view bytes, const std::string& file_name, std::optional<TextEncoding> declared) {
  CsvTable table;
  table.file_ = file_name;
  const std::string decoded = decode_csv(bytes, file_name, declared, table.encoding_);
  const std::string_view text = decoded;

  std::vector<CsvRow> all;
  CsvRow row;
  CsvField field;
  int line = 1;
  bool in_quotes = false, field_started = false, row_has_content = false;
  row.line = line;
  field.line = line;
  field.column = 1;

  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field = CsvField{};
    field.line = line;
    field.column = static_cast<int>(row.fields.size()) + 1;
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    bool blank = row.fields.size() == 1 && row.fields[0].value.empty() && !row_has_content;
    if (!blank) all.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
    field.line = line;
    field.column = 1;
    row_has_content = false;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.value += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.value += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field_started || field.value.empty()) {
          in_quotes = true;
          field_started = true;
          row_has_content = true;
        } else {
          field.value += c;
        }
        break;
      case ',':
        row_has_content = true;
        end_field();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: the LF ends the row
        end_row();  // a lone CR (old Mac files) ends a row too
        ++line;
        row.line = line;
        field.line = line;
        break;
      case '\n':
        end_row();
        ++line;
        row.line = line;
        field.line = line;
        break;
      default:
        field.value += c;
        field_started = true;
        row_has_content = true;
    }
  }
  if (in_quotes) throw InvalidInput(file_name, std::to_string(line) + ":1", "unterminated quoted field");
  if (field_started || !row.fields.empty() || !field.value.empty()) end_row();

  if (all.empty()) throw InvalidInput(file_name, "1:1", "empty file: a header row is required");
  for (auto& f : all.front().fields) {
    auto name = std::string(trim(f.value));
    table.index_.emplace(name, static_cast<int>(table.header_.size()));
    table.header_.push_back(std::move(name));
  }
  for (std::size_t r = 1; r < all.size(); ++r) {
    for (auto& f : all[r].fields) f.value = std::string(trim(f.value));
    table.rows_.push_back(std::move(all[r]));
  }
  return table;
}

CsvTable CsvTable::read_file(const std::string& path) { return parse(read_input_file(path, kMaxNetworkFileBytes), path); }

int CsvTable::column(std::string_view name) const {
  auto it = index_.find(std::string(name));
  return it == index_.end() ? -1 : it->second;
}

const std::string& CsvTable::get(const CsvRow& row, std::string_view name) const {
  static const std::string empty;
  int c = column(name);
  if (c < 0 || c >= static_cast<int>(row.fields.size())) return empty;
  return row.fields[c].value;
}

std::vector<std::string> split_list(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto pos = text.find(sep, start);
    if (pos == std::string_view::npos) pos = text.size();
    auto part = trim(text.substr(start, pos - start));
    if (!part.empty()) out.emplace_back(part);
    start = pos + 1;
  }
  return out;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out + '\n';
}

}  // namespace passend
