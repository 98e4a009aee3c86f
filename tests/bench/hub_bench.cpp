// kiosk-hub performance: ingest throughput with batches of 100 responses (target >= 5,000/s on
// 2 cores, WAL + synchronous=FULL, on the build disk), and the hub's memory and latency under a
// simulated load of 100 kiosks. The hub runs as its own process (the real binary); clients are
// libcurl, like the kiosks. Prints a table.
//   hub_bench [--quick]
#include <curl/curl.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include "bench_util.h"
#include "core/answer.h"
#include "core/uuid.h"

#ifndef KIOSK_HUB_BINARY
#error "KIOSK_HUB_BINARY must point at the kiosk-hub program"
#endif
#ifndef KIOSK_TEST_DATA
#error "KIOSK_TEST_DATA must point at tests/data"
#endif

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Row {
  std::string measure, setting, value, target;
};
std::vector<Row> table;

void add(const std::string& measure, const std::string& setting, double value, const char* unit,
         const std::string& target) {
  char text[64];
  std::snprintf(text, sizeof text, "%.4g %s", value, unit);
  table.push_back({measure, setting, text, target});
}

size_t collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// One kiosk's HTTP connection (an easy handle keeps its connection alive between requests).
class Client {
 public:
  Client() : curl_(curl_easy_init()) {}
  ~Client() { curl_easy_cleanup(curl_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Returns the status (0 if no HTTP answer); `body` gets the reply.
  long request(const std::string& method, const std::string& url, const std::string& token,
               const std::string& payload, std::string& body, const std::string& extra_header = "") {
    body.clear();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    headers = curl_slist_append(headers, "Expect:");
    headers = curl_slist_append(headers, "Content-Type: application/json");
    if (!extra_header.empty()) headers = curl_slist_append(headers, extra_header.c_str());
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body);
    if (method == "POST") {
      curl_easy_setopt(curl_, CURLOPT_POST, 1L);
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, payload.data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
    } else {
      curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    }
    long status = 0;
    if (curl_easy_perform(curl_) == CURLE_OK) curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    return status;
  }

 private:
  CURL* curl_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A response to tests/data/consultations/every-type.json (version 3) that fits it.
kiosk::Response response_for(const std::string& kiosk_id, std::mt19937& random) {
  kiosk::Response r;
  r.id = kiosk::random_uuid();
  r.consultation_id = "every-type";
  r.consultation_version = 3;
  r.kiosk_id = kiosk_id;
  r.language = random() % 2 ? "en" : "pl";
  r.started_at_ms = 1'700'000'000'000 + static_cast<int64_t>(random() % 1'000'000);
  r.submitted_at_ms = r.started_at_ms + 90'000;
  r.answers["consent"].choices = {"agreed"};
  r.answers["single"].choices = {random() % 2 ? "a" : "b"};
  if (r.answers["single"].choices[0] == "b") r.answers["single"].text = "Something else entirely";
  r.answers["multi"].choices = {"a", "b"};
  r.answers["rating"].number = 1 + static_cast<int>(random() % 5);
  r.answers["scale"].number = 10;
  r.answers["text"].text = "More benches in the park and a later bus on Sundays, please.";
  r.answers["rank"].choices = {"x", "z"};
  r.answers["area"].choices = {"corby"};
  return r;
}

std::string batch(const std::string& kiosk_id, int size, std::mt19937& random) {
  json list = json::array();
  for (int i = 0; i < size; ++i) list.push_back(kiosk::response_to_json(response_for(kiosk_id, random)));
  return json{{"responses", list}}.dump();
}

double status_kb(pid_t pid, const char* key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(key, 0) == 0) return std::atof(line.c_str() + std::strlen(key));
  return -1;
}

struct Hub {
  pid_t pid = -1;
  std::string url;
  std::string admin;
};

Hub start_hub(const std::string& dir, std::vector<std::string> extra) {
  Hub hub;
  const std::string token_file = dir + "/admin.token";
  hub.admin = kiosk::random_uuid() + kiosk::random_uuid();  // any string of 32+ characters
  std::ofstream(token_file) << hub.admin;
  fs::permissions(token_file, fs::perms::owner_read | fs::perms::owner_write);
  int out[2];
  if (pipe(out) != 0) return hub;
  std::vector<std::string> argv = {KIOSK_HUB_BINARY, "--data", dir + "/data", "--listen", "127.0.0.1:0",
                                   "--admin-token-file", token_file};
  argv.insert(argv.end(), extra.begin(), extra.end());
  hub.pid = bench::spawn(argv, {}, out[1]);
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  const auto at = line.find("http://");
  if (at != std::string::npos) hub.url = line.substr(at);
  return hub;
}

std::string enrol(Client& client, const Hub& hub, const std::string& id) {
  std::string body;
  client.request("POST", hub.url + "/api/v1/admin/kiosks", hub.admin,
                 json{{"id", id}, {"consultation", "every-type"}}.dump(), body);
  const json reply = json::parse(body, nullptr, false);
  return reply.is_object() && reply.contains("token") ? reply["token"].get<std::string>() : "";
}

std::string scratch_dir() {
  std::string pattern = (fs::current_path() / "hub-bench-XXXXXX").string();  // build disk, not tmpfs
  return mkdtemp(pattern.data()) ? pattern : std::string();
}

// Batches of 100 from `clients` parallel connections: responses per second, end to end.
void measure_ingest(int clients, int batches_per_client) {
  const std::string dir = scratch_dir();
  Hub hub = start_hub(dir, {"--kiosk-rate", "1000000", "--kiosk-burst", "1000000"});
  Client admin;
  std::string body;
  admin.request("POST", hub.url + "/api/v1/admin/consultations", hub.admin,
                read_file(std::string(KIOSK_TEST_DATA) + "/consultations/every-type.json"), body);
  std::vector<std::string> tokens;
  std::vector<std::vector<std::string>> batches(clients);
  std::mt19937 random(7);
  for (int c = 0; c < clients; ++c) {
    tokens.push_back(enrol(admin, hub, "bench-" + std::to_string(c)));
    for (int b = 0; b < batches_per_client; ++b) batches[c].push_back(batch("bench-" + std::to_string(c), 100, random));
  }
  std::atomic<long> accepted{0}, failures{0};
  std::vector<double> latencies;
  std::mutex latency_mutex;
  const double start = bench::now_ms();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Client client;
      std::string reply;
      for (const auto& payload : batches[c]) {
        const double t0 = bench::now_ms();
        const long status = client.request("POST", hub.url + "/api/v1/responses", tokens[c], payload, reply);
        const double t1 = bench::now_ms();
        if (status != 200) {
          if (failures++ == 0) std::fprintf(stderr, "hub_bench: upload failed: HTTP %ld %.300s\n", status, reply.c_str());
          continue;
        }
        const json parsed = json::parse(reply, nullptr, false);
        if (parsed.is_object()) accepted += parsed.value("accepted", 0);
        std::lock_guard lock(latency_mutex);
        latencies.push_back(t1 - t0);
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = (bench::now_ms() - start) / 1000.0;
  const std::string setting = std::to_string(clients) + (clients == 1 ? " connection" : " connections") +
                              ", " + std::to_string(clients * batches_per_client * 100) + " responses";
  add("ingest throughput (batches of 100)", setting, accepted / seconds, "responses/s", ">= 5000/s");
  add("  batch latency p50 / p95", setting, bench::percentile(latencies, 50), "ms", "");
  table.back().value += " / " + std::to_string(static_cast<int>(bench::percentile(latencies, 95))) + " ms";
  if (failures) add("  failed batches", setting, failures, "", "0");
  add("  hub peak RSS", setting, status_kb(hub.pid, "VmHWM:") / 1024.0, "MB", "");
  bench::stop(hub.pid);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// 100 kiosks, each its own thread and connection: heartbeat, fetch the consultation with
// If-None-Match, upload a small batch, pause 0.2-1 s; for `seconds`.
void measure_kiosk_load(int kiosks, double seconds) {
  const std::string dir = scratch_dir();
  Hub hub = start_hub(dir, {});  // default rate limits: this is normal traffic
  Client admin;
  std::string body;
  admin.request("POST", hub.url + "/api/v1/admin/consultations", hub.admin,
                read_file(std::string(KIOSK_TEST_DATA) + "/consultations/every-type.json"), body);
  std::vector<std::string> tokens;
  for (int k = 0; k < kiosks; ++k) tokens.push_back(enrol(admin, hub, "kiosk-" + std::to_string(k)));
  const double rss_idle = status_kb(hub.pid, "VmRSS:") / 1024.0;

  std::atomic<bool> stop{false};
  std::atomic<long> requests{0}, errors{0}, uploaded{0};
  std::vector<double> latencies;
  std::mutex latency_mutex;
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) {
    threads.emplace_back([&, k] {
      Client client;
      std::mt19937 random(static_cast<unsigned>(k));
      const std::string id = "kiosk-" + std::to_string(k);
      std::string reply, etag_header;
      std::vector<double> mine;
      while (!stop) {
        const auto timed = [&](const std::string& method, const std::string& path, const std::string& payload,
                               const std::string& header) {
          const double t0 = bench::now_ms();
          const long status = client.request(method, hub.url + path, tokens[k], payload, reply, header);
          mine.push_back(bench::now_ms() - t0);
          ++requests;
          if (status != 200 && status != 304) ++errors;
          return status;
        };
        // The heartbeat reply names the current ETag, as a real kiosk would learn it.
        if (timed("POST", "/api/v1/heartbeat", R"({"app_version":"0.1.0","waiting":3,"free_disk_bytes":1000000000})",
                  "") == 200 && etag_header.empty()) {
          const json parsed = json::parse(reply, nullptr, false);
          if (parsed.is_object() && parsed["consultation"].is_object())
            etag_header = "If-None-Match: " + parsed["consultation"]["etag"].get<std::string>();
        }
        timed("GET", "/api/v1/consultation", "", etag_header);
        if (timed("POST", "/api/v1/responses", batch(id, 10, random), "") == 200) uploaded += 10;
        std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 800));
      }
      std::lock_guard lock(latency_mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  double peak = 0;
  const double start = bench::now_ms();
  while (bench::now_ms() - start < seconds * 1000) {
    peak = std::max(peak, status_kb(hub.pid, "VmRSS:") / 1024.0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = (bench::now_ms() - start) / 1000.0;
  const std::string setting = std::to_string(kiosks) + " kiosks, " + std::to_string(static_cast<int>(seconds)) + " s";
  add("hub RSS idle (after enrolment)", setting, rss_idle, "MB", "");
  add("hub RSS peak under load", setting, peak, "MB", "< 100 MB");
  add("requests served", setting, requests / elapsed, "req/s", "");
  add("responses stored", setting, uploaded / elapsed, "responses/s", "");
  add("request latency p50", setting, bench::percentile(latencies, 50), "ms", "");
  add("request latency p99", setting, bench::percentile(latencies, 99), "ms", "< 1000 ms");
  add("failed requests", setting, static_cast<double>(errors), "", "0");
  bench::stop(hub.pid);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  signal(SIGPIPE, SIG_IGN);
  std::printf("kiosk-hub benchmark (%u cores)%s\n", std::thread::hardware_concurrency(), quick ? " --quick" : "");
  measure_ingest(1, quick ? 50 : 200);
  measure_ingest(4, quick ? 15 : 60);
  measure_kiosk_load(100, quick ? 5 : 20);

  std::printf("\n%-36s %-34s %-24s %s\n", "measure", "setting", "value", "target");
  for (const auto& row : table)
    std::printf("%-36s %-34s %-24s %s\n", row.measure.c_str(), row.setting.c_str(), row.value.c_str(),
                row.target.c_str());
  curl_global_cleanup();
  return 0;
}
