// The hub's durable store: DIR/hub.db (SQLite, WAL, synchronous=FULL, migrations by user_version).
//
// What it holds: published consultation versions (immutable once published), enrolled kiosks
// (token hashes only), every accepted response exactly once (keyed by its UUID), and the
// conflicts it refused. Thread-safe: one connection behind a mutex, so concurrent requests
// queue for it (SQLite would serialise the writers anyway). Never throws; every failure is a
// StoreError whose message says what went wrong.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk::hub {

struct StoreError {
  int rc = 0;            // SQLite result code; 0 = no error
  std::string message;
  bool ok() const { return rc == 0; }
  explicit operator bool() const { return !ok(); }  // true when there IS an error
};

struct PublishedConsultation {
  std::string id;
  int version = 0;
  std::string json;        // the bytes exactly as published (what kiosks download)
  std::string etag;        // strong ETag, quotes included
  int64_t published_at_ms = 0;
};

struct KioskRecord {
  std::string id;
  std::string name;
  std::string consultation_id;       // the consultation this kiosk is assigned
  int64_t enrolled_at_ms = 0;
  std::optional<int64_t> revoked_at_ms;
  std::optional<int64_t> last_seen_ms;
  std::string heartbeat_json;        // last heartbeat as received (validated), "" if none
  std::optional<int64_t> heartbeat_at_ms;
  int64_t responses_received = 0;
};

// One response ready to store: validated, in canonical form.
struct IngestItem {
  std::string id;
  std::string kiosk_id;
  std::string consultation_id;
  int consultation_version = 0;
  std::string canonical_json;   // response_to_json(...).dump(): sorted keys, no spaces
  std::string content_hash;     // 32 raw bytes, BLAKE2b of canonical_json
};

enum class IngestOutcome { Accepted, Duplicate, Conflict };

struct ExportPage {
  std::vector<std::string> responses;  // canonical JSON of each response, in arrival order
  int64_t last_seq = 0;                // pass as `after` for the next page
  bool more = false;
};

struct ConflictRecord {
  int64_t seq = 0;
  std::string response_id;
  std::string kiosk_id;
  std::string response_json;      // what was refused
  int64_t received_at_ms = 0;
};

class HubStore {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens (creating and migrating as needed) the database at `path`; nullptr + `error` if not.
  static std::unique_ptr<HubStore> open(const std::string& path, std::string& error);
  ~HubStore();
  HubStore(const HubStore&) = delete;
  HubStore& operator=(const HubStore&) = delete;

  // --- settings (admin token hash) ---
  std::optional<std::string> setting(const std::string& key);
  StoreError put_setting(const std::string& key, const std::string& value);

  // --- consultations ---
  std::optional<PublishedConsultation> latest_consultation(const std::string& id);
  std::optional<PublishedConsultation> consultation(const std::string& id, int version);
  std::vector<PublishedConsultation> list_consultations();  // json left empty
  StoreError publish_consultation(const PublishedConsultation& consultation);

  // --- kiosks ---
  // Fails with SQLITE_CONSTRAINT when the id is taken.
  StoreError add_kiosk(const KioskRecord& kiosk, const std::string& token_hash, int64_t now_ms);
  // The kiosk holding this token hash (revoked or not).
  std::optional<KioskRecord> kiosk_by_token_hash(const std::string& token_hash);
  std::optional<KioskRecord> kiosk(const std::string& id);
  std::vector<KioskRecord> list_kiosks();
  // Returns false (no error) when there is no such kiosk.
  bool revoke_kiosk(const std::string& id, int64_t now_ms, StoreError& error);
  bool reissue_token(const std::string& id, const std::string& token_hash, StoreError& error);
  bool assign_consultation(const std::string& id, const std::string& consultation_id, StoreError& error);
  StoreError record_heartbeat(const std::string& kiosk_id, const std::string& heartbeat_json,
                              int64_t now_ms);
  StoreError touch_kiosk(const std::string& kiosk_id, int64_t now_ms);

  // --- responses ---
  // All items in ONE transaction: either every outcome is committed, or none is and the
  // error says why. A new id is stored (Accepted); an id already stored with the same content
  // hash is Duplicate; with another hash it is Conflict and logged in the conflicts table,
  // never overwriting. Items are processed in order, so a repeat inside one batch works too.
  StoreError ingest(const std::vector<IngestItem>& items, const std::string& kiosk_id,
                    int64_t now_ms, std::vector<IngestOutcome>& outcomes);
  ExportPage export_responses(const std::string& consultation_id, int64_t after_seq, int limit);
  std::vector<ConflictRecord> conflicts(int limit);
  int64_t count_responses();

  // "ok", or what PRAGMA integrity_check found.
  std::string integrity_check();

 private:
  explicit HubStore(sqlite3* db) : db_(db) {}
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace kiosk::hub
