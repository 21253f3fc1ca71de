#pragma once
// JSON and files at the doors of passend: every document a user hands over (CASE.json,
// NETWORK.json, parameters, request bodies) is read through here, so that each limit holds for
// the CLI and the HTTP API alike: a regular file of bounded size, nesting of bounded depth, no
// duplicate keys, syntax errors as line:column, messages that never carry invalid UTF-8.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace passend {

// How large an input file may be. A national inkoopnetwerk is tens of megabytes; a case a few
// kilobytes; /dev/zero or a runaway export is not read at all.
inline constexpr std::size_t kMaxCaseFileBytes = std::size_t{1} << 20;        // 1 MiB
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{16} << 20;       // 16 MiB: parameters, tables, case lists
inline constexpr std::size_t kMaxNetworkFileBytes = std::size_t{512} << 20;   // 512 MiB: NETWORK.json, CSV
inline constexpr int kMaxJsonDepth = 32;

// The bytes of a regular file of at most `max_bytes`: a FIFO, a device or a folder is refused
// (InvalidInput naming the file), as is a larger file, before more than max_bytes are read.
std::string read_input_file(const std::string& path, std::size_t max_bytes);

// Throws InvalidInput (file, JSON pointer) for a value nested deeper than max_depth or a key
// that appears twice in one object. A cheap scan before parsing, so that a hostile document
// cannot make the recursive parser (or destructor) eat the stack. Does not check the syntax.
void check_json_structure(std::string_view text, const std::string& file, int max_depth = kMaxJsonDepth);

// check_json_structure, then parse. Syntax errors are InvalidInput with line:column.
nlohmann::json parse_json_text(const std::string& text, const std::string& file);
// read_input_file (kMaxDocumentBytes unless given), then parse_json_text.
nlohmann::json read_json_file(const std::string& path, std::size_t max_bytes = kMaxDocumentBytes);

// Text safe to put into a message: invalid UTF-8 and control characters become '?'.
std::string printable(std::string_view text);

}  // namespace passend
