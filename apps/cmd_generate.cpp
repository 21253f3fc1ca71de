// passend generate: a synthetic national inkoopnetwerk or synthetic cases, deterministic for a
// seed, for load tests and demos. Output is valid NETWORK.json / a JSON array of CASE.json.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/generate.hpp"
#include "core/errors.hpp"

namespace passend::cli {

namespace {
struct GenerateOptions {
  std::uint64_t seed = 1;
  int count = 1000;
  std::string out, date;
};

// One provider (or case) per line: a 100,000-offering network stays grep-able and far smaller
// than pretty-printed JSON, and is still valid JSON.
void write_network(std::ostream& out, const nlohmann::ordered_json& doc) {
  out << "{\"providers\": [\n";
  const auto& providers = doc.at("providers");
  for (std::size_t i = 0; i < providers.size(); ++i) out << providers[i].dump() << (i + 1 < providers.size() ? ",\n" : "\n");
  out << "]";
  if (doc.contains("lot_overrides")) out << ",\n\"lot_overrides\": " << doc.at("lot_overrides").dump();
  out << "}\n";
}

void write_cases(std::ostream& out, const nlohmann::ordered_json& cases) {
  out << "[\n";
  for (std::size_t i = 0; i < cases.size(); ++i) out << cases[i].dump() << (i + 1 < cases.size() ? ",\n" : "\n");
  out << "]\n";
}

template <class Write>
int emit(const std::string& path, Write write) {
  if (path.empty()) {
    write(std::cout);
    std::cout.flush();
    return 0;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw InvalidInput(path, "", "cannot write file");
  write(file);
  file.close();
  if (!file) throw std::runtime_error(path + ": writing failed");
  return 0;
}

int run_network(const GenerateOptions& o) {
  const Date reference = resolve_date(o.date);
  const auto doc = service::generate_network_document(o.seed, o.count, reference);
  return emit(o.out, [&](std::ostream& out) { write_network(out, doc); });
}

int run_cases(const GenerateOptions& o) {
  const Date reference = resolve_date(o.date);
  const auto cases = service::generate_case_documents(o.seed, o.count, reference);
  return emit(o.out, [&](std::ostream& out) { write_cases(out, cases); });
}

void add_common(CLI::App* cmd, GenerateOptions& o) {
  cmd->add_option("--seed", o.seed, "random seed: the same seed, size and date give the same output")->required();
  cmd->add_option("--out", o.out, "output file (default: stdout)");
  cmd->add_option("--date", o.date, "reference date YYYY-MM-DD for contract periods and capacity dates (default: today)");
}
}  // namespace

void add_generate_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("generate", "Synthetic data for load tests and demos (deterministic for a seed)");
  cmd->require_subcommand(1);

  auto network = std::make_shared<GenerateOptions>();
  auto* net = cmd->add_subcommand("network", "A national NETWORK.json: providers over all 42 regions by population");
  add_common(net, *network);
  net->add_option("--offerings", network->count, "number of offerings (1 .. 200000)")->required()->check(CLI::Range(1, 200000));
  net->callback([&action, network] { action = [network] { return run_network(*network); }; });

  auto cases = std::make_shared<GenerateOptions>();
  auto* cs = cmd->add_subcommand("cases", "A JSON array of CASE.json documents, municipalities by population");
  add_common(cs, *cases);
  cs->add_option("--count", cases->count, "number of cases (1 .. 100000)")->required()->check(CLI::Range(1, 100000));
  cs->callback([&action, cases] { action = [cases] { return run_cases(*cases); }; });
}

}  // namespace passend::cli
