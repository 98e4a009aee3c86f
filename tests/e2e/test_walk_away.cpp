// A resident who walks away: the kiosk asks, counts down, then forgets everything.
#include "e2e_fixture.h"

using namespace kiosk;
using namespace kiosk::testing;

TEST_CASE("e2e: walking away mid-way stores nothing and the next session starts empty") {
  KioskFixture f;
  f.start_session();
  ScriptedResident resident(f.kiosk, 2);
  // Answer a few questions, including typed text.
  for (int i = 0; i < 8 && f.kiosk.flow().screen() == Screen::Question; ++i) {
    REQUIRE_MESSAGE(resident.answer_current(), resident.error());
    REQUIRE(f.kiosk.tap("next"));
  }
  REQUIRE(!f.kiosk.flow().answers().empty());

  f.wait_ms(f.config.flow.idle_timeout_ms - 1000);
  CHECK_FALSE(f.kiosk.has("still_here"));
  f.wait_ms(1000);
  CHECK(f.kiosk.has("still_here"));  // "Are you still there?" with its countdown
  CHECK(f.kiosk.flow().prompt_seconds_left() == 15);
  f.wait_ms(f.config.flow.idle_countdown_ms);
  CHECK(f.kiosk.flow().screen() == Screen::Attract);
  CHECK(f.kiosk.flow().answers().empty());

  SqliteReader db(f.config.database_path);
  CHECK(db.scalar("SELECT COUNT(*) FROM responses") == "0");

  // The next resident sees nothing of the last one, not even by going back and forth.
  f.start_session();
  for (int i = 0; i < 40 && f.kiosk.flow().screen() == Screen::Question; ++i) {
    const Question* q = f.kiosk.flow().current_question();
    CAPTURE(q->id);
    CHECK(f.kiosk.flow().answer_for(q->id) == nullptr);
    // No option on screen is drawn selected: check each visible option's answer state.
    if (q->type == QuestionType::FreeText) CHECK(f.kiosk.has("textbox:" + q->id));
    if (q->required && q->type == QuestionType::Consent) REQUIRE(f.kiosk.tap("consent:" + q->id + ":declined"));
    REQUIRE(f.kiosk.tap("next"));
  }
  REQUIRE(f.kiosk.flow().screen() == Screen::Review);
  while (f.kiosk.flow().screen() != Screen::Privacy) REQUIRE(f.kiosk.tap("back"));
  CHECK(f.kiosk.flow().answers().size() <= 1);  // only this resident's own consent answer
}

TEST_CASE("e2e: tapping \"I'm still here\" keeps the answers") {
  KioskFixture f;
  f.start_session();
  const Question* scale = f.skip_to(QuestionType::Scale);
  REQUIRE(scale);
  REQUIRE(f.kiosk.tap("scale:" + scale->id + ":4"));
  f.wait_ms(f.config.flow.idle_timeout_ms + 5000);
  REQUIRE(f.kiosk.has("still_here"));
  // While the prompt shows, the screen underneath takes no taps.
  f.kiosk.tap("scale:" + scale->id + ":9");
  CHECK(f.kiosk.flow().answer_for(scale->id)->number == 4);
  REQUIRE(f.kiosk.tap("still_here"));
  CHECK_FALSE(f.kiosk.flow().still_there_prompt());
  CHECK(f.kiosk.flow().answer_for(scale->id)->number == 4);
  f.wait_ms(f.config.flow.idle_countdown_ms + 1000);
  CHECK(f.kiosk.flow().screen() == Screen::Question);
}

TEST_CASE("e2e: the thank-you screen returns to attract by itself") {
  KioskFixture f;
  ScriptedResident resident(f.kiosk);
  REQUIRE_MESSAGE(resident.complete_session(), resident.error());
  f.wait_ms(f.config.flow.thank_you_ms);
  CHECK(f.kiosk.flow().screen() == Screen::Attract);
}

TEST_CASE("e2e: with keep_abandoned on, a walked-away session is stored marked abandoned, not waiting") {
  TempDir dir;
  ManualClock clock;
  KioskConfig config = test_config(dir);
  config.flow.keep_abandoned = true;
  HeadlessKiosk kiosk(config, clock);
  REQUIRE(kiosk.ok());
  REQUIRE(kiosk.tap("start"));
  if (kiosk.flow().screen() == Screen::Language) REQUIRE(kiosk.tap("lang:en"));
  REQUIRE(kiosk.tap("next"));
  REQUIRE(kiosk.tap("next"));
  ScriptedResident resident(kiosk);
  while (kiosk.flow().current_question()->type == QuestionType::Info) REQUIRE(kiosk.tap("next"));
  REQUIRE(resident.answer_current());
  clock.advance_ms(config.flow.idle_timeout_ms);
  kiosk.settle();
  clock.advance_ms(config.flow.idle_countdown_ms);
  kiosk.settle();
  CHECK(kiosk.flow().screen() == Screen::Attract);
  SqliteReader db(config.database_path);
  CHECK(db.scalar("SELECT COUNT(*) FROM responses WHERE status = 'abandoned'") == "1");
  CHECK(db.scalar("SELECT COUNT(*) FROM responses WHERE status = 'waiting'") == "0");
}
