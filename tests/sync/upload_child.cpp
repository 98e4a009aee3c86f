// A kiosk's upload thread alone, for the kill test: uploads the database to the hub until it is
// killed (SIGKILL at random moments by the test), or with --drain until nothing is waiting.
//   sync_upload_child DB HUB_URL TOKEN BATCH_SIZE [--drain]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include "core/response_store.h"
#include "core/sync/uploader.h"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: sync_upload_child DB HUB_URL TOKEN BATCH_SIZE [--drain]\n");
    return 64;
  }
  const bool drain = argc > 5 && std::string(argv[5]) == "--drain";
  kiosk::SystemClock clock;
  kiosk::sync::UploaderConfig config;
  config.database_path = argv[1];
  config.hub_url = argv[2];
  config.token = argv[3];
  config.batch_size = std::atoi(argv[4]);
  config.backoff_initial_ms = 100;
  config.backoff_cap_ms = 1000;
  kiosk::sync::Uploader uploader(config, clock);
  uploader.start();
  if (!drain) {
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(60));
  }
  auto store = kiosk::ResponseStore::open(config.database_path, clock);
  for (int i = 0; i < 1200; ++i) {
    if (store->count_waiting() == 0) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::fprintf(stderr, "sync_upload_child: still %lld waiting: %s\n", static_cast<long long>(store->count_waiting()),
               kiosk::sync::describe(uploader.status()).c_str());
  return 1;
}
