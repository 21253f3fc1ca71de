#include "core/privacy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace passend {

namespace {

// ---- tokens -----------------------------------------------------------------------------------
// The detectors see text as tokens (runs of digits, runs of letters, runs of spaces, single
// marks), so that "1234 AB", "06-12345678" and "4 maart 2011" are short patterns over tokens. Each
// detector looks at a bounded number of tokens from each start: linear in the length of the text,
// no backtracking.

struct Token {
  enum class Kind { number, word, space, mark };
  Kind kind;
  std::string_view text;
  char mark = 0;  // for marks: the ASCII character; Unicode dashes read as '-', other punctuation as '?'
};
using Tokens = std::vector<Token>;
using Kind = Token::Kind;

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
char lower(unsigned char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c); }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return lower(c); });
  return out;
}

// The length of the UTF-8 sequence that starts with `lead`; a stray continuation byte counts as one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

char32_t decode(std::string_view s) {
  const auto lead = static_cast<unsigned char>(s[0]);
  if (s.size() == 1) return lead;
  char32_t cp = lead & (0x3F >> (s.size() - 1));
  for (std::size_t i = 1; i < s.size(); ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

struct Class {
  Kind kind;
  char mark;
};

// Text pasted from word processors brings no-break spaces and typographic dashes: "1234\u00a0AB"
// and "06\u201312345678" are the same postcode and phone number as with plain ones.
Class classify(char32_t cp) {
  if (cp < 0x80) {
    const auto c = static_cast<unsigned char>(cp);
    if (is_digit(c)) return {Kind::number, 0};
    if (is_ascii_letter(c)) return {Kind::word, 0};
    if (c == ' ' || (c >= '\t' && c <= '\r')) return {Kind::space, 0};
    return {Kind::mark, static_cast<char>(c)};
  }
  if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) return {Kind::space, 0};
  if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) return {Kind::mark, '-'};
  if (cp == 0x2018 || cp == 0x2019) return {Kind::mark, '\''};
  if ((cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2016 && cp <= 0x206F)) return {Kind::mark, '?'};
  return {Kind::word, 0};  // letters of other scripts and accented letters (é, ë)
}

Tokens tokenize(std::string_view text) {
  Tokens out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = std::min(sequence_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const Class c = classify(decode(text.substr(i, len)));
    if (c.kind != Kind::mark && !out.empty() && out.back().kind == c.kind) {  // tokens are consecutive: extend
      out.back().text = std::string_view(out.back().text.data(), out.back().text.size() + len);
    } else {
      out.push_back({c.kind, text.substr(i, len), c.mark});
    }
    i += len;
  }
  return out;
}

// Token k of the given kind. Callers look back with k - 1 and k - 2: at the start of the text
// these wrap around to huge indices, which are out of range, so they read as "no such token".
bool is(const Tokens& t, std::size_t k, Kind kind) { return k < t.size() && t[k].kind == kind; }
bool is_mark(const Tokens& t, std::size_t k, char mark) { return is(t, k, Kind::mark) && t[k].mark == mark; }

// The value of a number token of at most four digits.
int value(const Token& t) {
  int v = 0;
  for (char c : t.text.substr(0, 4)) v = v * 10 + (c - '0');
  return v;
}

template <class Detector>
bool anywhere(const Tokens& t, Detector at) {
  for (std::size_t k = 0; k < t.size(); ++k)
    if (at(t, k)) return true;
  return false;
}

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// ---- e-mail addresses -------------------------------------------------------------------------

bool is_local_part_char(unsigned char c) {
  return is_digit(c) || is_ascii_letter(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}
bool is_domain_char(unsigned char c) { return is_digit(c) || is_ascii_letter(c) || c == '.' || c == '-'; }

// name@domain.tld. Each scan stops at the next '@', so all of them together read the text once.
bool email_at(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && is_local_part_char(static_cast<unsigned char>(text[begin - 1]))) --begin;
  std::size_t end = at + 1;
  while (end < text.size() && is_domain_char(static_cast<unsigned char>(text[end]))) ++end;
  std::string_view domain = text.substr(at + 1, end - at - 1);
  while (!domain.empty() && (domain.back() == '.' || domain.back() == '-')) domain.remove_suffix(1);  // "mail a@b.nl."
  const std::size_t dot = domain.rfind('.');
  if (begin == at || dot == std::string_view::npos || dot == 0) return false;
  const std::string_view tld = domain.substr(dot + 1);
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](unsigned char c) { return is_ascii_letter(c); });
}

