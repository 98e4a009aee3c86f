// Staff leave kiosk mode with a hidden gesture and a PIN.
#include "e2e_fixture.h"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

void hold_corner(KioskFixture& f, int64_t ms) {
  f.kiosk.press(ImVec2(30, 30));
  f.clock.advance_ms(ms);
  f.kiosk.settle();
  f.kiosk.release(ImVec2(30, 30));
}

void enter_pin(KioskFixture& f, const std::string& pin) {
  for (char digit : pin) REQUIRE(f.kiosk.tap(std::string("pin:") + digit));
  REQUIRE(f.kiosk.tap("pin:ok"));
}

}  // namespace

TEST_CASE("e2e: holding the corner for 3 s opens the PIN pad; a shorter hold does not") {
  KioskFixture f;
  hold_corner(f, 2000);
  CHECK(f.kiosk.flow().screen() != Screen::StaffPin);  // on attract, that was just a tap to start
  REQUIRE(f.kiosk.tap("back"));
  REQUIRE(f.kiosk.flow().screen() == Screen::Attract);
  hold_corner(f, 3000);
  CHECK(f.kiosk.flow().screen() == Screen::StaffPin);
}

TEST_CASE("e2e: staff choose a PIN on first use, then need it; five wrong tries lock the pad") {
  KioskFixture f;
  hold_corner(f, 3000);
  enter_pin(f, "4826");
  enter_pin(f, "4826");  // confirmation
  REQUIRE(f.kiosk.flow().screen() == Screen::StaffHome);
  REQUIRE(f.kiosk.tap("next"));  // Return to kiosk
  CHECK(f.kiosk.flow().screen() == Screen::Attract);

  // The PIN is stored only as an Argon2id hash.
  {
    SqliteReader db(f.config.database_path);
    const std::string stored = db.scalar("SELECT value FROM settings WHERE key = 'staff_pin_hash'");
    CHECK(stored.rfind("$argon2id$", 0) == 0);
    CHECK(stored.find("4826") == std::string::npos);
  }

  hold_corner(f, 3000);
  for (int i = 0; i < 5; ++i) enter_pin(f, "1111");
  enter_pin(f, "4826");  // right PIN, but locked
  CHECK(f.kiosk.flow().screen() == Screen::StaffPin);
  f.clock.advance_ms(StaffPin::kLockoutMs + 1000);
  hold_corner(f, 3000);
  if (f.kiosk.flow().screen() != Screen::StaffPin) hold_corner(f, 3000);
  enter_pin(f, "4826");
  CHECK(f.kiosk.flow().screen() == Screen::StaffHome);
  REQUIRE(f.kiosk.tap("back"));  // Exit kiosk
  CHECK(f.kiosk.app().exit_requested());
}

TEST_CASE("e2e: cancelling the PIN pad returns to the same question with answers intact") {
  KioskFixture f;
  f.start_session();
  const Question* scale = f.skip_to(QuestionType::Scale);
  REQUIRE(scale);
  REQUIRE(f.kiosk.tap("scale:" + scale->id + ":3"));
  hold_corner(f, 3000);
  REQUIRE(f.kiosk.flow().screen() == Screen::StaffPin);
  REQUIRE(f.kiosk.tap("back"));  // Cancel
  CHECK(f.kiosk.flow().screen() == Screen::Question);
  CHECK(f.kiosk.flow().current_question() == scale);
  CHECK(f.kiosk.flow().answer_for(scale->id)->number == 3);
}
