// Rule sets per region (issue 16): what choosing the rule set of a case's region costs a query.
// On a database with the generated national network (20,000 offerings) and two stored rule sets
// — the bundled default, and a copy assigned to Food Valley (JZ21) — the same advice is computed
//
//   - with one rule host given directly (the path before rule sets lived in the database, and
//     still `--rules DIR`),
//   - through the registry (apps/service/ruleset_registry.hpp): look up the version of the
//     case's region on the reference date in the database, lease a warm host of that version,
//   - through the registry, alternating a Food Valley case and an Eemland case, which two
//     different rule sets answer,
//
// and the lookup alone. Before anything is measured, the registry's advice must equal the
// direct one byte for byte and the two regions must get their own rule sets.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "apps/service/advice.hpp"
#include "apps/service/ruleset_governance.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "benchmarks/query_fixtures.hpp"
#include "plugins/rule_host_factory.hpp"
#include "providers/region_store.hpp"
#include "providers/registry.hpp"
#include "providers/schema.hpp"

namespace {

using namespace passend;
using namespace passend::bench;
namespace fs = std::filesystem;

constexpr int kOfferings = 20'000;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The default rule set as `foodvalley` 1.0.0 (without its scenario tables), stricter about the
// region, so that the two rule sets give different advice.
std::string foodvalley_folder(const fs::path& scratch) {
  const fs::path to = scratch / "foodvalley";
  fs::copy(default_rules_dir(), to, fs::copy_options::recursive);
  fs::remove_all(to / "tests");
  auto manifest = nlohmann::json::parse(read_file(to / "ruleset.json"));
  manifest["name"] = "foodvalley";
  manifest["version"] = "1.0.0";
  std::ofstream(to / "ruleset.json") << manifest.dump(2) << "\n";
  auto params = nlohmann::json::parse(read_file(to / "params.json"));
  params["rules"]["region_boundary"] = {{"max_tier", "region"}};
  std::ofstream(to / "params.json") << params.dump(2) << "\n";
  return to.string();
}

// A database as `passend init`, `import`, `rules install`, `approve` and `assign` leave it.
struct Deployment {
  ScratchDir dir{"passend-ruleset-bench"};
  std::unique_ptr<db::Database> db;
  std::unique_ptr<RuleHost> direct;  // the default, loaded from its folder
  std::unique_ptr<service::RuleSetRegistry> registry;

