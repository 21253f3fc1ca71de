#include "providers/ruleset_store.hpp"

#include "core/sha256.hpp"

namespace passend::db {

namespace {
constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

constexpr const char* kProposalColumns =
    "SELECT id, ruleset, kind, release, base, proposed_by, proposed_at, proposed_scope, comment, changes, "
    "protected_changes, dry_run, status, decided_by, decided_at, decided_as, active_from, decision_note "
    "FROM ruleset_proposal ";
constexpr const char* kReleaseColumns = "SELECT id, ruleset, version, hash, created_at FROM ruleset_release ";
constexpr const char* kActivationColumns = "SELECT id, ruleset, release, proposal, active_from FROM ruleset_activation ";

std::optional<std::string> optional_text(const Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return st.column_text(i);
}

RuleSetProposal proposal_row(const Statement& st) {
  RuleSetProposal p;
  p.id = st.column_int64(0);
  p.ruleset = st.column_text(1);
  p.kind = st.column_text(2);
  p.release = st.column_int64(3);
  if (!st.column_is_null(4)) p.base = st.column_int64(4);
  p.proposed_by = st.column_text(5);
  p.proposed_at = st.column_text(6);
  p.proposed_scope = st.column_text(7);
  p.comment = st.column_text(8);
  p.changes = st.column_text(9);
  p.protected_changes = st.column_text(10);
  p.dry_run = st.column_text(11);
  p.status = st.column_text(12);
  p.decided_by = optional_text(st, 13);
  p.decided_at = optional_text(st, 14);
  p.decided_as = optional_text(st, 15);
  p.active_from = optional_text(st, 16);
  p.decision_note = optional_text(st, 17);
  return p;
}

RuleSetRelease release_row(const Statement& st, int first = 0) {
  return {st.column_int64(first), st.column_text(first + 1), st.column_text(first + 2), st.column_text(first + 3),
          st.column_text(first + 4)};
}

RuleSetActivation activation_row(const Statement& st) {
  return {st.column_int64(0), st.column_text(1), st.column_int64(2), st.column_int64(3), st.column_text(4)};
}

bool table_exists(Database& db, const char* name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.step();
}
}  // namespace

std::int64_t insert_release(Database& db, const std::string& ruleset, const std::string& version, const std::string& hash,
                            const std::map<std::string, std::string>& files) {
  auto release = db.prepare(std::string("INSERT INTO ruleset_release (ruleset, version, hash, created_at) VALUES (?, ?, ?, ") +
                            kNow + ")");
  release.bind(1, ruleset).bind(2, version).bind(3, hash);
  release.run();
  const std::int64_t id = db.last_insert_rowid();
  auto blob = db.prepare("INSERT OR IGNORE INTO ruleset_blob (sha256, content) VALUES (?, ?)");
  auto file = db.prepare("INSERT INTO ruleset_release_file (release, path, blob) VALUES (?, ?, ?)");
  for (const auto& [path, bytes] : files) {
    const std::string key = "sha256:" + sha256_hex(bytes);
    blob.bind(1, key).bind(2, bytes);
    blob.run();
    file.bind(1, id).bind(2, path).bind(3, key);
    file.run();
  }
  return id;
}

std::optional<RuleSetRelease> read_release(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kReleaseColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return release_row(st);
}

std::optional<RuleSetRelease> find_release(Database& db, const std::string& ruleset, const std::string& version) {
  auto st = db.prepare(std::string(kReleaseColumns) + "WHERE ruleset = ? AND version = ?");
  st.bind(1, ruleset).bind(2, version);
  if (!st.step()) return std::nullopt;
  return release_row(st);
}

std::optional<RuleSetRelease> find_release_by_hash(Database& db, const std::string& ruleset, const std::string& hash) {
  auto st = db.prepare(std::string(kReleaseColumns) + "WHERE ruleset = ? AND hash = ? ORDER BY id LIMIT 1");
  st.bind(1, ruleset).bind(2, hash);
  if (!st.step()) return std::nullopt;
  return release_row(st);
}

std::vector<RuleSetRelease> list_releases(Database& db, const std::string& ruleset) {
  auto st = db.prepare(std::string(kReleaseColumns) + "WHERE ruleset = ? ORDER BY id");
  st.bind(1, ruleset);
  std::vector<RuleSetRelease> out;
  while (st.step()) out.push_back(release_row(st));
  return out;
}

std::map<std::string, std::string> release_files(Database& db, std::int64_t release) {
  auto st = db.prepare(
      "SELECT f.path, b.content FROM ruleset_release_file f JOIN ruleset_blob b ON b.sha256 = f.blob WHERE f.release = ?");
  st.bind(1, release);
  std::map<std::string, std::string> out;
  while (st.step()) out[st.column_text(0)] = st.column_text(1);
  return out;
}

std::vector<std::string> ruleset_names(Database& db) {
  auto st = db.prepare("SELECT DISTINCT ruleset FROM ruleset_release ORDER BY ruleset");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

std::int64_t next_proposal_id(Database& db) {
  auto st = db.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM ruleset_proposal");
  st.step();
  return st.column_int64(0);
}

void insert_proposal(Database& db, RuleSetProposal& p) {
  // A proposal stored as decided already (the version `passend init` installs, a v1 version
  // moved in) is decided when it is stored, unless it says when.
  auto st = db.prepare(std::string("INSERT INTO ruleset_proposal (id, ruleset, kind, release, base, proposed_by, proposed_at, "
                                   "proposed_scope, comment, changes, protected_changes, dry_run, status, decided_by, "
                                   "decided_at, decided_as, active_from, decision_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ") +
                       kNow + ", ?7, ?8, ?9, ?10, ?11, ?12, ?13, COALESCE(?14, CASE WHEN ?12 = 'proposed' THEN NULL ELSE " +
                       kNow + " END), ?15, ?16, ?17)");
  st.bind(1, p.id).bind(2, p.ruleset).bind(3, p.kind).bind(4, p.release).bind(5, p.base).bind(6, p.proposed_by);
  st.bind(7, p.proposed_scope).bind(8, p.comment).bind(9, p.changes).bind(10, p.protected_changes).bind(11, p.dry_run);
  st.bind(12, p.status).bind(13, p.decided_by).bind(14, p.decided_at).bind(15, p.decided_as).bind(16, p.active_from);
  st.bind(17, p.decision_note);
  st.run();
  const auto stored = read_proposal(db, p.id);
  p.proposed_at = stored->proposed_at;
  p.decided_at = stored->decided_at;
}

std::optional<RuleSetProposal> read_proposal(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kProposalColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return proposal_row(st);
}

std::vector<RuleSetProposal> list_proposals(Database& db, const std::string& ruleset, const std::string& status) {
  auto st = db.prepare(std::string(kProposalColumns) +
                       "WHERE (?1 = '' OR ruleset = ?1) AND (?2 = '' OR status = ?2) ORDER BY id");
  st.bind(1, ruleset).bind(2, status);
  std::vector<RuleSetProposal> out;
  while (st.step()) out.push_back(proposal_row(st));
  return out;
}

bool decide_proposal(Database& db, std::int64_t id, const std::string& status, const std::string& by,
                     const std::string& as, const std::optional<std::string>& active_from, const std::string& note) {
  auto st = db.prepare(std::string("UPDATE ruleset_proposal SET status = ?, decided_by = ?, decided_at = ") + kNow +
                       ", decided_as = ?, active_from = ?, decision_note = ? WHERE id = ? AND status = 'proposed'");
  st.bind(1, status).bind(2, by).bind(3, as).bind(4, active_from).bind(5, note).bind(6, id);
  st.run();
  return db.changes() == 1;
}

void insert_activation(Database& db, const std::string& ruleset, std::int64_t release, std::int64_t proposal,
                       const std::string& active_from) {
  auto st = db.prepare("INSERT INTO ruleset_activation (ruleset, release, proposal, active_from) VALUES (?, ?, ?, ?)");
  st.bind(1, ruleset).bind(2, release).bind(3, proposal).bind(4, active_from);
  st.run();
}

std::optional<std::int64_t> active_release(Database& db, const std::string& ruleset, const std::string& date) {
  auto st = db.prepare("SELECT release FROM ruleset_activation WHERE ruleset = ? AND active_from <= ? ORDER BY id DESC LIMIT 1");
  st.bind(1, ruleset).bind(2, date);
  if (!st.step()) return std::nullopt;
  return st.column_int64(0);
}

std::optional<RuleSetActivation> head_activation(Database& db, const std::string& ruleset) {
  auto st = db.prepare(std::string(kActivationColumns) + "WHERE ruleset = ? ORDER BY id DESC LIMIT 1");
  st.bind(1, ruleset);
  if (!st.step()) return std::nullopt;
  return activation_row(st);
}

std::vector<RuleSetActivation> list_activations(Database& db, const std::string& ruleset) {
  auto st = db.prepare(std::string(kActivationColumns) + "WHERE ruleset = ? ORDER BY id");
  st.bind(1, ruleset);
  std::vector<RuleSetActivation> out;
  while (st.step()) out.push_back(activation_row(st));
  return out;
}

void set_assignment(Database& db, const std::string& scope, const std::string& ruleset, const std::string& by) {
  auto st = db.prepare(std::string("INSERT INTO ruleset_assignment (scope, ruleset, assigned_by, assigned_at) VALUES (?, ?, ?, ") +
                       kNow + ") ON CONFLICT (scope) DO UPDATE SET ruleset = excluded.ruleset, "
                              "assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at");
  st.bind(1, scope).bind(2, ruleset).bind(3, by);
  st.run();
}

std::map<std::string, std::string> read_assignments(Database& db) {
  auto st = db.prepare("SELECT scope, ruleset FROM ruleset_assignment");
  std::map<std::string, std::string> out;
  while (st.step()) out[st.column_text(0)] = st.column_text(1);
  return out;
}

std::optional<ResolvedRelease> resolve_release(Database& db, const std::string& region, const std::string& network,
                                               const std::string& date) {
  // For each step of the chain, the latest approval of its rule set from on or before the date;
  // the first step that has one decides.
  auto st = db.cached(
      "SELECT r.id, r.ruleset, r.version, r.hash, r.created_at, s.scope FROM ruleset_assignment s "
      "JOIN ruleset_activation a ON a.id = (SELECT MAX(x.id) FROM ruleset_activation x "
      "                                     WHERE x.ruleset = s.ruleset AND x.active_from <= ?4) "
      "JOIN ruleset_release r ON r.id = a.release "
      "WHERE s.scope IN (?1, ?2, ?3) "
      "ORDER BY CASE s.scope WHEN ?1 THEN 1 WHEN ?2 THEN 2 ELSE 3 END LIMIT 1");
  st.bind(1, region).bind(2, network).bind(3, kDefaultScope).bind(4, date);
  if (!st.step()) return std::nullopt;
  return ResolvedRelease{release_row(st), st.column_text(5)};
}

std::vector<LegacyRuleSetVersion> list_legacy_versions(Database& db) {
  std::vector<LegacyRuleSetVersion> out;
  if (!table_exists(db, "ruleset_version")) return out;
  auto st = db.prepare(
      "SELECT id, ruleset_name, base_version, version, hash, params, author, at, comment FROM ruleset_version ORDER BY id");
  while (st.step())
    out.push_back({st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5), st.column_text(6), st.column_text(7), st.column_text(8)});
  return out;
}

}  // namespace passend::db
