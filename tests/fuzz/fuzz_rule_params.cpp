// libFuzzer entry point for the rule_params input (fuzz_inputs.hpp); run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  passend::fuzz::abort_on_broken_invariant(passend::fuzz::rule_params_input, {reinterpret_cast<const char*>(data), size});
  return 0;
}
