#include "apps/service/places.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "apps/service/rules.hpp"
#include "core/errors.hpp"
#include "core/privacy.hpp"
#include "providers/reservations.hpp"

namespace passend::service {

namespace {
using J = nlohmann::ordered_json;

const char* dutch_kind(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::email: return "een e-mailadres";
    case PersonalDataKind::date: return "een volledige datum";
    case PersonalDataKind::phone: return "een telefoonnummer";
    case PersonalDataKind::bsn: return "een BSN-achtig nummer";
    case PersonalDataKind::postcode: return "een postcode";
    case PersonalDataKind::street_address: return "een straatadres";
  }
  return "persoonsgegevens";
}

Place make_place(Context& ctx, db::OfferingFigures f, const std::map<std::string, int>& reserved, int stale_days, Date on) {
  Place p;
  const Municipality* m = ctx.regions.municipality(f.municipality);
  p.region = m ? m->region : "";
  auto it = reserved.find(f.offering);
  p.reserved = it == reserved.end() ? 0 : it->second;
  p.age_days = on - f.capacity.updated;
  p.stale = p.age_days > stale_days;
  p.figures = std::move(f);
  return p;
}

std::string offering_label(const db::OfferingFigures& f) { return "aanbod " + f.offering; }
}  // namespace

int staleness_limit_days(const RuleHost& rules) {
  try {
    const auto declared = declared_rules_json(rules);
    for (const auto& rule : declared["rules"]) {
      if (rule["name"] != "stale_capacity" || rule["disabled"].get<bool>()) continue;
      for (const auto& param : rule["params"])
        if (param["name"] == "max_age_days" && param["value"].is_number_integer()) return param["value"].get<int>();
    }
  } catch (const std::runtime_error&) {
    // a rule host that declares nothing: the default
  }
  return kDefaultStaleDays;
}

std::optional<db::OfferingFigures> offering_figures(Context& ctx, const std::string& offering) {
  auto list = db::offering_figures(ctx.db, {std::nullopt, offering, std::nullopt});
  if (list.empty()) return std::nullopt;
  return std::move(list.front());
}

std::optional<ProviderPlaces> provider_places(Context& ctx, const std::string& provider, int stale_days, Date on) {
  db::Transaction tx(ctx.db, db::Transaction::Kind::deferred);  // figures and reservations as one version
  if (!db::provider_exists(ctx.db, provider)) return std::nullopt;
  auto figures = db::offering_figures(ctx.db, {provider, std::nullopt, std::nullopt});
  const auto reserved = db::active_reservation_counts(ctx.db, on);
  tx.commit();
  ProviderPlaces out;
  out.provider = provider;
  out.on = on;
  out.stale_days = stale_days;
  for (auto& f : figures) {
    if (out.provider_name.empty()) out.provider_name = f.provider_name;
    out.places.push_back(make_place(ctx, std::move(f), reserved, stale_days, on));
  }
  // Stale first, oldest first (the read's order); then the rest by location and offering.
  auto fresh = std::stable_partition(out.places.begin(), out.places.end(), [](const Place& p) { return p.stale; });
  std::sort(fresh, out.places.end(), [](const Place& a, const Place& b) {
    return std::tie(a.figures.location, a.figures.offering) < std::tie(b.figures.location, b.figures.offering);
  });
  if (out.provider_name.empty()) {
    // A provider without offerings still has a name.
    for (const auto& p : db::read_network(ctx.db).providers)
      if (p.id == provider) out.provider_name = p.name;
  }
  return out;
}

void require_may_edit(const Context& ctx, const Editor& editor, const db::OfferingFigures& offering) {
  if (!may_set_capacity(editor.role))
    throw Forbidden(std::string("de rol ") + role_name(editor.role) +
                    " mag geen capaciteit bijwerken; dat doen de aanbieder zelf, de netwerkcoördinator en functioneel beheer");
  const Scope& scope = editor.scope;
  if (scope.kind == Scope::Kind::provider) {
    if (offering.provider != scope.id)
      throw OutOfScope(offering_label(offering) + " is van aanbieder " + offering.provider +
                       " en ligt buiten de scope van dit token: " + scope_dutch(scope, ctx.regions));
    return;
  }
  const Municipality* m = ctx.regions.municipality(offering.municipality);
  require_region(scope, ctx.regions, m ? m->region : "", offering_label(offering));
}

