// The idle prompt ("Are you still there?") and the discard that follows: nothing of one
// resident is ever visible to the next.
#include <doctest/doctest.h>
#include <string>
#include "flow_fixtures.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {

// A session part-way through, with several answers and a non-default language.
void busy_session(FlowHarness& h) {
  h.start_session();
  h->set_language("pl");
  h.answer_opening("yes");
  h->set_answer("services", choice({"books", "events"}));
  h->set_answer("services_more", text("Zajęcia"));
  REQUIRE(h.next_until("services_more"));
}

}  // namespace

TEST_CASE("idle: no prompt before the timeout, prompt at the timeout") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  h.advance(59'999);
  CHECK_FALSE(f.still_there_prompt());
  CHECK(f.prompt_seconds_left() == 0);
  h.advance(1);
  CHECK(f.still_there_prompt());
  CHECK(f.prompt_seconds_left() == 15);
  CHECK(f.screen() == Screen::Question);  // shown over the current screen
  CHECK(h.current_id() == "services_more");
}

TEST_CASE("idle: no prompt on attract, however long") {
  FlowHarness h;
  h.advance(10 * 60 * 60 * 1000);
  CHECK_FALSE(h->still_there_prompt());
  CHECK(h->screen() == Screen::Attract);
}

TEST_CASE("idle: every screen of a session has the idle timer") {
  FlowHarness h;
  Flow& f = *h;
  SUBCASE("intro") { f.begin(); }
  SUBCASE("privacy") {
    f.begin();
    f.next();
  }
  SUBCASE("review") {
    h.start_session();
    h.answer_opening("no");
    f.set_answer("rating", number(3));
    REQUIRE(h.next_until("comments"));
    f.next();
    REQUIRE(f.screen() == Screen::Review);
  }
  const Screen screen = f.screen();
  h.advance(60'000);
  CHECK(f.still_there_prompt());
  h.advance(15'000);
  CHECK(f.screen() == Screen::Attract);
  CHECK(screen != Screen::Attract);
}

TEST_CASE("idle: any input before the timeout restarts it") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  h.advance(50'000);
  f.touch();
  h.advance(50'000);
  CHECK_FALSE(f.still_there_prompt());
  f.next();  // intents count as input too
  h.advance(59'000);
  CHECK_FALSE(f.still_there_prompt());
  f.set_answer("rating", number(4));
  h.advance(59'000);
  CHECK_FALSE(f.still_there_prompt());
  h.advance(1'000);
  CHECK(f.still_there_prompt());
}

TEST_CASE("idle: touch does not dismiss the prompt; still_here does and resets the timer") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  h.advance(60'000);
  REQUIRE(f.still_there_prompt());
  h.advance(2'000);
  f.touch();
  CHECK(f.still_there_prompt());
  CHECK(f.prompt_seconds_left() == 13);  // the countdown keeps going

  f.still_here();
  CHECK_FALSE(f.still_there_prompt());
  CHECK(f.prompt_seconds_left() == 0);
  CHECK(h.current_id() == "services_more");
  CHECK(f.answer_for("services") != nullptr);
  CHECK(f.language() == "pl");

  h.advance(59'999);  // a full idle period again
  CHECK_FALSE(f.still_there_prompt());
  h.advance(1);
  CHECK(f.still_there_prompt());
  CHECK(f.prompt_seconds_left() == 15);  // and a full countdown
}

TEST_CASE("idle: the countdown's seconds go down") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  h.advance(60'000);
  REQUIRE(f.still_there_prompt());
  int64_t previous = f.prompt_seconds_left();
  CHECK(previous == 15);
  for (int second = 1; second < 15; ++second) {
    h.advance(1'000);
    CAPTURE(second);
    const int64_t left = f.prompt_seconds_left();
    CHECK(left == 15 - second);
    CHECK(left < previous);
    previous = left;
    REQUIRE(f.still_there_prompt());
  }
  CHECK(previous == 1);
  h.advance(500);
  CHECK(f.prompt_seconds_left() == 1);  // rounds up: never shows 0 while still waiting
  h.advance(499);
  CHECK(f.prompt_seconds_left() == 1);
  CHECK(f.screen() == Screen::Question);
  h.advance(1);
  CHECK(f.screen() == Screen::Attract);
}

TEST_CASE("idle: discard at countdown end leaves nothing for the next resident") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  const uint64_t session = f.session_number();
  h.advance(60'000);
  h.advance(15'000);

  CHECK(f.screen() == Screen::Attract);
  CHECK_FALSE(f.still_there_prompt());
  CHECK(f.answers().empty());
  CHECK(f.session_number() != session);
  CHECK(f.language() == "en");
  CHECK(f.current_question() == nullptr);
  CHECK(h.sink.submit_calls == 0);  // nothing was submitted
  CHECK(f.ms_until_next_timer() == 6'000);  // attract: only the invitation rotates

  // The next resident: nothing visible on any screen, forwards or back.
  h.start_session();
  CHECK(h.current_id() == "welcome");
  for (const char* id : {"consent", "area", "use_library", "services", "services_more"})
    CHECK_MESSAGE(f.answer_for(id) == nullptr, id);
  CHECK(h.visible_ids().size() == 8);  // no branches opened by the last person
  f.next();
  CHECK(h.current_id() == "consent");
  CHECK_FALSE(f.can_go_next());  // must be answered afresh
  f.back();
  f.back();
  CHECK(f.screen() == Screen::Privacy);
  f.next();
  CHECK(f.answers().empty());
}

TEST_CASE("idle: a discarded review session never reaches the sink, and returning to review is forgotten") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("no");
  f.set_answer("rating", number(3));
  REQUIRE(h.next_until("comments"));
  f.next();
  REQUIRE(f.screen() == Screen::Review);
  f.change_answer_from_review("area");
  h.advance(60'000);
  h.advance(15'000);
  REQUIRE(f.screen() == Screen::Attract);
  CHECK(h.sink.submit_calls == 0);

  h.start_session();
  f.next();
  f.set_answer("consent", choice({"agreed"}));
  f.next();  // a stale "return to review" would jump to review here
  CHECK(h.current_id() == "area");
}

TEST_CASE("idle: still_here after the discard changes nothing") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  h.advance(60'000);
  h.advance(15'000);
  REQUIRE(f.screen() == Screen::Attract);
  f.still_here();
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.answers().empty());
}

TEST_CASE("idle: a late tick still gives the resident the whole countdown") {
  FlowHarness h;
  Flow& f = *h;
  busy_session(h);
  h.clock.advance_ms(200'000);  // the machine was busy; first tick long after the deadline
  f.tick();
  CHECK(f.still_there_prompt());
  CHECK(f.screen() == Screen::Question);
  CHECK(f.prompt_seconds_left() == 15);
}

TEST_CASE("idle: submitting while the prompt shows does not carry the prompt over") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("no");
  f.set_answer("rating", number(3));
  REQUIRE(h.next_until("comments"));
  f.next();
  REQUIRE(f.screen() == Screen::Review);
  h.advance(60'000);
  REQUIRE(f.still_there_prompt());
  f.submit();
  CHECK(f.screen() == Screen::ThankYou);
  CHECK_FALSE(f.still_there_prompt());
  h.advance(10'000);
  CHECK(f.screen() == Screen::Attract);
}

TEST_CASE("idle: custom timeouts from settings are honoured") {
  FlowSettings s = test_settings();
  s.idle_timeout_ms = 10'000;
  s.idle_countdown_ms = 5'000;
  s.default_language = "ur";
  FlowHarness h(sample_consultation(), s);
  Flow& f = *h;
  CHECK(f.language() == "ur");
  h.start_session();
  f.set_language("en");
  CHECK(f.ms_until_next_timer() == 10'000);
  h.advance(10'000);
  CHECK(f.still_there_prompt());
  CHECK(f.prompt_seconds_left() == 5);
  h.advance(5'000);
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.language() == "ur");
}
