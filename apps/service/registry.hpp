#pragma once
// The inkoopnetwerk registry as a use case: importing a whole network (NETWORK.json or the CSV
// files of docs/csv-import.md: parse, validate, import, summary), capacity between imports
// (set one, import a CSV batch, history), and the reads the API serves.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "apps/service/audit.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/model.hpp"
#include "providers/registry.hpp"

namespace passend::service {

// ---- importing a network ----

// Either `network` (NETWORK.json), or `offerings` and `contracts` (CSV) with an optional
// `lot_overrides` CSV.
struct ImportFiles {
  std::string network;
  std::string offerings, contracts, lot_overrides;
  bool csv() const { return !offerings.empty() || !contracts.empty(); }
};

// What an import reports while it runs, for a person waiting at a terminal.
struct ImportProgress {
  std::function<void(const std::string& stage)> stage;             // "reading x ...", "checking x ...", "writing ..."
  std::function<void(std::size_t done, std::size_t total)> count;  // offerings written
};

using ImportSummary = db::ImportSummary;
using KindChanges = db::KindChanges;

// Reads and validates the files (InvalidInput listing every issue of every file), then replaces
// the whole network in one transaction, or writes nothing. Only what differs from the stored
// network is written; the import batch records the files, their sha256 and `actor`.
ImportSummary import_network(Context& ctx, const ImportFiles& files, const std::string& actor,
                             const ImportProgress& progress = {});

// ---- capacity between imports ----

using CapacityRecord = db::CapacityRecord;

struct OfferingCapacity {
  std::string offering;
  Capacity capacity;                    // as stored now (no reservations applied)
  std::vector<CapacityRecord> history;  // oldest first
};

struct CapacityChange {
  std::string offering;
  int free = 0;
  std::optional<int> wait_weeks;  // none: unchanged
  Date updated;
  std::string note;  // the note with the figures (checked: at most 200 characters, no personal data)
  std::string by;    // who, when there is no actor (the command line's OS user)
};

// The offering's capacity and its history; nothing for an offering the registry does not hold.
std::optional<OfferingCapacity> offering_capacity(Context& ctx, const std::string& offering);

// Sets one offering's free places (and wait) and returns its capacity afterwards. With an
// actor (the API), the change is audited ("capacity_update", with the stored capacity) in the
// transaction of the change; the command line's changes show in the capacity history only
// (with `by`). InvalidInput for an unknown offering, free outside 0..places or a refused note;
// Conflict when free would drop below the places reserved today.
OfferingCapacity set_capacity(Context& ctx, const CapacityChange& change, const std::optional<Actor>& actor = std::nullopt);

// A CSV of capacity updates (offering, free, wait_weeks, updated): all rows are checked first
// (file:line:column errors), then all are applied in one transaction. Returns how many.
int import_capacity(Context& ctx, const std::string& file);

// Oldest first. InvalidInput when the offering is unknown and has no history.
std::vector<CapacityRecord> capacity_history(Context& ctx, const std::string& offering);

// {places, free, wait_weeks, updated}
nlohmann::ordered_json capacity_json(const Capacity& capacity);
// {offering, capacity, history}: the API's answer about an offering's capacity.
nlohmann::ordered_json offering_capacity_json(const OfferingCapacity& capacity);

// ---- reads for the API ----

// The registry as stored: offerings of `care_forms` (all when empty) whose age range holds
// `age` (when given), with their locations and providers; sorted by ids at every level.
ProviderNetwork read_registry(Context& ctx, const std::vector<std::string>& care_forms = {},
                              std::optional<int> age = std::nullopt);
// One provider as NETWORK.json shows it.
nlohmann::ordered_json provider_document(const Provider& provider);

}  // namespace passend::service
