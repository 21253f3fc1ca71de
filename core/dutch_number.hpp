#pragma once
// Numbers as Dutch readers write them: a decimal comma ("14,80"), for every text a RET member
// reads (the text advice, allocation texts).
#include <string>

namespace passend {

// `decimals` digits after the comma, rounded.
std::string dutch_number(double v, int decimals = 2);

}  // namespace passend
