#pragma once
// The validation rules of the inkoopnetwerk, shared by the NETWORK.json and the CSV readers so
// that both refuse the same things with the same words. Each check returns the message of
// what is wrong, or nothing; the reader adds where (JSON pointer or line:column).
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend::network_checks {

using Problem = std::optional<std::string>;

// Bounds that keep numbers plausible (a typo such as 1000 places is refused, not stored).
inline constexpr int max_age = 120;
inline constexpr int max_places = 100000;
inline constexpr int max_wait_weeks = 520;

inline const std::vector<std::string>& statuses() {
  static const std::vector<std::string> list = {"active", "suspended", "ended"};
  return list;
}

// kind names the id in the message: "provider", "location", "offering".
Problem id(const std::string& value, const std::string& kind);
Problem not_empty(const std::string& value);
// Text about a provider must not carry personal data (docs/domain.md, principle 12): its name
// holds none of the kinds of core/privacy.hpp (BSN-like numbers, dates, phone numbers, e-mail
// addresses, postcodes, street addresses); its urgent contact (the "rode knop") may hold a phone
// number and an e-mail address, which is what it is for, and nothing else.
Problem no_personal_data(const std::string& text);
Problem no_personal_data_but_contact(const std::string& text);
Problem municipality(const std::string& code, const RegionGraph& regions);
// A contract is for a jeugdregio (JZnn) or a whole expertise network (EXNnn).
Problem contract_region(const std::string& code, const RegionGraph& regions);
// A lot override is a region's own cut, so only a jeugdregio.
Problem override_region(const std::string& code, const RegionGraph& regions);
Problem care_form(const std::string& word, const Vocabulary& vocabulary);
Problem expertise(const std::string& word, const Vocabulary& vocabulary);
Problem contraindication(const std::string& word, const Vocabulary& vocabulary);
Problem lot(const std::string& word, const Vocabulary& vocabulary);
Problem identity(const std::string& word, const Vocabulary& vocabulary);
Problem product_category(const std::string& code, const Vocabulary& vocabulary);
Problem status(const std::string& word);
Problem date_text(const std::string& text);
// Integer bounds: "must not be negative" when min is 0 and the value is below it.
Problem within(long long value, long long min, long long max);

// Cross-field rules; the message belongs at the second field (until, age_max, free).
Problem date_order(Date from, Date until);
Problem age_order(int age_min, int age_max);
Problem free_within_places(int free, int places);

// Remembers where each key was first used, so a duplicate can name its first use.
class FirstUse {
 public:
  // Records `here` for a new key and returns nothing; for a key seen before, returns where it
  // was first used. `here` is how a message names the place ("at /providers/3", "on line 7").
  std::optional<std::string> claim(const std::string& key, std::string here);

 private:
  std::unordered_map<std::string, std::string> first_;
};
// "duplicate <what>; first used <first>"
std::string duplicate(const std::string& what, const std::string& first);

// Cell parsers for the CSV readers: nothing when the text is not a plain integer / boolean.
// Booleans accept true/false, yes/no, ja/nee and 1/0 (any case): spreadsheets write all of them.
std::optional<long long> parse_integer(const std::string& text);
std::optional<bool> parse_boolean(const std::string& text);

// Words as the model keeps them: sorted, without duplicates.
std::vector<std::string> sorted_unique(std::vector<std::string> words);
// Suggests the closest of the candidates for a mistyped word ("" when nothing is close).
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace passend::network_checks
