#include "providers/registry.hpp"

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "core/errors.hpp"
#include "providers/network_checks.hpp"

namespace passend::db {

namespace {

std::string utc_now(Database& db) {
  auto st = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  st.step();
  return st.column_text(0);
}

Date stored_date(const std::string& text) {
  // Dates are validated before they are stored; a bad one means a damaged database.
  auto d = Date::parse(text);
  if (!d) throw std::runtime_error("registry: malformed date '" + text + "' in the database");
  return *d;
}

// Word lists are stored as JSON arrays of vocabulary words (validated on import, so plain words
// without escapes); reading them is on the engine's hot path, so it avoids a JSON parser.
std::string words_to_json(const std::vector<std::string>& words) {
  std::string out = "[";
  for (const auto& w : words) {
    if (w.find_first_of("\"\\") != std::string::npos || std::any_of(w.begin(), w.end(), [](unsigned char c) { return c < 0x20; }))
      return nlohmann::json(words).dump();  // not a plain word: let the JSON library escape it
    if (out.size() > 1) out += ',';
    out += '"';
    out += w;
    out += '"';
  }
  return out + "]";
}

std::vector<std::string> words_from_json(const std::string& text) {
  if (text.find('\\') != std::string::npos) return nlohmann::json::parse(text).get<std::vector<std::string>>();
  std::vector<std::string> out;
  for (std::size_t open = text.find('"'); open != std::string::npos; open = text.find('"', open)) {
    const std::size_t close = text.find('"', open + 1);
    if (close == std::string::npos) break;
    out.emplace_back(text, open + 1, close - open - 1);
    open = close + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

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
      o.expertise = words_from_json(st.column_text(4));
      o.age_min = st.column_int(5);
      o.age_max = st.column_int(6);
      o.contraindications = words_from_json(st.column_text(7));
      o.identity = st.column_text(8);
      o.supra_regional = st.column_int(9) != 0;
      o.capacity = {st.column_int(10), st.column_int(11), st.column_int(12), stored_date(st.column_text(13))};
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
                                     stored_date(st.column_text(4)), stored_date(st.column_text(5))});
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

// ---------------------------------------------------------------------------------------------
// Comparing two networks

// A network flattened by id, each record with its parent, so two versions can be compared.
// Keys and parents are views into the network, which outlives its flat index.
struct FlatNetwork {
  std::unordered_map<std::string_view, const Provider*> providers;
  std::unordered_map<std::string_view, std::pair<std::string_view, const Location*>> locations;  // id -> (provider, location)
  std::unordered_map<std::string_view, std::pair<std::string_view, const Offering*>> offerings;  // id -> (location, offering)
  // A contract is known by provider, region, lot and start; status and end may change.
  std::unordered_map<std::string_view, std::pair<std::string_view, const Contract*>> contracts;  // key -> (provider, contract)
  std::deque<std::string> contract_keys;  // the storage the contract views point into
};

std::string contract_key(const std::string& provider, const Contract& c) {
  return provider + '\x1f' + c.region + '\x1f' + c.lot + '\x1f' + c.from.str();
}

FlatNetwork flatten(const ProviderNetwork& network) {
  FlatNetwork flat;
  std::size_t locations = 0, offerings = 0;
  for (const auto& p : network.providers) {
    locations += p.locations.size();
    for (const auto& l : p.locations) offerings += l.offerings.size();
  }
  flat.providers.reserve(network.providers.size());
  flat.locations.reserve(locations);
  flat.offerings.reserve(offerings);
  for (const auto& p : network.providers) {
    flat.providers.emplace(p.id, &p);
    for (const auto& c : p.contracts) {
      const std::string& key = flat.contract_keys.emplace_back(contract_key(p.id, c));
      flat.contracts.emplace(key, std::pair{std::string_view(p.id), &c});
    }
    for (const auto& l : p.locations) {
      flat.locations.emplace(l.id, std::pair{std::string_view(p.id), &l});
      for (const auto& o : l.offerings) flat.offerings.emplace(o.id, std::pair{std::string_view(l.id), &o});
    }
  }
  return flat;
}

bool same_provider(const Provider& a, const Provider& b) {
  return a.name == b.name && a.in_network == b.in_network && a.urgent_contact == b.urgent_contact;
}
bool same_capacity(const Capacity& a, const Capacity& b) {
  return a.places == b.places && a.free == b.free && a.wait_weeks == b.wait_weeks && a.updated == b.updated;
}
bool same_offering(const Offering& a, const Offering& b) {
  return a.care_form == b.care_form && a.product_category == b.product_category && a.expertise == b.expertise &&
         a.age_min == b.age_min && a.age_max == b.age_max && a.contraindications == b.contraindications &&
         a.identity == b.identity && a.supra_regional == b.supra_regional && same_capacity(a.capacity, b.capacity);
}

// What an import must write: ids (or contract keys) per kind, against the stored network.
// Views into the two flat networks.
using Ids = std::vector<std::string_view>;
struct Plan {
  Ids providers_upsert, providers_remove;
  Ids locations_upsert, locations_remove;
  Ids offerings_add, offerings_change, offerings_remove;
  Ids contracts_add, contracts_change, contracts_remove;
};

// Sorts each list so that writes (and the capacity history) happen in a stable order.
template <class Map, class Same>
void compare_kind(const Map& before, const Map& after, Same same, Ids& added, Ids& changed, Ids& removed) {
  for (const auto& [key, value] : after) {
    auto it = before.find(key);
    if (it == before.end()) added.push_back(key);
    else if (!same(it->second, value)) changed.push_back(key);
  }
  for (const auto& [key, value] : before)
    if (!after.count(key)) removed.push_back(key);
  for (auto* list : {&added, &changed, &removed}) std::sort(list->begin(), list->end());
}

void count(KindChanges& k, std::size_t total, const Ids& added, const Ids& changed, const Ids& removed) {
  k.total = static_cast<int>(total);
  k.added = static_cast<int>(added.size());
  k.changed = static_cast<int>(changed.size());
  k.removed = static_cast<int>(removed.size());
}

Plan plan_import(const FlatNetwork& before, const FlatNetwork& after, ImportSummary& summary) {
  Plan plan;
  Ids added, changed;
  compare_kind(before.providers, after.providers, [](auto* a, auto* b) { return same_provider(*a, *b); }, added,
               changed, plan.providers_remove);
  count(summary.providers, after.providers.size(), added, changed, plan.providers_remove);
  plan.providers_upsert = added;
  plan.providers_upsert.insert(plan.providers_upsert.end(), changed.begin(), changed.end());

  added.clear();
  changed.clear();
  compare_kind(before.locations, after.locations,
               [](const auto& a, const auto& b) { return a.first == b.first && a.second->municipality == b.second->municipality; },
               added, changed, plan.locations_remove);
  count(summary.locations, after.locations.size(), added, changed, plan.locations_remove);
  plan.locations_upsert = added;
  plan.locations_upsert.insert(plan.locations_upsert.end(), changed.begin(), changed.end());

  compare_kind(before.offerings, after.offerings,
               [](const auto& a, const auto& b) { return a.first == b.first && same_offering(*a.second, *b.second); },
               plan.offerings_add, plan.offerings_change, plan.offerings_remove);
  count(summary.offerings, after.offerings.size(), plan.offerings_add, plan.offerings_change, plan.offerings_remove);

  compare_kind(before.contracts, after.contracts,
               [](const auto& a, const auto& b) {
                 return a.second->status == b.second->status && a.second->until == b.second->until;
               },
               plan.contracts_add, plan.contracts_change, plan.contracts_remove);
  count(summary.contracts, after.contracts.size(), plan.contracts_add, plan.contracts_change, plan.contracts_remove);
  return plan;
}

nlohmann::ordered_json summary_json(const ImportSummary& s) {
  auto kind = [](const KindChanges& k) {
    return nlohmann::ordered_json{{"total", k.total}, {"added", k.added}, {"changed", k.changed}, {"removed", k.removed}};
  };
  return {{"providers", kind(s.providers)}, {"locations", kind(s.locations)},   {"offerings", kind(s.offerings)},
          {"contracts", kind(s.contracts)}, {"lot_overrides", s.lot_overrides}, {"capacity_records", s.capacity_records}};
}

// ---------------------------------------------------------------------------------------------
// Writing an import

// Every statement of an import, prepared once and reused for each row.
class ImportWriter {
 public:
  ImportWriter(Database& db, std::string recorded_at, std::string source)
      : recorded_at_(std::move(recorded_at)),
        source_(std::move(source)),
        upsert_provider_(db.prepare(
            "INSERT INTO provider (id, name, in_network, urgent_contact) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE "
            "SET name = ?2, in_network = ?3, urgent_contact = ?4")),
        upsert_location_(db.prepare(
            "INSERT INTO location (id, provider, municipality) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE "
            "SET provider = ?2, municipality = ?3")),
        upsert_offering_(db.prepare(
            "INSERT INTO offering (id, location, care_form, product_category, expertise, age_min, age_max, "
            "contraindications, identity, supra_regional, places, free, wait_weeks, capacity_updated) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
            "ON CONFLICT(id) DO UPDATE SET location = ?2, care_form = ?3, product_category = ?4, expertise = ?5, "
            "age_min = ?6, age_max = ?7, contraindications = ?8, identity = ?9, supra_regional = ?10, places = ?11, "
            "free = ?12, wait_weeks = ?13, capacity_updated = ?14")),
        insert_history_(db.prepare(
            "INSERT INTO capacity_history (offering, places, free, wait_weeks, updated, recorded_at, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)")),
        // Children go with their parents (ON DELETE CASCADE) unless they moved first.
        remove_offering_(db.prepare("DELETE FROM offering WHERE id = ?")),
        remove_location_(db.prepare("DELETE FROM location WHERE id = ?")),
        remove_provider_(db.prepare("DELETE FROM provider WHERE id = ?")) {}

