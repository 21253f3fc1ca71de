#pragma once
// Benchmark-only fixtures shared by query_benchmark.cpp and export_facts.cpp: the bundled
// regions and vocabularies, generated networks (fixed seed, made in-process, never committed),
// the in-memory prefilter that mirrors the registry's read, a fixed case, and the default rule
// set grown by generated extra score rules.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend::bench {

inline constexpr std::uint64_t kNetworkSeed = 20261126;
inline constexpr std::uint64_t kCaseSeed = 42;

Date reference_date();  // 2026-11-26
const std::string& data_dir();
const std::string& default_rules_dir();
const Vocabulary& vocabulary();
const RegionData& region_data();
const RegionGraph& regions();

// generate_network(seed kNetworkSeed, `offerings`), made once per size.
const ProviderNetwork& generated_network(int offerings);

// What db::read_network(db, care_forms) returns: offerings of those care forms, with their
// locations and providers (all contracts), plus the lot overrides.
ProviderNetwork prefilter(const ProviderNetwork& network, const std::vector<std::string>& care_forms);

// The care forms a query reads: the case's own and the rules' bridging forms.
std::vector<std::string> query_care_forms(const Case& c, const RuleHost& rules);

// A typical RET question (Food Valley, 15 years, kleinschalig wonen or gezinshuis, autism,
// aggression, a preferred identity and municipality, a refusal and a previous provider).
const std::string& fixed_case_json();
// The same question with an approved maatwerk (non_contracted, outside_region) and no required
// expertise: thousands of admitted candidates, so that score and order rules run for most.
const std::string& broad_case_json();
Case parse_case_text(const std::string& json_text);

// A temporary folder, removed with its contents when the object goes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A copy of rules/default with `extra` generated score rules (rules/extra_NN.lua) in a scratch
// folder that lives until the program ends; the default folder itself when extra is 0.
std::string rules_with_extra_score_rules(int extra);

// Peak resident set size of this process so far (getrusage ru_maxrss), in MiB.
double peak_rss_mib();

}  // namespace passend::bench
