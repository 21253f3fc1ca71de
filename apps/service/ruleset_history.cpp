// Reading rule sets: the history of every version and proposal with its status and the days it
// answered for, one proposal with its whole dry run, the approval queue, the overview of the rule
// sets with the regions they answer for, and the assignments.
#include <map>
#include <sstream>

#include "apps/service/ruleset_governance.hpp"
#include "apps/service/ruleset_records.hpp"
#include "core/errors.hpp"
#include "providers/ruleset_store.hpp"

namespace passend::service {

using namespace ruleset_detail;

std::set<std::string> regions_using(Context& ctx, const std::string& ruleset, Date date) {
  std::set<std::string> out;
  for (const auto& r : ctx.regions.data().regions) {
    const auto found = db::resolve_release(ctx.db, r.code, r.network, date.str());
    if (found && found->release.ruleset == ruleset) out.insert(r.code);
  }
  return out;
}

ojson version_params(Context& ctx, std::int64_t release) {
  const auto files = db::release_files(ctx.db, release);
  const auto it = files.find("params.json");
  return it == files.end() ? ojson::object() : parse_stored(it->second, ojson::object());
}

std::optional<std::int64_t> head_release(Context& ctx, const std::string& ruleset) {
  const auto a = db::head_activation(ctx.db, ruleset);
  if (!a) return std::nullopt;
  return a->release;
}


namespace {
struct Period {
  std::string from;
  std::optional<std::string> until;  // the day before a later approval takes over
  bool empty = false;                // a later approval from an earlier date took every day
};

// The days each approval answers for: from its date until the next later approval's date.
std::map<std::int64_t, Period> periods(const std::vector<db::RuleSetActivation>& activations) {
  std::map<std::int64_t, Period> out;
  for (std::size_t i = 0; i < activations.size(); ++i) {
    Period p{activations[i].active_from, std::nullopt, false};
    std::optional<std::string> cut;
    for (std::size_t j = i + 1; j < activations.size(); ++j)
      if (!cut || activations[j].active_from < *cut) cut = activations[j].active_from;
    if (cut) {
      if (*cut <= p.from) {
        p.empty = true;
      } else if (const auto d = Date::parse(*cut)) {
        p.until = d->plus_days(-1).str();
      }
    }
    out[activations[i].proposal] = p;
  }
  return out;
}

ojson entry_json(Context& ctx, const db::RuleSetProposal& p, const std::map<std::int64_t, Period>& periods, Date today,
                 bool detail) {
  const auto r = release_or_throw(ctx, p.release);
  std::string status = p.status;
  ojson from = nullptr, until = nullptr;
  bool in_force = false;
  if (p.status == "approved") {
    const auto it = periods.find(p.id);
    const Period period = it != periods.end() ? it->second : Period{p.active_from.value_or(""), std::nullopt, true};
    from = period.from;
    if (period.until) until = *period.until;
    const std::string t = today.str();
    const bool ended = period.empty || (period.until && *period.until < t);
    status = ended ? "superseded" : "active";
    in_force = !ended && period.from <= t;
  }
  const ojson dry_run = parse_stored(p.dry_run, ojson::object());
  ojson j = {{"ruleset", p.ruleset},
             {"version", r.version},
             {"hash", r.hash},
             {"proposal", std::to_string(p.id)},
             {"kind", p.kind},
             {"status", status},
             {"proposed_by", p.proposed_by},
             {"proposed_at", p.proposed_at},
             {"approved_by", p.status == "approved" && p.decided_by ? ojson(*p.decided_by) : ojson(nullptr)},
             {"approved_at", p.status == "approved" && p.decided_at ? ojson(*p.decided_at) : ojson(nullptr)},
             {"comment", p.comment},
             {"base", p.base ? ojson(release_or_throw(ctx, *p.base).version) : ojson(nullptr)},
             {"active_from", from},
             {"active_until", until},
             {"in_force", in_force},
             {"changes", parse_stored(p.changes, ojson::array())},
             {"protected_changes", parse_stored(p.protected_changes, ojson::array())},
             {"dry_run", dry_run_summary(dry_run)}};
  if (p.status == "withdrawn") {
    j["withdrawn_by"] = p.decided_by ? ojson(*p.decided_by) : ojson(nullptr);
    j["withdrawn_at"] = p.decided_at ? ojson(*p.decided_at) : ojson(nullptr);
  }
  j["note"] = p.decision_note && !p.decision_note->empty() ? ojson(*p.decision_note) : ojson(nullptr);
  if (detail) j["dry_run_detail"] = dry_run;
  return j;
}

std::map<std::int64_t, Period> periods_of(Context& ctx, const std::string& ruleset) {
  return periods(db::list_activations(ctx.db, ruleset));
}
}  // namespace

ojson history_json(Context& ctx, const std::string& ruleset, Date today) {
  if (!ruleset.empty()) require_ruleset(ctx, ruleset, "--ruleset");
  ojson out = ojson::array();
  std::map<std::string, std::map<std::int64_t, Period>> by_name;
  for (const auto& p : db::list_proposals(ctx.db, ruleset, "")) {
    if (!by_name.count(p.ruleset)) by_name[p.ruleset] = periods_of(ctx, p.ruleset);
    out.push_back(entry_json(ctx, p, by_name[p.ruleset], today, false));
  }
  return out;
}

std::string history_text(const ojson& history) {
  static const std::map<std::string, std::string> status_nl = {
      {"proposed", "voorgesteld"}, {"active", "actief"}, {"superseded", "vervangen"}, {"withdrawn", "ingetrokken"}};
  static const std::map<std::string, std::string> kind_nl = {{"init", "geïnstalleerd door passend init"},
                                                             {"install", "nieuwe versie"},
                                                             {"parameters", "parameterwijziging"},
                                                             {"rollback", "terugzetten"},
                                                             {"migrated", "overgenomen uit passend v1"}};
  std::ostringstream out;
  for (const auto& e : history) {
    const std::string status = e["status"];
    out << "#" << e["proposal"].get<std::string>() << " " << e["ruleset"].get<std::string>() << " "
        << e["version"].get<std::string>() << " — " << status_nl.at(status);
    if (e["in_force"].get<bool>()) out << " (geldt nu)";
    out << "\n    " << kind_nl.at(e["kind"].get<std::string>());
    if (!e["base"].is_null()) out << " op " << e["base"].get<std::string>();
    out << "; voorgesteld door " << e["proposed_by"].get<std::string>() << " op " << e["proposed_at"].get<std::string>() << "\n";
    if (!e["approved_by"].is_null())
      out << "    goedgekeurd door " << e["approved_by"].get<std::string>() << " op " << e["approved_at"].get<std::string>()
          << "\n";
    if (!e["active_from"].is_null()) {
      const std::string from = e["active_from"];
      out << "    geldt " << (from == db::kAlwaysActive ? "voor elke datum" : "vanaf " + from);
      if (!e["active_until"].is_null()) out << " tot en met " << e["active_until"].get<std::string>();
      out << "\n";
    }
    if (status == "withdrawn" && !e["note"].is_null()) out << "    ingetrokken: " << e["note"].get<std::string>() << "\n";
    out << "    toelichting: " << e["comment"].get<std::string>() << "\n";
    for (const auto& c : e["changes"]) out << "    - " << c["text"].get<std::string>() << "\n";
    if (!e["protected_changes"].empty()) out << "    beschermde regels: " << e["protected_changes"].dump() << "\n";
    const auto& d = e["dry_run"];
    if (e["kind"] != "init" && e["kind"] != "migrated")
      out << "    proefdraai: " << d["changed"].dump() << " van " << d["advices"].dump() << " adviezen veranderen\n";
    out << "    hash " << e["hash"].get<std::string>() << "\n";
  }
  return out.str();
}

std::optional<ojson> proposal_json(Context& ctx, std::int64_t id, const std::optional<std::set<std::string>>& regions,
                                   Date today) {
  const auto p = db::read_proposal(ctx.db, id);
  if (!p) return std::nullopt;
  ojson j = entry_json(ctx, *p, periods_of(ctx, p->ruleset), today, true);
  auto& detail = j["dry_run_detail"];
  if (regions && detail.contains("changed")) {
    ojson kept = ojson::array();
    for (const auto& c : detail["changed"])
      if (c.contains("region") && c["region"].is_object() && regions->count(c["region"].value("code", "")))
        kept.push_back(c);
    detail["hidden_outside_scope"] = detail["changed"].size() - kept.size();
    detail["changed"] = kept;
  }
  return j;
}

ojson proposals_json(Context& ctx, const std::string& status, Date today) {
  ojson out = ojson::array();
  std::map<std::string, std::map<std::int64_t, Period>> by_name;
  for (const auto& p : db::list_proposals(ctx.db, "", status == "proposed" || status == "withdrawn" ? status : "")) {
    if (!by_name.count(p.ruleset)) by_name[p.ruleset] = periods_of(ctx, p.ruleset);
    ojson e = entry_json(ctx, p, by_name[p.ruleset], today, false);
    if (!status.empty() && e["status"] != status) continue;
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<ojson> ruleset_json(Context& ctx, const std::string& ruleset, Date today) {
  if (db::list_releases(ctx.db, ruleset).empty()) return std::nullopt;
  const auto identity_of = [&](std::optional<std::int64_t> release) -> ojson {
    if (!release) return nullptr;
    const auto r = release_or_throw(ctx, *release);
    return {{"name", r.ruleset}, {"version", r.version}, {"hash", r.hash}};
  };
  const auto head = read_head(ctx, ruleset);
  ojson j = {{"name", ruleset},
             {"in_force", identity_of(db::active_release(ctx.db, ruleset, today.str()))},
             {"head", identity_of(head ? std::optional(head->release.id) : std::nullopt)}};
  if (head) {
    j["head"]["proposal"] = std::to_string(head->proposal.id);
    j["head"]["active_from"] = head->activation.active_from;
    j["head"]["approved_by"] = head->proposal.decided_by ? ojson(*head->proposal.decided_by) : ojson(nullptr);
  }
  const auto regions = regions_using(ctx, ruleset, today);
  j["regions"] = regions;
  ojson assigned = ojson::array();
  for (const auto& [scope, name] : db::read_assignments(ctx.db))
    if (name == ruleset) assigned.push_back(scope);
  j["assigned_to"] = assigned;
  j["open_proposals"] = db::list_proposals(ctx.db, ruleset, "proposed").size();
  j["versions"] = db::list_releases(ctx.db, ruleset).size();
  return j;
}

ojson rulesets_json(Context& ctx, Date today) {
  ojson list = ojson::array();
  for (const auto& name : db::ruleset_names(ctx.db)) list.push_back(*ruleset_json(ctx, name, today));
  ojson assignments = ojson::array();
  for (const auto& [scope, name] : db::read_assignments(ctx.db)) {
    std::string label = scope == db::kDefaultScope ? "standaard" : scope;
    if (const Region* r = ctx.regions.region(scope)) label = "regio " + r->code + " (" + r->name + ")";
    if (const Network* n = ctx.regions.network(scope)) label = "netwerk " + n->code + " (" + n->name + ")";
    assignments.push_back({{"scope", scope}, {"label", label}, {"ruleset", name}});
  }
  return {{"rulesets", list}, {"assignments", assignments}, {"date", today.str()}};
}


}  // namespace passend::service
