// A headless kiosk on the bundled consultation, a temporary database and a hand-moved clock.
#pragma once
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include "app/headless.h"
#include "app/scripted_resident.h"
#include "core/config.h"
#include "support/sqlite_reader.h"
#include "support/temp_dir.h"

namespace kiosk::testing {

inline KioskConfig test_config(const TempDir& dir) {
  KioskConfig config = default_config();
  config.kiosk_id = "kiosk-test";
  config.data_dir = dir.path();
  config.database_path = dir.file("responses.db");
  return config;
}

// Touch targets on the screen now: each at least 64 px tall, none overlapping another, none
// off the screen.
inline void check_touch_targets(HeadlessKiosk& kiosk, float width = 1920, float height = 1080) {
  const auto& all = kiosk.app().widgets().all();
  auto overlaps = [](const ui::WidgetInfo& a, const ui::WidgetInfo& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
  };
  for (auto a = all.begin(); a != all.end(); ++a) {
    CAPTURE(a->first);
    CHECK(a->second.full_max.y - a->second.full_min.y >= 64.0f);
    if (a->second.max.y <= a->second.min.y) continue;  // scrolled out of view
    CHECK(a->second.min.x >= 0.0f);
    CHECK(a->second.min.y >= 0.0f);
    CHECK(a->second.max.x <= width);
    CHECK(a->second.max.y <= height);
    for (auto b = std::next(a); b != all.end(); ++b) {
      CAPTURE(b->first);
      CHECK_FALSE(overlaps(a->second, b->second));
    }
  }
}

struct KioskFixture {
  TempDir dir;
  ManualClock clock;
  KioskConfig config = test_config(dir);
  HeadlessKiosk kiosk{config, clock};

  KioskFixture() { REQUIRE_MESSAGE(kiosk.ok(), kiosk.error()); }
  void wait_ms(int64_t ms) {
    clock.advance_ms(ms);
    kiosk.settle();
  }
  // From attract to the first question.
  void start_session(const std::string& language = "en") {
    REQUIRE(kiosk.tap("start"));
    if (kiosk.flow().screen() == Screen::Language) REQUIRE(kiosk.tap("lang:" + language));
    REQUIRE(kiosk.tap("next"));
    REQUIRE(kiosk.tap("next"));
    REQUIRE(kiosk.flow().screen() == Screen::Question);
  }
  // Next, declining a required consent (the only required question in the bundle).
  void next_past_current() {
    const Question* q = kiosk.flow().current_question();
    if (q && q->required && q->type == QuestionType::Consent && !kiosk.flow().answer_for(q->id))
      REQUIRE(kiosk.tap("consent:" + q->id + ":declined"));
    REQUIRE(kiosk.tap("next"));
  }
  void walk_to_review() {
    for (int i = 0; i < 50 && kiosk.flow().screen() == Screen::Question; ++i) next_past_current();
    REQUIRE(kiosk.flow().screen() == Screen::Review);
  }
  // Next until a question of `type` is on screen (skipping the others).
  const Question* skip_to(QuestionType type) {
    for (int i = 0; i < 50 && kiosk.flow().screen() == Screen::Question; ++i) {
      const Question* q = kiosk.flow().current_question();
      if (q->type == type) return q;
      next_past_current();
    }
    return nullptr;
  }
};

}  // namespace kiosk::testing
