#include "apps/common.hpp"

#include <pwd.h>
#include <unistd.h>


#include "apps/commands.hpp"
#include "apps/service/audit.hpp"
#include "core/errors.hpp"
#include "core/json_input.hpp"

namespace passend::cli {

Format resolve_format(const std::string& option, bool csv_allowed) {
  if (option.empty()) return stdout_is_terminal() ? Format::text : Format::json;
  if (option == "text") return Format::text;
  if (option == "json") return Format::json;
  if (option == "csv" && csv_allowed) return Format::csv;
  throw InvalidInput("--format", "", "unknown format '" + option + "'; expected " + (csv_allowed ? "text, csv or json" : "json or text"));
}

Date resolve_date(const std::string& option) {
  if (option.empty()) return Date::today();
  auto d = Date::parse(option);
  if (!d) throw InvalidInput("--date", "", "invalid date '" + option + "'; expected YYYY-MM-DD");
  return *d;
}

std::string current_user() {
  if (const passwd* pw = ::getpwuid(::getuid())) return pw->pw_name;
  return "uid:" + std::to_string(::getuid());
}

}  // namespace passend::cli

namespace passend::cli {

std::string actor_or_current_user(const std::string& actor) {
  if (actor.empty()) return current_user();
  service::check_stored_text(actor, "--actor");
  return actor;
}

}  // namespace passend::cli
