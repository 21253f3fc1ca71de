#include "providers/schema.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/errors.hpp"

namespace passend::db {

namespace {
// Never edit a migration that has been released; add a new one.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> list = {
      // 1: regions, vocabularies, the inkoopnetwerk registry, audit and gaps.
      R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE network (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE region (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, network TEXT NOT NULL REFERENCES network(code),
  lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
CREATE TABLE municipality (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL REFERENCES region(code),
  lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
CREATE INDEX municipality_region ON municipality(region);
CREATE TABLE region_border (
  a TEXT NOT NULL REFERENCES region(code), b TEXT NOT NULL REFERENCES region(code),
  border_km REAL NOT NULL, distance_km REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;

-- kind: care_form | expertise | flag | urgency | tier | lot | identity | product_category
CREATE TABLE vocabulary (
  kind TEXT NOT NULL, id TEXT NOT NULL, dutch TEXT NOT NULL, rank INTEGER NOT NULL,
  PRIMARY KEY (kind, id)) WITHOUT ROWID;
-- The care form -> contract lot mapping: region '*' is the default, a region may override.
CREATE TABLE care_form_lot (
  region TEXT NOT NULL, care_form TEXT NOT NULL, lot TEXT NOT NULL,
  PRIMARY KEY (region, care_form)) WITHOUT ROWID;

CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL, file TEXT NOT NULL,
  sha256 TEXT NOT NULL, format TEXT NOT NULL, providers INTEGER NOT NULL, locations INTEGER NOT NULL,
  offerings INTEGER NOT NULL, contracts INTEGER NOT NULL, summary TEXT NOT NULL);
-- Providers, locations and offerings are small rows looked up by their text ids: WITHOUT ROWID
-- saves one B-tree search per row on the engine's joined read.
CREATE TABLE provider (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, in_network INTEGER NOT NULL, urgent_contact TEXT NOT NULL DEFAULT '')
  WITHOUT ROWID;
CREATE TABLE contract (
  id INTEGER PRIMARY KEY, provider TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  region TEXT NOT NULL, lot TEXT NOT NULL, status TEXT NOT NULL,
  valid_from TEXT NOT NULL, valid_until TEXT NOT NULL);
-- A contract is known by provider, region, lot and start; an import may change status and end.
CREATE UNIQUE INDEX contract_key ON contract(provider, region, lot, valid_from);
CREATE TABLE location (
  id TEXT PRIMARY KEY, provider TEXT NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
  municipality TEXT NOT NULL REFERENCES municipality(code)) WITHOUT ROWID;
CREATE INDEX location_provider ON location(provider);
-- expertise and contraindications are JSON arrays of vocabulary words, sorted and unique. They
-- live in the row so that the engine's read needs no join per word; SQL reports use json_each.
CREATE TABLE offering (
  id TEXT PRIMARY KEY, location TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  care_form TEXT NOT NULL, product_category TEXT NOT NULL, expertise TEXT NOT NULL DEFAULT '[]',
  age_min INTEGER NOT NULL, age_max INTEGER NOT NULL, contraindications TEXT NOT NULL DEFAULT '[]',
  identity TEXT NOT NULL DEFAULT '', supra_regional INTEGER NOT NULL,
  places INTEGER NOT NULL, free INTEGER NOT NULL CHECK (free >= 0 AND free <= places),
  wait_weeks INTEGER NOT NULL, capacity_updated TEXT NOT NULL) WITHOUT ROWID;
-- The engine prefilters by care form and age.
CREATE INDEX offering_care_form_age ON offering(care_form, age_min, age_max);
CREATE INDEX offering_location ON offering(location);
-- Every capacity change, for waiting-time reports; survives re-imports.
CREATE TABLE capacity_history (
  id INTEGER PRIMARY KEY, offering TEXT NOT NULL, places INTEGER NOT NULL, free INTEGER NOT NULL,
  wait_weeks INTEGER NOT NULL, updated TEXT NOT NULL, recorded_at TEXT NOT NULL, source TEXT NOT NULL);
CREATE INDEX capacity_history_offering ON capacity_history(offering, id);

-- One record per advice (query, allocation, ...): append-only.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  case_id TEXT NOT NULL, case_hash TEXT NOT NULL, reference_date TEXT NOT NULL,
  ruleset_name TEXT NOT NULL, ruleset_version TEXT NOT NULL, ruleset_hash TEXT NOT NULL,
  import_id INTEGER, plan_a TEXT, plan_b TEXT, bridging TEXT, result_hash TEXT NOT NULL, result TEXT NOT NULL);
CREATE INDEX audit_case ON audit(case_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;

-- Gaps in supply (leemtes) for the signaleren report.
CREATE TABLE gap (
  id INTEGER PRIMARY KEY, audit_id INTEGER NOT NULL REFERENCES audit(id), recorded_at TEXT NOT NULL,
  reference_date TEXT NOT NULL, case_id TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL,
  care_forms TEXT NOT NULL, expertise TEXT NOT NULL);
CREATE INDEX gap_region ON gap(region, kind);
)sql",
      // 2: HTTP API tokens (only their sha256 is kept) and rule-set parameter versions.
      R"sql(
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('member', 'contract_manager', 'coordinator', 'admin')),
  sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, created_by TEXT NOT NULL, revoked_at TEXT);
-- A label names one live token, so an audit actor is unambiguous.
CREATE UNIQUE INDEX api_token_live_name ON api_token(name) WHERE revoked_at IS NULL;

-- Parameter changes by contract managers: each row is a rule-set version (base files + params).
CREATE TABLE ruleset_version (
  id INTEGER PRIMARY KEY, ruleset_name TEXT NOT NULL, base_version TEXT NOT NULL, version TEXT NOT NULL,
  hash TEXT NOT NULL, params TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, comment TEXT NOT NULL);
CREATE INDEX ruleset_version_name ON ruleset_version(ruleset_name, id);
)sql",
      // 3: reservations of scarce places (allocate --commit, reserve, release). A place's free
      // count is offering.free minus its active reservations (docs/allocation.md). No foreign key
      // to offering: an import replaces offerings and must neither drop nor trip on reservations.
      R"sql(
CREATE TABLE reservation (
  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, offering TEXT NOT NULL,
  created_at TEXT NOT NULL, reference_date TEXT NOT NULL,
  until TEXT, released_at TEXT, audit_id INTEGER REFERENCES audit(id));
CREATE INDEX reservation_active_offering ON reservation(offering) WHERE released_at IS NULL;
CREATE INDEX reservation_active_case ON reservation(case_id) WHERE released_at IS NULL;
)sql",
      // 4: the pseudonymous case documents of recent API queries, kept only to replay them in a
      // rule-tuning dry run; pruned to the newest 1000 and one year (docs/web.md, "Privacy").
      R"sql(
