// The kiosk as a separate process, submitting responses through its real UI in a loop.
// Prints "committed <id>" only after submit has returned (the thank-you screen shows),
// so the crash test knows which answers the kiosk promised to keep.
#include <cstdio>
#include <cstdlib>
#include <string>
#include "app/headless.h"
#include "app/scripted_resident.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kiosk_soak DATABASE [SESSIONS]\n");
    return 64;
  }
  kiosk::KioskConfig config = kiosk::default_config();
  config.database_path = argv[1];
  config.kiosk_id = "kiosk-soak";
  const int sessions = argc > 2 ? std::atoi(argv[2]) : 1'000'000;
  kiosk::SystemClock clock;
  kiosk::HeadlessKiosk kiosk(config, clock, 1280, 720);
  if (!kiosk.ok()) {
    std::fprintf(stderr, "kiosk_soak: %s\n", kiosk.error().c_str());
    return 1;
  }
  std::printf("ready\n");
  std::fflush(stdout);
  for (int i = 0; i < sessions; ++i) {
    kiosk::ScriptedResident resident(kiosk, i);
    if (!resident.complete_session()) {
      std::fprintf(stderr, "kiosk_soak: session %d: %s\n", i, resident.error().c_str());
      return 1;
    }
    std::printf("committed %s\n", kiosk.flow().last_submitted_id().c_str());
    std::fflush(stdout);
    if (!kiosk.tap("finish")) return 1;
  }
  return 0;
}
