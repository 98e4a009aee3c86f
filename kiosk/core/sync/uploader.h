// Uploads residents' responses to the collection hub (docs/hub-api.md) from a background thread.
//
// The thread owns its own ResponseStore connection on the app's database path (the store is
// one connection per thread) and one reused libcurl easy handle. Rules (shared/DESIGN.md,
// "Data, durability and upload"):
//   - a row is marked sent only on a valid acknowledgement: HTTP 200 whose body is a JSON
//     object with a "results" array matching the batch id by id (a captive portal's HTML 200,
//     a truncated body or wrong ids are failures); accepted/duplicate -> mark_sent,
//     rejected -> dead_letter, except unknown_consultation (kept, retried later);
//   - failures back off exponentially with full jitter up to a cap, Retry-After is honoured,
//     413 halves the batch; TLS verification is always on;
//   - no polling: the thread sleeps on a condition variable until the next deadline (retry,
//     heartbeat, purge) or until notify() says a resident has just submitted.
// A newer valid consultation from the hub is kept in the store (hub_consultation.h) and put in
// a mailbox the UI thread polls (take_consultation); `wake` is called (from the upload thread) whenever there is something
// for the UI: the app implements it with SDL_PushEvent.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include "core/clock.h"
#include "core/consultation.h"

namespace kiosk::sync {

struct UploaderConfig {
  std::string hub_url;          // base URL, e.g. https://hub.example.org (no trailing /api/...)
  std::string token;            // kiosk token (Authorization: Bearer)
  std::string ca_file;          // extra CA bundle (PEM); "" = system store
  std::string proxy;            // "" = libcurl's default (http_proxy / https_proxy / no_proxy)
  std::string database_path;    // the app's responses.db; the uploader opens its own connection
  std::string app_version = "0.1.0";
  std::string consultation_id;  // the consultation the kiosk runs now (for the heartbeat)
  int consultation_version = 0;
  std::string consultation_etag;  // the hub's ETag of that consultation, when it came from the hub
  int batch_size = 100;
  int keep_sent_days = 30;
  int64_t connect_timeout_ms = 10'000;
  int64_t total_timeout_ms = 30'000;
  int64_t backoff_initial_ms = 5'000;
  int64_t backoff_cap_ms = 300'000;
  int64_t heartbeat_interval_ms = 180'000;
  int64_t unknown_consultation_retry_ms = 600'000;  // rows naming an unpublished consultation
  int64_t purge_interval_ms = 3'600'000;
};

enum class ConnectionState { NeverTried, Ok, Failing };

// A snapshot for the staff screen.
struct UploadStatus {
  ConnectionState state = ConnectionState::NeverTried;
  std::string last_error;            // plain words, "" when the last attempt worked
  int64_t last_upload_wall_ms = 0;   // last acknowledged batch (0 = never)
  int64_t waiting = 0;               // as counted by the upload thread after its last round
  int64_t dead_letters = 0;
  int64_t uploaded = 0;              // acknowledged by this run (accepted + duplicate)
  int64_t failures = 0;              // failed requests in this run
  uint64_t generation = 0;           // changes whenever anything above changes
  int thread_id = 0;                 // Linux tid of the upload thread (for benchmarks)
};

// "never tried" / "ok" / "failing: <error>"
std::string describe(const UploadStatus& status);

class Uploader {
 public:
  Uploader(UploaderConfig config, const Clock& clock, std::function<void()> wake = {});
  ~Uploader();  // stops and joins the thread (interrupting a request in progress)
  Uploader(const Uploader&) = delete;
  Uploader& operator=(const Uploader&) = delete;

  void start();
  void stop();
  // A resident has just submitted: upload now (cancels any backoff wait only for the first
  // attempt after a success; while failing the backoff still applies).
  void notify();
  // Asks for a heartbeat (and consultation check) now.
  void check_now();

  UploadStatus status() const;
  // The mailbox: a newer, validated consultation for the UI thread (taken once).
  std::optional<Consultation> take_consultation();

 private:
  struct Impl;
  void run();
  void update_status(const std::function<void(UploadStatus&)>& change);

  UploaderConfig config_;
  const Clock& clock_;
  std::function<void()> wake_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_requested_ = false;
  bool submitted_ = false;
  bool heartbeat_requested_ = false;
  UploadStatus status_;
  std::optional<Consultation> mailbox_;
  std::atomic<bool> abort_transfer_{false};
  std::thread thread_;
};

}  // namespace kiosk::sync
