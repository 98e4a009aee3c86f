#include "hub_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <iterator>
#include <utility>

namespace kiosk::hub {
namespace {

// Schema migrations in order: entry i takes user_version from i to i + 1.
// Append new versions; never edit one that has shipped.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE settings(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE consultations(
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL,
  etag TEXT NOT NULL,
  published_at_ms INTEGER NOT NULL,
  PRIMARY KEY(id, version));
CREATE TABLE kiosks(
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  consultation_id TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  enrolled_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER,
  last_seen_ms INTEGER,
  heartbeat_json TEXT,
  heartbeat_at_ms INTEGER);
CREATE TABLE responses(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kiosk_id TEXT NOT NULL,
  consultation_id TEXT NOT NULL,
  consultation_version INTEGER NOT NULL,
  content_hash BLOB NOT NULL,
  response_json TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL);
CREATE INDEX responses_by_consultation ON responses(consultation_id, seq);
CREATE INDEX responses_by_kiosk ON responses(kiosk_id);
CREATE TABLE conflicts(
  seq INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL,
  kiosk_id TEXT NOT NULL,
  response_json TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL);
)sql",
};
static_assert(std::size(kMigrations) == HubStore::kSchemaVersion);

constexpr int kBusyTimeoutMs = 5000;

// A prepared statement, finalized on scope exit. Errors stick: once prepare or a bind has
// failed, step() returns that error instead of running.
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
  Statement& bind_blob(int index, const std::string& bytes) {
    if (rc_ == SQLITE_OK)
      rc_ = sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                              SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, int64_t value) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  int step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
  int run() {
    const int rc = step();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bool is_null(int column) { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t integer(int column) { return sqlite3_column_int64(stmt_, column); }
  std::optional<int64_t> maybe_integer(int column) {
    return is_null(column) ? std::nullopt : std::optional<int64_t>(integer(column));
  }
  std::string text(int column) {
    const auto* chars = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return chars ? std::string(chars, sqlite3_column_bytes(stmt_, column)) : std::string();
  }
  std::string blob(int column) {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return bytes ? std::string(bytes, sqlite3_column_bytes(stmt_, column)) : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

StoreError error_of(sqlite3* db, int rc, const std::string& what) {
  if (rc == SQLITE_OK) return {};
  return {rc, what + ": " + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(db) + ")"};
}

// Runs `body` (returning SQLITE_OK or an error code) between BEGIN IMMEDIATE and COMMIT; any
// failure rolls back, so a batch is stored whole or not at all.
template <typename Body>
StoreError in_transaction(sqlite3* db, const std::string& what, Body&& body) {
  int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) rc = body();
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return {};
  StoreError failed = error_of(db, rc, what);
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return failed;
}

int query_text(sqlite3* db, const char* sql, std::string& out) {
  Statement query(db, sql);
  const int rc = query.step();
  out = rc == SQLITE_ROW ? query.text(0) : std::string();
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int migrate(sqlite3* db, std::string& detail) {
  Statement read_version(db, "PRAGMA user_version");
  if (read_version.step() != SQLITE_ROW) {
    detail = sqlite3_errmsg(db);
    return SQLITE_ERROR;
  }
  const int64_t version = read_version.integer(0);
  if (version > HubStore::kSchemaVersion) {
    detail = "hub.db was written by a newer kiosk-hub (schema " + std::to_string(version) + ")";
    return SQLITE_ERROR;
  }
  for (int64_t next = version; next < HubStore::kSchemaVersion; ++next) {
    const StoreError step = in_transaction(db, "migrating hub.db", [&] {
      const std::string bump = "PRAGMA user_version = " + std::to_string(next + 1);
      int rc = sqlite3_exec(db, kMigrations[next], nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) rc = sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr);
      return rc;
    });
    if (step) {
      detail = step.message;
      return step.rc;
    }
  }
  return SQLITE_OK;
}

constexpr const char* kKioskColumns =
    "k.id, k.name, k.consultation_id, k.enrolled_at_ms, k.revoked_at_ms, k.last_seen_ms, "
    "k.heartbeat_json, k.heartbeat_at_ms";

KioskRecord read_kiosk(Statement& row) {
  KioskRecord k;
  k.id = row.text(0);
  k.name = row.text(1);
  k.consultation_id = row.text(2);
  k.enrolled_at_ms = row.integer(3);
  k.revoked_at_ms = row.maybe_integer(4);
  k.last_seen_ms = row.maybe_integer(5);
  k.heartbeat_json = row.text(6);
  k.heartbeat_at_ms = row.maybe_integer(7);
  return k;
}

PublishedConsultation read_consultation(Statement& row) {
  return {row.text(0), static_cast<int>(row.integer(1)), row.text(2), row.text(3), row.integer(4)};
}

}  // namespace

std::unique_ptr<HubStore> HubStore::open(const std::string& path, std::string& error) {
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  if (ec) {
    error = "cannot create " + folder.string() + ": " + ec.message();
    return nullptr;
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 1) rc = SQLITE_READONLY;
  std::string detail;
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // WAL + synchronous=FULL: COMMIT returns only after the WAL is fsynced, so a batch the
    // hub acknowledged survives a crash or power cut. Unlike the kiosk, the hub insists on WAL:
    // readers (exports) must not block ingest.
    std::string mode;
    rc = query_text(db, "PRAGMA journal_mode = WAL", mode);
    if (rc == SQLITE_OK && mode != "wal") {
      rc = SQLITE_ERROR;
      detail = "the file system refused WAL mode (journal_mode is " + mode + ")";
    }
  }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", nullptr, nullptr,
                      nullptr);
  if (rc == SQLITE_OK) {
    std::string verdict;
    rc = query_text(db, "PRAGMA quick_check", verdict);
    if (rc == SQLITE_OK && verdict != "ok") {
      rc = SQLITE_CORRUPT;
      detail = "quick_check: " + verdict;
    }
  }
  if (rc == SQLITE_OK) rc = migrate(db, detail);
  if (rc != SQLITE_OK) {
    error = "cannot open " + path + ": " + sqlite3_errstr(rc) +
            (detail.empty() ? (db ? std::string(" (") + sqlite3_errmsg(db) + ")" : "") : " (" + detail + ")");
    sqlite3_close_v2(db);
    return nullptr;
  }
  return std::unique_ptr<HubStore>(new HubStore(db));
}