  Deployment() {
    const std::string path = (dir.path() / "bench.db").string();
    db::initialise(path, region_data(), vocabulary());
    db = std::make_unique<db::Database>(db::open_existing(path));
    service::Context ctx = context();
    service::install_bundled_rules(ctx, default_rules_dir());
    db::import_network(*db, generated_network(kOfferings), {"generated", "-", "json", "benchmark"});
    std::ostringstream report;
    const service::RuleSetActor anna{"anna", "", {}, false}, bert{"bert", "", {}, false};
    const auto made = service::install_rule_set(ctx, foodvalley_folder(dir.path()), "bench", anna, report);
    service::approve_proposal(ctx, made.proposal, Date::parse("2026-01-01"), bert);
    service::assign_rule_set(ctx, "foodvalley", "JZ21", anna);
    direct = make_rule_host(default_rules_dir(), vocabulary());
    registry = std::make_unique<service::RuleSetRegistry>(vocabulary(), 1);
    registry->warm(ctx, reference_date());
  }
  service::Context context() { return {*db, vocabulary(), regions()}; }
};

Deployment& deployment() {
  static Deployment d;
  return d;
}

// The fixed Food Valley case (JZ21: foodvalley) and the same case from Amersfoort (JZ20, Eemland:
// the default).
const std::string& foodvalley_case() { return fixed_case_json(); }
const std::string& eemland_case() {
  static const std::string text = [] {
    auto j = nlohmann::json::parse(fixed_case_json());
    j["id"] = "bench-em-001";
    j["municipality"] = "GM0307";
    j["preferences"].erase("near_municipalities");
    return j.dump();
  }();
  return text;
}

Case parsed(const std::string& text) {
  service::Context ctx = deployment().context();
  return service::read_case(ctx, {text, "case"}, reference_date());
}

std::string without_identity(const std::string& result) {
  auto j = nlohmann::ordered_json::parse(result);
  j.erase("ruleset");
  return j.dump();
}

bool check() {
  auto& d = deployment();
  service::Context ctx = d.context();
  const Case em = parsed(eemland_case());
  const auto direct = service::compute_advice(ctx, *d.direct, em, reference_date());
  auto lease = d.registry->for_region(ctx, "JZ20", reference_date());
  const auto via = service::compute_advice(ctx, lease.host(), em, reference_date());
  if (via.result != direct.result) {
    std::cerr << "the registry's advice differs from the direct one\n";
    return false;
  }
  const Case fv = parsed(foodvalley_case());
  auto fv_lease = d.registry->for_region(ctx, "JZ21", reference_date());
  const auto strict = service::compute_advice(ctx, fv_lease.host(), fv, reference_date());
  if (strict.ruleset.name != "foodvalley" || via.ruleset.name != "default") {
    std::cerr << "the regions did not get their own rule sets\n";
    return false;
  }
  std::cerr << "verified at " << kOfferings << " offerings: Eemland answered by " << via.ruleset.name << " "
            << via.ruleset.version << " (the same advice as with the host given directly), Food Valley by "
            << strict.ruleset.name << " " << strict.ruleset.version
            << (without_identity(strict.result) == without_identity(via.result) ? "" : " (other advice)") << "\n";
  return true;
}

// compute_advice with the default host given directly: the path without a lookup.
void BM_Compute_DirectHost(benchmark::State& state) {
  auto& d = deployment();
  service::Context ctx = d.context();
  const Case c = parsed(eemland_case());
  for (auto _ : state) {
    auto advice = service::compute_advice(ctx, *d.direct, c, reference_date());
    benchmark::DoNotOptimize(advice);
  }
}

// The same advice with the version of the case's region looked up and a warm host leased.
void BM_Compute_RegistryHost(benchmark::State& state) {
  auto& d = deployment();
  service::Context ctx = d.context();
  const Case c = parsed(eemland_case());
  for (auto _ : state) {
    auto lease = d.registry->for_region(ctx, "JZ20", reference_date());
    auto advice = service::compute_advice(ctx, lease.host(), c, reference_date());
    benchmark::DoNotOptimize(advice);
  }
}

// Two regions, two rule sets, one registry: Food Valley and Eemland cases in turn.
void BM_Compute_TwoRegionsTwoRuleSets(benchmark::State& state) {
  auto& d = deployment();
  service::Context ctx = d.context();
  const Case fv = parsed(foodvalley_case()), em = parsed(eemland_case());
  bool turn = false;
  for (auto _ : state) {
    turn = !turn;
    auto lease = d.registry->for_region(ctx, turn ? "JZ21" : "JZ20", reference_date());
    auto advice = service::compute_advice(ctx, lease.host(), turn ? fv : em, reference_date());
    benchmark::DoNotOptimize(advice);
  }
}

// The whole advice as `passend query` and POST /api/v1/query give it (validation, the read, the
// rules, the result, the audit record), with the host given and through the registry.
void BM_Advise_DirectHost(benchmark::State& state) {
  auto& d = deployment();
  service::Context ctx = d.context();
  for (auto _ : state) {
    auto advice = service::advise(ctx, *d.direct, {eemland_case(), "case"}, reference_date(), "bench");
    benchmark::DoNotOptimize(advice);
  }
}

void BM_Advise_Registry(benchmark::State& state) {
  auto& d = deployment();
  service::Context ctx = d.context();
  for (auto _ : state) {
    auto advice = service::advise(ctx, *d.registry, {eemland_case(), "case"}, reference_date(), "bench");
    benchmark::DoNotOptimize(advice);
  }
}

// What the registry adds per query: the version lookup (one SQL statement) and the lease.
void BM_Lookup_And_Lease(benchmark::State& state) {
  auto& d = deployment();
  service::Context ctx = d.context();
  bool turn = false;
  for (auto _ : state) {
    turn = !turn;
    auto lease = d.registry->for_region(ctx, turn ? "JZ21" : "JZ20", reference_date());
    benchmark::DoNotOptimize(lease.identity());
  }
}

BENCHMARK(BM_Compute_DirectHost)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Compute_RegistryHost)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Compute_TwoRegionsTwoRuleSets)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Advise_DirectHost)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Advise_Registry)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Lookup_And_Lease)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!check()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
