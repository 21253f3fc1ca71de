// Capacity between imports: one offering's free places and wait ("capacity set"), a CSV of
// updates (all or none), and the capacity history.
#include "core/errors.hpp"
#include "providers/network_checks.hpp"
#include "providers/registry.hpp"
#include "providers/stored_forms.hpp"

namespace passend::db {

namespace {

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

// A live update (not an import): the offering remembers who set its figures, so that a later
// re-import with older figures keeps them (registry_import.cpp).
void write_capacity(Database& db, const std::string& offering, int places, int free, int wait_weeks, Date updated,
                    const std::string& source, const std::string& actor = "", const std::string& note = "") {
  auto st = db.prepare(
      "UPDATE offering SET free = ?, wait_weeks = ?, capacity_updated = ?, capacity_by = ?, capacity_note = ? WHERE id = ?");
  st.bind(1, free).bind(2, wait_weeks).bind(3, updated.str()).bind(4, actor.empty() ? source : actor).bind(5, note);
  st.bind(6, offering).run();
  auto history = db.prepare(
      "INSERT INTO capacity_history (offering, places, free, wait_weeks, updated, recorded_at, source, actor, note) "
      "VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?)");
  history.bind(1, offering).bind(2, places).bind(3, free).bind(4, wait_weeks).bind(5, updated.str()).bind(6, source);
  history.bind(7, actor).bind(8, note).run();
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

void set_capacity(Database& db, const std::string& offering, int free, std::optional<int> wait_weeks, Date updated,
                  const LiveUpdate& who) {
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
  write_capacity(db, offering, stored->places, free, wait_weeks.value_or(stored->wait_weeks), updated, "capacity set",
                 who.actor, who.note);
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

std::optional<Capacity> read_capacity(Database& db, const std::string& offering) {
  auto st = db.prepare("SELECT places, free, wait_weeks, capacity_updated FROM offering WHERE id = ?");
  st.bind(1, offering);
  if (!st.step()) return std::nullopt;
  return Capacity{st.column_int(0), st.column_int(1), st.column_int(2), stored::date(st.column_text(3))};
}

std::vector<CapacityRecord> capacity_history(Database& db, const std::string& offering) {
  auto st = db.prepare(
      "SELECT places, free, wait_weeks, updated, recorded_at, source, actor, note FROM capacity_history "
      "WHERE offering = ? ORDER BY id");
  st.bind(1, offering);
  std::vector<CapacityRecord> out;
  while (st.step())
    out.push_back({st.column_int(0), st.column_int(1), st.column_int(2), st.column_text(3), st.column_text(4),
                   st.column_text(5), st.column_text(6), st.column_text(7)});
  if (out.empty()) {
    auto lookup = db.prepare("SELECT places, wait_weeks FROM offering WHERE id = ?");
    if (!stored_capacity(lookup, offering))
      throw InvalidInput(db.path(), "", "unknown offering '" + offering + "'; it is not in the registry");
  }
  return out;
}

}  // namespace passend::db

namespace passend::db {

std::vector<OfferingFigures> offering_figures(Database& db, const FiguresFilter& filter) {
  auto st = db.prepare(
      "SELECT p.id, p.name, l.id, l.municipality, o.id, o.care_form, o.supra_regional, o.places, o.free, o.wait_weeks, "
      "o.capacity_updated, o.capacity_note, o.capacity_by "
      "FROM offering o JOIN location l ON l.id = o.location JOIN provider p ON p.id = l.provider "
      "WHERE (?1 IS NULL OR p.id = ?1) AND (?2 IS NULL OR o.id = ?2) AND (?3 IS NULL OR o.capacity_updated < ?3) "
      "ORDER BY p.id, o.capacity_updated, l.id, o.id");
  st.bind(1, filter.provider).bind(2, filter.offering);
  if (filter.updated_before) st.bind(3, filter.updated_before->str());
  std::vector<OfferingFigures> out;
  while (st.step()) {
    OfferingFigures f;
    f.provider = st.column_text(0);
    f.provider_name = st.column_text(1);
    f.location = st.column_text(2);
    f.municipality = st.column_text(3);
    f.offering = st.column_text(4);
    f.care_form = st.column_text(5);
    f.supra_regional = st.column_int(6) != 0;
    f.capacity = {st.column_int(7), st.column_int(8), st.column_int(9), stored::date(st.column_text(10))};
    f.note = st.column_text(11);
    f.set_by = st.column_text(12);
    out.push_back(std::move(f));
  }
  return out;
}

bool provider_exists(Database& db, const std::string& id) {
  auto st = db.prepare("SELECT 1 FROM provider WHERE id = ?");
  st.bind(1, id);
  return st.step();
}

}  // namespace passend::db