CREATE TABLE replay_case (
  audit_id INTEGER PRIMARY KEY REFERENCES audit(id), kept_at TEXT NOT NULL, document TEXT NOT NULL);
)sql",
      // 5: audit records are deleted only by `passend purge` at the end of their retention period
      // (docs/security.md): the purge transaction writes its cut-off into purge_permit, deletes the
      // expired case records, and clears the permit before it commits. Any other DELETE is refused.
      R"sql(
CREATE TABLE purge_permit (before TEXT NOT NULL);
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  WHEN NOT EXISTS (SELECT 1 FROM purge_permit p WHERE OLD.case_id <> '' AND OLD.at < p.before)
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only; only passend purge removes expired case records'); END;
)sql",
      // 6: one gap signal per case, so that the signaleren report counts cases, not queries
      // (docs/architecture.md, "Gap signals"). The latest query of a case decides: a gap
      // replaces the case's signal (first_seen stays), a query without one marks it resolved.
      // Existing rows collapse to the latest per case; a later query record of the case without a
      // gap row (queries always recorded their gap) means it was resolved then.
      R"sql(
ALTER TABLE gap ADD COLUMN first_seen TEXT NOT NULL DEFAULT '';
ALTER TABLE gap ADD COLUMN scope TEXT NOT NULL DEFAULT 'region';
ALTER TABLE gap ADD COLUMN resolved_on TEXT;
ALTER TABLE gap ADD COLUMN resolved_audit_id INTEGER REFERENCES audit(id);
-- Two statements: the subqueries of an UPDATE see the rows it has already changed.
UPDATE gap SET first_seen = (SELECT MIN(o.reference_date) FROM gap o WHERE o.case_id = gap.case_id);
UPDATE gap SET reference_date = (SELECT MAX(o.reference_date) FROM gap o WHERE o.case_id = gap.case_id);
DELETE FROM gap WHERE id < (SELECT MAX(o.id) FROM gap o WHERE o.case_id = gap.case_id);
ALTER TABLE gap RENAME COLUMN reference_date TO last_seen;
UPDATE gap SET resolved_audit_id = (SELECT MIN(a.id) FROM audit a
                                    WHERE a.case_id = gap.case_id AND a.action = 'query' AND a.id > gap.audit_id);
