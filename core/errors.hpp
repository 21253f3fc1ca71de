#pragma once
// The error types that cross module boundaries, and the exit codes (docs/formats.md).
// Exceptions mean "cannot continue"; expected outcomes (no match, warnings) are values.
#include <stdexcept>
#include <string>
#include <vector>

namespace passend {

enum class ExitCode : int {
  ok = 0,
  other = 1,
  invalid_input = 2,
  rule_failed = 3,
  conflict = 4,
};

// One problem found in an input document: where (file, JSON pointer or line:column) and what.
struct InputIssue {
  std::string file;
  std::string where;  // JSON pointer ("/need/care_forms/0") or "line:column"
  std::string message;

  // "file: /pointer: message" (JSON) or "file:line:column: message" (CSV).
  std::string format() const;
};

// Invalid input or usage: exit 2. Carries every problem found, not only the first.
class InvalidInput : public std::runtime_error {
 public:
  explicit InvalidInput(std::vector<InputIssue> issues);
  InvalidInput(std::string file, std::string where, std::string message);
  const std::vector<InputIssue>& issues() const noexcept { return issues_; }

 private:
  std::vector<InputIssue> issues_;
};

// A rule failed to load or evaluate (syntax, runtime, budget, memory): exit 3.
class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A conflict with the stored state, e.g. a place already taken: exit 4.
class Conflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Collects input issues while a document is validated, then throws them all at once.
class IssueList {
 public:
  explicit IssueList(std::string file) : file_(std::move(file)) {}
  void add(std::string where, std::string message);
  bool empty() const noexcept { return issues_.empty(); }
  std::size_t size() const noexcept { return issues_.size(); }
  const std::string& file() const noexcept { return file_; }
  // Throws InvalidInput when any issue was added.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<InputIssue> issues_;
};

}  // namespace passend
