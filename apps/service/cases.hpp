#pragma once
// The RET follows a case from its registration to a placement or closure (docs/cases.md):
// registering it (the pseudonymous CASE.json), the RET's advice linked to passend's latest
// advice for the case, the provider's answer (a refusal with a coded reason, or an acceptance
// that reserves the place), the network's waiting list, closure; the case list with overdue
// follow-ups and one case with its timeline. Each step is one transaction: the record, its
// timeline event and its audit record, all or nothing.
//
// A scoped API token (apps/service/scopes.hpp) reaches only the cases of its regions: every
// step and read checks the record's region against the step's scope (OutOfScope otherwise).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apps/service/advice.hpp"
#include "apps/service/audit.hpp"
#include "apps/service/scopes.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/errors.hpp"

namespace passend::service {

// How a use case names its inputs in messages: the CLI's options ("--plan-a") or the JSON
// pointers of the request body ("/plan_a").
enum class Naming { options, body };

// Who takes a step, on which day it happened (the timeline's date; default today), and under
// which token scope (none on the command line).
struct CaseStep {
  Date date;
  std::string actor;
  Naming naming = Naming::options;
  Scope scope;
};

// The case has no record: InvalidInput for the CLI (exit 2), 404 for the API.
class UnknownCase : public InvalidInput {
 public:
  explicit UnknownCase(const std::string& case_id);
};

struct CaseOutcome {
  nlohmann::ordered_json record;  // the case as `case show` gives it, timeline included
  std::int64_t audit_id = 0;
};

// Registers the case (status aangemeld; `registered` defaults to the step's date), or updates
// its document (the status stays; refusals recorded stay in history.rejected_by). Conflict
// when the case is closed.
CaseOutcome open_case(Context& ctx, const CaseDocument& document, const CaseStep& step);

struct RetAdvice {
  std::string plan_a;
  std::optional<std::string> plan_b, bridging;
  std::string regie;                    // who holds casusregie and procesregie
  std::vector<std::string> agreements;  // afspraken
  std::optional<Date> follow_up;        // required
  std::string note;                     // required when plan A departs from passend's plan A
};
// The RET's advice (status advies), linked to passend's latest advice for the case: every
// offering must be among its candidates (the bridging offer may be its bridging offer).
CaseOutcome advise_case(Context& ctx, const std::string& case_id, const RetAdvice& advice, const CaseStep& step);

struct ProviderAnswer {
  std::string offering;
  std::optional<std::string> refusal;  // a refusal reason code; none: the provider accepts
  std::string note;
};
// The provider's answer. A refusal adds the provider to history.rejected_by (and gives back a
// place the case held there); an acceptance reserves the place (Conflict when none is free) and
// sets status geplaatst.
CaseOutcome respond_case(Context& ctx, const std::string& case_id, const ProviderAnswer& answer, const CaseStep& step);
// Puts the case on the network's waiting list (status wacht_op_plek).
CaseOutcome refer_case(Context& ctx, const std::string& case_id, const std::string& network, const CaseStep& step);
// Closes the case (status gesloten): outcome geplaatst, afgeschaald or anders; the latter two
// give back every place the case still holds.
CaseOutcome close_case(Context& ctx, const std::string& case_id, const std::string& outcome, const std::string& note,
                       const CaseStep& step);

struct CaseListQuery {
  std::string status;  // "" for any
  std::string region;  // "" for any
  bool overdue_only = false;
  Date on;  // overdue: the follow-up lies before this day and the case is not closed
  // A scoped reader: only the cases of these regions.
  std::optional<std::set<std::string>> regions;
};
// [{"id", "status", "region", "registered", "follow_up", "overdue", ...}], overdue first, then
// by follow-up date, then id. With a reader, the reading is audited. InvalidInput for an unknown
// status or region.
nlohmann::ordered_json list_cases(Context& ctx, const CaseListQuery& query, const std::optional<Actor>& reader = std::nullopt);
// The record with its timeline; nothing when the case has no record. With a reader, audited;
// a case outside `scope` is OutOfScope.
std::optional<nlohmann::ordered_json> show_case(Context& ctx, const std::string& case_id, Date on,
                                                const std::optional<Actor>& reader = std::nullopt,
                                                const Scope& scope = {});

// Dutch text and CSV for people.
std::string case_list_text(const nlohmann::ordered_json& list);
std::string case_list_csv(const nlohmann::ordered_json& list);
std::string case_text(const nlohmann::ordered_json& record);

// "aangemeld", "advies", "wacht op plek", "geplaatst", "gesloten".
std::string case_status_dutch(const std::string& status);
// The statuses in the order a case goes through them.
const std::vector<std::string>& case_statuses();

}  // namespace passend::service
