#include "uploader.h"
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <vector>
#include <nlohmann/json.hpp>
#include "core/answer.h"
#include "core/consultation_loader.h"
#include "core/response_store.h"
#include "core/whitespace.h"
#include "curl_library.h"
#include "hub_consultation.h"

namespace kiosk::sync {

using nlohmann::json;

std::string describe(const UploadStatus& s) {
  switch (s.state) {
    case ConnectionState::NeverTried: return "not tried yet";
    case ConnectionState::Ok: return "working";
    case ConnectionState::Failing: return "failing: " + s.last_error;
  }
  return "";
}

namespace {

constexpr size_t kMaxReplyBytes = 16u << 20;

struct HttpReply {
  long status = 0;           // 0: no HTTP answer (error says why)
  std::string body;
  std::string error;
  std::string etag;
  int64_t retry_after_ms = -1;
  bool truncated = false;
};

size_t on_body(char* data, size_t size, size_t count, void* out) {
  auto* reply = static_cast<HttpReply*>(out);
  const size_t n = size * count;
  if (reply->body.size() + n > kMaxReplyBytes) {
    reply->truncated = true;
    return 0;  // abort: far larger than anything the hub sends
  }
  reply->body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* out) {
  auto* reply = static_cast<HttpReply*>(out);
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  std::string name = line.substr(0, colon);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string value = trim_whitespace(line.substr(colon + 1));
  if (name == "etag") reply->etag = value;
  if (name == "retry-after" && !value.empty() && value.size() < 9 &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    reply->retry_after_ms = std::stoll(value) * 1000;  // an HTTP-date is ignored: backoff applies
  return size * count;
}

int progress_abort(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(flag)->load() ? 1 : 0;
}

int64_t free_disk_bytes(const std::string& database_path) {
  std::string dir = std::filesystem::path(database_path).parent_path().string();
  if (dir.empty()) dir = ".";
  struct statvfs fs {};
  if (statvfs(dir.c_str(), &fs) != 0) return -1;
  return static_cast<int64_t>(fs.f_bavail) * static_cast<int64_t>(fs.f_frsize);
}

std::string short_body(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_string()) return j["error"].get<std::string>();
  return "";
}

}  // namespace

// Everything the upload thread owns; touched only by that thread.
struct Uploader::Impl {
  Uploader& self;
  const UploaderConfig& config;
  const CurlLibrary* api = nullptr;  // libcurl, opened by this thread
  std::string curl_error;            // why it could not be opened
  CURL* curl = nullptr;
  std::unique_ptr<ResponseStore> store;
  std::mt19937_64 random{std::random_device{}()};
  int batch_size;
  int failures_in_row = 0;
  int64_t next_upload_ms = 0;
  int64_t next_heartbeat_ms = 0;
  int64_t next_purge_ms = 0;
  std::map<std::string, int64_t> held;  // unknown_consultation rows: id -> retry not before
  std::string etag;                     // of the consultation last fetched
  std::string consultation_id;
  int consultation_version;
  std::string last_error;

  Impl(Uploader& u, const UploaderConfig& c)
      : self(u), config(c), batch_size(std::clamp(c.batch_size, 1, 1000)),
        etag(c.consultation_etag), consultation_id(c.consultation_id), consultation_version(c.consultation_version) {}
  ~Impl() {
    if (curl) api->easy_cleanup(curl);
  }

  int64_t now() const { return self.clock_.steady_ms(); }