HubStore::~HubStore() { sqlite3_close_v2(db_); }

// ---------- settings ----------

std::optional<std::string> HubStore::setting(const std::string& key) {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT value FROM settings WHERE key = ?");
  query.bind(1, key);
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return query.text(0);
}

StoreError HubStore::put_setting(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  Statement upsert(db_,
                   "INSERT INTO settings(key, value) VALUES(?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  return error_of(db_, upsert.bind(1, key).bind(2, value).run(), "saving setting " + key);
}

// ---------- consultations ----------

std::optional<PublishedConsultation> HubStore::latest_consultation(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT id, version, json, etag, published_at_ms FROM consultations "
                  "WHERE id = ? ORDER BY version DESC LIMIT 1");
  query.bind(1, id);
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return read_consultation(query);
}

std::optional<PublishedConsultation> HubStore::consultation(const std::string& id, int version) {
  std::lock_guard lock(mutex_);
  Statement query(db_,
                  "SELECT id, version, json, etag, published_at_ms FROM consultations "
                  "WHERE id = ? AND version = ?");
  query.bind(1, id).bind(2, int64_t{version});
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return read_consultation(query);
}

std::vector<PublishedConsultation> HubStore::list_consultations() {
  std::lock_guard lock(mutex_);
  std::vector<PublishedConsultation> out;
  Statement query(db_,
                  "SELECT id, version, '', etag, published_at_ms FROM consultations "
                  "ORDER BY id, version");
  while (query.step() == SQLITE_ROW) out.push_back(read_consultation(query));
  return out;
}

StoreError HubStore::publish_consultation(const PublishedConsultation& c) {
  std::lock_guard lock(mutex_);
  // The version check and the insert in one transaction: two staff publishing at once
  // cannot both win with the same version.
  return in_transaction(db_, "publishing " + c.id, [&] {
    Statement latest(db_, "SELECT max(version) FROM consultations WHERE id = ?");
    latest.bind(1, c.id);
    if (latest.step() == SQLITE_ROW && !latest.is_null(0) && latest.integer(0) >= c.version)
      return SQLITE_CONSTRAINT;
    Statement insert(db_,
                     "INSERT INTO consultations(id, version, json, etag, published_at_ms) "
                     "VALUES(?, ?, ?, ?, ?)");
    return insert.bind(1, c.id).bind(2, int64_t{c.version}).bind(3, c.json).bind(4, c.etag)
        .bind(5, c.published_at_ms).run();
  });
}

