#include "apps/service/place_allocation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <stdexcept>

#include "core/allocation.hpp"
#include "providers/audit_store.hpp"
#include "core/case_json.hpp"
#include "core/dutch_number.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "providers/registry.hpp"
#include "providers/reservations.hpp"
#include "core/sha256.hpp"
#include "apps/service/ruleset_registry.hpp"

namespace passend::service {

namespace {

using J = nlohmann::ordered_json;


struct CaseInput {
  Case c;
  std::string hash;  // "sha256:" of the case's JSON element, as serialised by nlohmann
};

// CASES.json: every problem of every case, each pointer prefixed with the case's index.
std::vector<CaseInput> parse_cases(const AllocationRequest& request, const Vocabulary& vocabulary,
                                   const RegionGraph& regions) {
  const nlohmann::json doc = parse_json_text(request.cases_bytes, request.cases_name);
  if (!doc.is_array())
    throw InvalidInput(request.cases_name, "", "expected a JSON array of CASE.json documents");
  std::vector<InputIssue> issues;
  std::vector<CaseInput> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const std::string at = "/" + std::to_string(i);
    try {
      Case c = parse_case(doc[i], request.cases_name, vocabulary, regions);
      if (!c.registered) issues.push_back({request.cases_name, at + "/registered", "required for allocation (the date the case was put forward)"});
      if (auto [it, fresh] = seen.emplace(c.id, i); !fresh)
        issues.push_back({request.cases_name, at + "/id", "duplicate case id '" + c.id + "' (also at /" + std::to_string(it->second) + ")"});
      check_case_on(c, request.reference_date, request.cases_name);
      out.push_back({std::move(c), "sha256:" + sha256_hex(doc[i].dump())});
    } catch (const InvalidInput& e) {
      for (auto issue : e.issues()) {
        issue.where = at + issue.where;
        issues.push_back(std::move(issue));
      }
    }
  }
  if (!issues.empty()) throw InvalidInput(std::move(issues));
  return out;
}

// A scarce place of the network: a supra-regional offering at a location in one of its regions.
struct Place {
  const Provider* provider = nullptr;
  const Location* location = nullptr;
  const Offering* offering = nullptr;
  std::string region;
};

std::vector<Place> network_places(const ProviderNetwork& registry, const RegionGraph& regions, const std::string& network) {
  std::vector<Place> out;
  for (const auto& p : registry.providers)
    for (const auto& loc : p.locations) {
      const Municipality* m = regions.municipality(loc.municipality);
      const Region* r = m ? regions.region(m->region) : nullptr;
      if (!r || r->network != network) continue;
      for (const auto& o : loc.offerings)
        if (o.supra_regional && o.capacity.free > 0) out.push_back({&p, &loc, &o, r->code});
    }
  return out;  // read_network sorts by ids at every level: providers, locations, offerings
}

// One case's claim on one place it is eligible for.
struct Claim {
  std::size_t place = 0;
  int rank = 0;  // the place's rank among the case's query candidates
  double priority = 0;
  std::vector<Reason> reasons;
};

void check_priority(const Case& c, const Offering& o, const std::vector<Reason>& reasons, double total) {
  for (const auto& r : reasons)
    if (!std::isfinite(r.effect))
      throw RuleError("priority rule '" + r.rule + "' gave a value that is not a number (case " + c.id + ", " + o.id + ")");
  if (!std::isfinite(total) || std::fabs(total) > 1e9)
    throw RuleError("the priority rules give case " + c.id + " for " + o.id + " a priority outside +-1e9");
}

// A place the query excluded for the case: why it was not eligible.
struct PlaceExclusion {
  std::size_t place = 0;
  Exclusion exclusion;  // the first of the verdict's exclusions
};

struct CaseEvaluation {
  std::vector<Claim> claims;
  std::vector<PlaceExclusion> excluded;
  RuleSetIdentity ruleset;  // the version that judged the case (its region's, on the reference date)
};

// Who judges a case: the version of its region's rule set (or one rule set for every case, with
// --rules); `network` is the network's own (its assignment, then the default), named by the
// result when the cases' regions use different versions.
struct RulePicker {
  std::function<RuleHostLease(const Case&)> for_case;
  RuleSetIdentity network;
};

// Eligibility is the query itself: the case's candidates (not excluded) that are places.
CaseEvaluation evaluate_case(const Case& c, const ProviderNetwork& registry, const RegionGraph& regions,
                             const Vocabulary& vocabulary, RuleHost& rules, Date on,
                             const std::map<std::string, std::size_t>& place_of) {
  const QueryResult q = run_query(c, registry, regions, vocabulary, rules, on);
  // The batch the rules evaluated (settled offerings are never candidates): the rule host still
  // holds its tables, so the priority rules run on them without building them again.
  std::vector<CandidateFacts> facts;
  std::vector<Verdict> verdicts;
  for (std::size_t i = 0; i < q.by_rules; ++i) {
    facts.push_back(q.evaluated[i].facts);
    verdicts.push_back(q.evaluated[i].verdict);
  }
  const auto reasons = rules.priorities(q.case_facts, facts, verdicts);
  CaseEvaluation out;
  out.ruleset = rules.identity();
  for (std::size_t i : q.excluded)
    if (auto it = place_of.find(q.evaluated[i].facts.offering->id); it != place_of.end())
      out.excluded.push_back({it->second, q.evaluated[i].verdict.exclusions.front()});
  for (std::size_t i : q.candidates) {
    const auto& e = q.evaluated[i];
    auto it = place_of.find(e.facts.offering->id);
    if (it == place_of.end()) continue;
    Claim claim{it->second, e.rank.value_or(0), 0, i < reasons.size() ? reasons[i] : std::vector<Reason>{}};
    for (const auto& r : claim.reasons) claim.priority += r.effect;
    // What weighed most first (the rules run by name, which says nothing to a reader); equal
    // effects keep that order.
    std::stable_sort(claim.reasons.begin(), claim.reasons.end(),
                     [](const Reason& a, const Reason& b) { return a.effect > b.effect; });
    check_priority(c, *e.facts.offering, claim.reasons, claim.priority);
    out.claims.push_back(std::move(claim));
  }
  return out;
}

// Everything the allocation was computed from, read in one consistent snapshot.
struct Snapshot {
  ProviderNetwork registry;
  std::optional<std::int64_t> import_id;
  std::map<std::string, db::Reservation> held;  // active reservations by case
};

Snapshot read_snapshot(db::Database& db, Date on) {
  Snapshot s;
  db::Transaction tx(db, db::Transaction::Kind::deferred);
  s.import_id = db::current_import_id(db);
  s.registry = db::read_network(db);
  db::apply_reservations(db, s.registry, on);
  for (auto& r : db::active_reservations(db, on)) s.held.emplace(r.case_id, std::move(r));
  tx.commit();
  return s;
}

// A case that already holds a place, in this network or any other (db::reserve allows one active
// reservation per case anywhere), is not allocated again: it is skipped and the others are
// allocated.
struct Skipped {
  const CaseInput* input = nullptr;
  const db::Reservation* held = nullptr;
};

struct CaseSplit {
  std::vector<CaseInput> to_allocate;  // input order
  std::vector<Skipped> skipped;        // case-id order
};

CaseSplit split_held_cases(const std::vector<CaseInput>& cases, const Snapshot& s) {
  CaseSplit out;
  for (const auto& in : cases) {
    if (auto it = s.held.find(in.c.id); it != s.held.end()) out.skipped.push_back({&in, &it->second});
    else out.to_allocate.push_back(in);
  }
  std::sort(out.skipped.begin(), out.skipped.end(),
            [](const Skipped& a, const Skipped& b) { return a.input->c.id < b.input->c.id; });
  return out;
}

const Provider* provider_of(const ProviderNetwork& registry, const std::string& offering) {
  for (const auto& p : registry.providers)
    for (const auto& loc : p.locations)
      for (const auto& o : loc.offerings)
        if (o.id == offering) return &p;
  return nullptr;  // the offering left the registry with an import; the reservation still counts
}

// "heeft al een plek (b-jzp, Stichting B, reservering #3, tot en met 2026-12-31)"
std::string held_text(const db::Reservation& r, const Provider* provider) {
  std::string out = "heeft al een plek (" + r.offering;
  if (provider) out += ", " + provider->name;
  out += ", reservering #" + std::to_string(r.id);
  if (r.until) out += ", tot en met " + *r.until;
  return out + ")";
}

J skipped_json(const std::vector<Skipped>& skipped, const ProviderNetwork& registry) {
  J out = J::array();
  for (const auto& k : skipped) {
    const Provider* provider = provider_of(registry, k.held->offering);
    out.push_back({{"case", k.input->c.id}, {"code", "already_placed"}, {"offering", k.held->offering},
                   {"provider", provider ? J(provider->id) : J(nullptr)}, {"reservation", k.held->id},
                   {"until", k.held->until ? J(*k.held->until) : J(nullptr)}, {"text", held_text(*k.held, provider)}});
  }
  return out;
}

J ruleset_json(const RuleSetIdentity& id) { return {{"name", id.name}, {"version", id.version}, {"hash", id.hash}}; }

// The version the result names: the cases' own when they share one (always with --rules), else
// the network's; `rulesets` lists every version that judged a case, with its cases.
RuleSetIdentity named_ruleset(const std::vector<CaseEvaluation>& cases, const RuleSetIdentity& network) {
  if (cases.empty()) return network;
  for (const auto& e : cases)
    if (e.ruleset.hash != cases.front().ruleset.hash) return network;
  return cases.front().ruleset;
}

J rulesets_json(const std::vector<CaseEvaluation>& cases, const std::vector<std::string>& ids) {
  std::map<std::string, std::pair<RuleSetIdentity, std::vector<std::string>>> by_hash;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto& entry = by_hash[cases[i].ruleset.hash];
    entry.first = cases[i].ruleset;
    entry.second.push_back(ids[i]);
  }
  J out = J::array();
  for (auto& [hash, entry] : by_hash) {
    std::sort(entry.second.begin(), entry.second.end());
    J j = ruleset_json(entry.first);
    j["cases"] = entry.second;
    out.push_back(j);
  }
  return out;
}

