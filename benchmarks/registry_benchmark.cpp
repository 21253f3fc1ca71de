// The registry at national size (issue 3): the engine's prefiltered read and validation of a
// NETWORK.json, on a generated network of 20,000 and 100,000 offerings.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "providers/generator.hpp"
#include "providers/network_json.hpp"
#include "providers/region_store.hpp"
#include "providers/registry.hpp"
#include "providers/schema.hpp"

namespace {

using namespace passend;

const std::string data_dir = std::string(PASSEND_SOURCE_DIR "/data");

const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(data_dir);
  return v;
}
const RegionData& region_data() {
  static const RegionData d = RegionData::load_bundled(data_dir);
  return d;
}
const RegionGraph& regions() {
  static const RegionGraph g(region_data());
  return g;
}

// One imported registry per size, in a scratch folder removed at exit.
struct Registry {
  std::filesystem::path dir;
  std::unique_ptr<db::Database> db;
  explicit Registry(int offerings) {
    char tmpl[] = "/tmp/passend-bench-XXXXXX";
    dir = ::mkdtemp(tmpl);
    const std::string path = (dir / "registry.db").string();
    db::initialise(path, region_data(), vocabulary());
    db = std::make_unique<db::Database>(db::open_existing(path));
    auto network = generate_network(regions(), vocabulary(), 20261126, offerings, *Date::parse("2026-11-26"));
    db::import_network(*db, network, {"generated", "-", "json", "benchmark"});
  }
  ~Registry() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

db::Database& registry(int offerings) {
  static std::map<int, std::unique_ptr<Registry>> registries;
  auto& r = registries[offerings];
  if (!r) r = std::make_unique<Registry>(offerings);
  return *r->db;
}

std::size_t count_offerings(const ProviderNetwork& n) {
  std::size_t count = 0;
  for (const auto& p : n.providers)
    for (const auto& l : p.locations) count += l.offerings.size();
  return count;
}

// What `passend query` asks for a case that needs residential care: its care forms plus the
// bridging pool (ambulant, ambulant_intensive), and its age.
void BM_ReadNetworkForACase(benchmark::State& state) {
  auto& db = registry(static_cast<int>(state.range(0)));
  const std::vector<std::string> care_forms = {"small_scale_living", "family_home", "ambulant", "ambulant_intensive"};
  std::size_t read = 0;
  for (auto _ : state) {
    auto n = db::read_network(db, care_forms, 15);
    read = count_offerings(n);
    benchmark::DoNotOptimize(n);
  }
  state.counters["offerings_read"] = static_cast<double>(read);
}
BENCHMARK(BM_ReadNetworkForACase)->Arg(20000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_ReadWholeNetwork(benchmark::State& state) {
  auto& db = registry(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto n = db::read_network(db);
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_ReadWholeNetwork)->Arg(20000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_ValidateNetworkJson(benchmark::State& state) {
  const auto doc = nlohmann::json::parse(
      network_to_json(generate_network(regions(), vocabulary(), 7, static_cast<int>(state.range(0)), *Date::parse("2026-11-26")))
          .dump());
  for (auto _ : state) {
    auto n = parse_network_json(doc, "network.json", vocabulary(), regions());
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_ValidateNetworkJson)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