  bool setup_curl() {
    api = curl_library(curl_error);
    if (!api) return false;
    curl = api->easy_init();
    if (!curl) {
      curl_error = "libcurl could not make a connection handle";
      return false;
    }
    api->easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api->easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.connect_timeout_ms));
    api->easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(config.total_timeout_ms));
    api->easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);  // always: never switched off
    api->easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!config.ca_file.empty()) api->easy_setopt(curl, CURLOPT_CAINFO, config.ca_file.c_str());
    if (!config.proxy.empty()) api->easy_setopt(curl, CURLOPT_PROXY, config.proxy.c_str());
    api->easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api->easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a portal's redirect is a failure
    api->easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    api->easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    api->easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    api->easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress_abort);
    api->easy_setopt(curl, CURLOPT_XFERINFODATA, &self.abort_transfer_);
    api->easy_setopt(curl, CURLOPT_USERAGENT, ("community-kiosk/" + config.app_version).c_str());
    return true;
  }

  HttpReply request(const char* method, const std::string& path, const std::string& body,
                    const std::string& extra_header = "") {
    HttpReply reply;
    std::string base = config.hub_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string url = base + path;
    curl_slist* headers = nullptr;
    headers = api->slist_append(headers, ("Authorization: Bearer " + config.token).c_str());
    headers = api->slist_append(headers, "Accept: application/json");
    if (!extra_header.empty()) headers = api->slist_append(headers, extra_header.c_str());
    api->easy_setopt(curl, CURLOPT_URL, url.c_str());
    if (std::string(method) == "POST") {
      headers = api->slist_append(headers, "Content-Type: application/json");
      headers = api->slist_append(headers, "Expect:");
      api->easy_setopt(curl, CURLOPT_POST, 1L);
      api->easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      api->easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    } else {
      api->easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    api->easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    api->easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
    api->easy_setopt(curl, CURLOPT_HEADERDATA, &reply);
    const CURLcode rc = api->easy_perform(curl);
    api->easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    api->slist_free_all(headers);
    if (rc == CURLE_OK) {
      api->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    } else {
      reply.status = 0;
      reply.error = reply.truncated ? "the hub's reply was far too large" : api->easy_strerror(rc);
    }
    return reply;
  }

  // A failed request: back off (full jitter, capped), at least Retry-After.
  void failed(const std::string& why, int64_t retry_after_ms = -1, bool slow = false) {
    ++failures_in_row;
    last_error = why;
    const int shift = std::min(failures_in_row - 1, 30);
    int64_t ceiling = config.backoff_initial_ms;
    for (int i = 0; i < shift && ceiling < config.backoff_cap_ms; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, config.backoff_cap_ms);
    if (slow) ceiling = config.backoff_cap_ms;
    int64_t delay = std::uniform_int_distribution<int64_t>(0, std::max<int64_t>(ceiling, 1))(random);
    delay = std::max<int64_t>(delay, std::min<int64_t>(config.backoff_initial_ms, 250));  // never spin
    if (retry_after_ms >= 0) delay = std::max(delay, retry_after_ms);
    next_upload_ms = std::max(next_upload_ms, now() + delay);
    self.update_status([&](UploadStatus& s) {
      s.state = ConnectionState::Failing;
      s.last_error = why;
      ++s.failures;
    });
  }

  std::string http_failure(const HttpReply& r) {
    if (r.status == 0) return "cannot reach the hub: " + r.error;
    std::string why = "the hub answered HTTP " + std::to_string(r.status);
    if (r.status == 401) why = "the hub refused this kiosk's token (revoked or wrong): HTTP 401";
    if (r.status == 403) why = "the hub refused this kiosk's token for this request: HTTP 403";
    if (const std::string detail = short_body(r.body); !detail.empty()) why += " (" + detail + ")";
    return why;
  }

  enum class Round { Empty, More, Failed };

  Round upload_round() {
    const int64_t t = now();
    for (auto it = held.begin(); it != held.end();)
      it = it->second <= t ? held.erase(it) : std::next(it);
    std::vector<Response> rows = store->waiting(batch_size + static_cast<int>(held.size()));
    std::erase_if(rows, [&](const Response& r) { return held.count(r.id) > 0; });
    if (rows.size() > static_cast<size_t>(batch_size)) rows.resize(batch_size);
    if (rows.empty()) return Round::Empty;

    json list = json::array();
    for (const auto& r : rows) list.push_back(response_to_json(r));
    const std::string body = json{{"responses", std::move(list)}}.dump(-1, ' ', false, json::error_handler_t::replace);
    const HttpReply reply = request("POST", "/api/v1/responses", body);
    if (reply.status == 413 && batch_size > 1) {
      batch_size = std::max(1, batch_size / 2);
      return Round::More;  // at once, smaller
    }
    if (reply.status != 200) {
      const bool refused = reply.status == 401 || reply.status == 403;
      failed(http_failure(reply), reply.retry_after_ms, refused);
      return Round::Failed;
    }
    // Only a real acknowledgement counts: results[i].id == rows[i].id for every i.
    const json ack = json::parse(reply.body, nullptr, false);
    bool valid = ack.is_object() && ack.contains("results") && ack["results"].is_array() &&
                 ack["results"].size() == rows.size();
    for (size_t i = 0; valid && i < rows.size(); ++i) {
      const json& r = ack["results"][i];
      valid = r.is_object() && r.contains("id") && r["id"].is_string() && r["id"] == rows[i].id &&
              r.contains("status") && r["status"].is_string();
      if (valid) {
        const std::string status = r["status"];
        valid = status == "accepted" || status == "duplicate" || status == "rejected";
      }
    }
    if (!valid) {
      failed("the hub's reply was not an acknowledgement (a Wi-Fi login page, or a cut-off reply)");
      return Round::Failed;
    }
    std::vector<std::string> sent;
    int dead = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const json& r = ack["results"][i];
      const std::string status = r["status"];
      if (status != "rejected") {
        sent.push_back(rows[i].id);
        continue;
      }
      const std::string reason = r.value("reason", "rejected");
      if (reason == "unknown_consultation") {
        held[rows[i].id] = now() + config.unknown_consultation_retry_ms;
        continue;
      }
      std::string text = reason;
      if (r.contains("where") && r["where"].is_string()) text += " at " + r["where"].get<std::string>();
      if (r.contains("message") && r["message"].is_string()) text += ": " + r["message"].get<std::string>();
      store->dead_letter(rows[i].id, "The hub refused it: " + text);
      ++dead;
    }
    if (!sent.empty() && !store->mark_sent(sent)) {
      // The hub has them; the next attempt is answered "duplicate". Nothing is lost.
      failed("cannot record the upload in the local database");
      return Round::Failed;
    }
    failures_in_row = 0;
    last_error.clear();
    const int64_t wall = self.clock_.wall_ms();
    self.update_status([&](UploadStatus& s) {
      s.state = ConnectionState::Ok;
      s.last_error.clear();
      s.last_upload_wall_ms = wall;
      s.uploaded += static_cast<int64_t>(sent.size());
    });
    if (dead > 0) store->log_event("upload", std::to_string(dead) + " answer(s) refused by the hub (see dead letters)");
    return rows.size() >= static_cast<size_t>(batch_size) ? Round::More : Round::Empty;
  }

  void refresh_counts() {
    const int64_t waiting = store->count_waiting();
    const int64_t dead = store->count_dead_letters();
    UploadStatus current = self.status();
    if (current.waiting != waiting || current.dead_letters != dead)
      self.update_status([&](UploadStatus& s) {
        s.waiting = waiting;
        s.dead_letters = dead;
      });
  }

  void heartbeat() {
    json beat = {{"app_version", config.app_version.substr(0, 64)},
                 {"consultation_id", consultation_id.substr(0, 64)},
                 {"consultation_version", std::max(consultation_version, 0)},
                 {"waiting", std::max<int64_t>(store->count_waiting(), 0)},
                 {"dead_letters", std::max<int64_t>(store->count_dead_letters(), 0)},
                 {"last_error", last_error.substr(0, 2000)}};
    if (const int64_t free = free_disk_bytes(config.database_path); free >= 0) beat["free_disk_bytes"] = free;
    const HttpReply reply = request("POST", "/api/v1/heartbeat", beat.dump(-1, ' ', false, json::error_handler_t::replace));
    if (reply.status != 200) {
      const std::string why = http_failure(reply);
      // Only the status: uploads keep their own backoff, but Retry-After applies to both.
      if (reply.retry_after_ms >= 0) next_upload_ms = std::max(next_upload_ms, now() + reply.retry_after_ms);
      self.update_status([&](UploadStatus& s) {
        s.state = ConnectionState::Failing;
        s.last_error = why;
        ++s.failures;
      });
      return;
    }
    const json answer = json::parse(reply.body, nullptr, false);
    if (!answer.is_object() || answer.value("status", "") != "ok") return;  // not the hub: ignore
    if (failures_in_row == 0 && self.status().state != ConnectionState::Ok)
      self.update_status([](UploadStatus& s) {
        s.state = ConnectionState::Ok;
        s.last_error.clear();
      });
    const auto c = answer.find("consultation");
    if (c == answer.end() || !c->is_object() || !c->contains("etag") || !(*c)["etag"].is_string()) return;
    if ((*c)["etag"].get<std::string>() != etag) fetch_consultation();
  }

  void fetch_consultation() {
    const HttpReply reply =
        request("GET", "/api/v1/consultation", "", etag.empty() ? "" : "If-None-Match: " + etag);
    if (reply.status == 304 || reply.status == 404) return;
    if (reply.status != 200) return;  // the next heartbeat tries again
    LoadResult loaded = load_consultation(reply.body);
    etag = reply.etag;  // valid or not, fetched: not again until the hub has another
    if (!loaded.ok()) {
      std::string why = "the consultation from the hub cannot be used";
      if (!loaded.problems.empty()) why += ": " + loaded.problems.front().to_string();
      store->log_event("consultation", why);
      last_error = why;
      return;
    }
    Consultation& fresh = *loaded.consultation;
    if (!replaces(fresh, consultation_id, consultation_version)) return;
    consultation_id = fresh.id;
    consultation_version = fresh.version;
    store->log_event("consultation", "received " + fresh.id + " version " + std::to_string(fresh.version) +
                                          " from the hub");
    if (!save_hub_consultation(*store, reply.body, etag, config.hub_url))  // a restart without network still runs it
      store->log_event("consultation", "could not keep the hub's consultation for the next start");
    {
      std::lock_guard lock(self.mutex_);
      self.mailbox_ = std::move(fresh);
    }
    if (self.wake_) self.wake_();
  }

  void purge() {
    const int64_t keep_ms = static_cast<int64_t>(config.keep_sent_days) * 86'400'000;
    store->purge_sent_older_than(self.clock_.wall_ms() - keep_ms);
  }
};