J reasons_json(const std::vector<Reason>& reasons) {
  J out = J::array();
  for (const auto& r : reasons) out.push_back({{"rule", r.rule}, {"effect", round_decimals(r.effect, 2)}, {"text", r.text}});
  return out;
}

// The computation: the problem for core/allocation.hpp and what is needed to explain it.
struct Computed {
  std::vector<Place> places;
  std::vector<CaseEvaluation> cases;  // in input order
  AllocationProblem problem;
  AllocationResult result;
};

Computed compute(const std::vector<CaseInput>& cases, const Snapshot& s, const RegionGraph& regions,
                 const Vocabulary& vocabulary, RulePicker& rules, const AllocationRequest& request) {
  Computed out;
  out.places = network_places(s.registry, regions, request.network);
  std::map<std::string, std::size_t> place_of;
  for (std::size_t j = 0; j < out.places.size(); ++j) {
    place_of[out.places[j].offering->id] = j;
    out.problem.places.push_back(
        {out.places[j].offering->id, out.places[j].provider->id, out.places[j].offering->capacity.free});
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    out.problem.cases.push_back(cases[i].c.id);
    auto lease = rules.for_case(cases[i].c);  // one case at a time: no lease is held while waiting for another
    out.cases.push_back(
        evaluate_case(cases[i].c, s.registry, regions, vocabulary, lease.host(), request.reference_date, place_of));
    for (const auto& claim : out.cases.back().claims) out.problem.edges.push_back({i, claim.place, claim.priority});
  }
  out.result = allocate(out.problem);
  return out;
}