// ---------- kiosks ----------

StoreError HubStore::add_kiosk(const KioskRecord& k, const std::string& token_hash, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement insert(db_,
                   "INSERT INTO kiosks(id, name, consultation_id, token_hash, enrolled_at_ms) "
                   "VALUES(?, ?, ?, ?, ?)");
  insert.bind(1, k.id).bind(2, k.name).bind(3, k.consultation_id).bind_blob(4, token_hash);
  return error_of(db_, insert.bind(5, now_ms).run(), "enrolling kiosk " + k.id);
}

std::optional<KioskRecord> HubStore::kiosk_by_token_hash(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  const std::string sql =
      std::string("SELECT ") + kKioskColumns + " FROM kiosks k WHERE k.token_hash = ?";
  Statement query(db_, sql.c_str());
  query.bind_blob(1, token_hash);
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return read_kiosk(query);
}

std::optional<KioskRecord> HubStore::kiosk(const std::string& id) {
  std::lock_guard lock(mutex_);
  const std::string sql = std::string("SELECT ") + kKioskColumns + " FROM kiosks k WHERE k.id = ?";
  Statement query(db_, sql.c_str());
  query.bind(1, id);
  if (query.step() != SQLITE_ROW) return std::nullopt;
  return read_kiosk(query);
}

std::vector<KioskRecord> HubStore::list_kiosks() {
  std::lock_guard lock(mutex_);
  std::vector<KioskRecord> out;
  const std::string sql = std::string("SELECT ") + kKioskColumns +
                          ", (SELECT count(*) FROM responses r WHERE r.kiosk_id = k.id) "
                          "FROM kiosks k ORDER BY k.id";
  Statement query(db_, sql.c_str());
  while (query.step() == SQLITE_ROW) {
    out.push_back(read_kiosk(query));
    out.back().responses_received = query.integer(8);
  }
  return out;
}

bool HubStore::revoke_kiosk(const std::string& id, int64_t now_ms, StoreError& error) {
  std::lock_guard lock(mutex_);
  // Revoking twice keeps the first time.
  Statement update(db_, "UPDATE kiosks SET revoked_at_ms = coalesce(revoked_at_ms, ?) WHERE id = ?");
  error = error_of(db_, update.bind(1, now_ms).bind(2, id).run(), "revoking kiosk " + id);
  return error.ok() && sqlite3_changes(db_) == 1;
}

bool HubStore::reissue_token(const std::string& id, const std::string& token_hash, StoreError& error) {
  std::lock_guard lock(mutex_);
  Statement update(db_, "UPDATE kiosks SET token_hash = ?, revoked_at_ms = NULL WHERE id = ?");
  error = error_of(db_, update.bind_blob(1, token_hash).bind(2, id).run(), "new token for " + id);
  return error.ok() && sqlite3_changes(db_) == 1;
}

bool HubStore::assign_consultation(const std::string& id, const std::string& consultation_id,
                                   StoreError& error) {
  std::lock_guard lock(mutex_);
  Statement update(db_, "UPDATE kiosks SET consultation_id = ? WHERE id = ?");
  error = error_of(db_, update.bind(1, consultation_id).bind(2, id).run(), "assigning " + id);
  return error.ok() && sqlite3_changes(db_) == 1;
}

StoreError HubStore::record_heartbeat(const std::string& kiosk_id, const std::string& heartbeat_json,
                                      int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement update(db_,
                   "UPDATE kiosks SET heartbeat_json = ?, heartbeat_at_ms = ?, last_seen_ms = ? "
                   "WHERE id = ?");
  update.bind(1, heartbeat_json).bind(2, now_ms).bind(3, now_ms).bind(4, kiosk_id);
  return error_of(db_, update.run(), "saving heartbeat of " + kiosk_id);
}

