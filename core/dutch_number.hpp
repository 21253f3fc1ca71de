#pragma once
// Numbers for people: as Dutch readers write them, with a decimal comma ("14,80"), for every
// text a RET member reads (the text advice, allocation texts); and rounded for JSON output.
#include <string>

namespace passend {

// `decimals` digits after the comma, rounded.
std::string dutch_number(double v, int decimals = 2);

// `v` rounded to `decimals` digits after the point, as the nearest double to that decimal, so
// that JSON shows 25.9 and not 25.900000000000002 (which rounding by multiplying with 0.1 gives).
double round_decimals(double v, int decimals);

}  // namespace passend
