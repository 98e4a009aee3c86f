#include "response_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <iterator>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

namespace kiosk {
namespace {

namespace fs = std::filesystem;

// Schema migrations in order: entry i takes user_version from i to i + 1.
// Append new versions; never edit one that has shipped.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE responses(
  id TEXT PRIMARY KEY NOT NULL,
  consultation_id TEXT NOT NULL,
  consultation_version INTEGER NOT NULL,
  kiosk_id TEXT NOT NULL,
  language TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  submitted_at_ms INTEGER NOT NULL,
  answers_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('waiting', 'sent', 'abandoned')),
  sent_at_ms INTEGER);
CREATE INDEX responses_by_status ON responses(status);
CREATE TABLE dead_letters(
  id TEXT PRIMARY KEY NOT NULL,
  response_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  at_ms INTEGER NOT NULL);
CREATE TABLE events(at_ms INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE settings(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
)sql",
};
static_assert(std::size(kMigrations) == ResponseStore::kSchemaVersion);

constexpr int kBusyTimeoutMs = 5000;
constexpr int kEventsKept = 1000;  // the staff screen needs recent history, not all of it

constexpr const char* kResponseColumns =
    "id, consultation_id, consultation_version, kiosk_id, language, started_at_ms, "
    "submitted_at_ms, answers_json";

int primary_code(int rc) { return rc & 0xff; }

bool is_damage(int rc) {
  return primary_code(rc) == SQLITE_NOTADB || primary_code(rc) == SQLITE_CORRUPT;
}

// Errors that mean the storage itself cannot take writes, rather than one bad request.
bool is_storage_failure(int rc) {
  switch (primary_code(rc)) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return true;
    default:
      return false;
  }
}

std::string plain_reason(int rc) {
  switch (primary_code(rc)) {
    case SQLITE_FULL:
      return "The kiosk's storage is full, so answers cannot be saved.";
    case SQLITE_READONLY:
      return "The answers file is read-only, so answers cannot be saved.";
    case SQLITE_IOERR:
      return "The kiosk cannot write to its storage, so answers cannot be saved.";
    case SQLITE_CANTOPEN:
      return "The answers file cannot be opened, so answers cannot be saved.";
    default:
      return "The answers file cannot be used, so answers cannot be saved.";
  }
}

std::string explain(int rc, const std::string& detail) {
  return plain_reason(rc) + " (" + detail + ")";
}

// A prepared statement, finalized on scope exit. Errors stick: once prepare or a bind
// has failed, step() returns that error instead of running.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value) {
    if (rc_ == SQLITE_OK)
      rc_ = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                              SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, int64_t value) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  int step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
  // For statements that return no rows: SQLITE_OK or the error.
  int run() {
    const int rc = step();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
  }
  int64_t integer(int column) { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) {
    const auto* chars = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return chars ? std::string(chars, sqlite3_column_bytes(stmt_, column)) : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

struct DbResult {
  int rc = SQLITE_OK;
  std::string message;
  bool ok() const { return rc == SQLITE_OK; }
};

// Runs `body` (returning SQLITE_OK or an error code) between BEGIN IMMEDIATE and COMMIT.
// IMMEDIATE takes the write lock first, so a busy database fails before anything is
// written; any failure rolls back, so there is never a partial row.
template <typename Body>
DbResult in_transaction(sqlite3* db, Body&& body) {
  int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) rc = body();
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return {};
  DbResult failed{rc, sqlite3_errmsg(db)};
  // SQLite may already have rolled back by itself (e.g. after an I/O error).
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return failed;
}

// The first value of a one-row query, as text ("" when there is no row).
int query_text(sqlite3* db, const char* sql, std::string& out) {
  Statement query(db, sql);
  const int rc = query.step();
  out = rc == SQLITE_ROW ? query.text(0) : std::string();
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int64_t query_count(sqlite3* db, const char* sql) {
  Statement query(db, sql);
  return query.step() == SQLITE_ROW ? query.integer(0) : 0;
}

int configure(sqlite3* db) {
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // WAL + synchronous=FULL: COMMIT returns only after the WAL is fsynced, so a submit
  // that returned ok survives a power cut. WAL can be refused (e.g. a network share);
  // the rollback journal with FULL is just as durable, only slower, so that is not fatal.
  std::string journal_mode;
  int rc = query_text(db, "PRAGMA journal_mode = WAL", journal_mode);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", nullptr,
                      nullptr, nullptr);
  return rc;
}

