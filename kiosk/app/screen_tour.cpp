#include "screen_tour.h"
#include <cstdio>
#include <filesystem>
#include <set>
#include "headless.h"
#include "screenshot.h"
#include "scripted_resident.h"

namespace kiosk {

namespace fs = std::filesystem;

namespace {

struct Tour {
  HeadlessKiosk& kiosk;
  ManualClock& clock;
  const ScreenSink& sink;
  std::string& error;
  int count = 0;
  std::set<std::string> question_types_seen;

  // Numbered in order, so the files sort as a resident meets the screens.
  bool shoot(const std::string& name) {
    char number[16];
    std::snprintf(number, sizeof number, "%02d-", ++count);
    return sink(number + name, kiosk.render(), error);
  }
  // One screenshot per kind of question is enough: "question-rating-q_area" -> "question-rating".
  bool shoot_screen(const std::string& name) {
    if (name.rfind("question-", 0) != 0) return shoot(name);
    const std::string kind = name.substr(0, name.find('-', 9));
    if (!question_types_seen.insert(kind).second) return true;
    return shoot(kind);
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
  bool start_session(const std::string& language) {
    if (!tap("start")) return false;
    if (kiosk.flow().screen() == Screen::Language && !tap("lang:" + language)) return false;
    return tap("next") && tap("next");
  }
};

std::string temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "kiosk-tour-XXXXXX").string();
  return mkdtemp(pattern.data()) ? pattern : std::string();
}

bool walk(HeadlessKiosk& kiosk, ManualClock& clock, const KioskConfig& config, const std::string& language,
          const ScreenSink& sink, std::string& error) {
  Tour tour{kiosk, clock, sink, error, 0, {}};
  // A whole session; variant 2 also chooses "Other" and types what it means.
  ScriptedResident resident(kiosk, 2, language);
  if (!resident.complete_session([&](const std::string& name) { return tour.shoot_screen(name); })) {
    if (error.empty()) error = resident.error();
    return false;
  }
  if (!tour.tap("finish")) return false;
  // Typing what "Other" means, on the on-screen keyboard.
  if (!tour.start_session(language)) return false;
  for (int i = 0; i < 30 && kiosk.flow().screen() == Screen::Question; ++i) {
    const Question* q = kiosk.flow().current_question();
    const Option* other = nullptr;
    for (const auto& option : q->options) other = option.is_other ? &option : other;
    if (other) {
      if (!tour.tap("option:" + q->id + ":" + other->id) || !resident.type("Near the river") ||
          !tour.shoot("question-other-keyboard"))
        return false;
      break;
    }
    if (!tour.tap("next")) return false;
  }
  // The idle prompt, part-way through.
  tour.wait_ms(config.flow.idle_timeout_ms + 3000);
  if (!tour.shoot("still-there")) return false;
  tour.wait_ms(config.flow.idle_countdown_ms);
  // Staff: first use asks for a new PIN, typed twice; then the staff screen; then a wrong PIN.
  tour.hold_staff_corner();
  if (!tour.shoot("staff-choose-pin") || !tour.enter_pin("2468") || !tour.enter_pin("2468") ||
      !tour.shoot("staff-home") || !tour.tap("next"))
    return false;
  tour.hold_staff_corner();
  return tour.enter_pin("1111") && tour.shoot("staff-pin-wrong") && tour.tap("back");
}

}  // namespace

bool run_screen_tour(const KioskConfig& base, const std::string& language, const ScreenSink& sink,
                     std::string& error) {
  const std::string scratch = temp_dir();
  if (scratch.empty()) {
    error = "cannot make a temporary directory";
    return false;
  }
  KioskConfig config = base;
  config.kiosk_id = "kiosk-screenshots";  // the same on every machine
  config.database_path = scratch + "/tour.db";
  ManualClock clock;
  bool ok = false;
  {
    HeadlessKiosk kiosk(config, clock);
    ok = kiosk.ok();
    if (!ok) error = kiosk.error();
    ok = ok && walk(kiosk, clock, config, language, sink, error);
  }
  // A kiosk whose storage is unusable says so instead of taking answers.
  if (ok) {
    KioskConfig broken = config;
    broken.database_path = config.database_path + "/not-a-directory/responses.db";
    HeadlessKiosk kiosk(broken, clock);
    ok = kiosk.ok() && sink("99-unavailable", kiosk.render(), error);
    if (!kiosk.ok()) error = kiosk.error();
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
  return ok;
}

ScreenSink png_writer(const std::string& dir) {
  return [dir](const std::string& name, SDL_Surface* surface, std::string& error) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    return write_png(surface, dir + "/" + name + ".png", error);
  };
}

}  // namespace kiosk