Uploader::Uploader(UploaderConfig config, const Clock& clock, std::function<void()> wake)
    : config_(std::move(config)), clock_(clock), wake_(std::move(wake)) {}

Uploader::~Uploader() { stop(); }

void Uploader::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_requested_ = false;
  }
  abort_transfer_ = false;
  thread_ = std::thread([this] { run(); });
}

void Uploader::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
  }
  abort_transfer_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Uploader::notify() {
  {
    std::lock_guard lock(mutex_);
    submitted_ = true;
  }
  cv_.notify_all();
}

void Uploader::check_now() {
  {
    std::lock_guard lock(mutex_);
    heartbeat_requested_ = true;
  }
  cv_.notify_all();
}

UploadStatus Uploader::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::optional<Consultation> Uploader::take_consultation() {
  std::lock_guard lock(mutex_);
  std::optional<Consultation> out = std::move(mailbox_);
  mailbox_.reset();
  return out;
}

void Uploader::update_status(const std::function<void(UploadStatus&)>& change) {
  {
    std::lock_guard lock(mutex_);
    change(status_);
    ++status_.generation;
  }
  if (wake_) wake_();
}

void Uploader::run() {
  update_status([](UploadStatus& s) { s.thread_id = static_cast<int>(syscall(SYS_gettid)); });
  Impl impl(*this, config_);
  impl.store = ResponseStore::open(config_.database_path, clock_);
  std::string why;
  if (impl.store->health() == StoreHealth::Unavailable)
    why = "cannot open the local database: " + impl.store->health_message();
  else if (!impl.setup_curl())
    why = "cannot start the HTTP client: " + impl.curl_error;
  if (!why.empty()) {
    update_status([&](UploadStatus& s) {
      s.state = ConnectionState::Failing;
      s.last_error = why;
    });
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return stop_requested_; });
    return;
  }
  impl.purge();
  impl.next_purge_ms = impl.now() + config_.purge_interval_ms;
  impl.next_heartbeat_ms = impl.now();  // first heartbeat (and consultation check) after the first round
  bool pending = true;                  // there may be rows to send
  for (;;) {
    bool heartbeat_asked = false;
    {
      std::lock_guard lock(mutex_);
      if (stop_requested_) break;
      if (submitted_) pending = true;
      submitted_ = false;
      heartbeat_asked = heartbeat_requested_;
      heartbeat_requested_ = false;
    }
    if (pending && impl.now() >= impl.next_upload_ms) {
      Impl::Round round = Impl::Round::More;
      while (round == Impl::Round::More && !abort_transfer_) round = impl.upload_round();
      pending = round == Impl::Round::Failed;
      impl.refresh_counts();
    }
    if (abort_transfer_) break;
    if (heartbeat_asked || impl.now() >= impl.next_heartbeat_ms) {
      impl.heartbeat();
      impl.next_heartbeat_ms = impl.now() + config_.heartbeat_interval_ms;
    }
    if (impl.now() >= impl.next_purge_ms) {
      impl.purge();
      impl.next_purge_ms = impl.now() + config_.purge_interval_ms;
    }
    // Sleep, without polling, until the next thing to do or a notify().
    int64_t deadline = std::min(impl.next_heartbeat_ms, impl.next_purge_ms);
    if (pending) deadline = std::min(deadline, impl.next_upload_ms);
    for (const auto& [id, until] : impl.held) deadline = std::min(deadline, std::max(until, impl.next_upload_ms));
    const int64_t wait_ms = std::max<int64_t>(deadline - impl.now(), 0);
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::milliseconds(wait_ms),
                 [&] { return stop_requested_ || submitted_ || heartbeat_requested_; });
    if (!impl.held.empty()) {
      for (const auto& [id, until] : impl.held)
        if (until <= impl.now()) pending = true;
    }
  }
}

}  // namespace kiosk::sync