// Damage found at open is handled by moving the file aside, rather than failing later
// in the middle of a resident's submit. quick_check reads every page but skips the slow
// index cross-checks of integrity_check.
int check_integrity(sqlite3* db, std::string& detail) {
  std::string verdict;
  const int rc = query_text(db, "PRAGMA quick_check", verdict);
  if (rc != SQLITE_OK || verdict == "ok") return rc;
  detail = verdict;
  return SQLITE_CORRUPT;
}

int migrate(sqlite3* db, std::string& detail) {
  Statement read_version(db, "PRAGMA user_version");
  int rc = read_version.step();
  if (rc != SQLITE_ROW) return rc;
  const int64_t version = read_version.integer(0);
  if (version > ResponseStore::kSchemaVersion) {
    // Writing with an older schema could break a newer kiosk's invariants.
    detail = "written by a newer kiosk version, schema " + std::to_string(version);
    return SQLITE_ERROR;
  }
  for (int64_t next = version; next < ResponseStore::kSchemaVersion; ++next) {
    const DbResult step = in_transaction(db, [&] {
      const std::string bump = "PRAGMA user_version = " + std::to_string(next + 1);
      int step_rc = sqlite3_exec(db, kMigrations[next], nullptr, nullptr, nullptr);
      if (step_rc == SQLITE_OK) step_rc = sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr);
      return step_rc;
    });
    if (!step.ok()) {
      detail = step.message;
      return step.rc;
    }
  }
  return SQLITE_OK;
}

// Moves `from` to `to` when it exists. A leftover -wal beside a fresh database would be
// replayed into it, so failing to move one is as bad as failing to move the file itself.
bool move_if_present(const std::string& from, const std::string& to, std::string& error) {
  std::error_code ec;
  if (!fs::exists(from, ec)) return !ec;
  fs::rename(from, to, ec);
  if (ec) error = from + ": " + ec.message();
  return !ec;
}

std::optional<Response> read_response(Statement& row) {
  Response r;
  r.id = row.text(0);
  r.consultation_id = row.text(1);
  r.consultation_version = static_cast<int>(row.integer(2));
  r.kiosk_id = row.text(3);
  r.language = row.text(4);
  r.started_at_ms = row.integer(5);
  r.submitted_at_ms = row.integer(6);
  auto answers = answers_from_json(nlohmann::json::parse(row.text(7), nullptr, false));
  if (!answers) return std::nullopt;
  r.answers = std::move(*answers);
  return r;
}

}  // namespace

ResponseStore::ResponseStore(std::string path, const Clock& clock)
    : path_(std::move(path)), clock_(clock) {}

ResponseStore::~ResponseStore() { close(); }

std::unique_ptr<ResponseStore> ResponseStore::open(const std::string& path, const Clock& clock) {
  std::unique_ptr<ResponseStore> store(new ResponseStore(path, clock));
  std::string detail;
  const int rc = store->open_and_migrate(detail);
  if (is_damage(rc))
    store->recover_from_damage(detail);
  else if (rc != SQLITE_OK)
    store->mark_unavailable(explain(rc, detail));
  return store;
}

int ResponseStore::open_and_migrate(std::string& detail) {
  std::error_code ec;
  const fs::path folder = fs::path(path_).parent_path();
  if (!folder.empty()) fs::create_directories(folder, ec);
  if (ec) {
    detail = "cannot create " + folder.string() + ": " + ec.message();
    return SQLITE_CANTOPEN;
  }
  int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  // SQLite quietly opens a write-protected file read-only; answers could then never be saved.
  if (rc == SQLITE_OK && sqlite3_db_readonly(db_, "main") == 1) rc = SQLITE_READONLY;
  if (rc == SQLITE_OK) rc = configure(db_);
  if (rc == SQLITE_OK) rc = check_integrity(db_, detail);
  if (rc == SQLITE_OK) rc = migrate(db_, detail);
  if (rc != SQLITE_OK) {
    detail = path_ + ": " + (detail.empty() ? sqlite3_errmsg(db_) : detail);
    close();
  }
  return rc;
}

