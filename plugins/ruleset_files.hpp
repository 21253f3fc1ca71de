#pragma once
// The files of a rule set folder: read once, hashed for the rule set's identity, and split into
// ruleset.json, params.json, rules/*.lua, lib/*.lua and tests/*.json.
#include <map>
#include <string>
#include <vector>

namespace passend {

struct RuleSetFiles {
  std::string dir;                               // as given, without a trailing '/'
  std::map<std::string, std::string> contents;   // relative path ('/'-separated) -> bytes; sorted
  std::vector<std::string> rule_files;           // rules/<name>.lua, sorted
  std::map<std::string, std::string> libs;       // module name -> source of lib/<name>.lua
  std::vector<std::string> test_files;           // tests/*.json, sorted

  // "<dir>/<relative>", the way messages name a file.
  std::string display(const std::string& relative) const { return dir + "/" + relative; }
  const std::string* find(const std::string& relative) const;
};

// Reads the files a rule set is made of: ruleset.json, params.json, rules/*.lua, lib/*.lua and
// tests/*.json (names starting with '.' skipped), each a regular file of at most 1 MiB.
// InvalidInput when the folder or its ruleset.json is missing, or a file is not such a file.
RuleSetFiles read_rule_set_files(const std::string& dir);

// A rule set from its files held in memory (a stored version, an upload): `contents` maps the
// relative paths to their bytes; `display` names the set in messages, like a folder would.
// InvalidInput when a path is not one a rule set is made of, a file is larger than 1 MiB, or
// ruleset.json is missing. The hash of the result is the hash of the folder it came from.
RuleSetFiles rule_set_files_from(const std::string& display, std::map<std::string, std::string> contents);

// Whether a relative path is one a rule set is made of: ruleset.json, params.json, rules/*.lua,
// lib/<module>.lua or tests/*.json (no deeper folders, no names starting with '.').
bool is_rule_set_path(const std::string& relative);

// "sha256:<hex>" over all files sorted by relative path; each contributes
// path NUL size NUL content, so that no two different rule sets hash alike.
std::string rule_set_hash(const RuleSetFiles& files);

struct RuleSetHeader {
  std::string name, version, description;
  int api_version = 0;
  // Rules whose switching off or weakening needs an administrator's approval as well as the
  // four eyes (docs/rules.md, "Rule sets in the database"); checked against the rules by the host.
  std::vector<std::string> protected_rules;
};

// ruleset.json: {"name", "version", "description", "api_version", "protected"?}. Field problems are
// InvalidInput with pointers; an api_version outside the supported range is a RuleError.
RuleSetHeader read_ruleset_header(const RuleSetFiles& files, int api_min, int api_max);

}  // namespace passend
