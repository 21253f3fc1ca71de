#pragma once
// The inkoopnetwerk registry in SQLite: whole-network imports (all or nothing, with a diff
// against the previous import and a capacity history), the engine's prefiltered read, and
// capacity updates between imports.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/model.hpp"
#include "core/registry_snapshot.hpp"
#include "providers/sqlite.hpp"

namespace passend::db {

// Provenance of an import, kept in import_batch.
struct ImportInfo {
  std::string file;         // as the user named it; CSV imports list their files separated by ';'
  std::string sha256;       // hex digest of the file bytes (one per file, ';'-separated, for CSV)
  std::string format;       // "json" | "csv"
  std::string imported_by;  // the OS user name
};

// One kind of record (providers, locations, offerings, contracts) against the previous import.
struct KindChanges {
  int total = 0;  // in the new network
  int added = 0, changed = 0, removed = 0;
  bool any() const { return added + changed + removed > 0; }
};

struct ImportSummary {
  std::int64_t import_id = 0;
  KindChanges providers, locations, offerings, contracts;
  int lot_overrides = 0;
  int capacity_records = 0;  // capacity_history rows appended (new offerings, changed capacity)
  int capacity_kept = 0;     // offerings whose live figures were newer than the file's and stayed
  bool unchanged() const { return !providers.any() && !locations.any() && !offerings.any() && !contracts.any(); }
};

// Called while offerings are written: (written so far, total).
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

// Replaces the whole network in one transaction and records an import_batch row. Only what
// differs from the stored network is written, so re-importing the same file changes nothing
// (and adds no capacity history). The network must have been validated by a parser.
ImportSummary import_network(Database& db, const ProviderNetwork& network, const ImportInfo& info,
                             const ImportProgress& progress = {});

// The engine's read: offerings whose care form is in care_forms (all when empty) and whose age
// range holds age (when given), with their locations and providers (each with all its
// contracts), plus the regions' lot overrides. Without a filter: the whole registry, including
// providers without offerings. Sorted by ids at every level; contracts by region, lot, from.
ProviderNetwork read_network(Database& db, const std::vector<std::string>& care_forms = {},
                             std::optional<int> age = {});

// The id of the last import_batch, or nothing before the first import.
std::optional<std::int64_t> current_import_id(Database& db);

// The registry's change counter: raised by every write to the tables a query reads (imports,
// capacity updates, reservations; triggers of schema migration 11), so equal counters mean an
// equal registry. One indexed row.
std::int64_t registry_version(Database& db);

// The whole registry with its unreleased reservations and its change counter, read in one read
// transaction: a consistent copy, never half an import.
RegistrySnapshot read_registry_snapshot(Database& db);

// Who made a live capacity update, and the note that goes with the figures (checked by the
// caller). An empty actor is recorded as the source.
struct LiveUpdate {
  std::string actor;
  std::string note;
};

// Sets one offering's capacity (places stay as imported) and appends it to the history with
// source "capacity set", the actor and the note. wait_weeks unset keeps the stored wait.
// InvalidInput for an unknown offering, or free outside 0..places.
void set_capacity(Database& db, const std::string& offering, int free, std::optional<int> wait_weeks, Date updated,
                  const LiveUpdate& who = {});

// A batch of capacity updates from CSV (columns offering, free, wait_weeks, updated; wait_weeks
// may be empty): every row is checked against the registry first (file:line:column errors),
// then all are applied in one transaction. Returns the number of offerings updated.
int import_capacity_csv(Database& db, const CsvTable& table);

struct CapacityRecord {
  int places = 0, free = 0, wait_weeks = 0;
  std::string updated;      // the date the provider reported
  std::string recorded_at;  // when passend stored it (UTC)
  std::string source;       // "import #3", "capacity set", "capacity import updates.csv"
  std::string actor;        // who set it (token label or OS user); "" for imports and older records
  std::string note;         // the provider's note with the figures
};

// An offering with its provider and current figures, for the providers' own page and the
// staleness report.
struct OfferingFigures {
  std::string provider, provider_name, location, municipality, offering, care_form;
  bool supra_regional = false;
  Capacity capacity;
  std::string note;    // with the live figures; "" after an import
  std::string set_by;  // who set the figures live; "" when the import's figures stand
};

struct FiguresFilter {
  std::optional<std::string> provider, offering;
  std::optional<Date> updated_before;  // only figures dated before this day
};

// By provider, then oldest figures first, then location and offering ids.
std::vector<OfferingFigures> offering_figures(Database& db, const FiguresFilter& filter);
bool provider_exists(Database& db, const std::string& id);

// The offering's capacity as stored (places from the import, no reservations applied); nothing
// for an offering the registry does not hold.
std::optional<Capacity> read_capacity(Database& db, const std::string& offering);

// Oldest first. InvalidInput when the offering is unknown and has no history.
std::vector<CapacityRecord> capacity_history(Database& db, const std::string& offering);

}  // namespace passend::db