UPDATE gap SET resolved_on = (SELECT a.reference_date FROM audit a WHERE a.id = gap.resolved_audit_id)
  WHERE resolved_audit_id IS NOT NULL;
CREATE UNIQUE INDEX gap_case ON gap(case_id);
)sql",
      // 7: API tokens expire (docs/security.md). Tokens created before have none; the live
      // ones get a year from the migration, so existing clients keep working until then.
      R"sql(
ALTER TABLE api_token ADD COLUMN expires_at TEXT;
UPDATE api_token SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+365 days') WHERE revoked_at IS NULL;
)sql",
      // 8: scoped tokens and the provider role (docs/api.md, "Scopes"); capacity kept current
      // by providers: who set an offering's figures live and their note, in the offering and in
      // its history; the scope a record was made under and the case's region on audit records.
      // SQLite cannot change a CHECK constraint, so api_token is copied into a new table.
      R"sql(
CREATE TABLE api_token_v8 (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('member', 'contract_manager', 'coordinator', 'admin', 'provider')),
  sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, created_by TEXT NOT NULL, revoked_at TEXT,
  expires_at TEXT, scope TEXT NOT NULL DEFAULT '');
INSERT INTO api_token_v8 (id, name, role, sha256, created_at, created_by, revoked_at, expires_at)
  SELECT id, name, role, sha256, created_at, created_by, revoked_at, expires_at FROM api_token;
DROP TABLE api_token;
ALTER TABLE api_token_v8 RENAME TO api_token;
CREATE UNIQUE INDEX api_token_live_name ON api_token(name) WHERE revoked_at IS NULL;

-- capacity_by: who set the figures after the last import that wrote them ('' = the import).
ALTER TABLE offering ADD COLUMN capacity_by TEXT NOT NULL DEFAULT '';
ALTER TABLE offering ADD COLUMN capacity_note TEXT NOT NULL DEFAULT '';
ALTER TABLE capacity_history ADD COLUMN actor TEXT NOT NULL DEFAULT '';
ALTER TABLE capacity_history ADD COLUMN note TEXT NOT NULL DEFAULT '';

ALTER TABLE audit ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN region TEXT NOT NULL DEFAULT '';
-- Older query records get their case's region from their stored result; the append-only
-- trigger steps aside for this one derived column and is back before the migration commits.
DROP TRIGGER audit_no_update;
UPDATE audit SET region = COALESCE(json_extract(result, '$.region.code'), '')
  WHERE action = 'query' AND json_valid(result);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE INDEX audit_region ON audit(region, id);
)sql",
      // 9: case records (docs/cases.md): the pseudonymous CASE.json of a case the RET follows, its
      // status, the RET's advice and placement, and its timeline (one event per step, linked to the
      // step's audit record). Refusals are events: later queries of the case add their providers to
      // history.rejected_by. Removed by `passend purge` once their last change is past retention.
      R"sql(
