#include "screen_tour.h"
#include <filesystem>
#include "headless.h"
#include "scripted_resident.h"

namespace kiosk {

namespace fs = std::filesystem;

namespace {

struct Tour {
  HeadlessKiosk& kiosk;
  ManualClock& clock;
  std::string dir;
  std::string& error;

  bool shoot(const std::string& name) {
    if (kiosk.save_png(dir + "/" + name + ".png")) return true;
    error = "screenshot " + name + ": " + kiosk.error();
    return false;
  }
  bool tap(const std::string& id) {
    if (kiosk.tap(id)) return true;
    error = "could not tap \"" + id + "\" on the " + to_string(kiosk.flow().screen()) + " screen";
    return false;
  }
  void wait_ms(int64_t ms) {
    clock.advance_ms(ms);
    kiosk.settle();
  }
  bool enter_pin(const std::string& pin) {
    for (char digit : pin)
      if (!tap(std::string("pin:") + digit)) return false;
    return tap("pin:ok");
  }
  void hold_staff_corner() {
    kiosk.press(ImVec2(20, 20));
    clock.advance_ms(KioskApp::kStaffHoldMs);
    kiosk.settle();
    kiosk.release(ImVec2(20, 20));
  }
};

std::string temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "kiosk-tour-XXXXXX").string();
  return mkdtemp(pattern.data()) ? pattern : std::string();
}

}  // namespace

bool run_screen_tour(const KioskConfig& base, const std::string& dir, std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string scratch = temp_dir();
  if (scratch.empty()) {
    error = "cannot make a temporary directory";
    return false;
  }
  KioskConfig config = base;
  config.database_path = scratch + "/tour.db";
  ManualClock clock;
  bool ok = false;
  {
    HeadlessKiosk kiosk(config, clock);
    if (!kiosk.ok()) {
      error = kiosk.error();
      fs::remove_all(scratch, ec);
      return false;
    }
    Tour tour{kiosk, clock, dir, error};
    ScriptedResident resident(kiosk, 2);  // variant 2 also chooses "Other" and types it
    ok = resident.complete_session(dir);
    if (!ok) error = resident.error();
    ok = ok && tour.tap("finish");
    // The idle prompt, mid-way through a session.
    ok = ok && tour.tap("start");
    if (ok && kiosk.flow().screen() == Screen::Language) ok = tour.tap("lang:en");
    ok = ok && tour.tap("next") && tour.tap("next");
    if (ok) {
      tour.wait_ms(config.flow.idle_timeout_ms + 3000);
      ok = tour.shoot("90-still-there");
      tour.wait_ms(config.flow.idle_countdown_ms);
    }
    // Staff: first use asks for a new PIN, typed twice; then the staff screen.
    if (ok) {
      tour.hold_staff_corner();
      ok = tour.shoot("91-staff-choose-pin") && tour.enter_pin("2468") && tour.enter_pin("2468") &&
           tour.shoot("92-staff-home") && tour.tap("next");
    }
    if (ok) {
      tour.hold_staff_corner();
      ok = tour.enter_pin("1111") && tour.shoot("93-staff-pin-wrong") && tour.tap("back");
    }
  }
  // A kiosk whose storage is unusable says so instead of taking answers.
  if (ok) {
    KioskConfig broken = config;
    broken.database_path = config.database_path + "/not-a-directory/responses.db";
    HeadlessKiosk kiosk(broken, clock);
    Tour tour{kiosk, clock, dir, error};
    ok = kiosk.ok() && tour.shoot("94-unavailable");
    if (!kiosk.ok()) error = kiosk.error();
  }
  fs::remove_all(scratch, ec);
  return ok;
}

}  // namespace kiosk