bool has_email(std::string_view text) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1))
    if (email_at(text, at)) return true;
  return false;
}

// ---- full dates -------------------------------------------------------------------------------

// Years of people who are or were in youth care, and of the dates around them; a wider range
// would take product codes and amounts for dates.
bool is_year(const Tokens& t, std::size_t k) {
  return is(t, k, Kind::number) && t[k].text.size() == 4 && value(t[k]) >= 1900 && value(t[k]) <= 2099;
}
bool is_day(const Tokens& t, std::size_t k) {
  return is(t, k, Kind::number) && t[k].text.size() <= 2 && value(t[k]) >= 1 && value(t[k]) <= 31;
}
bool in_range(int v, int lo, int hi) { return v >= lo && v <= hi; }

// Day and month in either order: 4-3-2011 and the American 3/4/2011 are both full dates.
bool day_and_month(int a, int b) { return (in_range(a, 1, 31) && in_range(b, 1, 12)) || (in_range(a, 1, 12) && in_range(b, 1, 31)); }

// 2011-03-04, 4-3-2011, 04/03/2011, 4.3.2011, and 04-03-11 (a two-digit year only with two-digit
// day and month and '-' or '/': "4.3.11" is a section number).
bool numeric_date_at(const Tokens& t, std::size_t k) {
  if (!is(t, k, Kind::number) || !is(t, k + 1, Kind::mark) || !is(t, k + 2, Kind::number) ||
      !is_mark(t, k + 3, t[k + 1].mark) || !is(t, k + 4, Kind::number))
    return false;
  const char sep = t[k + 1].mark;
  if (sep != '-' && sep != '/' && sep != '.') return false;
  // Three parts of a longer dotted or dashed number (version 1.4.3.2011) are no date.
  if ((is_mark(t, k - 1, sep) && is(t, k - 2, Kind::number)) || (is_mark(t, k + 5, sep) && is(t, k + 6, Kind::number)))
    return false;
  const Token &a = t[k], &b = t[k + 2], &c = t[k + 4];
  if (a.text.size() == 4 && b.text.size() <= 2 && c.text.size() <= 2)
    return is_year(t, k) && in_range(value(b), 1, 12) && in_range(value(c), 1, 31);
  if (a.text.size() > 2 || b.text.size() > 2 || !day_and_month(value(a), value(b))) return false;
  if (c.text.size() == 4) return is_year(t, k + 4);
  return c.text.size() == 2 && a.text.size() == 2 && b.text.size() == 2 && sep != '.';
}

bool is_month(const Tokens& t, std::size_t k) {
  static const std::array<std::string_view, 34> months = {
      "januari", "january", "jan", "februari", "february", "feb", "maart", "march", "mrt", "mar", "april", "apr",
      "mei", "may", "juni", "june", "jun", "juli", "july", "jul", "augustus", "august", "aug", "september",
      "sept", "sep", "oktober", "october", "okt", "oct", "november", "nov", "december", "dec"};
  return is(t, k, Kind::word) && t[k].text.size() <= 9 && one_of(lower(t[k].text), months);
}

// After a day number: "4e", "1ste", "2de", "4th", "1st", "2nd", "3rd".
std::size_t skip_ordinal(const Tokens& t, std::size_t k) {
  static const std::array<std::string_view, 7> suffixes = {"e", "ste", "de", "th", "st", "nd", "rd"};
  return is(t, k, Kind::word) && t[k].text.size() <= 3 && one_of(lower(t[k].text), suffixes) ? k + 1 : k;
}

