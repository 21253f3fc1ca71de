#pragma once
// The advice for one case, as the CLI and the HTTP server both give it: validate the case,
// read one consistent version of the registry, run the rules, record the audit and the gap.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/date.hpp"
#include "core/engine.hpp"
#include "core/regions.hpp"
#include "core/rule_host.hpp"
#include "providers/sqlite.hpp"
#include "core/vocabulary.hpp"

namespace passend::service {

struct CaseDocument {
  std::string bytes;  // the document as given (its sha256 goes into the audit record)
  std::string name;   // for error messages: a file name, or "request body"
};

struct Advice {
  nlohmann::ordered_json result;  // the query result (docs/formats.md)
  std::int64_t audit_id = 0;
};

// Throws InvalidInput (bad case), RuleError (a rule failed); writes nothing then.
Advice advise(db::Database& db, const RegionGraph& regions, const Vocabulary& vocabulary, RuleHost& rules,
              const CaseDocument& document, Date reference_date, const std::string& actor);

// The registry as it is now, prefiltered for a case's care forms and the rules' bridging forms.
struct RegistrySnapshot {
  ProviderNetwork network;
  std::optional<std::int64_t> import_id;
};
// Reservations are applied: a reserved place is not free for another case.
RegistrySnapshot read_snapshot(db::Database& db, const Case& c, const RuleHost& rules, Date reference_date);

}  // namespace passend::service