const Claim& claim_for(const Computed& c, std::size_t case_index, std::size_t place) {
  for (const auto& claim : c.cases[case_index].claims)
    if (claim.place == place) return claim;
  throw std::logic_error("allocation: an assignment without a claim");
}

J assignment_json(const Computed& c, const Assignment& a, std::optional<std::int64_t> reservation) {
  const Place& place = c.places[a.place_index];
  const Claim& claim = claim_for(c, a.case_index, a.place_index);
  J j;
  j["case"] = c.problem.cases[a.case_index];
  j["offering"] = place.offering->id;
  j["provider"] = place.provider->id;
  j["priority"] = a.priority;
  j["reasons"] = reasons_json(claim.reasons);
  j["provider_name"] = place.provider->name;
  j["location"] = place.location->id;
  j["care_form"] = place.offering->care_form;
  j["candidate_rank"] = claim.rank;
  j["reservation"] = reservation ? J(*reservation) : J(nullptr);
  j["ruleset"] = ruleset_json(c.cases[a.case_index].ruleset);
  return j;
}

// Why no place was eligible: the places the query excluded, or none of the asked care forms.
std::string no_place_detail(const Computed& c, const CaseEvaluation& e) {
  if (e.excluded.empty()) return "; het netwerk heeft geen vrije plek met de gevraagde zorgvorm";
  std::vector<std::string> parts;
  for (const auto& x : e.excluded) parts.push_back(c.places[x.place].offering->id + " (" + x.exclusion.text + ")");
  return "; uitgesloten: " + join(parts, ", ");
}

