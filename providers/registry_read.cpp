// The engine's read of the inkoopnetwerk: offerings of the asked care forms with their
// locations, providers and contracts, in one nested model sorted by ids.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "providers/registry.hpp"
#include "providers/reservations.hpp"
#include "providers/stored_forms.hpp"

namespace passend::db {

namespace {

// The engine's prefilter on care form and age, as a WHERE clause over `offering o` with
// parameters ?1..?n (care forms) and ?n+1 (age).
class OfferingFilter {
 public:
  OfferingFilter(const std::vector<std::string>& care_forms, std::optional<int> age)
      : care_forms_(care_forms), age_(age) {
    std::string clause;
    for (std::size_t i = 0; i < care_forms_.size(); ++i)
      clause += (i ? ", ?" : "o.care_form IN (?") + std::to_string(i + 1);
    if (!care_forms_.empty()) clause += ")";
    if (age_) {
      const std::string n = std::to_string(care_forms_.size() + 1);
      clause += (clause.empty() ? "" : " AND ") + ("o.age_min <= ?" + n + " AND o.age_max >= ?" + n);
    }
    where_ = clause.empty() ? "" : " WHERE " + clause;
  }

  bool active() const { return !where_.empty(); }
  const std::string& where() const { return where_; }
  void bind(Statement& st) const {
    for (std::size_t i = 0; i < care_forms_.size(); ++i) st.bind(static_cast<int>(i + 1), care_forms_[i]);
    if (age_) st.bind(static_cast<int>(care_forms_.size() + 1), *age_);
  }

 private:
  const std::vector<std::string>& care_forms_;
  std::optional<int> age_;
  std::string where_;
};

// Builds the nested model with one query per table, no joins: offerings (through the
// offering_care_form_age index when filtered), then the locations and providers they belong
// to, then those providers' contracts. Ids found by one query are passed to the next as one
// JSON array (json_each). Without a filter every table is read whole, in primary-key order,
// so providers without locations and locations without offerings are kept too.
class NetworkAssembler {
 public:
  NetworkAssembler(Database& db, const OfferingFilter& filter) : db_(db), filter_(filter) {}

  ProviderNetwork read() {
    auto offerings = read_offerings();
    auto locations = read_locations(offerings);
    read_providers(locations);
    place_locations(locations);
    place_offerings(offerings);
    read_contracts();
    read_lot_overrides();
    return std::move(network_);
  }

 private:
  using Owned = std::pair<std::string, Offering>;  // (location id, offering)
  using Placed = std::pair<std::string, Location>;  // (provider id, location)

  // Ids of the parents of some rows, as a JSON array for json_each.
  template <class Rows>
  static std::string parent_ids(const Rows& rows) {
    std::vector<std::string> ids;
    ids.reserve(rows.size());
    for (const auto& row : rows) ids.push_back(row.first);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return nlohmann::json(ids).dump();
  }

  std::vector<Owned> read_offerings() {
    // Sorting is cheaper per location afterwards than for the whole filtered set in SQL.
    Statement st = db_.prepare(
        "SELECT o.id, o.location, o.care_form, o.product_category, o.expertise, o.age_min, o.age_max, "
        "o.contraindications, o.identity, o.supra_regional, o.places, o.free, o.wait_weeks, o.capacity_updated "
        "FROM offering o" +
        (filter_.active() ? filter_.where() : " ORDER BY o.id"));
    if (filter_.active()) filter_.bind(st);
    std::vector<Owned> rows;
    while (st.step()) {
      Offering o;
      o.id = st.column_text(0);
      o.care_form = st.column_text(2);
      o.product_category = st.column_text(3);
      o.expertise = stored::words_from_json(st.column_text(4));
      o.age_min = st.column_int(5);
      o.age_max = st.column_int(6);
      o.contraindications = stored::words_from_json(st.column_text(7));
      o.identity = st.column_text(8);
      o.supra_regional = st.column_int(9) != 0;
      o.capacity = {st.column_int(10), st.column_int(11), st.column_int(12), stored::date(st.column_text(13))};
      rows.emplace_back(st.column_text(1), std::move(o));
    }
    return rows;
  }

  std::vector<Placed> read_locations(const std::vector<Owned>& offerings) {
    std::string sql = "SELECT id, provider, municipality FROM location";
    if (filter_.active()) sql += " WHERE id IN (SELECT value FROM json_each(?1))";
    Statement st = db_.prepare(sql + " ORDER BY id");
    if (filter_.active()) st.bind(1, parent_ids(offerings));
    std::vector<Placed> rows;
    while (st.step()) rows.emplace_back(st.column_text(1), Location{st.column_text(0), st.column_text(2), {}});
    return rows;
  }

