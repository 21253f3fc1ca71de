#include "providers/network_checks.hpp"

#include <algorithm>
#include <cctype>

#include "core/case_json.hpp"

namespace passend::network_checks {

namespace {
std::string quoted(const std::string& word) {
  std::string out(1, '\'');  // built by appending: GCC 12 warns falsely on "'" + std::string
  out += word;
  out += '\'';
  return out;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& terms) {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}

Problem unknown(const std::string& what, const std::string& word, const std::vector<std::string>& expected) {
  return "unknown " + what + " " + quoted(word) + "; expected one of " + join(expected);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

Problem id(const std::string& value, const std::string& kind) {
  bool ok = !value.empty() && value.size() <= 64 && std::all_of(value.begin(), value.end(), [](unsigned char c) {
              return std::isalnum(c) || c == '-' || c == '_' || c == '.';
            });
  if (ok) return std::nullopt;
  return "invalid " + kind + " id " + quoted(value) + ": use 1-64 letters, digits, '-', '_' or '.'";
}

Problem not_empty(const std::string& value) {
  if (value.find_first_not_of(" \t") != std::string::npos) return std::nullopt;
  return "must not be empty";
}

Problem no_personal_data(const std::string& text) {
  const auto kind = find_personal_data(text);
  if (!kind) return std::nullopt;
  return refusal_message(*kind) + "; the registry describes providers, never people";
}

Problem no_personal_data_but_contact(const std::string& text) {
  const auto kind = find_personal_data(text, {PersonalDataKind::phone, PersonalDataKind::email});
  if (!kind) return std::nullopt;
  return refusal_message(*kind) + "; a contact field holds a name or role and a phone number or e-mail address only";
}

Problem municipality(const std::string& code, const RegionGraph& regions) {
  if (regions.municipality(code)) return std::nullopt;
  return "unknown municipality " + quoted(code) + "; expected a CBS code such as GM0228";
}

Problem contract_region(const std::string& code, const RegionGraph& regions) {
  if (regions.region(code) || regions.network(code)) return std::nullopt;
  return "unknown region " + quoted(code) + "; expected a jeugdregio code such as JZ21 or a network code such as EXN03";
}

Problem override_region(const std::string& code, const RegionGraph& regions) {
  if (regions.region(code)) return std::nullopt;
  return "unknown region " + quoted(code) + "; expected a jeugdregio code such as JZ21";
}

Problem care_form(const std::string& word, const Vocabulary& v) {
  if (v.is_care_form(word)) return std::nullopt;
  return unknown("care form", word, ids_of(v.care_forms()));
}

Problem expertise(const std::string& word, const Vocabulary& v) {
  if (v.is_expertise(word)) return std::nullopt;
  return unknown("expertise", word, ids_of(v.expertise()));
}

Problem contraindication(const std::string& word, const Vocabulary& v) {
  if (v.is_flag(word)) return std::nullopt;
  return unknown("contraindication", word, ids_of(v.flags()));
}

Problem lot(const std::string& word, const Vocabulary& v) {
  if (v.is_lot(word)) return std::nullopt;
  return unknown("lot", word, v.lots());
}

Problem identity(const std::string& word, const Vocabulary& v) {
  if (v.is_identity(word)) return std::nullopt;
  return unknown("identity", word, v.identities());
}

Problem product_category(const std::string& code, const Vocabulary& v) {
  if (v.is_product_category(code)) return std::nullopt;
  return "unknown product category " + quoted(code) + "; expected an iJw JZ020 code: " + join(ids_of(v.product_categories()));
}

Problem status(const std::string& word) {
  const auto& list = statuses();
  if (std::find(list.begin(), list.end(), word) != list.end()) return std::nullopt;
  return unknown("status", word, list);
}

Problem date_text(const std::string& text) {
  if (Date::parse(text)) return std::nullopt;
  return "invalid date " + quoted(text) + "; expected YYYY-MM-DD";
}

Problem within(long long value, long long min, long long max) {
  if (value >= min && value <= max) return std::nullopt;
  if (min == 0 && value < 0) return "must not be negative, got " + std::to_string(value);
  return "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + std::to_string(value);
}

Problem date_order(Date from, Date until) {
  if (from <= until) return std::nullopt;
  return "until " + until.str() + " is before from " + from.str();
}

Problem age_order(int age_min, int age_max) {
  if (age_min <= age_max) return std::nullopt;
  return "age_max " + std::to_string(age_max) + " is below age_min " + std::to_string(age_min);
}

Problem free_within_places(int free, int places) {
  if (free <= places) return std::nullopt;
  return "free " + std::to_string(free) + " exceeds places " + std::to_string(places);
}

std::optional<std::string> FirstUse::claim(const std::string& key, std::string here) {
  auto [it, inserted] = first_.try_emplace(key, std::move(here));
  if (inserted) return std::nullopt;
  return it->second;
}

std::string duplicate(const std::string& what, const std::string& first) { return "duplicate " + what + "; first used " + first; }

std::optional<long long> parse_integer(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  long long value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -value : value;
}

std::optional<bool> parse_boolean(const std::string& text) {
  std::string lower;
  for (unsigned char c : text) lower += static_cast<char>(std::tolower(c));
  if (lower == "true" || lower == "yes" || lower == "ja" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "nee" || lower == "0") return false;
  return std::nullopt;
}

std::vector<std::string> sorted_unique(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;  // more than two edits away is a different word, not a typo
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace passend::network_checks