J unassigned_json(const Computed& c, const Unassigned& u) {
  const CaseEvaluation& e = c.cases[u.case_index];
  J j;
  j["case"] = c.problem.cases[u.case_index];
  j["code"] = unassigned_code_name(u.code);
  j["text"] = unassigned_text(c.problem, u) + (u.code == UnassignedCode::no_eligible_place ? no_place_detail(c, e) : "");
  j["outranked_by"] = u.outranked_by ? J(c.problem.cases[*u.outranked_by]) : J(nullptr);
  j["offering"] = u.place_index ? J(c.places[*u.place_index].offering->id) : J(nullptr);
  j["priority"] = u.place_index ? J(u.priority) : J(nullptr);
  j["outranked_priority"] = u.outranked_by ? J(u.outranked_priority) : J(nullptr);
  j["eligible_places"] = e.claims.size();
  j["ruleset"] = ruleset_json(e.ruleset);
  // Why no place fits (for an outranked case the places it fits are the story, not the others).
  if (u.code == UnassignedCode::no_eligible_place) {
    J excluded = J::array();
    for (const auto& x : e.excluded)
      excluded.push_back({{"offering", c.places[x.place].offering->id}, {"rule", x.exclusion.rule},
                          {"code", x.exclusion.code}, {"text", x.exclusion.text}});
    j["excluded"] = excluded;
  }
  return j;
}

J places_json(const Computed& c) {
  std::vector<std::vector<std::string>> assigned(c.places.size()), eligible(c.places.size());
  for (const auto& a : c.result.assignments) assigned[a.place_index].push_back(c.problem.cases[a.case_index]);
  for (std::size_t i = 0; i < c.cases.size(); ++i)
    for (const auto& claim : c.cases[i].claims) eligible[claim.place].push_back(c.problem.cases[i]);
  for (auto& list : eligible) std::sort(list.begin(), list.end());
  J out = J::array();
  for (std::size_t j = 0; j < c.places.size(); ++j) {
    const Place& p = c.places[j];
    out.push_back({{"offering", p.offering->id}, {"provider", p.provider->id}, {"provider_name", p.provider->name},
                   {"care_form", p.offering->care_form}, {"municipality", p.location->municipality},
                   {"region", p.region}, {"free", p.offering->capacity.free}, {"assigned", assigned[j]},
                   {"eligible", eligible[j]}});
  }
  return out;
}

