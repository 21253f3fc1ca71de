#pragma once
// Reads and validates a CASE.json document (docs/formats.md): every problem is reported with its
// JSON pointer; unknown words, unknown municipalities and personal data are refused.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/date.hpp"
#include "core/json_input.hpp"
#include "core/model.hpp"
#include "core/privacy.hpp"  // looks_like_bsn and the free-text detector, which every case reader needs
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend {

// Throws InvalidInput listing every issue ("file: /pointer: message").
Case parse_case(const nlohmann::json& doc, const std::string& file, const Vocabulary& vocabulary,
                const RegionGraph& regions);

// Checks what depends on the reference date: a maatwerk approved after it is invalid (InvalidInput
// "file: /maatwerk/date: ..."). parse_case checks the document alone; whoever queries or
// allocates on a date calls this right after it.
void check_case_on(const Case& c, Date reference_date, const std::string& file);

// The youngest and oldest age of a case: youth care can run to 23.
inline constexpr int kMinCaseAge = 0;
inline constexpr int kMaxCaseAge = 23;


// Field names that hold personal data and are refused anywhere in an input document.
bool is_personal_data_field(const std::string& key);
// A case id as CASE.json allows it: 1-64 letters, digits, '-', '_' or '.', and no BSN. Every
// input that names a case by id alone (reservations) checks it the same way.
bool is_pseudonymous_case_id(const std::string& id);

}  // namespace passend
