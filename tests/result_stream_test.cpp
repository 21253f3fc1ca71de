// The streamed query result (core/result_stream.hpp) is byte for byte the tree's dump
// (result_to_json(...).dump()): for the demo cases on the demo network, and for generated cases
// on generated national networks with the real default Lua rules, also when names and texts
// hold quotes, backslashes, control characters and Dutch UTF-8.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "core/result_stream.hpp"
#include "plugins/lua_host.hpp"
#include "providers/generator.hpp"
#include "providers/network_json.hpp"
#include "tests/support/bundled_data.hpp"
#include "tests/support/paths.hpp"

using namespace passend;

namespace {
const std::string kSource = PASSEND_SOURCE_DIR;
const Date kToday = *Date::parse("2026-11-26");

using passend::testing::regions;
using passend::testing::vocabulary;

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
}

// Runs the case and compares; returns the streamed text.
std::string expect_same_bytes(const Case& c, const ProviderNetwork& network, RuleHost& rules) {
  const QueryResult r = run_query(c, network, regions(), vocabulary(), rules, kToday);
  const std::string tree = result_to_json(r, vocabulary()).dump();
  const std::string streamed = result_to_json_text(r, vocabulary());
  EXPECT_EQ(streamed, tree) << "case " << c.id;
  return streamed;
}
}  // namespace

TEST(ResultStream, TheDemoCasesGiveTheTreesBytes) {
  const ProviderNetwork network = parse_network_json(read_json(kSource + "/data/demo/network.json"), "network.json",
                                                     vocabulary(), regions());
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  std::size_t cases = 0;
  bool plan_a = false, gap = false;
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/data/demo/cases")) {
    const nlohmann::json doc = read_json(entry.path().string());
    nlohmann::json list = doc;
    if (!doc.is_array()) {
      list = nlohmann::json::array();
      list.push_back(doc);
    }
    for (const auto& one : list) {
      const Case c = parse_case(one, entry.path().filename().string(), vocabulary(), regions());
      const auto result = nlohmann::json::parse(expect_same_bytes(c, network, *rules));
      plan_a = plan_a || !result["plan_a"].is_null();
      gap = gap || !result["gap"].is_null();
      ++cases;
    }
  }
  EXPECT_GE(cases, 10u);
  EXPECT_TRUE(plan_a) << "some demo case has a plan A";
  EXPECT_TRUE(gap) << "some demo case signals a gap";
}

class ResultStream : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(ResultStream, GeneratedCasesOnAGeneratedNetworkGiveTheTreesBytes) {
  ProviderNetwork network = generate_network(regions(), vocabulary(), GetParam(), 3000, kToday);
  // Names a registry may hold: quotes, a backslash, a tab, Dutch letters; and an urgent contact.
  for (std::size_t i = 0; i < network.providers.size(); i += 3) {
    auto& p = network.providers[i];
    p.name += i % 2 ? " \"De Eik\" \\ één" : "\tcafé ‘t Hoekje";
    if (i % 5 == 0) p.urgent_contact = "Crisisdienst\n0800-1234";
  }
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  const auto docs = generate_cases(regions(), vocabulary(), GetParam(), 40, kToday);
  std::size_t candidates = 0, summarised = 0, escaped = 0;
  for (const auto& doc : docs) {
    const Case c = parse_case(doc, "generated", vocabulary(), regions());
    const std::string text = expect_same_bytes(c, network, *rules);
    const auto result = nlohmann::json::parse(text);
    candidates += result["candidates"].size();
    summarised += result["excluded_summary"].size();
    escaped += text.find("\\\"De Eik\\\" \\\\ één") != std::string::npos ? 1 : 0;
    if (HasFailure()) return;
  }
  EXPECT_GT(candidates, 0u);
  EXPECT_GT(summarised, 0u);
  EXPECT_GT(escaped, 0u) << "the escaped names reached some result";
}

INSTANTIATE_TEST_SUITE_P(Seeds, ResultStream, ::testing::Values(3u, 42u, 2026u));