J result_json(const Computed& c, const J& skipped, const AllocationRequest& request, const RegionGraph& regions,
              const RuleSetIdentity& network_ruleset, const std::vector<std::int64_t>& reservation_ids) {
  J j;
  j["network"] = request.network;
  j["network_name"] = regions.network(request.network)->name;
  j["reference_date"] = request.reference_date.str();
  j["ruleset"] = ruleset_json(named_ruleset(c.cases, network_ruleset));
  j["rulesets"] = rulesets_json(c.cases, c.problem.cases);
  j["placed"] = c.result.placed;
  j["objective"] = c.result.objective();
  J assignments = J::array();
  for (std::size_t k = 0; k < c.result.assignments.size(); ++k)
    assignments.push_back(assignment_json(c, c.result.assignments[k],
                                          k < reservation_ids.size() ? std::optional(reservation_ids[k]) : std::nullopt));
  j["assignments"] = assignments;
  J unassigned = J::array();
  for (const auto& u : c.result.unassigned) unassigned.push_back(unassigned_json(c, u));
  j["unassigned"] = unassigned;
  j["skipped"] = skipped;
  j["committed"] = request.commit;
  j["cases"] = c.problem.cases.size() + skipped.size();
  j["places"] = places_json(c);
  j["until"] = request.until ? J(request.until->str()) : J(nullptr);
  j["decision"] = "Dit is een voorstel met redenen volgens gepubliceerde prioriteitsregels; het netwerk beslist.";
  return j;
}

// One audit record per case: its own outcome, with the allocation it was part of.
std::vector<std::int64_t> audit_cases(Context& ctx, const std::vector<CaseInput>& cases, const J& result,
                                      const Snapshot& s, const AllocationRequest& request) {
  const std::string allocation_hash = "sha256:" + sha256_hex(result.dump());
  std::map<std::string, J> outcome;
  for (const auto& a : result["assignments"]) outcome[a["case"].get<std::string>()] = {{"assignment", a}};
  for (const auto& u : result["unassigned"]) outcome[u["case"].get<std::string>()] = {{"unassigned", u}};
  for (const auto& k : result["skipped"]) outcome[k["case"].get<std::string>()] = {{"skipped", k}};
  std::map<std::string, J> rulesets_of;  // the version that judged each allocated case
  for (const auto& r : result["rulesets"])
    for (const auto& id : r["cases"]) rulesets_of[id.get<std::string>()] = {{"name", r["name"]}, {"version", r["version"]}, {"hash", r["hash"]}};
  std::vector<const CaseInput*> sorted;
  for (const auto& in : cases) sorted.push_back(&in);
  std::sort(sorted.begin(), sorted.end(), [](const CaseInput* a, const CaseInput* b) { return a->c.id < b->c.id; });

  std::vector<std::int64_t> ids;
  for (const CaseInput* in : sorted) {
    J record;
    record["allocation"] = {{"network", result["network"]},   {"reference_date", result["reference_date"]},
                            {"ruleset", result["ruleset"]},   {"placed", result["placed"]},
                            {"objective", result["objective"]}, {"committed", result["committed"]},
                            {"cases", result["cases"]},       {"result_hash", allocation_hash}};
    record.update(outcome.at(in->c.id));
    const std::string text = record.dump();
    db::AuditEntry e;
    e.actor = request.actor.name;
    e.scope = request.actor.scope;
    const Municipality* m = ctx.regions.municipality(in->c.municipality);
    e.region = m ? m->region : "";
    e.action = "allocate";
    e.case_id = in->c.id;
    e.case_hash = in->hash;
    e.reference_date = request.reference_date.str();
    const J& ruleset = rulesets_of.count(in->c.id) ? rulesets_of.at(in->c.id) : result["ruleset"];
    e.ruleset_name = ruleset["name"];
    e.ruleset_version = ruleset["version"];
    e.ruleset_hash = ruleset["hash"];
    e.import_id = s.import_id;
    if (record.contains("assignment")) e.plan_a = record["assignment"]["offering"].get<std::string>();
    e.result = text;
    ids.push_back(db::append_audit(ctx.db, e));
  }
  return ids;
}

