#pragma once
// Small pieces every command shares: output format, reference date, the acting user.
#include <cstddef>
#include <string>

#include "apps/service/files.hpp"
#include "core/date.hpp"

namespace passend::cli {

enum class Format { text, json, csv };

// "" means the default: text on a terminal, json otherwise (docs/formats.md). Throws InvalidInput.
Format resolve_format(const std::string& option, bool csv_allowed = false);
// "" means today. Throws InvalidInput naming --date.
Date resolve_date(const std::string& option);
// Who is acting, for the audit trail: the OS user name.
std::string current_user();
// The --actor option, checked like every stored text (service::check_stored_text), or the OS
// user when it is empty.
std::string actor_or_current_user(const std::string& actor);
// The whole file as bytes, at most max_bytes (core/json_input.hpp); InvalidInput naming the file
// when it cannot be read or is not a regular file.
using service::read_file_bytes;

}  // namespace passend::cli