  void provider(const Provider& p) {
    upsert_provider_.bind(1, p.id).bind(2, p.name).bind(3, p.in_network).bind(4, p.urgent_contact).run();
  }

  void location(std::string_view provider, const Location& l) {
    upsert_location_.bind(1, l.id).bind(2, provider).bind(3, l.municipality).run();
  }

  void offering(std::string_view location, const Offering& o) {
    const Capacity& c = o.capacity;
    upsert_offering_.bind(1, o.id).bind(2, location).bind(3, o.care_form).bind(4, o.product_category);
    upsert_offering_.bind(5, words_to_json(o.expertise)).bind(6, o.age_min).bind(7, o.age_max);
    upsert_offering_.bind(8, words_to_json(o.contraindications)).bind(9, o.identity).bind(10, o.supra_regional);
    upsert_offering_.bind(11, c.places).bind(12, c.free).bind(13, c.wait_weeks).bind(14, c.updated.str()).run();
  }

  void history(std::string_view offering, const Capacity& c) {
    insert_history_.bind(1, offering).bind(2, c.places).bind(3, c.free).bind(4, c.wait_weeks).bind(5, c.updated.str());
    insert_history_.bind(6, recorded_at_).bind(7, source_).run();
  }

  void remove_offering(std::string_view id) { remove_offering_.bind(1, id).run(); }
  void remove_location(std::string_view id) { remove_location_.bind(1, id).run(); }
  void remove_provider(std::string_view id) { remove_provider_.bind(1, id).run(); }

