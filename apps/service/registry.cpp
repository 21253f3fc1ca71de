#include "apps/service/registry.hpp"

#include "apps/service/files.hpp"
#include "apps/service/places.hpp"
#include "core/case_json.hpp"
#include "core/csv.hpp"
#include "core/sha256.hpp"
#include "providers/network_csv.hpp"
#include "providers/network_json.hpp"

namespace passend::service {

namespace {

// ---- importing a network ----

struct Source {
  ProviderNetwork network;
  db::ImportInfo info;
};

void report(const ImportProgress& progress, const std::string& stage) {
  if (progress.stage) progress.stage(stage);
}

Source read_json_source(Context& ctx, const ImportFiles& files, const std::string& actor, const ImportProgress& progress) {
  report(progress, "reading " + files.network + " ...");
  const std::string bytes = read_file_bytes(files.network, kMaxNetworkFileBytes);
  report(progress, "checking " + files.network + " ...");
  Source s;
  s.network = parse_network_json(parse_json_text(bytes, files.network), files.network, ctx.vocabulary, ctx.regions);
  s.info = {files.network, sha256_hex(bytes), "json", actor};
  return s;
}

Source read_csv_source(Context& ctx, const ImportFiles& files, const std::string& actor, const ImportProgress& progress) {
  std::vector<std::string> names = {files.offerings, files.contracts};
  if (!files.lot_overrides.empty()) names.push_back(files.lot_overrides);
  std::vector<CsvTable> tables;
  std::string hashes;
  for (const auto& file : names) {
    report(progress, "reading " + file + " ...");
    const std::string bytes = read_file_bytes(file, kMaxNetworkFileBytes);
    tables.push_back(CsvTable::parse(bytes, file));
    if (!hashes.empty()) hashes += ';';  // appended apart: GCC 12 warns (-Wrestrict, falsely) on "x" + std::string here
    hashes += sha256_hex(bytes);
  }
  report(progress, "checking " + files.offerings + " ...");
  Source s;
  s.network = parse_network_csv(tables[0], tables[1], ctx.vocabulary, ctx.regions, tables.size() > 2 ? &tables[2] : nullptr);
  s.info = {join(names, ";"), hashes, "csv", actor};
  return s;
}

// ---- capacity ----

OfferingCapacity read_offering_capacity(Context& ctx, const std::string& offering, const Capacity& capacity) {
  return {offering, capacity, db::capacity_history(ctx.db, offering)};
}

}  // namespace

ImportSummary import_network(Context& ctx, const ImportFiles& files, const std::string& actor,
                             const ImportProgress& progress) {
  const Source source =
      files.csv() ? read_csv_source(ctx, files, actor, progress) : read_json_source(ctx, files, actor, progress);
  report(progress, "writing ...");
  return db::import_network(ctx.db, source.network, source.info, progress.count);
}

std::optional<OfferingCapacity> offering_capacity(Context& ctx, const std::string& offering) {
  db::Transaction tx(ctx.db, db::Transaction::Kind::deferred);  // the capacity and its history as one version
  const auto capacity = db::read_capacity(ctx.db, offering);
  if (!capacity) return std::nullopt;
  auto out = read_offering_capacity(ctx, offering, *capacity);
  tx.commit();
  return out;
}

OfferingCapacity set_capacity(Context& ctx, const CapacityChange& change, const std::optional<Actor>& actor) {
  check_capacity_note(change.note, "note", "/note");
  db::Transaction tx(ctx.db);
  if (db::read_capacity(ctx.db, change.offering)) require_not_below_reserved(ctx, change.offering, change.free, Date::today());
  db::set_capacity(ctx.db, change.offering, change.free, change.wait_weeks, change.updated,
                   {actor ? actor->name : change.by, change.note});
  auto out = read_offering_capacity(ctx, change.offering, *db::read_capacity(ctx.db, change.offering));
  if (actor)
    record_event(ctx, *actor, "capacity_update", "", {{"offering", change.offering}, {"capacity", capacity_json(out.capacity)}});
  tx.commit();
  return out;
}

int import_capacity(Context& ctx, const std::string& file) {
  const CsvTable table = CsvTable::parse(read_file_bytes(file, kMaxNetworkFileBytes), file);
  return db::import_capacity_csv(ctx.db, table);
}

std::vector<CapacityRecord> capacity_history(Context& ctx, const std::string& offering) {
  return db::capacity_history(ctx.db, offering);
}

nlohmann::ordered_json capacity_json(const Capacity& c) {
  return {{"places", c.places}, {"free", c.free}, {"wait_weeks", c.wait_weeks}, {"updated", c.updated.str()}};
}

nlohmann::ordered_json offering_capacity_json(const OfferingCapacity& c) {
  auto history = nlohmann::ordered_json::array();
  for (const auto& h : c.history)
    history.push_back({{"places", h.places}, {"free", h.free}, {"wait_weeks", h.wait_weeks}, {"updated", h.updated},
                       {"recorded_at", h.recorded_at}, {"source", h.source}, {"by", h.actor}, {"note", h.note}});
  return {{"offering", c.offering}, {"capacity", capacity_json(c.capacity)}, {"history", history}};
}

ProviderNetwork read_registry(Context& ctx, const std::vector<std::string>& care_forms, std::optional<int> age) {
  return db::read_network(ctx.db, care_forms, age);
}

nlohmann::ordered_json provider_document(const Provider& provider) {
  return network_to_json(ProviderNetwork{{provider}, {}})["providers"][0];
}

}  // namespace passend::service