// What separates the parts of a written date: a space, a dash, or '.' or ',' with an optional
// space ("4 mrt. 2011", "March 4, 2011", "04-mrt-2011"). Returns k when nothing does.
std::size_t skip_date_separator(const Tokens& t, std::size_t k) {
  if (is(t, k, Kind::space) || is_mark(t, k, '-')) return k + 1;
  if (is_mark(t, k, '.') || is_mark(t, k, ',')) return is(t, k + 1, Kind::space) ? k + 2 : k + 1;
  return k;
}

// The year of a written date: 2011, or '11 with an apostrophe.
bool is_written_year(const Tokens& t, std::size_t k) {
  return is_year(t, k) || (is_mark(t, k, '\'') && is(t, k + 1, Kind::number) && t[k + 1].text.size() == 2);
}

// 4 maart 2011, 4e mrt. 2011, 04-mrt-2011, 4 mrt '11, March 4, 2011. Not "maart 2011" or
// "4 maart": a full date has a day, a month and a year.
bool written_date_at(const Tokens& t, std::size_t k) {
  if (is_day(t, k)) {
    const std::size_t month = skip_date_separator(t, skip_ordinal(t, k + 1));
    if (month == skip_ordinal(t, k + 1) || !is_month(t, month)) return false;
    const std::size_t year = skip_date_separator(t, month + 1);
    return year != month + 1 && is_written_year(t, year);
  }
  if (is_month(t, k)) {
    const std::size_t day = skip_date_separator(t, k + 1);
    if (day == k + 1 || !is_day(t, day)) return false;
    const std::size_t year = skip_date_separator(t, skip_ordinal(t, day + 1));
    return year != skip_ordinal(t, day + 1) && is_written_year(t, year);
  }
  return false;
}

// ---- phone numbers ----------------------------------------------------------------------------

// What may join the digit groups of a phone number: up to three spaces and marks ( ) - . / with
// at most one of - . / ("06 - 12345678", "(010) 123 45 67", "+31 (0)6 1234 5678"). Returns the
// index of the next group, or k when none follows.
std::size_t next_phone_group(const Tokens& t, std::size_t k) {
  std::size_t j = k;
  int separators = 0;
  for (; j < t.size() && j - k < 3; ++j) {
    if (is(t, j, Kind::space) || is_mark(t, j, '(') || is_mark(t, j, ')')) continue;
    if (!(is_mark(t, j, '-') || is_mark(t, j, '.') || is_mark(t, j, '/')) || ++separators > 1) break;
  }
  return j > k && is(t, j, Kind::number) ? j : k;
}

// True when the digit groups from number k add up to between lo and hi digits at a group's end.
bool group_digits_reach(const Tokens& t, std::size_t k, std::size_t lo, std::size_t hi) {
  std::size_t digits = 0;
  for (std::size_t j = k;;) {
    digits += t[j].text.size();
    if (digits >= lo && digits <= hi) return true;
    const std::size_t next = next_phone_group(t, j + 1);
    if (digits > hi || next == j + 1) return false;
    j = next;
  }
}

// +31 6 12345678 and other countries after a '+'; 0031 6 12345678; and Dutch numbers of ten
// digits after an area code of two to four digits: 06 (mobile), 010, 0318. Only 06 has two
// digits, so "08.30" and "09.00" stay times.
bool phone_at(const Tokens& t, std::size_t k) {
  if (!is(t, k, Kind::number)) return false;
  const std::string_view first = t[k].text;
  if (is_mark(t, k - 1, '+')) return group_digits_reach(t, k, 10, 15);
  if (first.size() >= 3 && first[0] == '0' && first[1] == '0' && first[2] != '0') return group_digits_reach(t, k, 11, 17);
  if (first.size() < 2 || first[0] != '0' || first[1] == '0') return false;
  if ((first.size() == 2 && first[1] != '6') || (first.size() > 4 && first.size() != 10)) return false;
  return group_digits_reach(t, k, 10, 10);
}

// ---- BSN-like numbers -------------------------------------------------------------------------

