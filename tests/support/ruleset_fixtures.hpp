#pragma once
// What the rule-governance tests share: the bundled default's version, a second rule set made
// from it (another name and version, a parameter that changes advice), demo cases, and the
// JSON the commands print.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"

namespace passend::testing {

inline nlohmann::json bundled_manifest() {
  return nlohmann::json::parse(read_text((PASSEND_SOURCE_DIR + "/rules/default/ruleset.json")));
}
inline std::string bundled_version() { return bundled_manifest()["version"]; }

inline const char* kDemoDate = "2026-11-26";

inline std::string demo_case_path(const std::string& name) {
  return (PASSEND_SOURCE_DIR + "/data/demo/cases/") + name;
}

// A demo case moved to another municipality (and so region), written next to the test's files.
inline std::string moved_case(const TempDir& dir, const std::string& name, const std::string& municipality,
                              const std::string& id) {
  auto c = nlohmann::json::parse(read_text(demo_case_path(name)));
  c["municipality"] = municipality;
  c["id"] = id;
  if (c.contains("preferences")) c["preferences"].erase("near_municipalities");
  const std::string path = dir.file(id + ".json");
  write_text(path, c.dump(2));
  return path;
}

// A copy of the bundled default as rule set `name` `version`, with `params` merged into its
// params.json (objects key by key), without its scenario tables unless asked (a parameter that
// changes advice would fail them).
inline std::string rule_set_copy(const TempDir& dir, const std::string& name, const std::string& version,
                                 const nlohmann::json& params, bool with_tests = false) {
  namespace fs = std::filesystem;
  const fs::path to = dir.path() / ("rules-" + name + "-" + version);
  fs::copy((PASSEND_SOURCE_DIR + "/rules/default"), to, fs::copy_options::recursive);
  if (!with_tests) fs::remove_all(to / "tests");
  auto manifest = bundled_manifest();
  manifest["name"] = name;
  manifest["version"] = version;
  write_text(to / "ruleset.json", manifest.dump(2) + "\n");
  auto doc = nlohmann::json::parse(read_text(to / "params.json"));
  doc.merge_patch(params);
  write_text(to / "params.json", doc.dump(2) + "\n");
  return to.string();
}

// Food Valley keeps to its own region: region_boundary.max_tier = region.
inline nlohmann::json strict_params() { return {{"rules", {{"region_boundary", {{"max_tier", "region"}}}}}}; }

inline nlohmann::json json_out(const CliResult& r) {
  if (r.exit_code != 0) throw std::runtime_error("passend failed (" + std::to_string(r.exit_code) + "): " + r.err);
  return nlohmann::json::parse(r.out);
}

// The proposal id a governance command printed with --format json.
inline std::string proposal_of(const CliResult& r) { return json_out(r)["proposal"].get<std::string>(); }

}  // namespace passend::testing
