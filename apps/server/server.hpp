#pragma once
// `passend serve`: the JSON API over the engine on cpp-httplib. Bearer tokens with roles, one
// error shape, an access log without case content, the rule set of each case's region.
#include <memory>
#include <string>
#include <vector>

#include "apps/server/server_state.hpp"

namespace passend::server {

class ApiServer {
 public:
  // Reads the database's regions, opens config.workers connections and loads one host of every
  // rule-set version in force today (or the --rules folder). Throws InvalidInput / RuleError
  // like the CLI.
  explicit ApiServer(ServerConfig config);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket and returns the port (the chosen one when config.port is 0).
  // Throws std::runtime_error when the address cannot be bound.
  int bind();
  // Serves until stop() is called; requests in flight are finished first.
  void run();
  // Safe to call from another thread.
  void stop();

  // "http://127.0.0.1:8080" once bound.
  std::string address() const;
  // Startup notes for stderr (e.g. --rules: the stored rule sets do not answer).
  const std::string& warnings() const;
  // The rule-set versions loaded at start, for the startup line.
  const std::vector<RuleSetIdentity>& warm_rulesets() const;
  const ServerState& state() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace passend::server
