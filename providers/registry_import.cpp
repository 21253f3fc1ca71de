// Whole-network imports: all or nothing, only what differs from the stored network is written,
// with an import_batch row (provenance and a diff summary) and the capacity history.
#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "providers/registry.hpp"
#include "providers/stored_forms.hpp"

namespace passend::db {

namespace {

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
          {"contracts", kind(s.contracts)}, {"lot_overrides", s.lot_overrides}, {"capacity_records", s.capacity_records},
          {"capacity_kept", s.capacity_kept}};
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
            "free = ?12, wait_weeks = ?13, capacity_updated = ?14, "
            // Live figures that were kept keep their author and note; the file's figures have neither.
            "capacity_by = CASE WHEN ?15 THEN capacity_by ELSE '' END, "
            "capacity_note = CASE WHEN ?15 THEN capacity_note ELSE '' END")),
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

  void offering(std::string_view location, const Offering& o, bool live_kept) {
    const Capacity& c = o.capacity;
    upsert_offering_.bind(15, live_kept);
    upsert_offering_.bind(1, o.id).bind(2, location).bind(3, o.care_form).bind(4, o.product_category);
    upsert_offering_.bind(5, stored::words_to_json(o.expertise)).bind(6, o.age_min).bind(7, o.age_max);
    upsert_offering_.bind(8, stored::words_to_json(o.contraindications)).bind(9, o.identity).bind(10, o.supra_regional);
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

// Live figures (set by a provider or coordinator after an import) that are newer than the
// file's own `updated` date win over the file's: the offering's copy in `after` gets the stored
// free places, wait and date (free at most the file's places). Returns the ids kept.
using KeptIds = std::unordered_set<std::string_view>;
KeptIds keep_live_figures(Database& db, const FlatNetwork& before, FlatNetwork& after, std::deque<Offering>& copies,
                          ImportSummary& summary) {
  KeptIds kept;
  auto st = db.prepare("SELECT id FROM offering WHERE capacity_by <> '' ORDER BY id");
  while (st.step()) {
    const std::string id = st.column_text(0);
    auto now = before.offerings.find(id);
    auto incoming = after.offerings.find(id);
    if (now == before.offerings.end() || incoming == after.offerings.end()) continue;
    const Capacity& live = now->second.second->capacity;
    if (!(incoming->second.second->capacity.updated < live.updated)) continue;
    Offering& copy = copies.emplace_back(*incoming->second.second);
    copy.capacity.free = std::min(live.free, copy.capacity.places);
    copy.capacity.wait_weeks = live.wait_weeks;
    copy.capacity.updated = live.updated;
    incoming->second.second = &copy;
    kept.insert(incoming->first);
    ++summary.capacity_kept;
  }
  return kept;
}

void write_offerings(ImportWriter& w, const FlatNetwork& before, const FlatNetwork& after, const Plan& plan,
                     const KeptIds& kept, ImportSummary& summary, const ImportProgress& progress) {
  const std::size_t total = plan.offerings_add.size() + plan.offerings_change.size();
  std::size_t done = 0;
  auto tick = [&] {
    if (progress && (++done % 2000 == 0 || done == total)) progress(done, total);
  };
  for (const auto& id : plan.offerings_add) {
    const auto& [location, o] = after.offerings.at(id);
    w.offering(location, *o, false);
    w.history(id, o->capacity);
    ++summary.capacity_records;
    tick();
  }
  for (const auto& id : plan.offerings_change) {
    const auto& [location, o] = after.offerings.at(id);
    w.offering(location, *o, kept.count(id) > 0);
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
  const FlatNetwork before = flatten(previous);
  FlatNetwork after = flatten(network);
  ImportSummary summary;
  std::deque<Offering> kept_copies;
  const KeptIds kept = keep_live_figures(db, before, after, kept_copies, summary);
  const Plan plan = plan_import(before, after, summary);
  summary.lot_overrides = static_cast<int>(network.lot_overrides.size());
  summary.capacity_records = 0;

  const std::string at = stored::utc_now(db);
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
  write_offerings(w, before, after, plan, kept, summary, progress);
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

}  // namespace passend::db
