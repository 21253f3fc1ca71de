#pragma once
// What every request handler shares: configuration, the bundled vocabulary, the region graph
// (read once at startup: regions change only with `passend init`), and the rule sets.
#include <string>

#include "core/regions.hpp"
#include "apps/server/rulesets.hpp"
#include "core/vocabulary.hpp"

namespace passend::server {

struct ServerConfig {
  std::string db_path;
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string rules_dir;  // the base rule set folder
  int workers = 1;        // rule hosts (Lua states) and database connections
  int threads = 8;        // HTTP connection threads (keep-alive connections each hold one)
  std::size_t max_body = 1 << 20;
  std::string web_dir;    // static pages; "" when there are none
  bool access_log = true;
};

struct ServerState {
  // Loads the bundled vocabulary and the database's regions; the rule sets start separately.
  ServerState(ServerConfig config, HostFactory factory);

  ServerConfig config;
  Vocabulary vocabulary;
  RegionGraph regions;
  RuleSets rulesets;  // declared last: its hosts refer to the vocabulary
};

}  // namespace passend::server
