// passend serve: the HTTP API (docs/api.md) until SIGINT or SIGTERM.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "apps/commands.hpp"
#include "apps/server/server.hpp"
#include "core/paths.hpp"

namespace passend::cli {

namespace {
struct ServeOptions {
  std::string db, bind = "127.0.0.1", rules;
  int port = 8080, workers = 0, threads = 0;
  bool quiet = false;
};

server::ServerConfig make_config(const ServeOptions& o) {
  server::ServerConfig c;
  c.db_path = o.db;
  c.bind = o.bind;
  c.port = o.port;
  c.rules_dir = o.rules;  // "": the rule sets stored in the database, per region
  // One Lua state per core: evaluation is CPU-bound, more states would only queue on the cores.
  c.workers = o.workers > 0 ? o.workers : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // httplib keeps a thread per keep-alive connection, so connection threads outnumber the Lua
  // states: a client holding its connection open must not block the others.
  c.threads = o.threads > 0 ? o.threads : std::max(16, 4 * c.workers);
  c.web_dir = web_dir();
  c.access_log = !o.quiet;
  return c;
}

// Signals are blocked in every thread (the mask is inherited) and taken by one waiting thread,
// which stops the server outside of a signal handler.
// 127.0.0.0/8, ::1 and localhost are reachable from this machine only.
bool loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);  // sent to ourselves when the server ends on its own
  return set;
}

// glibc gives every thread that allocates its own malloc arena, and keeps what a thread freed for
// that thread. The server's HTTP threads each build a national query's facts and result in turn,
// so each arena grew to a query's peak: 820 MB resident with 8 connections on a 100,000-offering
// registry, against 235 MB with two arenas (docs/performance.md). Only the workers compute at
// once, one arena per worker (at least two) costs no waiting worth measuring.
void limit_malloc_arenas(int workers) { mallopt(M_ARENA_MAX, std::max(2, workers)); }

int run(const ServeOptions& o) {
  const sigset_t signals = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const server::ServerConfig config = make_config(o);
  limit_malloc_arenas(config.workers);  // before the first thread starts
  server::ApiServer api(config);
  const int port = api.bind();
  (void)port;
  if (!api.warnings().empty()) std::cerr << "passend: " << api.warnings();
  if (!loopback(o.bind))
    std::cerr << "passend: warning: --bind " << o.bind
              << " makes the API reachable from the network, in plain HTTP: tokens and case data would cross it "
                 "unencrypted. Put it behind a reverse proxy with TLS (docs/security.md) and firewall the port.\n";
  std::string rules;
  for (const auto& id : api.warm_rulesets()) rules += (rules.empty() ? "" : ", ") + id.name + " " + id.version + " " + id.hash;
  std::cerr << "passend: listening on " << api.address() << " (" << api.state().config.workers << " workers, rule set"
            << (api.warm_rulesets().size() == 1 ? " " : "s ") << rules << ")" << std::endl;
  std::atomic<bool> done{false};
  std::thread waiter([&api, &done, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    // A signal that came while starting up may arrive before the server runs; stop() is a
    // no-op then, so repeat it until run() has returned.
    while (!done) {
      api.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  api.run();
  done = true;
  pthread_kill(waiter.native_handle(), SIGUSR1);  // wakes the waiter when no signal came
  waiter.join();
  std::cerr << "passend: stopped" << std::endl;
  return 0;
}
}  // namespace

void add_serve_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("serve", "The HTTP API and web pages (docs/api.md): tokens and roles, audit, rule sets per region");
  auto o = std::make_shared<ServeOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--port", o->port, "TCP port (0: any free port; the address is printed on stderr)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", o->bind, "address to listen on (loopback by default; any other address gets a warning: put the API behind TLS)")->capture_default_str();
  cmd->add_option("--rules", o->rules,
                  "answer every region with this rule-set folder instead of the rule sets in the database (trying and testing)");
  cmd->add_option("--workers", o->workers, "database connections, and rule hosts (Lua states) per rule-set version (default: cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--threads", o->threads, "HTTP connection threads (default: max(16, 4 x workers))")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--quiet", o->quiet, "no access log on stderr");
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace passend::cli
