#include "tests/support/paths.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace passend::test {
namespace {

struct Paths {
  std::string source_dir;
  std::string passend_binary;
};

std::filesystem::path executable_dir() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("tests: cannot read /proc/self/exe: " + ec.message());
  return self.parent_path();
}

// Line 1: the source tree; line 2: the passend program (may be empty).
Paths read_paths() {
  const auto file = executable_dir() / "passend_test_paths.txt";
  std::ifstream in(file);
  Paths paths;
  if (!in || !std::getline(in, paths.source_dir) || paths.source_dir.empty())
    throw std::runtime_error("tests: " + file.string() +
                             " is missing or empty; it is written when CMake configures the build");
  std::getline(in, paths.passend_binary);
  return paths;
}

const Paths& paths() {
  static const Paths p = read_paths();
  return p;
}

}  // namespace

const std::string& source_dir() { return paths().source_dir; }

const std::string& passend_binary() {
  const std::string& binary = paths().passend_binary;
  if (binary.empty()) throw std::runtime_error("tests: this test executable was built without the passend program");
  return binary;
}

}  // namespace passend::test
