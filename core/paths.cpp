#include "core/paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

#ifndef PASSEND_SOURCE_DIR
#define PASSEND_SOURCE_DIR "."
#endif

namespace passend {

namespace fs = std::filesystem;

namespace {
fs::path executable_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path{} : exe.parent_path();
}

std::string first_existing(const std::vector<fs::path>& candidates, const char* marker, const char* what) {
  for (const auto& dir : candidates) {
    std::error_code ec;
    if (!dir.empty() && fs::exists(dir / marker, ec)) return fs::weakly_canonical(dir).string();
  }
  throw std::runtime_error(std::string("cannot find the bundled ") + what +
                           " (set PASSEND_DATA_DIR to the folder holding " + marker + ")");
}
}  // namespace

std::string data_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("PASSEND_DATA_DIR")) candidates.emplace_back(env);
  auto exe = executable_dir();
  candidates.push_back(exe / "../share/passend/data");
  candidates.push_back(fs::path(PASSEND_SOURCE_DIR) / "data");
  return first_existing(candidates, "vocabulary.json", "data");
}

std::string default_rules_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("PASSEND_DATA_DIR")) candidates.push_back(fs::path(env) / "../rules/default");
  auto exe = executable_dir();
  candidates.push_back(exe / "../share/passend/rules/default");
  candidates.push_back(fs::path(PASSEND_SOURCE_DIR) / "rules/default");
  return first_existing(candidates, "ruleset.json", "default rule set");
}

std::string web_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("PASSEND_DATA_DIR")) candidates.push_back(fs::path(env) / "../apps/web");
  candidates.push_back(executable_dir() / "../share/passend/web");
  candidates.push_back(fs::path(PASSEND_SOURCE_DIR) / "apps/web");
  try {
    return first_existing(candidates, "index.html", "web pages");
  } catch (const std::runtime_error&) {
    return "";  // the API works without the pages
  }
}

}  // namespace passend
