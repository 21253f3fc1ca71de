#pragma once
// What every request handler shares: configuration, the bundled vocabulary, the region graph
// (read once at startup: regions change only with `passend init`), the database connections and
// the rule-set registry (hosts per version, picked by the case's region and reference date), and
// the inkoopnetwerk registry as one in-memory snapshot (apps/service/registry_cache.hpp).
#include <memory>
#include <string>

#include "apps/server/connection_pool.hpp"
#include "apps/service/registry_cache.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend::server {

struct ServerConfig {
  std::string db_path;
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string rules_dir;  // "" (the database's rule sets), or one folder for every region (--rules)
  int workers = 1;        // database connections, and hosts (Lua states) per rule-set version
  int threads = 8;        // HTTP connection threads (keep-alive connections each hold one)
  std::size_t max_body = 1 << 20;
  std::string web_dir;    // static pages; "" when there are none
  bool access_log = true;
};

struct ServerState {
  // Loads the bundled vocabulary and the database's regions, opens the connections, and makes
  // the registry (the rule sets load separately: ApiServer warms them).
  explicit ServerState(ServerConfig config);

  ServerConfig config;
  Vocabulary vocabulary;
  RegionGraph regions;
  std::unique_ptr<service::RuleSetRegistry> rulesets;  // its hosts refer to the vocabulary
  ConnectionPool connections;
  // The registry in memory, shared by every request and replaced when it changes; queries read
  // only this (and write their audit record).
  service::RegistryCache registry;
};

}  // namespace passend::server
