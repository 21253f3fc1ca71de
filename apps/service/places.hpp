#pragma once
// Places kept current by those who have them (docs/api.md, "Providers keep their own places
// current"): a provider's offerings with their figures, one save for several of them, and the
// offerings whose figures have gone stale, per provider, for the coordinator to chase.
//
// Every live update is a capacity-history row with who (the token label or OS user), when and
// the note; free places can never drop below the places reserved today; the note is at most
// kMaxCapacityNote characters and refused when it holds personal data (core/privacy.hpp).
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apps/service/audit.hpp"
#include "apps/service/scopes.hpp"
#include "apps/service/tokens.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/rule_host.hpp"
#include "providers/registry.hpp"

namespace passend::service {

inline constexpr std::size_t kMaxCapacityNote = 200;
// The staleness limit when the rule set declares none (rule stale_capacity, max_age_days).
inline constexpr int kDefaultStaleDays = 30;

// The rule set's staleness limit: stale_capacity's max_age_days as the rule set has it now, or
// kDefaultStaleDays when that rule is absent or switched off.
int staleness_limit_days(const RuleHost& rules);

struct Place {
  db::OfferingFigures figures;
  std::string region;   // of the offering's location
  int reserved = 0;     // active reservations on the day asked
  int age_days = 0;     // days from the figures' date to the day asked
  bool stale = false;   // age_days above the staleness limit
};

struct ProviderPlaces {
  std::string provider, provider_name;
  Date on;
  int stale_days = kDefaultStaleDays;
  std::vector<Place> places;  // the stale ones first (oldest first), then the others by location and offering
};

// The provider's offerings with their figures on `on`; nothing for a provider the registry does
// not hold.
std::optional<ProviderPlaces> provider_places(Context& ctx, const std::string& provider, int stale_days, Date on);

// One offering's figures, for the checks below; nothing for an unknown offering.
std::optional<db::OfferingFigures> offering_figures(Context& ctx, const std::string& offering);

// Who saves figures: the token's label, role and scope (the CLI: the OS user, unscoped admin).
struct Editor {
  Actor actor;
  Role role = Role::admin;
  Scope scope;
};

// Forbidden (docs/api.md: 403) unless the role may set capacity; OutOfScope unless a provider
// token names the offering's provider, or a region or network scope covers its region.
void require_may_edit(const Context& ctx, const Editor& editor, const db::OfferingFigures& offering);

struct PlaceUpdate {
  std::string offering;
  int free = 0;
  std::optional<int> wait_weeks;  // none: unchanged
  std::string note;               // "" clears the note
};

// Saves the updates of one provider's offerings in one transaction, with one audit record
// ("capacity_update": the offerings and their new figures) and one history row each, dated
// `on`. Everything is checked first and nothing is written when one fails: InvalidInput
// (Dutch, pointer /offerings/<i>/<field>) for an offering not of this provider, free outside
// 0..places, wait outside 0..520, a note too long or holding personal data; Conflict when free
// would drop below the places reserved; Forbidden or OutOfScope as require_may_edit.
ProviderPlaces save_provider_places(Context& ctx, const std::string& provider, const std::vector<PlaceUpdate>& updates,
                                    const Editor& editor, int stale_days, Date on);

// Conflict (Dutch) when `free` is below the places of `offering` reserved on `on`.
void require_not_below_reserved(Context& ctx, const std::string& offering, int free, Date on);
// InvalidInput (file, pointer) in Dutch when the note is too long or holds personal data.
void check_capacity_note(const std::string& note, const std::string& file, const std::string& pointer);

// ---- staleness ----

struct StaleProvider {
  std::string provider, provider_name;
  std::vector<Place> places;  // oldest first
};

// The offerings whose figures are more than `days` days old on `on`, per provider (by id);
// with `regions` only those located in them.
std::vector<StaleProvider> stale_places(Context& ctx, int days, Date on,
                                        const std::optional<std::set<std::string>>& regions = std::nullopt);

// {"date", "days", "providers": [{"provider", "provider_name", "offerings": [...]}], "offerings": n}
nlohmann::ordered_json stale_report_json(const std::vector<StaleProvider>& report, int days, Date on,
                                         const Vocabulary& vocabulary);
// The same for a coordinator at a terminal, in Dutch.
std::string stale_report_text(const std::vector<StaleProvider>& report, int days, Date on, const Vocabulary& vocabulary);

// One place as the API and the provider page show it.
nlohmann::ordered_json place_json(const Place& place, const Vocabulary& vocabulary);
// {"provider", "provider_name", "date", "stale_days", "offerings": [...]}
nlohmann::ordered_json provider_places_json(const ProviderPlaces& places, const Vocabulary& vocabulary);

}  // namespace passend::service
