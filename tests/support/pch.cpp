// Compiles nothing of its own: the target passend_test_pch (tests/CMakeLists.txt) exists to build
// the precompiled header that every test executable reuses.