  void read_providers(const std::vector<Placed>& locations) {
    std::string sql = "SELECT id, name, in_network, urgent_contact FROM provider";
    if (filter_.active()) sql += " WHERE id IN (SELECT value FROM json_each(?1))";
    Statement st = db_.prepare(sql + " ORDER BY id");
    if (filter_.active()) st.bind(1, parent_ids(locations));
    while (st.step())
      network_.providers.push_back({st.column_text(0), st.column_text(1), st.column_int(2) != 0, st.column_text(3), {}, {}});
  }

  // Locations arrive sorted by id, so each provider's list ends up sorted too.
  void place_locations(std::vector<Placed>& locations) {
    auto& providers = network_.providers;
    for (auto& [provider_id, location] : locations) {
      auto it = std::lower_bound(providers.begin(), providers.end(), provider_id,
                                 [](const Provider& p, const std::string& id) { return p.id < id; });
      if (it == providers.end() || it->id != provider_id) throw std::runtime_error("registry: location without provider");
      it->locations.push_back(std::move(location));
    }
  }

  void place_offerings(std::vector<Owned>& offerings) {
    // The locations no longer move, so their ids can key the index.
    std::unordered_map<std::string_view, Location*> by_id;
    for (auto& p : network_.providers)
      for (auto& l : p.locations) by_id.emplace(l.id, &l);
    Location* last = nullptr;  // offerings of one location mostly come together
    for (auto& [location_id, offering] : offerings) {
      if (!last || last->id != location_id) {
        auto it = by_id.find(location_id);
        if (it == by_id.end()) throw std::runtime_error("registry: offering without location");
        last = it->second;
      }
      last->offerings.push_back(std::move(offering));
    }
    if (!filter_.active()) return;  // read in id order already
    for (auto& p : network_.providers)
      for (auto& l : p.locations)
        std::sort(l.offerings.begin(), l.offerings.end(), [](const Offering& a, const Offering& b) { return a.id < b.id; });
  }

  // Every contract of the providers read (not only those for the lots asked). Both lists are
  // sorted by provider id: a merge.
  void read_contracts() {
    std::string sql = "SELECT provider, region, lot, status, valid_from, valid_until FROM contract";
    if (filter_.active()) {
      if (network_.providers.empty()) return;
      std::vector<std::string> ids;
      for (const auto& p : network_.providers) ids.push_back(p.id);
      sql += " WHERE provider IN (SELECT value FROM json_each(?1))";
      Statement st = db_.prepare(sql + " ORDER BY provider, region, lot, valid_from");
      st.bind(1, nlohmann::json(ids).dump());
      merge_contracts(st);
    } else {
      Statement st = db_.prepare(sql + " ORDER BY provider, region, lot, valid_from");
      merge_contracts(st);
    }
  }

  void merge_contracts(Statement& st) {
    auto provider = network_.providers.begin();
    while (st.step()) {
      const std::string provider_id = st.column_text(0);
      while (provider != network_.providers.end() && provider->id < provider_id) ++provider;
      if (provider == network_.providers.end()) break;
      provider->contracts.push_back({st.column_text(1), st.column_text(2), st.column_text(3),
                                     stored::date(st.column_text(4)), stored::date(st.column_text(5))});
    }
  }

  void read_lot_overrides() {
    auto st = db_.prepare("SELECT region, care_form, lot FROM care_form_lot WHERE region <> '*' ORDER BY region, care_form");
    while (st.step()) network_.lot_overrides.push_back({st.column_text(0), st.column_text(1), st.column_text(2)});
  }

  Database& db_;
  const OfferingFilter& filter_;
  ProviderNetwork network_;
};

}  // namespace

ProviderNetwork read_network(Database& db, const std::vector<std::string>& care_forms, std::optional<int> age) {
  OfferingFilter filter(care_forms, age);
  return NetworkAssembler(db, filter).read();
}

std::optional<std::int64_t> current_import_id(Database& db) {
  auto st = db.prepare("SELECT MAX(id) FROM import_batch");
  if (!st.step() || st.column_is_null(0)) return std::nullopt;
  return st.column_int64(0);
}

std::int64_t registry_version(Database& db) {
  auto st = db.cached("SELECT counter FROM registry_change WHERE id = 1");  // once per server query
  if (!st.step()) throw Error(db.path() + ": the registry's change counter is missing (run passend init)", SQLITE_CORRUPT);
  return st.column_int64(0);
}

RegistrySnapshot read_registry_snapshot(Database& db) {
  Transaction read(db, Transaction::Kind::deferred);
  RegistrySnapshot s;
  s.version = registry_version(db);
  s.import_id = current_import_id(db);
  s.network = read_network(db);
  s.reservations = unreleased_reservations(db);
  read.commit();
  return s;
}

}  // namespace passend::db
