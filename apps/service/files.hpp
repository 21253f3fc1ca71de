#pragma once
// Input files as the use cases read them: regular files of bounded size (core/json_input.hpp),
// so that a device, a pipe or a runaway export is refused before it is read.
#include <cstddef>
#include <string>

#include "core/json_input.hpp"

namespace passend::service {

// The whole file as bytes, at most max_bytes; InvalidInput naming the file when it cannot be
// read or is not such a file.
std::string read_file_bytes(const std::string& path, std::size_t max_bytes);

}  // namespace passend::service
