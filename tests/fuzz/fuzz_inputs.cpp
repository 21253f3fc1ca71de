#include "tests/fuzz/fuzz_inputs.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "core/case_json.hpp"
#include "core/csv.hpp"
#include "core/errors.hpp"
#include "plugins/lua_host.hpp"
#include "providers/network_csv.hpp"
#include "providers/network_json.hpp"
#include "core/regions.hpp"
#include "plugins/rule_params.hpp"
#include "core/vocabulary.hpp"
#include "tests/support/paths.hpp"

namespace passend::fuzz {

namespace {
// The bundled data of the source tree, loaded once per process: fuzzing runs millions of
// inputs, and the data is not what is being fuzzed.
std::string data_path() { return std::string(PASSEND_SOURCE_DIR + "/data"); }

const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(data_path());
  return v;
}

const RegionGraph& regions() {
  static const RegionGraph g(RegionData::load_bundled(data_path()));
  return g;
}

// The parameters the default rule set declares, as read_params checks them.
const std::map<std::string, std::vector<ParamDecl>>& declared_params() {
  static const auto declared = [] {
    std::map<std::string, std::vector<ParamDecl>> out;
    auto host = LuaRuleHost::load(std::string(PASSEND_SOURCE_DIR + "/rules/default"), vocabulary());
    for (const auto& rule : host->info().rules)
      for (const auto& p : rule.params) out[rule.name].push_back(p.decl);
    return out;
  }();
  return declared;
}

// Invalid JSON is refused like every other invalid input.
std::optional<nlohmann::json> json_of(std::string_view bytes, const std::string& file) {
  try {
    return parse_json_text(std::string(bytes), file);
  } catch (const InvalidInput&) {
    return std::nullopt;
  }
}

// A broken invariant is a finding: InvariantBroken, which the libFuzzer programs turn into an
// abort (abort_on_broken_invariant) and the regression test into a failure of that input.
void require(bool ok, const char* what) {
  if (!ok) throw InvariantBroken(what);
}

std::vector<std::string_view> split_tables(std::string_view bytes) {
  std::vector<std::string_view> parts;
  while (parts.size() < 2) {
    const auto at = bytes.find(kCsvSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(bytes.substr(0, at));
    bytes.remove_prefix(at + kCsvSeparator.size());
  }
  parts.push_back(bytes);
  return parts;
}
}  // namespace

void case_input(std::string_view bytes) {
  (void)looks_like_bsn(bytes);
  (void)find_personal_data(bytes);  // the detector reads any bytes, valid UTF-8 or not
  auto doc = json_of(bytes, "case.json");
  if (!doc) return;
  try {
    const Case c = parse_case(*doc, "case.json", vocabulary(), regions());
    require(!c.id.empty() && !c.care_forms.empty(), "an accepted case has an id and a care form");
  } catch (const InvalidInput& e) {
    require(!e.issues().empty(), "a refusal names at least one issue");
  }
}

void network_json_input(std::string_view bytes) {
  auto doc = json_of(bytes, "network.json");
  if (!doc) return;
  ProviderNetwork network;
  try {
    network = parse_network_json(*doc, "network.json", vocabulary(), regions());
  } catch (const InvalidInput& e) {
    require(!e.issues().empty(), "a refusal names at least one issue");
    return;
  }
  // What is accepted is written back the way `passend generate` and the API do; reading that
  // must give the same network.
  const auto written = network_to_json(network);
  const auto again = network_to_json(
      parse_network_json(nlohmann::json::parse(written.dump()), "round-trip", vocabulary(), regions()));
  require(written == again, "NETWORK.json round trip");
}

void network_csv_input(std::string_view bytes) {
  const auto parts = split_tables(bytes);
  try {
    const CsvTable offerings = CsvTable::parse(parts[0], "offerings.csv");
    const CsvTable contracts = CsvTable::parse(parts.size() > 1 ? parts[1] : std::string_view(), "contracts.csv");
    std::optional<CsvTable> overrides;
    if (parts.size() > 2) overrides = CsvTable::parse(parts[2], "lot_overrides.csv");
    (void)parse_network_csv(offerings, contracts, vocabulary(), regions(), overrides ? &*overrides : nullptr);
  } catch (const InvalidInput& e) {
    require(!e.issues().empty(), "a refusal names at least one issue");
  }
}

void rule_params_input(std::string_view bytes) {
  const auto& declared = declared_params();
  auto doc = json_of(bytes, "params.json");
  if (!doc) return;
  try {
    const ParamsFile params = read_params(*doc, "params.json", "", declared, vocabulary());
    // The host merges every accepted value over its declared default.
    for (const auto& [rule, values] : params.rules)
      for (const auto& decl : declared.at(rule))
        if (auto it = values.find(decl.name); it != values.end()) (void)effective_value(decl, it->second);
  } catch (const InvalidInput& e) {
    require(!e.issues().empty(), "a refusal names at least one issue");
  }
}

void abort_on_broken_invariant(void (*input)(std::string_view), std::string_view bytes) {
  try {
    input(bytes);
  } catch (const InvariantBroken& e) {
    std::cerr << "fuzz invariant broken: " << e.what() << '\n';
    std::abort();
  }
}

const std::vector<Target>& targets() {
  static const std::vector<Target> list = {{"case", case_input},
                                            {"network_json", network_json_input},
                                            {"network_csv", network_csv_input},
                                            {"rule_params", rule_params_input}};
  return list;
}

}  // namespace passend::fuzz
