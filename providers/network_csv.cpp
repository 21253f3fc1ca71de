#include "providers/network_csv.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/errors.hpp"
#include "providers/network_checks.hpp"

namespace passend {

namespace {
namespace nc = network_checks;

std::string line_word(int line) { return "on line " + std::to_string(line); }

// One CSV table being read: header checks and typed cells that add an issue (file:line:column)
// instead of throwing, so every problem of a file is reported in one go.
class TableReader {
 public:
  TableReader(const CsvTable& table, const std::vector<std::string>& columns, const std::vector<std::string>& optional_columns)
      : table_(table), issues_(table.file()) {
    check_header(columns, optional_columns);
  }

  bool header_ok() const { return header_ok_; }
  IssueList& issues() { return issues_; }
  const CsvTable& table() const { return table_; }

  // "line:column" of a named cell of a row (the row's line when the row is short).
  std::string where(const CsvRow& row, const std::string& column) const {
    int c = table_.column(column);
    int line = c >= 0 && c < static_cast<int>(row.fields.size()) ? row.fields[c].line : row.line;
    return std::to_string(line) + ":" + std::to_string(c + 1);
  }

  const std::string& text(const CsvRow& row, const std::string& column) const { return table_.get(row, column); }

  void report(const CsvRow& row, const std::string& column, const nc::Problem& problem) {
    if (problem) issues_.add(where(row, column), *problem);
  }

  // A required cell; "" (and an issue) when empty.
  const std::string& required(const CsvRow& row, const std::string& column) {
    const std::string& value = text(row, column);
    if (value.empty()) issues_.add(where(row, column), "required value is missing");
    return value;
  }

  template <class Check>
  std::string checked(const CsvRow& row, const std::string& column, Check check) {
    const std::string& value = required(row, column);
    if (!value.empty()) report(row, column, check(value));
    return value;
  }

  std::optional<int> integer(const CsvRow& row, const std::string& column, int min, int max, bool required_cell = true) {
    const std::string& value = required_cell ? required(row, column) : text(row, column);
    if (value.empty()) return std::nullopt;
    auto n = nc::parse_integer(value);
    if (!n) {
      issues_.add(where(row, column), "expected an integer, got '" + value + "'");
      return std::nullopt;
    }
    if (auto problem = nc::within(*n, min, max)) {
      issues_.add(where(row, column), *problem);
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }

  // An optional yes/no cell: empty means `fallback`.
  bool boolean(const CsvRow& row, const std::string& column, bool fallback) {
    const std::string& value = text(row, column);
    if (value.empty()) return fallback;
    auto b = nc::parse_boolean(value);
    if (!b) issues_.add(where(row, column), "expected true or false, got '" + value + "'");
    return b.value_or(fallback);
  }

  std::optional<Date> date(const CsvRow& row, const std::string& column) {
    const std::string& value = required(row, column);
    if (value.empty()) return std::nullopt;
    auto d = Date::parse(value);
    if (!d) report(row, column, nc::date_text(value));
    return d;
  }

  // A ';'-separated list of words, each checked; sorted and unique.
  template <class Check>
  std::vector<std::string> words(const CsvRow& row, const std::string& column, Check check) {
    std::vector<std::string> out;
    for (auto& word : split_list(text(row, column))) {
      if (auto problem = check(word)) issues_.add(where(row, column), *problem);
      else out.push_back(std::move(word));
    }
    return nc::sorted_unique(std::move(out));
  }

 private:
  void check_header(const std::vector<std::string>& columns, const std::vector<std::string>& optional_columns) {
    const auto& header = table_.header();
    for (std::size_t i = 0; i < header.size(); ++i) {
      const auto& name = header[i];
      if (std::find(columns.begin(), columns.end(), name) != columns.end()) continue;
      std::string message = "unknown column '" + name + "'";
      if (auto guess = nc::closest(name, columns); !guess.empty()) message += "; did you mean '" + guess + "'?";
      issues_.add("1:" + std::to_string(i + 1), message);
      header_ok_ = false;
    }
    for (const auto& name : columns) {
      if (table_.column(name) >= 0) continue;
      if (std::find(optional_columns.begin(), optional_columns.end(), name) != optional_columns.end()) continue;
      issues_.add("1:1", "missing column '" + name + "'; the header needs " + join(columns, ","));
      header_ok_ = false;
    }
  }

  const CsvTable& table_;
  IssueList issues_;
  bool header_ok_ = true;
};

// Where a provider or location was first described, to check that later rows agree.
struct FirstRow {
  std::size_t index = 0;  // into the providers vector (provider) or the provider's locations (location)
  std::string provider;   // locations only: the provider it belongs to
  int line = 0;
};

class NetworkCsvReader {
 public:
  NetworkCsvReader(const Vocabulary& vocabulary, const RegionGraph& regions) : vocabulary_(vocabulary), regions_(regions) {}

