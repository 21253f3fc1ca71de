#pragma once
// A small Gelderland network and cases for the case-record tests (tests/case_cli_test.cpp,
// tests/waiting_list_cli_test.cpp): two ordinary small-scale offerings in Ede (Food Valley,
// JZ21), one in Arnhem (another region of the same network), and two scarce supra-regional
// JeugdzorgPlus places of BOEG (EXN03).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"

namespace passend::testing {

inline nlohmann::json case_offering(const std::string& id, const std::string& care_form, int free, int wait_weeks,
                                    bool supra) {
  return {{"id", id}, {"care_form", care_form}, {"product_category", "43"}, {"expertise", {"trauma"}},
          {"age_min", 12}, {"age_max", 18}, {"contraindications", nlohmann::json::array()}, {"supra_regional", supra},
          {"capacity", {{"places", 8}, {"free", free}, {"wait_weeks", wait_weeks}, {"updated", "2026-11-01"}}}};
}

inline nlohmann::json case_provider(const std::string& id, const std::string& name, const std::string& municipality,
                                    nlohmann::json offerings) {
  return {{"id", id}, {"name", name}, {"in_network", true},
          {"contracts", nlohmann::json::array({{{"region", "EXN03"}, {"lot", "verblijf"}, {"status", "active"},
                                                {"from", "2024-01-01"}, {"until", "2027-12-31"}}})},
          {"locations", nlohmann::json::array({{{"id", id + "-loc"}, {"municipality", municipality}, {"offerings", offerings}}})}};
}

// a-kw (Ede, 1 free), b-kw (Ede, full, 3 weeks' wait), c-kw (Arnhem, 2 free); s-jzp (Arnhem)
// and t-jzp (Ede): one scarce place each.
inline nlohmann::json case_network() {
  using nlohmann::json;
  return {{"providers",
           json::array({case_provider("prov-a", "Stichting De Linde (fictief)", "GM0228",
                                      json::array({case_offering("a-kw", "small_scale_living", 1, 0, false)})),
                        case_provider("prov-b", "Zorggroep Het Baken (fictief)", "GM0228",
                                      json::array({case_offering("b-kw", "small_scale_living", 0, 3, false)})),
                        case_provider("prov-c", "Kleinschalig Wonen Arnhem (fictief)", "GM0202",
                                      json::array({case_offering("c-kw", "small_scale_living", 2, 0, false)})),
                        case_provider("prov-s", "JeugdzorgPlus De Sprong (fictief)", "GM0202",
                                      json::array({case_offering("s-jzp", "secure_residential", 1, 0, true)})),
                        case_provider("prov-t", "JeugdzorgPlus De Toren (fictief)", "GM0228",
                                      json::array({case_offering("t-jzp", "secure_residential", 1, 0, true)}))})}};
}

// A Food Valley case asking for small-scale living with trauma expertise.
inline nlohmann::json fv_case(const std::string& id) {
  return {{"id", id}, {"age", 15}, {"municipality", "GM0228"},
          {"need", {{"care_forms", {"small_scale_living"}}, {"expertise", {"trauma"}}, {"urgency", "high"}, {"max_wait_weeks", 4}}}};
}

// A case for a JeugdzorgPlus place (a court's authorisation), registered on `registered`.
inline nlohmann::json secure_case(const std::string& id, const std::string& urgency, const std::string& registered) {
  return {{"id", id}, {"age", 15}, {"municipality", "GM0228"},
          {"need", {{"care_forms", {"secure_residential"}}, {"expertise", {"trauma"}}, {"urgency", urgency}, {"max_wait_weeks", 2}}},
          {"legal", {{"secure_authorisation", true}}}, {"registered", registered}};
}

// A database with the regions and the network above.
class CaseDatabase {
 public:
  CaseDatabase() {
    db_ = dir_.file("passend.db");
    init_ = run_passend({"init", "--db", db_});
    write_text(dir_.file("network.json"), case_network().dump(2));
    import_ = run_passend({"import", "--db", db_, dir_.file("network.json")});
  }
  bool ready() const { return init_.exit_code == 0 && import_.exit_code == 0; }
  std::string setup_errors() const { return init_.err + import_.err; }
  const std::string& db() const { return db_; }
  // Writes the document to a file of the scratch folder and returns its path.
  std::string file(const std::string& name, const nlohmann::json& doc) const {
    const std::string path = dir_.file(name);
    write_text(path, doc.dump(2));
    return path;
  }

  // `passend case <args> --db DB --format json`.
  CliResult run_case(std::vector<std::string> args) const {
    args.insert(args.begin(), "case");
    args.insert(args.begin() + 2, {"--db", db_});
    args.insert(args.end(), {"--format", "json"});
    return run_passend(args);
  }
  CliResult open(const nlohmann::json& c, const std::string& date) const {
    return run_case({"open", "--case", file(c["id"].get<std::string>() + ".json", c), "--date", date, "--actor", "RET Food Valley"});
  }
  CliResult query(const nlohmann::json& c, const std::string& date) const {
    return run_passend({"query", "--db", db_, "--case", file(c["id"].get<std::string>() + ".json", c), "--date", date,
                        "--format", "json"});
  }

 private:
  TempDir dir_;
  std::string db_;
  CliResult init_, import_;
};

}  // namespace passend::testing
