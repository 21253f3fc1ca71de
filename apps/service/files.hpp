#pragma once
// Input files as the use cases read them.
#include <string>

namespace passend::service {

// The whole file as bytes; InvalidInput naming the file when it cannot be read.
std::string read_file_bytes(const std::string& path);

}  // namespace passend::service