  void read_offerings(TableReader& t) {
    offerings_readable_ = t.header_ok();
    if (!t.header_ok()) return;
    if (t.table().rows().empty())
      t.issues().add("2:1", "no offerings: an import replaces the whole registry, so at least one row is required");
    for (const auto& row : t.table().rows()) read_offering_row(t, row);
  }

  void read_contracts(TableReader& t) {
    if (!t.header_ok()) return;
    nc::FirstUse keys;
    for (const auto& row : t.table().rows()) {
      const std::size_t before = t.issues().size();
      const std::string& provider_id = t.required(row, "provider_id");
      Contract c;
      c.region = t.checked(row, "region", [&](const std::string& s) { return nc::contract_region(s, regions_); });
      c.lot = t.checked(row, "lot", [&](const std::string& s) { return nc::lot(s, vocabulary_); });
      c.status = t.checked(row, "status", nc::status);
      auto from = t.date(row, "from");
      auto until = t.date(row, "until");
      if (from && until) t.report(row, "until", nc::date_order(*from, *until));
      auto provider = providers_.find(provider_id);
      // Without a readable offerings file every provider would be "unknown": say it once, there.
      if (!offerings_readable_) continue;
      if (!provider_id.empty() && provider == providers_.end())
        t.issues().add(t.where(row, "provider_id"), "unknown provider '" + provider_id + "'; it has no offerings in " +
                                                        offerings_file_);
      if (t.issues().size() != before) continue;
      c.from = *from;
      c.until = *until;
      if (auto first = keys.claim(provider_id + "|" + c.region + "|" + c.lot + "|" + c.from.str(), line_word(row.line))) {
        t.issues().add(t.where(row, "provider_id"), nc::duplicate("contract for provider '" + provider_id + "', region " +
                                                                      c.region + ", lot " + c.lot + " from " + c.from.str(),
                                                                  *first));
        continue;
      }
      network_.providers[provider->second.index].contracts.push_back(std::move(c));
    }
  }

  void read_lot_overrides(TableReader& t) {
    if (!t.header_ok()) return;
    nc::FirstUse keys;
    for (const auto& row : t.table().rows()) {
      LotOverride o;
      o.region = t.checked(row, "region", [&](const std::string& s) { return nc::override_region(s, regions_); });
      o.care_form = t.checked(row, "care_form", [&](const std::string& s) { return nc::care_form(s, vocabulary_); });
      o.lot = t.checked(row, "lot", [&](const std::string& s) { return nc::lot(s, vocabulary_); });
      if (!o.region.empty() && !o.care_form.empty())
        if (auto first = keys.claim(o.region + "|" + o.care_form, line_word(row.line)))
          t.issues().add(t.where(row, "region"),
                         nc::duplicate("lot override for region " + o.region + " and care form " + o.care_form, *first));
      network_.lot_overrides.push_back(std::move(o));
    }
  }