// Right-aligned, so that the points of a case's reasons line up.
std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

// Links each reservation to its case's audit record. Audit records come in case-id order over
// every case of the request (skipped ones included), assignments in case-id order too.
void link_reservations(db::Database& db, const Computed& computed, const std::vector<CaseInput>& cases,
                       const AllocationOutcome& out) {
  std::vector<std::string> ids;
  for (const auto& in : cases) ids.push_back(in.c.id);
  std::sort(ids.begin(), ids.end());
  std::map<std::string, std::int64_t> audit_of;
  for (std::size_t k = 0; k < ids.size(); ++k) audit_of[ids[k]] = out.audit_ids[k];
  for (std::size_t k = 0; k < out.reservation_ids.size(); ++k)
    db::link_audit(db, out.reservation_ids[k], audit_of.at(computed.problem.cases[computed.result.assignments[k].case_index]));
}

}  // namespace

namespace {
AllocationOutcome allocate_with(Context& ctx, RulePicker& rules, const AllocationRequest& request) {
  if (!ctx.regions.network(request.network))
    throw InvalidInput("--network", "", "unknown network '" + request.network + "'; expected a code such as EXN03");
  if (request.until && *request.until < request.reference_date)
    throw InvalidInput("--until", "", "the reservations would end (" + request.until->str() + ") before the reference date " +
                                          request.reference_date.str());
  const std::vector<CaseInput> cases = parse_cases(request, ctx.vocabulary, ctx.regions);
  const Snapshot snapshot = read_snapshot(ctx.db, request.reference_date);
  const CaseSplit split = split_held_cases(cases, snapshot);
  const Computed computed = compute(split.to_allocate, snapshot, ctx.regions, ctx.vocabulary, rules, request);

  AllocationOutcome out;
  // The check that each place is still free (and each case still without one) happens again
  // inside this write transaction, so a place taken since the snapshot is a Conflict and
  // nothing is written.
  db::Transaction tx(ctx.db, db::Transaction::Kind::immediate);
  if (request.commit)
    for (const auto& a : computed.result.assignments)
      out.reservation_ids.push_back(db::reserve(ctx.db, {computed.problem.cases[a.case_index],
                                                         computed.places[a.place_index].offering->id, request.until},
                                                request.reference_date)
                                        .id);
  out.result = result_json(computed, skipped_json(split.skipped, snapshot.registry), request, ctx.regions,
                           rules.network, out.reservation_ids);
  out.audit_ids = audit_cases(ctx, cases, out.result, snapshot, request);
  link_reservations(ctx.db, computed, cases, out);
  tx.commit();
  return out;
}

}  // namespace

AllocationOutcome allocate_places(Context& ctx, RuleHost& rules, const AllocationRequest& request) {
  RulePicker picker{[&rules](const Case&) { return RuleHostLease(nullptr, &rules, {rules.identity(), std::nullopt, ""}); },
                    rules.identity()};
  return allocate_with(ctx, picker, request);
}

AllocationOutcome allocate_places(Context& ctx, RuleSetRegistry& rules, const AllocationRequest& request) {
  if (!ctx.regions.network(request.network))
    throw InvalidInput("--network", "", "unknown network '" + request.network + "'; expected a code such as EXN03");
  RulePicker picker{[&](const Case& c) {
                      return rules.for_region(ctx, region_of_municipality(ctx, c.municipality), request.reference_date);
                    },
                    rules.choose_for_network(ctx, request.network, request.reference_date).identity};
  return allocate_with(ctx, picker, request);
}

