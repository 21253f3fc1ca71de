#pragma once
// Small RAII wrappers over the SQLite C API: a connection with its cache of prepared statements,
// a prepared statement and a transaction that rolls back unless committed. Destructors never
// throw.
// Compare SRombauts/SQLiteCpp.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace passend::db {

class Error : public std::runtime_error {
 public:
  Error(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const noexcept { return code_; }

 private:
  int code_;
};

class Statement;

namespace detail {
// One statement of a connection's cache (Database::cached).
struct CachedStatement {
  sqlite3_stmt* stmt = nullptr;
  bool in_use = false;    // handed out: a second use of the same SQL gets a fresh statement
  bool orphaned = false;  // the connection closed while it was in use: its Statement finalizes it
};
}  // namespace detail

class Database {
 public:
  enum class Mode { read_only, read_write, create };
  // Opens (or creates, mode 0600) the file; WAL, foreign keys on, busy timeout.
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& other) noexcept
      : db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
  }
  Database& operator=(Database&&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // A prepared statement from this connection's cache, keyed by the SQL text: prepared on first
  // use, and when the returned Statement goes it is reset (a half-read result set ends, its read
  // snapshot with it) and its bindings cleared, ready for the next use. A statement in use is
  // never handed out twice: a nested use of the same SQL gets a freshly prepared one. For SQL
  // whose text is fixed (the query path's writes and look-ups); built SQL takes prepare().
  // Cached statements are finalized before the connection closes.
  Statement cached(std::string_view sql);
  std::size_t cached_statements() const { return cache_.size(); }
  std::int64_t last_insert_rowid() const;
  int changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  void finalize_cache() noexcept;

  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, std::unique_ptr<detail::CachedStatement>, std::less<>> cache_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Binding is 1-based, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances; true while a row is available.
  bool step();
  // Runs a statement that returns no rows (and resets it for reuse).
  void run();
  void reset();

  std::int64_t column_int64(int index) const;
  int column_int(int index) const { return static_cast<int>(column_int64(index)); }
  double column_double(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  friend class Database;
  Statement(sqlite3* db, detail::CachedStatement& cached);  // borrows it until destroyed

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  detail::CachedStatement* cached_ = nullptr;  // borrowed from the connection's cache: reset, not finalized
};

// Rolls back unless commit() was called. BEGIN IMMEDIATE takes the write lock at once, so
// two writers serialise instead of failing halfway.
//
// Opened inside another transaction (a service's use case calling a provider function that has
// its own), it is a savepoint of that transaction: its part rolls back alone, and everything
// still commits or rolls back with the outer one. A writing (immediate) inner transaction needs
// the outer one to hold the write lock already, because upgrading a read transaction can fail
// halfway with SQLITE_BUSY; it throws std::logic_error otherwise.
class Transaction {
 public:
  enum class Kind { deferred, immediate };
  explicit Transaction(Database& db, Kind kind = Kind::immediate);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool nested_ = false;
  bool done_ = false;
};

}  // namespace passend::db
