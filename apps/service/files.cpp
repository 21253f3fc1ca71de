#include "apps/service/files.hpp"

namespace passend::service {

std::string read_file_bytes(const std::string& path, std::size_t max_bytes) { return read_input_file(path, max_bytes); }

}  // namespace passend::service