StoreError HubStore::touch_kiosk(const std::string& kiosk_id, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement update(db_, "UPDATE kiosks SET last_seen_ms = ? WHERE id = ?");
  return error_of(db_, update.bind(1, now_ms).bind(2, kiosk_id).run(), "noting " + kiosk_id);
}

// ---------- responses ----------

StoreError HubStore::ingest(const std::vector<IngestItem>& items, const std::string& kiosk_id,
                            int64_t now_ms, std::vector<IngestOutcome>& outcomes) {
  std::lock_guard lock(mutex_);
  outcomes.clear();
  const StoreError result = in_transaction(db_, "storing responses", [&] {
    Statement find(db_, "SELECT content_hash FROM responses WHERE id = ?");
    Statement insert(db_,
                     "INSERT INTO responses(id, kiosk_id, consultation_id, consultation_version, "
                     "content_hash, response_json, received_at_ms) VALUES(?, ?, ?, ?, ?, ?, ?)");
    Statement conflict(db_,
                       "INSERT INTO conflicts(response_id, kiosk_id, response_json, received_at_ms) "
                       "VALUES(?, ?, ?, ?)");
    for (const IngestItem& item : items) {
      find.reset();
      find.bind(1, item.id);
      const int found = find.step();
      if (found == SQLITE_ROW) {
        if (find.blob(0) == item.content_hash) {
          outcomes.push_back(IngestOutcome::Duplicate);
          continue;
        }
        conflict.reset();
        conflict.bind(1, item.id).bind(2, item.kiosk_id).bind(3, item.canonical_json).bind(4, now_ms);
        if (const int rc = conflict.run(); rc != SQLITE_OK) return rc;
        outcomes.push_back(IngestOutcome::Conflict);
        continue;
      }
      if (found != SQLITE_DONE) return found;
      insert.reset();
      insert.bind(1, item.id).bind(2, item.kiosk_id).bind(3, item.consultation_id);
      insert.bind(4, int64_t{item.consultation_version}).bind_blob(5, item.content_hash);
      insert.bind(6, item.canonical_json).bind(7, now_ms);
      if (const int rc = insert.run(); rc != SQLITE_OK) return rc;
      outcomes.push_back(IngestOutcome::Accepted);
    }
    Statement seen(db_, "UPDATE kiosks SET last_seen_ms = ? WHERE id = ?");
    return seen.bind(1, now_ms).bind(2, kiosk_id).run();
  });
  if (result) outcomes.clear();
  return result;
}

ExportPage HubStore::export_responses(const std::string& consultation_id, int64_t after_seq,
                                      int limit) {
  std::lock_guard lock(mutex_);
  ExportPage page;
  page.last_seq = after_seq;
  Statement query(db_,
                  "SELECT seq, response_json FROM responses WHERE consultation_id = ? AND seq > ? "
                  "ORDER BY seq LIMIT ?");
  query.bind(1, consultation_id).bind(2, after_seq).bind(3, int64_t{limit} + 1);
  while (query.step() == SQLITE_ROW) {
    if (static_cast<int>(page.responses.size()) == limit) {
      page.more = true;
      break;
    }
    page.last_seq = query.integer(0);
    page.responses.push_back(query.text(1));
  }
  return page;
}

std::vector<ConflictRecord> HubStore::conflicts(int limit) {
  std::lock_guard lock(mutex_);
  std::vector<ConflictRecord> out;
  Statement query(db_,
                  "SELECT seq, response_id, kiosk_id, response_json, received_at_ms FROM conflicts "
                  "ORDER BY seq DESC LIMIT ?");
  query.bind(1, int64_t{limit});
  while (query.step() == SQLITE_ROW)
    out.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.integer(4)});
  return out;
}

int64_t HubStore::count_responses() {
  std::lock_guard lock(mutex_);
  Statement query(db_, "SELECT count(*) FROM responses");
  return query.step() == SQLITE_ROW ? query.integer(0) : 0;
}

std::string HubStore::integrity_check() {
  std::lock_guard lock(mutex_);
  std::string verdict;
  if (const int rc = query_text(db_, "PRAGMA integrity_check", verdict); rc != SQLITE_OK)
    return sqlite3_errstr(rc);
  return verdict;
}

}  // namespace kiosk::hub
