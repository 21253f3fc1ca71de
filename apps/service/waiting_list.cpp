#include "apps/service/waiting_list.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "apps/service/case_records.hpp"
#include "core/json_input.hpp"
#include "providers/case_store.hpp"

namespace passend::service {

namespace {
using J = nlohmann::ordered_json;

const Network& known_network(Context& ctx, const std::string& code, const Scope& scope) {
  const Network* n = ctx.regions.network(code);
  if (!n) throw InvalidInput("--network", "", "unknown network '" + printable(code) + "'; expected a code such as EXN03");
  if (scope.scoped() && !(scope.kind == Scope::Kind::network && scope.id == code))
    throw OutOfScope("de wachtlijst van netwerk " + code + " (" + n->name + ") ligt buiten de scope van dit token: " +
                     scope_dutch(scope, ctx.regions));
  return *n;
}

std::string provider_name(Context& ctx, const std::string& offering) {
  const auto p = db::offering_place(ctx.db, offering);
  return p ? p->provider_name : offering;
}

// Why the proposal the coordinator saw no longer holds, in Dutch, with the providers' names.
std::string changed_text(Context& ctx, const std::vector<std::pair<std::string, std::string>>& expected, const J& result) {
  std::set<std::string> free_before;  // the places with a free place when the allocation began
  for (const auto& p : result["places"]) free_before.insert(p["offering"].get<std::string>());
  std::map<std::string, std::string> now;
  for (const auto& a : result["assignments"]) now[a["case"].get<std::string>()] = a["offering"].get<std::string>();
  std::vector<std::string> parts;
  std::set<std::string> seen;
  for (const auto& [case_id, offering] : expected) {
    seen.insert(case_id);
    auto it = now.find(case_id);
    if (it != now.end() && it->second == offering) continue;
    const auto row = db::read_case_record(ctx.db, case_id);
    if (!row || row->status != "wacht_op_plek") {
      std::string what = "casus " + case_id + " staat niet meer op de wachtlijst";
      if (row && row->placement) {
        const J p = J::parse(*row->placement);
        what += " (inmiddels geplaatst bij " + p.value("provider_name", std::string()) + ")";
      } else if (row) {
        what += " (status " + case_status_dutch(row->status) + ")";
      }
      parts.push_back(what);
    } else if (!free_before.count(offering)) {
      parts.push_back("bij " + provider_name(ctx, offering) + " is geen plek meer vrij voor casus " + case_id);
    } else if (it == now.end()) {
      parts.push_back("casus " + case_id + " krijgt nu geen plek meer");
    } else {
      parts.push_back("casus " + case_id + " krijgt nu een plek bij " + provider_name(ctx, it->second) + " in plaats van bij " +
                      provider_name(ctx, offering));
    }
  }
  for (const auto& [case_id, offering] : now)
    if (!seen.count(case_id)) parts.push_back("casus " + case_id + " krijgt nu een plek bij " + provider_name(ctx, offering));
  if (parts.empty()) parts.push_back("de wachtlijst is veranderd");
  std::string out = "Het voorstel is niet meer actueel en is niet vastgelegd: ";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out + ". Bekijk het nieuwe voorstel.";
}

bool same_proposal(const std::vector<std::pair<std::string, std::string>>& expected, const J& result) {
  std::set<std::pair<std::string, std::string>> a(expected.begin(), expected.end()), b;
  for (const auto& x : result["assignments"]) b.insert({x["case"].get<std::string>(), x["offering"].get<std::string>()});
  return a == b;
}

// Each assigned case becomes geplaatst, with its timeline event, in the caller's transaction.
void place_assigned(Context& ctx, const J& result, const WaitingListRequest& request, const Network& network) {
  const CaseStep step{request.reference_date, request.actor.name, Naming::options, request.scope};
  for (const auto& a : result["assignments"]) {
    const std::string case_id = a["case"].get<std::string>();
    auto row = db::read_case_record(ctx.db, case_id);
    if (!row || row->status != "wacht_op_plek")
      throw Conflict("case " + case_id + " left the waiting list of " + network.code + " meanwhile");
    const auto offering = db::offering_place(ctx.db, a["offering"].get<std::string>());
    if (!offering) throw Conflict("offering " + a["offering"].get<std::string>() + " left the registry meanwhile");
    const std::int64_t reservation = a["reservation"].get<std::int64_t>();
    cases_detail::place(ctx, *row, *offering, reservation, request.reference_date);
    cases_detail::Event e("placed");
    e.detail = {{"offering", offering->offering}, {"provider", offering->provider},
                {"provider_name", offering->provider_name}, {"network", network.code},
                {"network_name", network.name}, {"priority", a["priority"]}, {"reservation", reservation}};
    e.offering = offering->offering;
    e.provider = offering->provider;
    e.plan_a = offering->offering;
    db::write_case_record(ctx.db, *row);
    cases_detail::record_step(ctx, *row, e, step);
  }
}
}  // namespace

J waiting_list(Context& ctx, const std::string& network, Date on, const Scope& scope) {
  known_network(ctx, network, scope);
  CaseListQuery q;
  q.status = "wacht_op_plek";
  q.on = on;
  J out = J::array();
  for (auto& c : list_cases(ctx, q))
    if (c["network"] == network) out.push_back(std::move(c));
  return out;
}

namespace {
// Rules: one rule host, or the registry (each case judged by its own region's rule set).
template <class Rules>
AllocationOutcome allocate_from_list(Context& ctx, Rules& rules, const WaitingListRequest& request) {
  const Network& network = known_network(ctx, request.network, request.scope);
  // With commit, the write lock is taken before the list is read: a second coordinator waits,
  // then allocates among what is left (docs/cases.md, "Two coordinators at once").
  std::optional<db::Transaction> tx;
  if (request.commit) tx.emplace(ctx.db, db::Transaction::Kind::immediate);
  J cases = J::array();
  for (const auto& row : db::waiting_cases(ctx.db, network.code)) cases.push_back(J::parse(row.document));

  AllocationRequest a;
  a.network = network.code;
  a.cases_bytes = cases.dump();
  a.cases_name = "waiting list of " + network.code;
  a.reference_date = request.reference_date;
  a.commit = request.commit;
  a.until = request.until;
  a.actor = request.actor;
  AllocationOutcome out = allocate_places(ctx, rules, a);
  if (request.expected && !same_proposal(*request.expected, out.result))
    throw Conflict(changed_text(ctx, *request.expected, out.result));
  if (request.commit) place_assigned(ctx, out.result, request, network);
  out.result["source"] = "waiting_list";
  if (tx) tx->commit();
  return out;
}
}  // namespace

AllocationOutcome allocate_waiting_list(Context& ctx, RuleHost& rules, const WaitingListRequest& request) {
  return allocate_from_list(ctx, rules, request);
}

AllocationOutcome allocate_waiting_list(Context& ctx, RuleSetRegistry& rules, const WaitingListRequest& request) {
  return allocate_from_list(ctx, rules, request);
}

}  // namespace passend::service