// The eleven-test (elfproef) of a BSN: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11.
bool passes_eleven_test(std::string_view nine) {
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (nine[i] - '0');
  sum -= nine[8] - '0';
  return sum % 11 == 0 && sum != 0;
}

bool same_joint(const Token& a, const Token& b) { return a.kind == b.kind && a.mark == b.mark; }

// Nine digits plain, or in groups of two to four digits joined by one kind of joint throughout:
// all single spaces, all dots or all dashes (1234.56.782, 123 456 782, 123-456-782).
bool bsn_at(const Tokens& t, std::size_t k) {
  if (!is(t, k, Kind::number)) return false;
  if (t[k].text.size() == 9) return passes_eleven_test(t[k].text);
  const bool joint = is(t, k + 1, Kind::space) || is_mark(t, k + 1, '.') || is_mark(t, k + 1, '-');
  if (!joint) return false;
  std::string digits;
  for (std::size_t j = k; is(t, j, Kind::number) && t[j].text.size() >= 2 && t[j].text.size() <= 4; j += 2) {
    digits += t[j].text;
    if (digits.size() >= 9) return digits.size() == 9 && passes_eleven_test(digits);
    if (j + 1 >= t.size() || !same_joint(t[j + 1], t[k + 1])) return false;
  }
  return false;
}

// ---- postcodes --------------------------------------------------------------------------------

// 1234 AB, 1234AB, 1234ab. With a space only capitals count: "in 2026 en 2027" and "sinds 2024
// op" are ordinary Dutch. Without one, lower-case units ("1000mg", "1500km") are no postcodes.
// SA, SD and SS are never used in Dutch postcodes.
bool postcode_at(const Tokens& t, std::size_t k) {
  if (!is(t, k, Kind::number) || t[k].text.size() != 4 || t[k].text[0] == '0' || is(t, k - 1, Kind::word)) return false;
  const bool spaced = is(t, k + 1, Kind::space);
  const std::size_t w = spaced ? k + 2 : k + 1;
  if (!is(t, w, Kind::word) || t[w].text.size() != 2 || is(t, w + 1, Kind::number)) return false;
  const auto a = static_cast<unsigned char>(t[w].text[0]), b = static_cast<unsigned char>(t[w].text[1]);
  if (!is_ascii_letter(a) || !is_ascii_letter(b)) return false;
  const std::string letters = lower(t[w].text);
  static const std::array<std::string_view, 3> never = {"sa", "sd", "ss"};
  static const std::array<std::string_view, 15> units = {"cl", "cm", "dl", "gb", "gr", "ha", "kb", "kg",
                                                         "km", "kw", "mb", "mg", "ml", "mm", "pk"};
  if (one_of(letters, never)) return false;
  if (spaced) return is_upper(a) && is_upper(b);
  return is_upper(a) || is_upper(b) || !one_of(letters, units);
}

// ---- street addresses -------------------------------------------------------------------------

bool is_capitalised(const Token& t) { return is_upper(static_cast<unsigned char>(t.text[0])); }

