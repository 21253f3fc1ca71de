#pragma once
// Calendar dates (no time of day), as days since 1970-01-01, parsed strictly from YYYY-MM-DD.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace passend {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int days) { return Date(days); }
  // Strict ISO date: exactly YYYY-MM-DD and a real calendar day; nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);
  static Date today();  // UTC

  constexpr int days() const { return days_; }
  std::string str() const;
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  friend constexpr int operator-(Date a, Date b) { return a.days_ - b.days_; }
  constexpr Date plus_days(int n) const { return Date(days_ + n); }

 private:
  constexpr explicit Date(int days) : days_(days) {}
  int days_ = 0;
};

}  // namespace passend
