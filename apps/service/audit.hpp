#pragma once
// The audit trail as a use case: recording an action, reading the trail (the API's reads of
// case data are audited themselves, in the transaction of the read), and the purge at the end
// of the retention period.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/rule_host.hpp"
#include "providers/audit_store.hpp"
#include "providers/purge.hpp"

namespace passend::service {

using AuditRecord = db::AuditRecord;

// Free text passend keeps (token labels, actors, comments: in the audit trail for years) must
// hold no personal data (core/privacy.hpp) and no control characters. Throws InvalidInput
// naming `field`: a CLI option ("--actor") or a JSON pointer into a request body ("/comment").
void check_stored_text(std::string_view text, const std::string& field);

// Who acts, for the audit trail: an API token's label with the rule set the server answers
// with, or the OS user (no rule set) on the command line.
struct Actor {
  std::string name;
  RuleSetIdentity ruleset;
  std::string scope;  // the token's scope in its stored form ("region:JZ21"); "" unscoped or the CLI
};

// Appends an audit record of `action` on the day it happens (a change, or a read of case data),
// in its own transaction or in the use case's transaction it is called in. Returns its id.
std::int64_t record_event(Context& ctx, const Actor& actor, const std::string& action, const std::string& case_id,
                          const nlohmann::ordered_json& result);

// The most recent records first, at most `limit`, only `action`'s when given; with `regions`
// (a scoped reader) only the records of cases in those regions. With a reader, the reading is
// audited ("audit_list"), in the same transaction.
std::vector<AuditRecord> list_audit(Context& ctx, int limit, const std::string& action = "",
                                    const std::optional<Actor>& reader = std::nullopt,
                                    const std::optional<std::set<std::string>>& regions = std::nullopt);
// One record. With a reader, the reading of a record that exists is audited ("audit_read",
// naming the record's case), in the same transaction. With `regions` (a scoped reader), a
// record of a case in another region, or of no case region at all, is OutOfScope
// (apps/service/scopes.hpp) and its reading is not recorded; `scope_name` names the scope.
std::optional<AuditRecord> read_audit(Context& ctx, std::int64_t id, const std::optional<Actor>& reader = std::nullopt,
                                      const std::optional<std::set<std::string>>& regions = std::nullopt,
                                      const std::string& scope_name = "");

inline constexpr int kDefaultRetentionYears = db::kDefaultRetentionYears;
using PurgeCounts = db::PurgeCounts;

struct PurgeOutcome {
  PurgeCounts counts;
  std::int64_t audit_id = 0;  // the purge's own record: the cut-off and the counts, never case content
};

// Removes the case records from before `before` (audit records of cases, their gap signals,
// kept case documents, ended reservations) and records the purge, in one transaction.
// InvalidInput when `before` lies inside the retention period counted back from today.
PurgeOutcome purge_case_records(Context& ctx, Date before, int retention_years, const std::string& actor);

}  // namespace passend::service