// A street name: a word that ends in a usual Dutch street suffix ("Kerkstraat", "Stationsweg",
// "Dorpsplein"), or the suffix as a capitalised word after another ("Grote Markt"). Suffixes that
// end many ordinary words (-ring, -pad, -baan, -veld) are left out, and so are words such as
// "onderweg".
bool is_street_name(const Tokens& t, std::size_t k) {
  static const std::array<std::string_view, 17> suffixes = {
      "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef",
      "steeg", "plantsoen", "boulevard", "hof", "markt", "park", "allee", "wal"};
  static const std::array<std::string_view, 4> ordinary = {"onderweg", "halverweg", "omweg", "uitweg"};
  const std::string word = lower(t[k].text);
  if (one_of(word, ordinary)) return false;
  for (std::string_view suffix : suffixes) {
    if (word.size() < suffix.size() || word.compare(word.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    if (word.size() >= suffix.size() + 2) return true;
    if (word.size() == suffix.size() && is_capitalised(t[k]) && is(t, k - 1, Kind::space) && is(t, k - 2, Kind::word) &&
        is_capitalised(t[k - 2]))
      return true;
  }
  return false;
}

// A number after a street name that counts something ("onderweg 3 weken", "de snelweg 20
// minuten") is no house number.
bool is_unit_word(const Token& t) {
  static const std::array<std::string_view, 28> units = {
      "jaar", "jaren", "jr", "maand", "maanden", "mnd", "week", "weken", "wk", "dag", "dagen", "nacht", "nachten", "uur",
      "uren", "u", "minuut", "minuten", "min", "kwartier", "keer", "x", "km", "kilometer", "meter", "m", "procent", "euro"};
  return one_of(lower(t.text), units);
}

// Kerkstraat 12, Stationsweg 4a, Dorpsplein 3, Kerkstraat 12-14.
bool street_address_at(const Tokens& t, std::size_t k) {
  if (!is(t, k, Kind::word) || !is(t, k + 1, Kind::space) || !is(t, k + 2, Kind::number)) return false;
  const std::string_view number = t[k + 2].text;
  if (number.size() > 4 || number[0] == '0' || !is_street_name(t, k)) return false;
  std::size_t after = k + 3;
  if (is(t, after, Kind::word)) {  // the letter of a house number: 4a
    const auto letter = static_cast<unsigned char>(t[after].text[0]);
    if (t[after].text.size() != 1 || !is_ascii_letter(letter) || lower(letter) == 'x') return false;
    ++after;
  }
  if (is(t, after, Kind::number)) return false;
  return !(is(t, after, Kind::space) && is(t, after + 1, Kind::word) && (is_unit_word(t[after + 1]) || is_month(t, after + 1)));
}

}  // namespace

std::optional<PersonalDataKind> find_personal_data(std::string_view text) { return find_personal_data(text, {}); }

std::optional<PersonalDataKind> find_personal_data(std::string_view text, std::initializer_list<PersonalDataKind> allowed) {
  const auto looked_for = [&](PersonalDataKind k) { return std::find(allowed.begin(), allowed.end(), k) == allowed.end(); };
  if (looked_for(PersonalDataKind::email) && has_email(text)) return PersonalDataKind::email;
  const Tokens t = tokenize(text);
  if (looked_for(PersonalDataKind::date) && (anywhere(t, numeric_date_at) || anywhere(t, written_date_at)))
    return PersonalDataKind::date;
  if (looked_for(PersonalDataKind::phone) && anywhere(t, phone_at)) return PersonalDataKind::phone;
  if (looked_for(PersonalDataKind::bsn) && anywhere(t, bsn_at)) return PersonalDataKind::bsn;
  if (looked_for(PersonalDataKind::postcode) && anywhere(t, postcode_at)) return PersonalDataKind::postcode;
  if (looked_for(PersonalDataKind::street_address) && anywhere(t, street_address_at)) return PersonalDataKind::street_address;
  return std::nullopt;
}

const char* describe(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::email: return "an e-mail address";
    case PersonalDataKind::date: return "a full date";
    case PersonalDataKind::phone: return "a phone number";
    case PersonalDataKind::bsn: return "a BSN-like number";
    case PersonalDataKind::postcode: return "a postcode";
    case PersonalDataKind::street_address: return "a street address";
  }
  return "personal data";
}

std::string refusal_message(PersonalDataKind kind) {
  return std::string("personal data is refused: the text holds ") + describe(kind);
}

bool looks_like_bsn(std::string_view text) { return anywhere(tokenize(text), bsn_at); }

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::vector<std::string> free_text_problems(std::string_view text) {
  std::vector<std::string> out;
  if (const std::size_t n = count_code_points(text); n > kMaxFreeTextLength)
    out.push_back("must be at most " + std::to_string(kMaxFreeTextLength) + " characters, got " + std::to_string(n));
  if (const auto kind = find_personal_data(text)) out.push_back(refusal_message(*kind));
  return out;
}

}  // namespace passend
