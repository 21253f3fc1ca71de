#include "providers/ruleset_store.hpp"

namespace passend::db {

namespace {
constexpr const char* kSelect =
    "SELECT id, ruleset_name, base_version, version, hash, params, author, at, comment FROM ruleset_version ";

RuleSetVersion read_row(Statement& st) {
  RuleSetVersion v;
  v.id = st.column_int64(0);
  v.ruleset_name = st.column_text(1);
  v.base_version = st.column_text(2);
  v.version = st.column_text(3);
  v.hash = st.column_text(4);
  v.params = st.column_text(5);
  v.author = st.column_text(6);
  v.at = st.column_text(7);
  v.comment = st.column_text(8);
  return v;
}
}  // namespace

std::vector<RuleSetVersion> list_versions(Database& db, const std::string& ruleset_name) {
  auto st = db.prepare(std::string(kSelect) + "WHERE ruleset_name = ? ORDER BY id");
  st.bind(1, ruleset_name);
  std::vector<RuleSetVersion> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::optional<RuleSetVersion> read_version(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::optional<RuleSetVersion> latest_version(Database& db, const std::string& ruleset_name) {
  auto st = db.prepare(std::string(kSelect) + "WHERE ruleset_name = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, ruleset_name);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::int64_t next_version_id(Database& db) {
  auto st = db.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM ruleset_version");
  st.step();
  return st.column_int64(0);
}

void insert_version(Database& db, RuleSetVersion& v) {
  auto st = db.prepare(
      "INSERT INTO ruleset_version (id, ruleset_name, base_version, version, hash, params, author, at, comment) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)");
  st.bind(1, v.id).bind(2, v.ruleset_name).bind(3, v.base_version).bind(4, v.version).bind(5, v.hash);
  st.bind(6, v.params).bind(7, v.author).bind(8, v.comment);
  st.run();
  v.at = read_version(db, v.id)->at;
}

std::string versioned(const std::string& base_version, std::int64_t id) {
  const char* sep = base_version.find('+') == std::string::npos ? "+p" : ".p";
  return base_version + sep + std::to_string(id);
}

}  // namespace passend::db