 private:
  std::string recorded_at_, source_;
  Statement upsert_provider_, upsert_location_, upsert_offering_;
  Statement insert_history_;
  Statement remove_offering_, remove_location_, remove_provider_;
};

std::int64_t record_batch(Database& db, const ImportInfo& info, const ImportSummary& s, const std::string& at) {
  auto st = db.prepare(
      "INSERT INTO import_batch (imported_at, imported_by, file, sha256, format, providers, locations, offerings, "
      "contracts, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, at).bind(2, info.imported_by).bind(3, info.file).bind(4, info.sha256).bind(5, info.format);
  st.bind(6, s.providers.total).bind(7, s.locations.total).bind(8, s.offerings.total).bind(9, s.contracts.total);
  st.bind(10, summary_json(s).dump()).run();
  return db.last_insert_rowid();
}

void write_offerings(ImportWriter& w, const FlatNetwork& before, const FlatNetwork& after, const Plan& plan,
                     ImportSummary& summary, const ImportProgress& progress) {
  const std::size_t total = plan.offerings_add.size() + plan.offerings_change.size();
  std::size_t done = 0;
  auto tick = [&] {
    if (progress && (++done % 2000 == 0 || done == total)) progress(done, total);
  };
  for (const auto& id : plan.offerings_add) {
    const auto& [location, o] = after.offerings.at(id);
    w.offering(location, *o);
    w.history(id, o->capacity);
    ++summary.capacity_records;
    tick();
  }
  for (const auto& id : plan.offerings_change) {
    const auto& [location, o] = after.offerings.at(id);
    w.offering(location, *o);
    if (!same_capacity(before.offerings.at(id).second->capacity, o->capacity)) {
      w.history(id, o->capacity);
      ++summary.capacity_records;
    }
    tick();
  }
}

void write_contracts(Database& db, const FlatNetwork& after, const Plan& plan) {
  const char* key = "provider = ?1 AND region = ?2 AND lot = ?3 AND valid_from = ?4";
  auto bind_key = [&](Statement& st, std::string_view provider, const Contract& c) -> Statement& {
    return st.bind(1, provider).bind(2, c.region).bind(3, c.lot).bind(4, c.from.str());
  };
  auto insert = db.prepare(
      "INSERT INTO contract (provider, region, lot, valid_from, status, valid_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const auto& k : plan.contracts_add) {
    const auto& [provider, c] = after.contracts.at(k);
    bind_key(insert, provider, *c).bind(5, c->status).bind(6, c->until.str()).run();
  }
  auto update = db.prepare(std::string("UPDATE contract SET status = ?5, valid_until = ?6 WHERE ") + key);
  for (const auto& k : plan.contracts_change) {
    const auto& [provider, c] = after.contracts.at(k);
    bind_key(update, provider, *c).bind(5, c->status).bind(6, c->until.str()).run();
  }
}

void remove_contracts(Database& db, const FlatNetwork& before, const Plan& plan) {
  auto remove = db.prepare("DELETE FROM contract WHERE provider = ?1 AND region = ?2 AND lot = ?3 AND valid_from = ?4");
  for (const auto& k : plan.contracts_remove) {
    const auto& [provider, c] = before.contracts.at(k);
    remove.bind(1, provider).bind(2, c->region).bind(3, c->lot).bind(4, c->from.str()).run();
  }
}

// The regions' own lot cuts; the national defaults (region '*', from `passend init`) stay.
int replace_lot_overrides(Database& db, const std::vector<LotOverride>& overrides) {
  db.exec("DELETE FROM care_form_lot WHERE region <> '*'");
  auto insert = db.prepare("INSERT INTO care_form_lot (region, care_form, lot) VALUES (?, ?, ?)");
  for (const auto& o : overrides) insert.bind(1, o.region).bind(2, o.care_form).bind(3, o.lot).run();
  return static_cast<int>(overrides.size());
}

// ---------------------------------------------------------------------------------------------
// Capacity updates

struct StoredCapacity {
  int places = 0;
  int wait_weeks = 0;
};

std::optional<StoredCapacity> stored_capacity(Statement& lookup, const std::string& offering) {
  lookup.bind(1, offering);
  std::optional<StoredCapacity> out;
  if (lookup.step()) out = StoredCapacity{lookup.column_int(0), lookup.column_int(1)};
  lookup.reset();
  return out;
}

void write_capacity(Database& db, const std::string& offering, int places, int free, int wait_weeks, Date updated,
                    const std::string& source) {
  auto st = db.prepare("UPDATE offering SET free = ?, wait_weeks = ?, capacity_updated = ? WHERE id = ?");
  st.bind(1, free).bind(2, wait_weeks).bind(3, updated.str()).bind(4, offering).run();
  auto history = db.prepare(
      "INSERT INTO capacity_history (offering, places, free, wait_weeks, updated, recorded_at, source) "
      "VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)");
  history.bind(1, offering).bind(2, places).bind(3, free).bind(4, wait_weeks).bind(5, updated.str()).bind(6, source).run();
}

// One checked row of a capacity CSV.
struct CapacityRow {
  std::string offering;
  int places = 0, free = 0, wait_weeks = 0;
  Date updated;
};

std::string where_of(const CsvRow& row, int column) {
  int line = column < static_cast<int>(row.fields.size()) ? row.fields[column].line : row.line;
  return std::to_string(line) + ":" + std::to_string(column + 1);
}

void check_capacity_header(const CsvTable& table, IssueList& issues) {
  const std::vector<std::string> known = {"offering", "free", "wait_weeks", "updated"};
  for (std::size_t i = 0; i < table.header().size(); ++i) {
    const auto& name = table.header()[i];
    if (std::find(known.begin(), known.end(), name) == known.end())
      issues.add("1:" + std::to_string(i + 1), "unknown column '" + name + "'; expected " + join(known));
  }
  for (const char* required : {"offering", "free", "updated"})
    if (table.column(required) < 0) issues.add("1:1", std::string("missing column '") + required + "'");
}

std::vector<CapacityRow> check_capacity_rows(Database& db, const CsvTable& table, IssueList& issues) {
  namespace nc = network_checks;
  auto lookup = db.prepare("SELECT places, wait_weeks FROM offering WHERE id = ?");
  const int c_offering = table.column("offering"), c_free = table.column("free"), c_wait = table.column("wait_weeks"),
            c_updated = table.column("updated");
  nc::FirstUse seen;
  std::vector<CapacityRow> rows;
  for (const auto& row : table.rows()) {
    auto cell = [&](int column) -> const std::string& {
      static const std::string empty;
      return column >= 0 && column < static_cast<int>(row.fields.size()) ? row.fields[column].value : empty;
    };
    const std::size_t before = issues.size();
    CapacityRow r;
    r.offering = cell(c_offering);
    std::optional<StoredCapacity> stored;
    if (r.offering.empty()) {
      issues.add(where_of(row, c_offering), "required value is missing");
    } else if (auto first = seen.claim(r.offering, "on line " + std::to_string(row.line))) {
      issues.add(where_of(row, c_offering), nc::duplicate("offering '" + r.offering + "'", *first));
    } else if (!(stored = stored_capacity(lookup, r.offering))) {
      issues.add(where_of(row, c_offering), "unknown offering '" + r.offering + "'; it is not in the registry");
    }
    auto free = nc::parse_integer(cell(c_free));
    if (!free) issues.add(where_of(row, c_free), "expected an integer, got '" + cell(c_free) + "'");
    else if (auto p = nc::within(*free, 0, nc::max_places)) issues.add(where_of(row, c_free), *p);
    else if (stored && *free > stored->places)
      issues.add(where_of(row, c_free), "free " + std::to_string(*free) + " exceeds the " + std::to_string(stored->places) +
                                            " places of offering '" + r.offering + "'");
    std::optional<long long> wait;
    if (!cell(c_wait).empty()) {
      wait = nc::parse_integer(cell(c_wait));
      if (!wait) issues.add(where_of(row, c_wait), "expected an integer, got '" + cell(c_wait) + "'");
      else if (auto p = nc::within(*wait, 0, nc::max_wait_weeks)) issues.add(where_of(row, c_wait), *p);
    }
    auto updated = Date::parse(cell(c_updated));
    if (!updated) issues.add(where_of(row, c_updated), *nc::date_text(cell(c_updated)));
    if (issues.size() != before) continue;
    r.places = stored->places;
    r.free = static_cast<int>(*free);
    r.wait_weeks = wait ? static_cast<int>(*wait) : stored->wait_weeks;
    r.updated = *updated;
    rows.push_back(std::move(r));
  }
  return rows;
}

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

namespace {
// Connection settings for the length of an import, restored afterwards. A national network is
// tens of megabytes: with SQLite's default 2 MB page cache the transaction would spill dirty
// pages again and again before it commits, and statement journals (kept for the foreign-key
// and upsert checks) would spill to a temporary file and cost one write per page per row.
class ImportSettings {
 public:
  explicit ImportSettings(Database& db) : db_(db), cache_size_(pragma("cache_size")), temp_store_(pragma("temp_store")) {
    set("PRAGMA cache_size = -131072");  // KiB: up to 128 MiB, allocated only as used
    set("PRAGMA temp_store = MEMORY");
  }
  ~ImportSettings() {
    set("PRAGMA cache_size = " + std::to_string(cache_size_));
    set("PRAGMA temp_store = " + std::to_string(temp_store_));
  }
  ImportSettings(const ImportSettings&) = delete;
  ImportSettings& operator=(const ImportSettings&) = delete;

 private:
  // Speed only: an import must not fail because a setting could not change.
  void set(const std::string& sql) noexcept {
    try {
      db_.exec(sql);
    } catch (...) {
    }
  }

  std::int64_t pragma(const char* name) {
    auto st = db_.prepare(std::string("PRAGMA ") + name);
    st.step();
    return st.column_int64(0);
  }

  Database& db_;
  std::int64_t cache_size_, temp_store_;
};

}  // namespace

ImportSummary import_network(Database& db, const ProviderNetwork& network, const ImportInfo& info,
                             const ImportProgress& progress) {
  ImportSettings settings(db);  // before the transaction: temp_store cannot change inside one
  Transaction tx(db);  // the previous network is read under the write lock: nobody imports in between
  const ProviderNetwork previous = read_network(db);
  const FlatNetwork before = flatten(previous), after = flatten(network);
  ImportSummary summary;
  const Plan plan = plan_import(before, after, summary);
  summary.lot_overrides = static_cast<int>(network.lot_overrides.size());
  summary.capacity_records = 0;

  const std::string at = utc_now(db);
  // The batch row first, so the capacity history can name it; its summary is final below.
  summary.import_id = record_batch(db, info, summary, at);
  ImportWriter w(db, at, "import #" + std::to_string(summary.import_id));

  // Order matters for the foreign keys and their cascades: parents are written before the
  // children that may have moved to them, and removed only after those children moved away.
  remove_contracts(db, before, plan);
  for (const auto& id : plan.providers_upsert) w.provider(*after.providers.at(id));
  for (const auto& id : plan.locations_upsert) {
    const auto& [provider, l] = after.locations.at(id);
    w.location(provider, *l);
  }
  write_offerings(w, before, after, plan, summary, progress);
  for (const auto& id : plan.offerings_remove) w.remove_offering(id);
  for (const auto& id : plan.locations_remove) w.remove_location(id);
  for (const auto& id : plan.providers_remove) w.remove_provider(id);
  write_contracts(db, after, plan);
  replace_lot_overrides(db, network.lot_overrides);

  auto finish = db.prepare("UPDATE import_batch SET summary = ? WHERE id = ?");
  finish.bind(1, summary_json(summary).dump()).bind(2, summary.import_id).run();
  tx.commit();
  return summary;
}

void set_capacity(Database& db, const std::string& offering, int free, std::optional<int> wait_weeks, Date updated) {
  namespace nc = network_checks;
  Transaction tx(db);
  auto lookup = db.prepare("SELECT places, wait_weeks FROM offering WHERE id = ?");
  auto stored = stored_capacity(lookup, offering);
  if (!stored) throw InvalidInput(db.path(), "", "unknown offering '" + offering + "'; it is not in the registry");
  if (free < 0) throw InvalidInput(db.path(), "", "offering '" + offering + "': free must not be negative, got " + std::to_string(free));
  if (free > stored->places)
    throw InvalidInput(db.path(), "", "offering '" + offering + "': free " + std::to_string(free) + " exceeds its " +
                                          std::to_string(stored->places) + " places");
  if (wait_weeks)
    if (auto p = nc::within(*wait_weeks, 0, nc::max_wait_weeks))
      throw InvalidInput(db.path(), "", "offering '" + offering + "': wait_weeks " + *p);
  write_capacity(db, offering, stored->places, free, wait_weeks.value_or(stored->wait_weeks), updated, "capacity set");
  tx.commit();
}

int import_capacity_csv(Database& db, const CsvTable& table) {
  Transaction tx(db);  // checked and applied against one version of the registry
  IssueList issues(table.file());
  check_capacity_header(table, issues);
  issues.throw_if_any();
  auto rows = check_capacity_rows(db, table, issues);
  if (rows.empty() && issues.empty()) issues.add("2:1", "no capacity updates: the file has a header but no rows");
  issues.throw_if_any();
  const std::string source = "capacity import " + table.file();
  for (const auto& r : rows) write_capacity(db, r.offering, r.places, r.free, r.wait_weeks, r.updated, source);
  tx.commit();
  return static_cast<int>(rows.size());
}

std::vector<CapacityRecord> capacity_history(Database& db, const std::string& offering) {
  auto st = db.prepare(
      "SELECT places, free, wait_weeks, updated, recorded_at, source FROM capacity_history WHERE offering = ? ORDER BY id");
  st.bind(1, offering);
  std::vector<CapacityRecord> out;
  while (st.step())
    out.push_back({st.column_int(0), st.column_int(1), st.column_int(2), st.column_text(3), st.column_text(4), st.column_text(5)});
  if (out.empty()) {
    auto lookup = db.prepare("SELECT places, wait_weeks FROM offering WHERE id = ?");
    if (!stored_capacity(lookup, offering))
      throw InvalidInput(db.path(), "", "unknown offering '" + offering + "'; it is not in the registry");
  }
  return out;
}

}  // namespace passend::db
