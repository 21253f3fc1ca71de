#include "apps/service/files.hpp"

#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace passend::service {

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput(path, "", "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace passend::service