// Keeps the damaged file (staff may salvage answers from it) and starts a fresh one, so
// the kiosk goes on taking answers. The event goes in the new file, where staff see it.
void ResponseStore::recover_from_damage(const std::string& damage) {
  close();
  const std::string aside = path_ + ".damaged-" + std::to_string(clock_.wall_ms());
  std::string error;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (!move_if_present(path_ + suffix, aside + suffix, error))
      return mark_unavailable(explain(SQLITE_CANTOPEN, "damaged file not moved aside: " + error));
  }
  if (const int rc = open_and_migrate(error); rc != SQLITE_OK)
    return mark_unavailable(explain(rc, error));
  health_ = StoreHealth::Recovered;
  health_message_ =
      "The answers file was damaged. It was moved to " + aside + " and a new one started.";
  log_event("recovered", health_message_ + " (" + damage + ")");
}

void ResponseStore::close() {
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

void ResponseStore::mark_unavailable(const std::string& why) {
  health_ = StoreHealth::Unavailable;
  health_message_ = why;
  log_event("unavailable", why);
}

// Storage failures make the whole store unavailable; anything else is one failed request,
// logged for staff.
void ResponseStore::note_write_failure(int rc, const std::string& what) {
  if (is_storage_failure(rc))
    mark_unavailable(explain(rc, what));
  else
    log_event("write-failed", what);
}

SubmitResult ResponseStore::submit(const Response& response) { return insert(response, "waiting"); }

SubmitResult ResponseStore::record_abandoned(const Response& response) {
  return insert(response, "abandoned");
}

SubmitResult ResponseStore::insert(const Response& r, const char* status) {
  if (!db_) return {false, health_message_};
  // Typed text should already be valid UTF-8; replacing stray bytes beats losing the answer.
  const std::string answers = answers_to_json(r.answers)
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const DbResult result = in_transaction(db_, [&] {
    Statement insert(db_,
                     "INSERT INTO responses(id, consultation_id, consultation_version, kiosk_id, "
                     "language, started_at_ms, submitted_at_ms, answers_json, status) "
                     "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, r.id).bind(2, r.consultation_id).bind(3, int64_t{r.consultation_version});
    insert.bind(4, r.kiosk_id).bind(5, r.language).bind(6, int64_t{r.started_at_ms});
    insert.bind(7, int64_t{r.submitted_at_ms}).bind(8, answers).bind(9, std::string(status));
    return insert.run();
  });
  if (result.ok()) return {true, {}};
  // A plain INSERT: a clashing id is refused, never overwritten.
  const std::string error = primary_code(result.rc) == SQLITE_CONSTRAINT
                                ? "A response with id " + r.id + " is already stored."
                                : result.message;
  note_write_failure(result.rc, "Saving response " + r.id + " failed: " + error);
  return {false, error};
}

int64_t ResponseStore::count_stored() {
  if (!db_) return 0;
  return query_count(db_, "SELECT count(*) FROM responses WHERE status IN ('waiting', 'sent')");
}

int64_t ResponseStore::count_waiting() {
  if (!db_) return 0;
  return query_count(db_, "SELECT count(*) FROM responses WHERE status = 'waiting'");
}

int64_t ResponseStore::count_dead_letters() {
  if (!db_) return 0;
  return query_count(db_, "SELECT count(*) FROM dead_letters");
}

std::optional<Response> ResponseStore::find(const std::string& response_id) {
  if (!db_) return std::nullopt;
  const std::string sql = std::string("SELECT ") + kResponseColumns + " FROM responses WHERE id = ?";
  Statement query(db_, sql.c_str());
  query.bind(1, response_id);
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return read_response(query);
}

std::vector<Response> ResponseStore::waiting(int limit) {
  std::vector<Response> rows;
  if (!db_) return rows;
  std::vector<std::string> unreadable;
  {
    // rowid is insertion order: unlike submitted_at_ms it does not jump with the wall clock.
    const std::string sql = std::string("SELECT ") + kResponseColumns +
                            " FROM responses WHERE status = 'waiting' ORDER BY rowid LIMIT ?";
    Statement query(db_, sql.c_str());
    query.bind(1, int64_t{limit});
    while (query.step() == SQLITE_ROW) {
      if (auto response = read_response(query))
        rows.push_back(std::move(*response));
      else
        unreadable.push_back(query.text(0));
    }
  }
  // Left in place, an unreadable row would block the upload queue forever.
  for (const std::string& id : unreadable) dead_letter(id, "The stored answers could not be read.");
  return rows;
}

bool ResponseStore::mark_sent(const std::vector<std::string>& response_ids) {
  if (!db_) return false;
  const int64_t now = clock_.wall_ms();
  const DbResult result = in_transaction(db_, [&] {
    for (const std::string& id : response_ids) {
      Statement update(db_,
                       "UPDATE responses SET status = 'sent', sent_at_ms = ? "
                       "WHERE id = ? AND status = 'waiting'");
      if (const int rc = update.bind(1, now).bind(2, id).run(); rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  });
  if (!result.ok()) note_write_failure(result.rc, "Marking responses sent failed: " + result.message);
  return result.ok();
}

bool ResponseStore::dead_letter(const std::string& response_id, const std::string& reason) {
  if (!db_) return false;
  const DbResult result = in_transaction(db_, [&] {
    // Built in SQL so that even a row whose answers no longer parse keeps its content.
    Statement copy(db_,
                   "INSERT INTO dead_letters(id, response_json, reason, at_ms) "
                   "SELECT id, json_object('id', id, 'consultation_id', consultation_id, "
                   "'consultation_version', consultation_version, 'kiosk_id', kiosk_id, "
                   "'language', language, 'started_at_ms', started_at_ms, "
                   "'submitted_at_ms', submitted_at_ms, 'answers', "
                   "CASE WHEN json_valid(answers_json) THEN json(answers_json) "
                   "ELSE answers_json END), ?, ? FROM responses WHERE id = ?");
    int rc = copy.bind(1, reason).bind(2, clock_.wall_ms()).bind(3, response_id).run();
    if (rc == SQLITE_OK && sqlite3_changes(db_) != 1) rc = SQLITE_NOTFOUND;
    if (rc != SQLITE_OK) return rc;
    Statement remove(db_, "DELETE FROM responses WHERE id = ?");
    return remove.bind(1, response_id).run();
  });
  if (!result.ok() && result.rc != SQLITE_NOTFOUND)
    note_write_failure(result.rc, "Dead-lettering response " + response_id + " failed: " + result.message);
  return result.ok();
}

int64_t ResponseStore::purge_sent_older_than(int64_t wall_ms) {
  if (!db_) return 0;
  Statement purge(db_, "DELETE FROM responses WHERE status = 'sent' AND sent_at_ms < ?");
  if (const int rc = purge.bind(1, wall_ms).run(); rc != SQLITE_OK) {
    note_write_failure(rc, std::string("Removing uploaded responses failed: ") + sqlite3_errmsg(db_));
    return 0;
  }
  return sqlite3_changes64(db_);
}

// Best effort: there is nowhere to report a failure to write the failure log.
void ResponseStore::log_event(const std::string& kind, const std::string& message) {
  if (!db_) return;
  Statement insert(db_, "INSERT INTO events(at_ms, kind, message) VALUES(?, ?, ?)");
  if (insert.bind(1, clock_.wall_ms()).bind(2, kind).bind(3, message).run() != SQLITE_OK) return;
  Statement prune(db_, "DELETE FROM events WHERE rowid <= (SELECT max(rowid) FROM events) - ?");
  prune.bind(1, int64_t{kEventsKept}).run();
}

std::vector<StoreEvent> ResponseStore::recent_events(int limit) {
  std::vector<StoreEvent> events;
  if (!db_) return events;
  Statement query(db_, "SELECT at_ms, kind, message FROM events ORDER BY rowid DESC LIMIT ?");
  query.bind(1, int64_t{limit});
  while (query.step() == SQLITE_ROW)
    events.push_back({query.integer(0), query.text(1), query.text(2)});
  return events;
}

std::optional<std::string> ResponseStore::get_setting(const std::string& key) {
  if (!db_) return std::nullopt;
  Statement query(db_, "SELECT value FROM settings WHERE key = ?");
  query.bind(1, key);
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return query.text(0);
}

// One statement in autocommit mode: its own durable transaction.
bool ResponseStore::put_setting(const std::string& key, const std::string& value) {
  if (!db_) return false;
  Statement upsert(db_,
                   "INSERT INTO settings(key, value) VALUES(?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const int rc = upsert.bind(1, key).bind(2, value).run();
  if (rc != SQLITE_OK)
    note_write_failure(rc, "Saving setting " + key + " failed: " + sqlite3_errmsg(db_));
  return rc == SQLITE_OK;
}

std::string ResponseStore::pragma_for_test(const std::string& pragma) {
  if (!db_) return {};
  std::string value;
  const std::string sql = "PRAGMA " + pragma;
  return query_text(db_, sql.c_str(), value) == SQLITE_OK ? value : std::string();
}

}  // namespace kiosk
