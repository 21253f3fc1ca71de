#include "core/date.hpp"

#include <chrono>
#include <cstdio>

namespace passend {

namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto ys = text.substr(0, 4), ms = text.substr(5, 2), ds = text.substr(8, 2);
  if (!all_digits(ys) || !all_digits(ms) || !all_digits(ds)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{to_int(ys)}, std::chrono::month{unsigned(to_int(ms))},
                                  std::chrono::day{unsigned(to_int(ds))}};
  if (!ymd.ok()) return std::nullopt;
  return Date(static_cast<int>(std::chrono::sys_days(ymd).time_since_epoch().count()));
}

Date Date::today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date(static_cast<int>(now.time_since_epoch().count()));
}

std::string Date::str() const {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

}  // namespace passend