CREATE TABLE case_record (
  case_id TEXT PRIMARY KEY, document TEXT NOT NULL, region TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('aangemeld', 'advies', 'wacht_op_plek', 'geplaatst', 'gesloten')),
  registered TEXT NOT NULL, follow_up TEXT, network TEXT, advice TEXT, placement TEXT, outcome TEXT,
  first_advice TEXT, placed_on TEXT, placed_region TEXT, closed_on TEXT,
  opened_at TEXT NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX case_record_status ON case_record(status, region);
CREATE INDEX case_record_waiting ON case_record(network) WHERE status = 'wacht_op_plek';
CREATE TABLE case_event (
  id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES case_record(case_id) ON DELETE CASCADE,
  at TEXT NOT NULL, date TEXT NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL,
  offering TEXT, provider TEXT, reason TEXT, detail TEXT NOT NULL, audit_id INTEGER REFERENCES audit(id));
CREATE INDEX case_event_case ON case_event(case_id, id);
)sql",
      // 10: rule sets in the database (docs/rules.md, "Rule sets in the database"): versions as
      // content-addressed files, proposals with their dry run, approvals from a date on (four
      // eyes), and which rule set a region, a network or the default ('*') uses. Replaces the
      // parameter versions of migration 2 (kept, no longer written) and the <db>.rulesets/ folder,
      // whose versions `passend init` moves into these tables (apps/service/ruleset_governance.cpp).
      R"sql(
CREATE TABLE ruleset_blob (sha256 TEXT PRIMARY KEY, content TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE ruleset_release (
  id INTEGER PRIMARY KEY, ruleset TEXT NOT NULL, version TEXT NOT NULL, hash TEXT NOT NULL,
  created_at TEXT NOT NULL, UNIQUE (ruleset, version));
CREATE INDEX ruleset_release_hash ON ruleset_release(ruleset, hash);
CREATE TABLE ruleset_release_file (
  release INTEGER NOT NULL REFERENCES ruleset_release(id), path TEXT NOT NULL,
  blob TEXT NOT NULL REFERENCES ruleset_blob(sha256), PRIMARY KEY (release, path)) WITHOUT ROWID;
-- Every change is a proposal: a version to make active (a new one, or an earlier one for a
-- rollback) on a base (the version in force when it was made); approved by a second person.
CREATE TABLE ruleset_proposal (
  id INTEGER PRIMARY KEY, ruleset TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('init', 'install', 'parameters', 'rollback', 'migrated')),
  release INTEGER NOT NULL REFERENCES ruleset_release(id), base INTEGER REFERENCES ruleset_release(id),
  proposed_by TEXT NOT NULL, proposed_at TEXT NOT NULL, proposed_scope TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL, changes TEXT NOT NULL, protected_changes TEXT NOT NULL, dry_run TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'withdrawn')),
  decided_by TEXT, decided_at TEXT, decided_as TEXT, active_from TEXT, decision_note TEXT);
CREATE INDEX ruleset_proposal_status ON ruleset_proposal(ruleset, status);
-- Approvals in their order: the version in force on a date is that of the latest approval whose
-- active_from lies on or before it. Append-only: history is never rewritten.
CREATE TABLE ruleset_activation (
  id INTEGER PRIMARY KEY, ruleset TEXT NOT NULL, release INTEGER NOT NULL REFERENCES ruleset_release(id),
  proposal INTEGER NOT NULL UNIQUE REFERENCES ruleset_proposal(id), active_from TEXT NOT NULL);
CREATE INDEX ruleset_activation_name ON ruleset_activation(ruleset, active_from, id);
CREATE TRIGGER ruleset_activation_no_update BEFORE UPDATE ON ruleset_activation
  BEGIN SELECT RAISE(ABORT, 'rule-set approvals are append-only'); END;
CREATE TRIGGER ruleset_activation_no_delete BEFORE DELETE ON ruleset_activation
  BEGIN SELECT RAISE(ABORT, 'rule-set approvals are append-only'); END;
