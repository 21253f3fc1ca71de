// libFuzzer entry point for the network_csv input (fuzz_inputs.hpp); run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  passend::fuzz::abort_on_broken_invariant(passend::fuzz::network_csv_input, {reinterpret_cast<const char*>(data), size});
  return 0;
}
