#include "core/json_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <vector>

#include "core/errors.hpp"
#include "core/json_pointer.hpp"
#include "core/text_encoding.hpp"

namespace passend {

namespace {

std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes >> 10) + " KiB";
}

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// One open container while scanning: enough to name the path to the current value.
struct Frame {
  bool object = false;
  bool expect_key = false;       // in an object: the next string is a key
  std::size_t index = 0;         // in an array: the current element
  std::string key;               // in an object: the current member (raw, escapes kept)
  std::set<std::string> keys;    // in an object: the members seen
};

std::string pointer_of(const std::vector<Frame>& frames) {
  std::string out;
  for (const auto& f : frames) out += f.object ? child_pointer("", f.key) : "/" + std::to_string(f.index);
  return out;
}

// Skips a string starting after its opening quote; returns the index of the closing quote.
std::size_t skip_string(std::string_view text, std::size_t i) {
  for (; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '"') return i;
  }
  return text.size();
}

}  // namespace

std::string read_input_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO without a writer must not wait; it is refused below anyway.
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) throw InvalidInput(path, "", std::string("cannot open file: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw InvalidInput(path, "", std::string("cannot read file: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InvalidInput(path, "", "is a folder, not a file");
  if (!S_ISREG(st.st_mode)) throw InvalidInput(path, "", "is not a regular file (a device, pipe or socket is not read)");
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    throw InvalidInput(path, "", "the file is " + size_text(static_cast<std::size_t>(st.st_size)) +
                                     "; at most " + size_text(max_bytes) + " is read");
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (true) {
    if (done == out.size()) {
      if (out.size() >= max_bytes + 1) break;
      out.resize(std::min(max_bytes + 1, out.size() + 65536));  // the file may have grown
    }
    const ssize_t n = ::read(f.fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InvalidInput(path, "", std::string("cannot read file: ") + std::strerror(errno));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  if (done > max_bytes) throw InvalidInput(path, "", "the file is larger than " + size_text(max_bytes) + "; it is not read");
  return out;
}

void check_json_structure(std::string_view text, const std::string& file, int max_depth) {
  std::vector<Frame> frames;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t end = skip_string(text, i + 1);
      if (!frames.empty() && frames.back().object && frames.back().expect_key) {
        Frame& f = frames.back();
        f.key = std::string(text.substr(i + 1, end - i - 1));
        f.expect_key = false;
        if (!f.keys.insert(f.key).second)
          throw InvalidInput(file, pointer_of(frames), "the key '" + printable(f.key) + "' appears twice in one object");
      }
      i = end;
    } else if (c == '{' || c == '[') {
      if (static_cast<int>(frames.size()) >= max_depth)
        throw InvalidInput(file, pointer_of(frames), "nested deeper than " + std::to_string(max_depth) + " levels");
      frames.push_back({c == '{', c == '{', 0, {}, {}});
    } else if ((c == '}' || c == ']') && !frames.empty()) {
      frames.pop_back();
    } else if (c == ',' && !frames.empty()) {
      if (frames.back().object) frames.back().expect_key = true;
      else ++frames.back().index;
    }
  }
}

nlohmann::json parse_json_text(const std::string& text, const std::string& file) {
  check_json_structure(text, file);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann reports a byte offset; turn it into line:column for people.
    const TextPosition at = position_of(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    auto pos = what.find("syntax error");
    throw InvalidInput(file, std::to_string(at.line) + ":" + std::to_string(at.column),
                       "invalid JSON: " + printable(pos == std::string::npos ? what : what.substr(pos)));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond a double ("1e400") is not a parse_error but out_of_range (406); found by
    // fuzzing (tests/fuzz/regressions/case/number-overflow-*). It is invalid input too.
    std::string what = e.what();
    auto pos = what.find("] ");
    throw InvalidInput(file, "", "invalid JSON: " + printable(pos == std::string::npos ? what : what.substr(pos + 2)));
  }
}

nlohmann::json read_json_file(const std::string& path, std::size_t max_bytes) {
  return parse_json_text(read_input_file(path, max_bytes), path);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto bad = first_invalid_utf8(text);
    const std::size_t good = bad.value_or(text.size());
    for (std::size_t i = 0; i < good; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      out += (c < 0x20 || c == 0x7F) ? '?' : text[i];
    }
    if (!bad) break;
    out += '?';
    text.remove_prefix(good + 1);
  }
  return out;
}

}  // namespace passend
