#pragma once
// Starts the real `passend serve` on a free loopback port (--port 0; the address is read from
// its stderr) over a fresh database with the demo network and one token per role, and talks
// to it over real HTTP with httplib::Client.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/paths.hpp"

namespace passend::testing {

inline const std::vector<std::string>& api_roles() {
  static const std::vector<std::string> roles = {"member", "contract_manager", "coordinator", "admin"};
  return roles;
}

// A database with regions, the demo network and one token per role (labelled "<role>-user").
class ApiDatabase {
 public:
  ApiDatabase() : path_(dir_.file("passend.db")) {
    expect_ok(run_passend({"init", "--db", path_}));
    expect_ok(run_passend({"import", "--db", path_, std::string(PASSEND_SOURCE_DIR + "/data/demo/network.json")}));
    for (const auto& role : api_roles()) tokens_[role] = create_token(role, role + "-user");
  }
  const std::string& path() const { return path_; }
  const TempDir& dir() const { return dir_; }
  const std::string& token(const std::string& role) const { return tokens_.at(role); }
  std::string create_token(const std::string& role, const std::string& name) const {
    auto r = run_passend({"token", "create", "--db", path_, "--role", role, "--name", name});
    expect_ok(r);
    return r.out.substr(0, r.out.find('\n'));
  }

 private:
  static void expect_ok(const CliResult& r) {
    if (r.exit_code != 0) throw std::runtime_error("passend failed: " + r.err);
  }
  TempDir dir_;
  std::string path_;
  std::map<std::string, std::string> tokens_;
};

// One `passend serve` process; stopped with SIGTERM when destroyed.
class ApiServerProcess {
 public:
  explicit ApiServerProcess(const std::string& db, std::vector<std::string> extra = {},
                            std::vector<std::pair<std::string, std::string>> env = {})
      : log_path_(io_.file("stderr")) {
    std::vector<std::string> args = {"serve", "--db", db, "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) exec_server(args, env, parent);
    port_ = wait_for_port();
  }
  ~ApiServerProcess() { stop(); }
  ApiServerProcess(const ApiServerProcess&) = delete;
  ApiServerProcess& operator=(const ApiServerProcess&) = delete;

  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c;
  }
  // Signals (SIGTERM by default) and waits; returns the exit code (-1 when already stopped).
  int stop(int sig = SIGTERM) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::string log() const { return read_text(log_path_); }

 private:
  [[noreturn]] void exec_server(const std::vector<std::string>& args,
                                const std::vector<std::pair<std::string, std::string>>& env, pid_t parent) {
    // If the test process dies without stopping the server (a crash, a sanitizer report with
    // halt_on_error), the server must die too: an orphan would keep CTest's output pipe open and
    // hang the whole run until the CTest timeout. Servers are started on the main thread.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) _exit(127);  // the parent died before prctl took effect
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    std::vector<std::string> copy = args;
    std::string binary = PASSEND_BINARY;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!std::freopen("/dev/null", "r", stdin) || !std::freopen(log_path_.c_str(), "w", stderr)) _exit(127);
    ::execv(argv[0], argv.data());
    _exit(127);
  }

  int wait_for_port() {
    // "listening on http://127.0.0.1:8080 (...)", or another address given with --bind.
    const std::string marker = "listening on http://";
    for (int i = 0; i < 600; ++i) {
      const std::string log = read_text(log_path_);
      if (auto at = log.find(marker); at != std::string::npos) {
        const auto end = log.find(' ', at + marker.size());
        if (end != std::string::npos) return std::stoi(log.substr(log.rfind(':', end) + 1));
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("passend serve exited while starting: " + log);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("passend serve did not report its address: " + read_text(log_path_));
  }

  TempDir io_;
  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

inline httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

inline nlohmann::json json_of(const httplib::Result& r) {
  if (!r) throw std::runtime_error("no HTTP response: " + httplib::to_string(r.error()));
  return nlohmann::json::parse(r->body);
}

// One database and one server for a whole test suite (tests that only read, or make changes
// independent of each other). Each suite derives with itself as Suite, so it gets its own pair.
template <typename Suite>
class SuiteApiServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new ApiDatabase();
    server_ = new ApiServerProcess(db_->path());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    server_ = nullptr;
    db_ = nullptr;
  }
  inline static ApiDatabase* db_ = nullptr;
  inline static ApiServerProcess* server_ = nullptr;
};

}  // namespace passend::testing