  void set_offerings_file(std::string name) { offerings_file_ = std::move(name); }
  ProviderNetwork take() { return std::move(network_); }

 private:
  void read_offering_row(TableReader& t, const CsvRow& row) {
    Provider* provider = provider_of_row(t, row);
    Location* location = provider ? location_of_row(t, row, *provider) : nullptr;
    Offering o = offering_of_row(t, row);
    if (location) location->offerings.push_back(std::move(o));
  }

  // The row's provider: created on first sight, afterwards checked for the same name and flags.
  Provider* provider_of_row(TableReader& t, const CsvRow& row) {
    const std::string id = t.checked(row, "provider_id", [](const std::string& s) { return nc::id(s, "provider"); });
    const std::string name = t.required(row, "provider_name");
    const bool in_network = t.boolean(row, "in_network", true);
    const std::string urgent_contact = t.text(row, "urgent_contact");
    t.report(row, "provider_name", nc::no_personal_data(name));
    t.report(row, "urgent_contact", nc::no_personal_data_but_contact(urgent_contact));
    if (id.empty()) return nullptr;
    auto [it, inserted] = providers_.emplace(id, FirstRow{network_.providers.size(), "", row.line});
    if (inserted) {
      Provider p;
      p.id = id;
      p.name = name;
      p.in_network = in_network;
      p.urgent_contact = urgent_contact;
      network_.providers.push_back(std::move(p));
      return &network_.providers.back();
    }
    Provider& p = network_.providers[it->second.index];
    const std::string first = " for provider '" + id + "' " + line_word(it->second.line);
    if (!name.empty() && name != p.name)
      t.issues().add(t.where(row, "provider_name"), "provider_name '" + name + "' differs from '" + p.name + "'" + first);
    if (in_network != p.in_network)
      t.issues().add(t.where(row, "in_network"), std::string("in_network ") + (in_network ? "true" : "false") +
                                                     " differs from " + (p.in_network ? "true" : "false") + first);
    if (urgent_contact != p.urgent_contact)
      t.issues().add(t.where(row, "urgent_contact"),
                     "urgent_contact '" + urgent_contact + "' differs from '" + p.urgent_contact + "'" + first);
    return &p;
  }

  // The row's location: created on first sight, afterwards checked for the same provider and municipality.
  Location* location_of_row(TableReader& t, const CsvRow& row, Provider& provider) {
    const std::string id = t.checked(row, "location_id", [](const std::string& s) { return nc::id(s, "location"); });
    const std::string municipality =
        t.checked(row, "municipality", [&](const std::string& s) { return nc::municipality(s, regions_); });
    if (id.empty()) return nullptr;
    auto [it, inserted] = locations_.emplace(id, FirstRow{provider.locations.size(), provider.id, row.line});
    if (inserted) {
      provider.locations.push_back({id, municipality, {}});
      return &provider.locations.back();
    }
    const FirstRow& first = it->second;
    if (first.provider != provider.id) {
      t.issues().add(t.where(row, "location_id"), "location '" + id + "' belongs to provider '" + first.provider + "' " +
                                                      line_word(first.line) + ", not to '" + provider.id + "'");
      return nullptr;
    }
    Location& l = provider.locations[first.index];
    if (!municipality.empty() && municipality != l.municipality)
      t.issues().add(t.where(row, "municipality"), "municipality '" + municipality + "' differs from '" + l.municipality +
                                                       "' for location '" + id + "' " + line_word(first.line));
    return &l;
  }

