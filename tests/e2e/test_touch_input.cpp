// Touch as a finger gives it: taps, drags that scroll long lists, no lingering hover,
// and targets big and far enough apart for a finger.
#include "e2e_fixture.h"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

// Walks forward (agreeing to the optional section) until a question with a long list shows.
const Question* find_long_list(KioskFixture& f) {
  for (int i = 0; i < 50 && f.kiosk.flow().screen() == Screen::Question; ++i) {
    const Question* q = f.kiosk.flow().current_question();
    if (q->options.size() > 12) return q;
    if (q->type == QuestionType::Consent) REQUIRE(f.kiosk.tap("consent:" + q->id + ":agreed"));
    REQUIRE(f.kiosk.tap("next"));
  }
  return nullptr;
}

}  // namespace

TEST_CASE("e2e: dragging a long list scrolls it, and a drag is not a tap") {
  KioskFixture f;
  f.start_session();
  const Question* q = find_long_list(f);
  REQUIRE(q);
  const std::string first = "option:" + q->id + ":" + q->options.front().id;
  const std::string last = "option:" + q->id + ":" + q->options.back().id;
  const ui::WidgetInfo before = *f.kiosk.app().widgets().find(last);
  ImVec2 region_min, region_max;
  REQUIRE(f.kiosk.app().widgets().region(before.scroll_region, region_min, region_max));
  CHECK(before.full_max.y > region_max.y);  // the last option starts out of view

  // Drag upwards starting on an option: the list moves and nothing gets selected.
  const ui::WidgetInfo start = *f.kiosk.app().widgets().find(first);
  const ImVec2 from((start.min.x + start.max.x) / 2, (start.min.y + start.max.y) / 2);
  f.kiosk.drag(from, ImVec2(from.x, from.y - 300));
  const ui::WidgetInfo after = *f.kiosk.app().widgets().find(last);
  CHECK(after.full_min.y < before.full_min.y - 100);
  CHECK(f.kiosk.flow().answer_for(q->id) == nullptr);

  // tap() scrolls as a person would until the last option is in view, then selects it.
  REQUIRE(f.kiosk.tap(last));
  REQUIRE(f.kiosk.flow().answer_for(q->id) != nullptr);
  CHECK(f.kiosk.flow().answer_for(q->id)->choices == std::vector<std::string>{q->options.back().id});
}

TEST_CASE("e2e: after a finger lifts, nothing stays hovered") {
  KioskFixture f;
  REQUIRE(f.kiosk.tap("start"));
  const ImVec2 pointer = f.kiosk.app().pointer_position();
  CHECK(pointer.x < -1e30f);
  CHECK(pointer.y < -1e30f);
}

TEST_CASE("e2e: every touch target is at least 64 px tall and no two overlap") {
  KioskFixture f;
  ScriptedResident resident(f.kiosk, 2);
  auto check_screen = [&] { check_touch_targets(f.kiosk); };
  check_screen();
  f.start_session();
  for (int i = 0; i < 40 && f.kiosk.flow().screen() == Screen::Question; ++i) {
    check_screen();
    REQUIRE_MESSAGE(resident.answer_current(), resident.error());
    check_screen();
    REQUIRE(f.kiosk.tap("next"));
  }
  check_screen();  // review
}
