#include "providers/sqlite.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace passend::db {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw Error(message, rc);
}

// Creates the file with mode 0600 before SQLite opens it: case data is sensitive.
void create_private_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
}
}  // namespace

Database::Database(const std::string& path, Mode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::read_only) flags |= SQLITE_OPEN_READONLY;
  else flags |= SQLITE_OPEN_READWRITE;
  if (mode == Mode::create) {
    create_private_file(path);
    flags |= SQLITE_OPEN_CREATE;
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = path + ": cannot open database: " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(message, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  try {
    exec("PRAGMA foreign_keys = ON");
    if (mode != Mode::read_only) exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Database::~Database() {
  finalize_cache();
  if (db_) sqlite3_close_v2(db_);
}

void Database::finalize_cache() noexcept {
  for (auto& [sql, cached] : cache_) {
    if (cached->in_use) {
      cached->orphaned = true;  // the Statement that holds it finalizes it and frees the slot
      (void)cached.release();
    } else {
      sqlite3_finalize(cached->stmt);
    }
  }
  cache_.clear();
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string message = path_ + ": " + (err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    throw Error(message, rc);
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

Statement Database::cached(std::string_view sql) {
  // The query path's statements are a handful; the bound keeps a caller that builds its SQL from
  // growing the cache without end.
  constexpr std::size_t kMaxCached = 64;
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    if (cache_.size() >= kMaxCached) return prepare(sql);
    auto entry = std::make_unique<detail::CachedStatement>();
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &entry->stmt,
                                nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(entry->stmt);
      fail(db_, rc, "prepare '" + std::string(sql.substr(0, 60)) + "'");
    }
    it = cache_.emplace(std::string(sql), std::move(entry)).first;
  }
  if (it->second->in_use) return prepare(sql);  // nested use of the same SQL
  return Statement(db_, *it->second);
}
std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, "prepare '" + std::string(sql.substr(0, 60)) + "'");
}

Statement::Statement(sqlite3* db, detail::CachedStatement& cached) : db_(db), stmt_(cached.stmt), cached_(&cached) {
  cached.in_use = true;
}

Statement::~Statement() {
  if (!stmt_) return;
  if (!cached_) {
    sqlite3_finalize(stmt_);
  } else if (cached_->orphaned) {
    sqlite3_finalize(stmt_);
    delete cached_;
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cached_->in_use = false;
  }
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), cached_(other.cached_) {
  other.stmt_ = nullptr;
  other.cached_ = nullptr;
}

Statement& Statement::bind(int i, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}
Statement& Statement::bind(int i, double v) {
  if (int rc = sqlite3_bind_double(stmt_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  if (int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    fail(db_, rc, "bind");
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (int rc = sqlite3_bind_null(stmt_, i); rc != SQLITE_OK) fail(db_, rc, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int64(int i) const { return sqlite3_column_int64(stmt_, i); }
double Statement::column_double(int i) const { return sqlite3_column_double(stmt_, i); }
std::string Statement::column_text(int i) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
}
bool Statement::column_is_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

Transaction::Transaction(Database& db, Kind kind) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  if (!nested_) {
    db_.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
    return;
  }
  if (kind == Kind::immediate && sqlite3_txn_state(db_.handle(), "main") != SQLITE_TXN_WRITE)
    throw std::logic_error("a writing transaction inside a transaction that does not hold the write lock");
  db_.exec("SAVEPOINT passend_nested");
}

Transaction::~Transaction() {
  if (done_) return;
  // Never throws. A savepoint is rolled back and then released, which leaves the outer
  // transaction open as it was before the savepoint.
  const char* undo = nested_ ? "ROLLBACK TO passend_nested; RELEASE passend_nested" : "ROLLBACK";
  sqlite3_exec(db_.handle(), undo, nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE passend_nested" : "COMMIT");
  done_ = true;
}

}  // namespace passend::db