namespace {
std::string summary_text(const J& r) {
  const std::size_t skipped = r.contains("skipped") ? r["skipped"].size() : 0;
  std::string out = "Geplaatst: " + std::to_string(r["placed"].get<int>()) + " van " +
                    std::to_string(r.value("cases", std::size_t{0}) - skipped) + " casussen, ";
  if (skipped) out += std::to_string(skipped) + " overgeslagen (al een plek), ";
  const std::size_t places = r["places"].size();
  out += std::to_string(places) + (places == 1 ? " plek" : " plekken") + " met vrije capaciteit; totale prioriteit ";
  return out + dutch_number(r["objective"].get<double>()) + "\n";
}

std::string assignments_text(const J& r) {
  std::string out = r["assignments"].empty() ? "" : "\nToegewezen:\n";
  for (const auto& a : r["assignments"]) {
    out += "  " + a["case"].get<std::string>() + " -> " + a["offering"].get<std::string>() + " (" +
           a.value("provider_name", a["provider"].get<std::string>()) + "), prioriteit " + dutch_number(a["priority"].get<double>());
    if (!a["reservation"].is_null()) out += ", reservering #" + std::to_string(a["reservation"].get<std::int64_t>());
    out += "\n";
    for (const auto& reason : a["reasons"])
      out += pad_left(dutch_number(reason["effect"].get<double>()), 11) + "  " + reason["text"].get<std::string>() + "\n";
  }
  return out;
}

// The unassigned cases ("Niet toegewezen") and those that already hold a place ("Overgeslagen").
std::string others_text(const J& r) {
  std::string out = r["unassigned"].empty() ? "" : "\nNiet toegewezen:\n";
  for (const auto& u : r["unassigned"])
    out += "  " + u["case"].get<std::string>() + ": " + u["text"].get<std::string>() + "\n";
  if (!r.contains("skipped") || r["skipped"].empty()) return out;
  out += "\nOvergeslagen:\n";
  for (const auto& k : r["skipped"]) out += "  " + k["case"].get<std::string>() + " " + k["text"].get<std::string>() + "\n";
  return out;
}
}  // namespace

std::string allocation_to_text(const nlohmann::ordered_json& r) {
  std::string out;
  out += "Toewijzing bovenregionale plekken: " + r.value("network_name", r["network"].get<std::string>()) + " (" +
         r["network"].get<std::string>() + "), peildatum " + r["reference_date"].get<std::string>() + "\n";
  if (r.contains("rulesets") && r["rulesets"].size() > 1) {
    out += "Regelsets (elke casus met de regelset van de eigen regio):\n";
    for (const auto& rs : r["rulesets"]) {
      std::vector<std::string> cases;
      for (const auto& c : rs["cases"]) cases.push_back(c.get<std::string>());
      out += "  " + rs["name"].get<std::string>() + " " + rs["version"].get<std::string>() + " (" + rs["hash"].get<std::string>() +
             "): " + join(cases, ", ") + "\n";
    }
  } else {
    out += "Regelset " + r["ruleset"]["name"].get<std::string>() + " " + r["ruleset"]["version"].get<std::string>() + " (" +
           r["ruleset"]["hash"].get<std::string>() + ")\n";
  }
  out += summary_text(r) + assignments_text(r) + others_text(r) + "\n";
  if (r["committed"].get<bool>())
    out += "Vastgelegd: elke toewijzing is een reservering; de vrije plekken zijn verminderd.\n";
  else
    out += "Niet vastgelegd: met --commit worden de toewijzingen reserveringen.\n";
  out += r["decision"].get<std::string>() + "\n";
  return out;
}

}  // namespace passend::service