  Offering offering_of_row(TableReader& t, const CsvRow& row) {
    Offering o;
    o.id = t.checked(row, "offering_id", [](const std::string& s) { return nc::id(s, "offering"); });
    if (!o.id.empty())
      if (auto first = offering_ids_.claim(o.id, line_word(row.line)))
        t.issues().add(t.where(row, "offering_id"), nc::duplicate("offering id '" + o.id + "'", *first));
    o.care_form = t.checked(row, "care_form", [&](const std::string& s) { return nc::care_form(s, vocabulary_); });
    o.product_category =
        t.checked(row, "product_category", [&](const std::string& s) { return nc::product_category(s, vocabulary_); });
    o.expertise = t.words(row, "expertise", [&](const std::string& s) { return nc::expertise(s, vocabulary_); });
    auto age_min = t.integer(row, "age_min", 0, nc::max_age);
    auto age_max = t.integer(row, "age_max", 0, nc::max_age);
    if (age_min && age_max) t.report(row, "age_max", nc::age_order(*age_min, *age_max));
    o.age_min = age_min.value_or(0);
    o.age_max = age_max.value_or(0);
    o.contraindications =
        t.words(row, "contraindications", [&](const std::string& s) { return nc::contraindication(s, vocabulary_); });
    o.identity = t.text(row, "identity");
    if (!o.identity.empty()) t.report(row, "identity", nc::identity(o.identity, vocabulary_));
    o.supra_regional = t.boolean(row, "supra_regional", false);
    auto places = t.integer(row, "places", 0, nc::max_places);
    auto free = t.integer(row, "free", 0, nc::max_places);
    if (places && free) t.report(row, "free", nc::free_within_places(*free, *places));
    o.capacity.places = places.value_or(0);
    o.capacity.free = free.value_or(0);
    o.capacity.wait_weeks = t.integer(row, "wait_weeks", 0, nc::max_wait_weeks, false).value_or(0);
    if (auto d = t.date(row, "updated")) o.capacity.updated = *d;
    return o;
  }

  const Vocabulary& vocabulary_;
  const RegionGraph& regions_;
  std::string offerings_file_;
  bool offerings_readable_ = false;
  ProviderNetwork network_;
  std::unordered_map<std::string, FirstRow> providers_, locations_;
  nc::FirstUse offering_ids_;
};

// IssueList keeps its issues to itself; collect them through the exception it throws.
void collect(const IssueList& issues, std::vector<InputIssue>& all) {
  try {
    issues.throw_if_any();
  } catch (const InvalidInput& e) {
    all.insert(all.end(), e.issues().begin(), e.issues().end());
  }
}
}  // namespace

const std::vector<std::string>& offering_csv_columns() {
  static const std::vector<std::string> list = {
      "provider_id", "provider_name",     "in_network", "location_id",    "municipality", "offering_id",
      "care_form",   "product_category",  "expertise",  "age_min",        "age_max",      "contraindications",
      "identity",    "supra_regional",    "places",     "free",           "wait_weeks",   "updated",
      "urgent_contact"};
  return list;
}

const std::vector<std::string>& contract_csv_columns() {
  static const std::vector<std::string> list = {"provider_id", "region", "lot", "status", "from", "until"};
  return list;
}

const std::vector<std::string>& lot_override_csv_columns() {
  static const std::vector<std::string> list = {"region", "care_form", "lot"};
  return list;
}

ProviderNetwork parse_network_csv(const CsvTable& offerings, const CsvTable& contracts, const Vocabulary& vocabulary,
                                  const RegionGraph& regions, const CsvTable* lot_overrides) {
  NetworkCsvReader reader(vocabulary, regions);
  reader.set_offerings_file(offerings.file());
  TableReader offering_table(offerings, offering_csv_columns(), {"urgent_contact"});
  TableReader contract_table(contracts, contract_csv_columns(), {});
  reader.read_offerings(offering_table);
  reader.read_contracts(contract_table);
  std::vector<InputIssue> all;
  collect(offering_table.issues(), all);
  collect(contract_table.issues(), all);
  if (lot_overrides) {
    TableReader override_table(*lot_overrides, lot_override_csv_columns(), {});
    reader.read_lot_overrides(override_table);
    collect(override_table.issues(), all);
  }
  if (!all.empty()) throw InvalidInput(std::move(all));
  return reader.take();
}

}  // namespace passend
