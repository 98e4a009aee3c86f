// Durable, local store of submitted responses (SQLite, WAL, synchronous=FULL).
//
// Durability rule: submit() returns ok only after the transaction holding the whole
// response has committed; once the thank-you screen shows, a power cut cannot lose it.
// The store never throws: problems show as health() and as events staff can read.
// One connection, not thread-safe: a second thread opens its own ResponseStore on the same
// path (WAL lets it read while this one writes; busy_timeout queues the writers).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "answer.h"
#include "clock.h"
#include "settings_store.h"

struct sqlite3;

namespace kiosk {

enum class StoreHealth {
  Ok,           // taking answers
  Recovered,    // the file was damaged: moved aside as <path>.damaged-<time>, a fresh one made
  Unavailable,  // cannot take answers (read-only, disk full, cannot open): kiosk says sorry
};

struct StoreEvent {
  int64_t at_ms = 0;     // wall clock
  std::string kind;      // "recovered", "write-failed", "opened", ...
  std::string message;   // plain words for the staff screen
};

struct SubmitResult {
  bool ok = false;
  std::string error;     // why not, when !ok
};

class ResponseStore final : public SettingsStore {
 public:
  // Opens (creating and migrating as needed) the database at `path`. Never throws:
  // a damaged file is moved aside and a fresh one created (health() == Recovered);
  // an unusable location gives health() == Unavailable.
  static std::unique_ptr<ResponseStore> open(const std::string& path, const Clock& clock);
  ~ResponseStore() override;
  ResponseStore(const ResponseStore&) = delete;
  ResponseStore& operator=(const ResponseStore&) = delete;

  StoreHealth health() const { return health_; }
  const std::string& health_message() const { return health_message_; }
  const std::string& path() const { return path_; }

  // One transaction; returns ok only once committed. Fails cleanly (no partial row) when
  // the disk is full or read-only; then health() becomes Unavailable.
  SubmitResult submit(const Response& response);
  // An unfinished session, kept only when the "keep abandoned" option is on.
  SubmitResult record_abandoned(const Response& response);

  // Counts are 0 when the store is unavailable.
  int64_t count_stored();    // all submitted responses held on this kiosk (not abandoned ones)
  int64_t count_waiting();   // submitted, not yet acknowledged by the hub
  std::optional<Response> find(const std::string& response_id);

  // Upload support (hub acknowledgements). Rows are deleted only after acknowledgement.
  // Oldest first. A row whose stored answers cannot be read is dead-lettered, not returned.
  std::vector<Response> waiting(int limit);
  bool mark_sent(const std::vector<std::string>& response_ids);
  bool dead_letter(const std::string& response_id, const std::string& reason);
  int64_t count_dead_letters();
  int64_t purge_sent_older_than(int64_t wall_ms);  // rows deleted

  void log_event(const std::string& kind, const std::string& message);
  std::vector<StoreEvent> recent_events(int limit);

  std::optional<std::string> get_setting(const std::string& key) override;
  bool put_setting(const std::string& key, const std::string& value) override;

  // Test hook: runs "PRAGMA <pragma>" (e.g. "synchronous", "max_page_count = 9") on this
  // store's connection; returns the first value, or "" on error.
  std::string pragma_for_test(const std::string& pragma);

  static constexpr int kSchemaVersion = 1;

 private:
  ResponseStore(std::string path, const Clock& clock);
  int open_and_migrate(std::string& detail);  // SQLite result code; detail says why not
  void recover_from_damage(const std::string& damage);
  void close();
  SubmitResult insert(const Response& response, const char* status);
  void note_write_failure(int rc, const std::string& what);
  void mark_unavailable(const std::string& why);

  std::string path_;
  const Clock& clock_;
  sqlite3* db_ = nullptr;
  StoreHealth health_ = StoreHealth::Ok;
  std::string health_message_;
};

}  // namespace kiosk