void require_not_below_reserved(Context& ctx, const std::string& offering, int free, Date on) {
  const auto counts = db::active_reservation_counts(ctx.db, on);
  auto it = counts.find(offering);
  const int reserved = it == counts.end() ? 0 : it->second;
  if (free < reserved)
    throw Conflict("aanbod " + offering + ": vrij kan niet " + std::to_string(free) + " worden, want er " +
                   (reserved == 1 ? "is 1 plek" : "zijn " + std::to_string(reserved) + " plekken") +
                   " gereserveerd; geef eerst een reservering vrij of vul minstens " + std::to_string(reserved) + " in");
}

void check_capacity_note(const std::string& note, const std::string& file, const std::string& pointer) {
  const std::size_t length = count_code_points(note);
  if (length > kMaxCapacityNote)
    throw InvalidInput(file, pointer, "de notitie is te lang: hoogstens " + std::to_string(kMaxCapacityNote) +
                                          " tekens, nu " + std::to_string(length));
  if (auto kind = find_personal_data(note))
    throw InvalidInput(file, pointer, std::string("geen persoonsgegevens in de notitie: de tekst bevat ") + dutch_kind(*kind));
}

ProviderPlaces save_provider_places(Context& ctx, const std::string& provider, const std::vector<PlaceUpdate>& updates,
                                    const Editor& editor, int stale_days, Date on) {
  const std::string file = "request body";
  db::Transaction tx(ctx.db);  // checked and written against one version, with its audit record
  if (updates.empty()) throw InvalidInput(file, "/offerings", "geen wijzigingen: de lijst met aanbod is leeg");
  std::set<std::string> seen;
  J audited = J::array();
  for (std::size_t i = 0; i < updates.size(); ++i) {
    const auto& u = updates[i];
    const std::string at = "/offerings/" + std::to_string(i);
    const auto f = offering_figures(ctx, u.offering);
    if (!f) throw InvalidInput(file, at + "/offering", "onbekend aanbod '" + u.offering + "'");
    require_may_edit(ctx, editor, *f);
    if (f->provider != provider)
      throw InvalidInput(file, at + "/offering", "aanbod " + u.offering + " is niet van aanbieder " + provider);
    if (!seen.insert(u.offering).second)
      throw InvalidInput(file, at + "/offering", "aanbod " + u.offering + " staat twee keer in de lijst");
    if (u.free < 0 || u.free > f->capacity.places)
      throw InvalidInput(file, at + "/free", "vrij moet een geheel getal van 0 tot " + std::to_string(f->capacity.places) +
                                                 " zijn (de plekken van dit aanbod)");
    if (u.wait_weeks && (*u.wait_weeks < 0 || *u.wait_weeks > 520))
      throw InvalidInput(file, at + "/wait_weeks", "de wachttijd moet een geheel aantal weken van 0 tot 520 zijn");
    check_capacity_note(u.note, file, at + "/note");
    require_not_below_reserved(ctx, u.offering, u.free, on);
    db::set_capacity(ctx.db, u.offering, u.free, u.wait_weeks, on, {editor.actor.name, u.note});
    audited.push_back({{"offering", u.offering}, {"free", u.free},
                       {"wait_weeks", u.wait_weeks.value_or(f->capacity.wait_weeks)}, {"updated", on.str()},
                       {"note", u.note}});
  }
  record_event(ctx, editor.actor, "capacity_update", "", {{"provider", provider}, {"offerings", audited}});
  auto out = provider_places(ctx, provider, stale_days, on);
  tx.commit();
  return std::move(*out);
}

