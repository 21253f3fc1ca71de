#include "providers/region_store.hpp"

#include <filesystem>

#include "core/errors.hpp"
#include "providers/schema.hpp"

namespace passend::db {

namespace {
void store_vocabulary(Database& db, const Vocabulary& v, InitSummary& summary) {
  auto term = db.prepare(
      "INSERT INTO vocabulary (kind, id, dutch, rank) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(kind, id) DO UPDATE SET dutch = excluded.dutch, rank = excluded.rank");
  auto put = [&](const char* kind, const std::string& id, const std::string& dutch, int rank) {
    term.bind(1, kind).bind(2, id).bind(3, dutch).bind(4, rank).run();
    ++summary.vocabulary_terms;
  };
  auto lot = db.prepare(
      "INSERT INTO care_form_lot (region, care_form, lot) VALUES ('*', ?, ?) "
      "ON CONFLICT(region, care_form) DO UPDATE SET lot = excluded.lot");
  for (const auto& c : v.care_forms()) {
    put("care_form", c.id, c.dutch, c.rank);
    lot.bind(1, c.id).bind(2, c.lot).run();
  }
  int rank = 0;
  for (const auto* list : {&v.expertise(), &v.flags(), &v.urgencies(), &v.tiers(), &v.product_categories()}) {
    const char* kind = list == &v.expertise()  ? "expertise"
                       : list == &v.flags()    ? "flag"
                       : list == &v.urgencies() ? "urgency"
                       : list == &v.tiers()    ? "tier"
                                               : "product_category";
    rank = 0;
    for (const auto& t : *list) put(kind, t.id, t.dutch, rank++);
  }
  rank = 0;
  for (const auto& l : v.lots()) put("lot", l, l, rank++);
  rank = 0;
  for (const auto& i : v.identities()) put("identity", i, v.dutch(i), rank++);
  rank = 0;
  for (const auto& r : v.refusal_reasons()) put("refusal_reason", r.id, r.dutch, rank++);
}

void store_regions(Database& db, const RegionData& d, InitSummary& summary) {
  auto net = db.prepare("INSERT INTO network (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name");
  for (const auto& n : d.networks) net.bind(1, n.code).bind(2, n.name).run();
  auto reg = db.prepare(
      "INSERT INTO region (code, name, network, lat, lon, population) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(code) DO UPDATE SET name = excluded.name, network = excluded.network, lat = excluded.lat, "
      "lon = excluded.lon, population = excluded.population");
  for (const auto& r : d.regions)
    reg.bind(1, r.code).bind(2, r.name).bind(3, r.network).bind(4, r.lat).bind(5, r.lon).bind(6, std::int64_t(r.population)).run();
  auto mun = db.prepare(
      "INSERT INTO municipality (code, name, region, lat, lon, population) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(code) DO UPDATE SET name = excluded.name, region = excluded.region, lat = excluded.lat, "
      "lon = excluded.lon, population = excluded.population");
  for (const auto& m : d.municipalities)
    mun.bind(1, m.code).bind(2, m.name).bind(3, m.region).bind(4, m.lat).bind(5, m.lon).bind(6, std::int64_t(m.population)).run();
  db.exec("DELETE FROM region_border");
  auto bor = db.prepare("INSERT INTO region_border (a, b, border_km, distance_km) VALUES (?, ?, ?, ?)");
  for (const auto& b : d.borders) bor.bind(1, b.a).bind(2, b.b).bind(3, b.border_km).bind(4, b.distance_km).run();
  summary.networks = static_cast<int>(d.networks.size());
  summary.regions = static_cast<int>(d.regions.size());
  summary.municipalities = static_cast<int>(d.municipalities.size());
  summary.borders = static_cast<int>(d.borders.size());
}
}  // namespace

InitSummary initialise(const std::string& path, const RegionData& regions, const Vocabulary& vocabulary) {
  std::error_code ec;
  bool existed = std::filesystem::exists(path, ec);
  if (existed && !std::filesystem::is_regular_file(path, ec))
    throw InvalidInput(path, "", "not a file: a passend database is a regular file (not a device, pipe or folder)");
  try {
    Database db(path, Database::Mode::create);
    migrate(db);
    InitSummary summary;
    Transaction tx(db);
    store_regions(db, regions, summary);
    store_vocabulary(db, vocabulary, summary);
    auto meta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    meta.bind(1, "regions_source").bind(2, "CBS/PDOK Gebiedsindelingen 2024 (CC BY 4.0), see data/SOURCES.md").run();
    tx.commit();
    return summary;
  } catch (const Error& e) {
    if (existed && (e.code() & 0xff) == SQLITE_NOTADB)
      throw InvalidInput(path, "", "not a passend database (SQLite: file is not a database); the file was left untouched");
    throw;
  }
}

RegionData read_regions(Database& db) {
  RegionData d;
  auto n = db.prepare("SELECT code, name FROM network ORDER BY code");
  while (n.step()) d.networks.push_back({n.column_text(0), n.column_text(1)});
  auto r = db.prepare("SELECT code, name, network, lat, lon, population FROM region ORDER BY code");
  while (r.step())
    d.regions.push_back({r.column_text(0), r.column_text(1), r.column_text(2), r.column_double(3), r.column_double(4), static_cast<long>(r.column_int64(5))});
  auto m = db.prepare("SELECT code, name, region, lat, lon, population FROM municipality ORDER BY code");
  while (m.step())
    d.municipalities.push_back({m.column_text(0), m.column_text(1), m.column_text(2), m.column_double(3), m.column_double(4), static_cast<long>(m.column_int64(5))});
  auto b = db.prepare("SELECT a, b, border_km, distance_km FROM region_border ORDER BY a, b");
  while (b.step()) d.borders.push_back({b.column_text(0), b.column_text(1), b.column_double(2), b.column_double(3)});
  if (d.regions.empty()) throw InvalidInput(db.path(), "", "the database holds no regions; run `passend init --db " + db.path() + "`");
  return d;
}

}  // namespace passend::db
