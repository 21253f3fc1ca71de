#pragma once
// passend explain: one offering's whole verdict for a case, computed by the query itself on one
// version of the registry, so that it always agrees with the query's result. Writes only its
// audit record ("explain"): who asked, the case hash, the registry import, the rule set and
// the explanation.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "apps/service/advice.hpp"
#include "apps/service/scopes.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/rule_host.hpp"

namespace passend::service {

struct Explanation {
  nlohmann::ordered_json result;  // docs/formats.md, "passend explain"
  std::int64_t audit_id = 0;
};

// `offering_field` names where the offering id came from in messages ("--offering", "query
// parameter offering"). Throws InvalidInput for a bad case, an offering the registry does not
// hold, or one the query did not evaluate (a care form the case does not ask for); OutOfScope
// and RuleError as advise() does. Writes nothing then.
Explanation explain(Context& ctx, RuleHost& rules, const CaseDocument& document, Date reference_date,
                    const std::string& offering, const std::string& offering_field, const std::string& actor,
                    const Scope& scope = {});
// The same with the rule set the case's region uses on the reference date (as the query).
class RuleSetRegistry;
Explanation explain(Context& ctx, RuleSetRegistry& rules, const CaseDocument& document, Date reference_date,
                    const std::string& offering, const std::string& offering_field, const std::string& actor,
                    const Scope& scope = {});

}  // namespace passend::service