std::vector<StaleProvider> stale_places(Context& ctx, int days, Date on, const std::optional<std::set<std::string>>& regions) {
  db::Transaction tx(ctx.db, db::Transaction::Kind::deferred);
  auto figures = db::offering_figures(ctx.db, {std::nullopt, std::nullopt, on.plus_days(-days)});
  const auto reserved = db::active_reservation_counts(ctx.db, on);
  tx.commit();
  std::vector<StaleProvider> out;
  for (auto& f : figures) {
    Place p = make_place(ctx, std::move(f), reserved, days, on);
    if (regions && !regions->count(p.region)) continue;
    if (out.empty() || out.back().provider != p.figures.provider)
      out.push_back({p.figures.provider, p.figures.provider_name, {}});
    out.back().places.push_back(std::move(p));
  }
  return out;
}

J place_json(const Place& p, const Vocabulary& vocabulary) {
  const auto& f = p.figures;
  return {{"offering", f.offering},
          {"location", f.location},
          {"municipality", f.municipality},
          {"region", p.region},
          {"care_form", f.care_form},
          {"care_form_label", vocabulary.dutch(f.care_form)},
          {"supra_regional", f.supra_regional},
          {"places", f.capacity.places},
          {"free", f.capacity.free},
          {"reserved", p.reserved},
          {"wait_weeks", f.capacity.wait_weeks},
          {"updated", f.capacity.updated.str()},
          {"age_days", p.age_days},
          {"stale", p.stale},
          {"note", f.note},
          {"updated_by", f.set_by}};
}

J provider_places_json(const ProviderPlaces& places, const Vocabulary& vocabulary) {
  J list = J::array();
  for (const auto& p : places.places) list.push_back(place_json(p, vocabulary));
  return {{"provider", places.provider},
          {"provider_name", places.provider_name},
          {"date", places.on.str()},
          {"stale_days", places.stale_days},
          {"offerings", std::move(list)}};
}

J stale_report_json(const std::vector<StaleProvider>& report, int days, Date on, const Vocabulary& vocabulary) {
  J providers = J::array();
  int total = 0;
  for (const auto& p : report) {
    J list = J::array();
    for (const auto& place : p.places) list.push_back(place_json(place, vocabulary));
    total += static_cast<int>(p.places.size());
    providers.push_back({{"provider", p.provider}, {"provider_name", p.provider_name}, {"offerings", std::move(list)}});
  }
  return {{"date", on.str()}, {"days", days}, {"offerings", total}, {"providers", std::move(providers)}};
}

std::string stale_report_text(const std::vector<StaleProvider>& report, int days, Date on, const Vocabulary& vocabulary) {
  std::string out = "Verouderde capaciteit op " + on.str() + ": cijfers ouder dan " + std::to_string(days) +
                    (days == 1 ? " dag\n" : " dagen\n");
  if (report.empty()) return out + "Alle aanbieders hebben actuele cijfers.\n";
  int total = 0;
  for (const auto& p : report) {
    out += '\n';  // appended apart: GCC 12 warns (-Wrestrict, falsely) on "x" + std::string here
    out += p.provider_name;
    out += " (" + p.provider + ")\n";
    for (const auto& place : p.places) {
      const auto& f = place.figures;
      char line[512];
      std::snprintf(line, sizeof line, "  %-28s %-26s bijgewerkt %s (%d dagen geleden), %d van %d vrij, wachttijd %d weken\n",
                    f.offering.c_str(), vocabulary.dutch(f.care_form).c_str(), f.capacity.updated.str().c_str(),
                    place.age_days, f.capacity.free, f.capacity.places, f.capacity.wait_weeks);
      out += line;
      ++total;
    }
  }
  out += '\n';
  out += std::to_string(total) + (total == 1 ? " aanbod" : " aanbiedingen") + " bij " + std::to_string(report.size()) +
         (report.size() == 1 ? " aanbieder" : " aanbieders") + " na te bellen\n";
  return out;
}

}  // namespace passend::service
