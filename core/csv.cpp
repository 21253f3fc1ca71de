#include "core/csv.hpp"

#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace passend {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

CsvTable CsvTable::parse(std::string_view text, const std::string& file_name) {
  CsvTable table;
  table.file_ = file_name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark

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

CsvTable CsvTable::read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput(path, "", "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

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

}  // namespace passend