CREATE TABLE ruleset_assignment (
  scope TEXT PRIMARY KEY, ruleset TEXT NOT NULL, assigned_by TEXT NOT NULL, assigned_at TEXT NOT NULL) WITHOUT ROWID;
)sql",
      // 11: the registry's change counter (docs/architecture.md, "Registry snapshot"). Every
      // write to what a query reads (an import, a capacity update, a reservation) raises it in
      // the writing transaction, so a server holding the registry in memory knows from one row
      // whether its copy is current, whichever process or connection wrote.
      R"sql(
CREATE TABLE registry_change (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
INSERT INTO registry_change VALUES (1, 0);
CREATE TRIGGER import_batch_changed_i AFTER INSERT ON import_batch BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER import_batch_changed_u AFTER UPDATE ON import_batch BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER import_batch_changed_d AFTER DELETE ON import_batch BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER provider_changed_i AFTER INSERT ON provider BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER provider_changed_u AFTER UPDATE ON provider BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER provider_changed_d AFTER DELETE ON provider BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER contract_changed_i AFTER INSERT ON contract BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER contract_changed_u AFTER UPDATE ON contract BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER contract_changed_d AFTER DELETE ON contract BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER location_changed_i AFTER INSERT ON location BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER location_changed_u AFTER UPDATE ON location BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER location_changed_d AFTER DELETE ON location BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER offering_changed_i AFTER INSERT ON offering BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER offering_changed_u AFTER UPDATE ON offering BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER offering_changed_d AFTER DELETE ON offering BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER care_form_lot_changed_i AFTER INSERT ON care_form_lot BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER care_form_lot_changed_u AFTER UPDATE ON care_form_lot BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER care_form_lot_changed_d AFTER DELETE ON care_form_lot BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER reservation_changed_i AFTER INSERT ON reservation BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER reservation_changed_u AFTER UPDATE ON reservation BEGIN UPDATE registry_change SET counter = counter + 1; END;
CREATE TRIGGER reservation_changed_d AFTER DELETE ON reservation BEGIN UPDATE registry_change SET counter = counter + 1; END;
)sql",
  };
  return list;
}

bool table_exists(Database& db, const char* name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.step();
}
}  // namespace

int current_schema_version() { return static_cast<int>(migrations().size()); }

int schema_version(Database& db) {
  if (!table_exists(db, "schema_version")) return 0;
  auto st = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  st.step();
  return st.column_int(0);
}

void migrate(Database& db) { migrate(db, current_schema_version()); }

void migrate(Database& db, int target) {
  {
    Transaction tx(db);
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    tx.commit();
  }
  int have = schema_version(db);
  const auto& list = migrations();
  if (have > static_cast<int>(list.size()))
    throw Error(db.path() + ": database schema version " + std::to_string(have) +
                    " is newer than this program supports (" + std::to_string(list.size()) + ")",
                0);
  for (int v = have + 1; v <= std::min(target, static_cast<int>(list.size())); ++v) {
    Transaction tx(db);
    db.exec(list[v - 1]);
    auto st = db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))");
    st.bind(1, v);
    st.run();
    tx.commit();
  }
}

Database open_existing(const std::string& path, Database::Mode mode) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw InvalidInput(path, "", "no such database; create it with `passend init --db " + path + "`");
  if (!std::filesystem::is_regular_file(path, ec))
    throw InvalidInput(path, "", "not a passend database: a database is a file made by `passend init`");
  try {
    Database db(path, mode == Database::Mode::create ? Database::Mode::read_write : mode);
    int version = schema_version(db);
    if (version != current_schema_version())
      throw InvalidInput(path, "", "database schema version " + std::to_string(version) + ", this program needs " +
                                       std::to_string(current_schema_version()) + "; run `passend init --db " + path +
                                       "` to migrate");
    return db;
  } catch (const Error& e) {
    if ((e.code() & 0xff) == SQLITE_NOTADB)
      throw InvalidInput(path, "", "not a passend database (SQLite: file is not a database)");
    throw;
  }
}

}  // namespace passend::db
