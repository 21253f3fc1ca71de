#include "core/dutch_number.hpp"

#include <cstdio>

namespace passend {

std::string dutch_number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  for (auto& ch : s)
    if (ch == '.') ch = ',';
  return s;
}

}  // namespace passend
