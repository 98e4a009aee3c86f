// Kiosk upload (issue 4): how long the Uploader takes to drain 10,000 waiting responses to a real
// kiosk-hub over loopback (target <= 5 s), and the CPU its thread uses while there is nothing to
// send (target: none measurable over 10 s: it sleeps on a condition variable, no polling).
//   ./build/tests/bench/upload_bench
#include <cstdio>
#include <fstream>
#include <sstream>
#include "bench_util.h"
#include "core/response_store.h"
#include "core/sync/uploader.h"
#include "sync/sync_test_support.h"

namespace {

struct ThreadStat {
  double cpu_s = -1;
  long long voluntary_switches = -1;  // each sleep/wake of the thread
};

ThreadStat thread_stat(int tid) {
  ThreadStat out;
  const std::string dir = "/proc/self/task/" + std::to_string(tid);
  std::ifstream stat(dir + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const size_t close_paren = content.rfind(')');
  if (close_paren != std::string::npos) {
    std::istringstream rest(content.substr(close_paren + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
      if (i == 14) utime = std::stoll(field);
      if (i == 15) stime = std::stoll(field);
    }
    out.cpu_s = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  std::ifstream status(dir + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("voluntary_ctxt_switches:", 0) == 0) out.voluntary_switches = std::stoll(line.substr(24));
  return out;
}

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  constexpr int kResponses = 10'000;
  synctest::HubChild hub;
  hub.publish(hubtest::every_type_json());
  const std::string token = hub.enrol("kiosk-bench", "every-type");
  kiosk::testing::TempDir dir;
  const std::string db = dir.file("responses.db");
  kiosk::SystemClock clock;
  auto store = kiosk::ResponseStore::open(db, clock);
  for (int i = 0; i < kResponses; ++i) store->submit(hubtest::good_response("kiosk-bench"));

  kiosk::sync::UploaderConfig config;
  config.hub_url = hub.url();
  config.token = token;
  config.database_path = db;
  config.consultation_id = "every-type";
  config.consultation_version = 3;
  kiosk::sync::Uploader uploader(config, clock);
  const double started = bench::now_ms();
  uploader.start();
  while (store->count_waiting() > 0 && bench::now_ms() - started < 120'000)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double drain_ms = bench::now_ms() - started;
  const int64_t left = store->count_waiting();
  const size_t at_hub = hub.export_all("every-type").size();

  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the first heartbeat is done
  const int tid = uploader.status().thread_id;
  const ThreadStat before = thread_stat(tid);
  std::this_thread::sleep_for(std::chrono::seconds(10));
  const ThreadStat after = thread_stat(tid);
  uploader.stop();

  std::printf("kiosk upload benchmark (%u cores)\n\n", std::thread::hardware_concurrency());
  std::printf("%-44s %-22s %s\n", "measure", "value", "target");
  std::printf("%-44s %-22s %s\n", "drain 10,000 waiting responses (batches 100)",
              (std::to_string(static_cast<int>(drain_ms)) + " ms").c_str(), "<= 5000 ms");
  std::printf("%-44s %-22s %s\n", "  responses/s", std::to_string(static_cast<int>(kResponses / (drain_ms / 1000))).c_str(), "");
  std::printf("%-44s %-22s %s\n", "  left waiting / stored at hub",
              (std::to_string(left) + " / " + std::to_string(at_hub)).c_str(), "0 / 10000");
  char cpu[64];
  std::snprintf(cpu, sizeof cpu, "%.3f s", after.cpu_s - before.cpu_s);
  std::printf("%-44s %-22s %s\n", "upload thread CPU, idle 10 s", cpu, "0 (clock tick 10 ms)");
  std::printf("%-44s %-22s %s\n", "upload thread wake-ups, idle 10 s",
              std::to_string(after.voluntary_switches - before.voluntary_switches).c_str(), "0");
  curl_global_cleanup();
  return left == 0 && at_hub == static_cast<size_t>(kResponses) ? 0 : 1;
}
