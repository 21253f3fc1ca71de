#include "apps/server/json_body.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "core/case_json.hpp"
#include "core/errors.hpp"

namespace passend::server {

namespace {
// One open container while scanning: enough to name the path to the current value.
struct Frame {
  bool object = false;
  bool expect_key = false;  // in an object: the next string is a key
  std::size_t index = 0;    // in an array: the current element
  std::string key;          // in an object: the current member (raw, escapes kept)
};

std::string pointer_of(const std::vector<Frame>& frames) {
  std::string out;
  for (const auto& f : frames) out += "/" + (f.object ? pointer_token(f.key) : std::to_string(f.index));
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

void open_container(std::vector<Frame>& frames, bool object, int max_depth) {
  if (static_cast<int>(frames.size()) >= max_depth)
    throw InvalidInput(kBodyName, pointer_of(frames),
                       "nested deeper than " + std::to_string(max_depth) + " levels");
  frames.push_back({object, object, 0, {}});
}
}  // namespace

void check_json_depth(std::string_view text, int max_depth) {
  std::vector<Frame> frames;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t end = skip_string(text, i + 1);
      if (!frames.empty() && frames.back().object && frames.back().expect_key) {
        frames.back().key = std::string(text.substr(i + 1, end - i - 1));
        frames.back().expect_key = false;
      }
      i = end;
    } else if (c == '{' || c == '[') {
      open_container(frames, c == '{', max_depth);
    } else if ((c == '}' || c == ']') && !frames.empty()) {
      frames.pop_back();
    } else if (c == ',' && !frames.empty()) {
      if (frames.back().object) frames.back().expect_key = true;
      else ++frames.back().index;
    }
  }
}

nlohmann::json parse_body(const std::string& text) {
  check_json_depth(text);
  return parse_json_text(text, kBodyName);
}

}  // namespace passend::server
