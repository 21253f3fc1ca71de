#pragma once

#include <string>

// Where the tests find the source tree and the `passend` program. They are read at run time
// from `passend_test_paths.txt` beside the test executable (written by tests/CMakeLists.txt),
// not compiled in: an absolute path on the compiler's command line would make every test source
// differ between two clones, and ccache could not reuse a single one of them (docs/build.md).
namespace passend::test {

// The source tree's root, e.g. "/home/me/passend".
const std::string& source_dir();

// The `passend` program of this build; empty when this executable was built without it.
const std::string& passend_binary();

}  // namespace passend::test

// The names the tests have always used; they now expand to a std::string.
#define PASSEND_SOURCE_DIR (::passend::test::source_dir())
#define PASSEND_BINARY (::passend::test::passend_binary())
