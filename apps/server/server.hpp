#pragma once
// `passend serve`: the JSON API over the engine on cpp-httplib. Bearer tokens with roles, one
// error shape, an access log without case content, hot-swappable rule-set versions.
#include <memory>
#include <string>

#include "apps/server/host_pool.hpp"
#include "apps/server/server_state.hpp"

namespace passend::server {

class ApiServer {
 public:
  // Reads the database's regions, loads the rule set (the latest stored version, if any) into
  // config.workers hosts. Throws InvalidInput / RuleError like the CLI.
  ApiServer(ServerConfig config, HostFactory factory);
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
  // Startup notes for stderr (e.g. a stored rule-set version whose base changed).
  const std::string& warnings() const;
  const ServerState& state() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace passend::server
