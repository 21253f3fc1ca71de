#include "core/errors.hpp"

#include <cctype>

namespace passend {

namespace {
bool looks_like_line_column(const std::string& where) {
  return !where.empty() && std::isdigit(static_cast<unsigned char>(where.front()));
}

std::string join_issues(const std::vector<InputIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += '\n';
    out += issue.format();
  }
  return out;
}
}  // namespace

std::string InputIssue::format() const {
  std::string out = file;
  if (where.empty()) return out + ": " + message;
  if (looks_like_line_column(where)) return out + ":" + where + ": " + message;
  return out + ": " + where + ": " + message;
}

InvalidInput::InvalidInput(std::vector<InputIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

InvalidInput::InvalidInput(std::string file, std::string where, std::string message)
    : InvalidInput(std::vector<InputIssue>{{std::move(file), std::move(where), std::move(message)}}) {}

void IssueList::add(std::string where, std::string message) {
  issues_.push_back({file_, std::move(where), std::move(message)});
}

void IssueList::throw_if_any() const {
  if (!issues_.empty()) throw InvalidInput(issues_);
}

}  // namespace passend
