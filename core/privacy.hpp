#pragma once
// Personal data in free text: one detector for every input that holds text a person typed
// (maatwerk reasons, notes, comments, token labels). It recognises what has a recognisable form
// — BSN-like numbers, postcodes, phone numbers, e-mail addresses, full dates, street addresses —
// and never names: a name looks like any other word, so the web pages warn instead.
// Messages built from it name the kind of data, never the text (it would end up in logs).
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passend {

enum class PersonalDataKind { email, date, phone, bsn, postcode, street_address };

// The kind of personal data `text` (UTF-8) holds, or nullopt. When it holds several, the first
// of the order of PersonalDataKind is named: e-mail address, full date, phone number, BSN-like
// number, postcode, street address. Linear in the length of the text.
std::optional<PersonalDataKind> find_personal_data(std::string_view text);
// The same, not looking for the kinds `allowed` (a provider's contact field holds a phone number
// or an e-mail address by design: that is what it is for).
std::optional<PersonalDataKind> find_personal_data(std::string_view text, std::initializer_list<PersonalDataKind> allowed);

// The kind in English for messages: "a BSN-like number", "a postcode", "a phone number",
// "an e-mail address", "a full date", "a street address".
const char* describe(PersonalDataKind kind);

// "personal data is refused: the text holds a postcode": the refusal of text that holds `kind`.
std::string refusal_message(PersonalDataKind kind);

// True when `text` holds a 9-digit number that passes the BSN eleven-test (elfproef): written
// plain (123456782), or in groups of two to four digits joined by single dots, spaces or dashes
// (1234.56.782, 123 456 782, 123-456-782), also between other words and numbers.
bool looks_like_bsn(std::string_view text);

// Free text is at most this many characters (Unicode code points, not bytes).
inline constexpr std::size_t kMaxFreeTextLength = 500;

// The number of code points of UTF-8 text.
std::size_t count_code_points(std::string_view utf8);

// Why free text may not be kept: too long, and/or personal data of a kind; empty when it may.
// For example "must be at most 500 characters, got 612" and "personal data is refused: the
// text holds a postcode". The messages never repeat the text.
std::vector<std::string> free_text_problems(std::string_view text);

}  // namespace passend
