// The resident's journey through Flow: screens, answers, validation, review, submit,
// unavailability, consultation swaps, languages and the staff door.
#include <doctest/doctest.h>
#include <string>
#include "flow_fixtures.h"
#include "core/uuid.h"

using namespace kiosk;
using namespace kiosk::test;

namespace {

// Walks the whole sample consultation, answering every question type; ends on Review.
void answer_everything(FlowHarness& h) {
  Flow& f = *h;
  REQUIRE(h.current_id() == "welcome");
  CHECK(f.can_go_next());  // info: nothing to answer
  f.next();
  REQUIRE(h.current_id() == "consent");
  f.set_answer("consent", choice({"agreed"}));
  f.next();
  REQUIRE(h.current_id() == "area");
  f.set_answer("area", choice({"elsewhere"}, "Near Wellingborough"));
  f.next();
  REQUIRE(h.current_id() == "use_library");
  f.set_answer("use_library", choice({"yes"}));
  f.next();
  REQUIRE(h.current_id() == "services");
  f.set_answer("services", choice({"books", "events"}));
  f.next();
  REQUIRE(h.current_id() == "services_more");
  f.set_answer("services_more", text("Więcej zajęć dla dzieci"));
  f.next();
  REQUIRE(h.current_id() == "rating");
  f.set_answer("rating", number(4));
  f.next();
  REQUIRE(h.current_id() == "scale");
  f.set_answer("scale", number(8));
  f.next();
  REQUIRE(h.current_id() == "priorities");
  f.set_answer("priorities", choice({"wifi", "hours", "stock"}));
  f.next();
  REQUIRE(h.current_id() == "comments");
  f.set_answer("comments", text("لائبریری بہت اچھی ہے 📚"));
  f.next();
  REQUIRE(f.screen() == Screen::Review);
}

Answers everything_expected() {
  return Answers{
      {"consent", choice({"agreed"})},
      {"area", choice({"elsewhere"}, "Near Wellingborough")},
      {"use_library", choice({"yes"})},
      {"services", choice({"books", "events"})},
      {"services_more", text("Więcej zajęć dla dzieci")},
      {"rating", number(4)},
      {"scale", number(8)},
      {"priorities", choice({"wifi", "hours", "stock"})},
      {"comments", text("لائبریری بہت اچھی ہے 📚")},
  };
}

}  // namespace

TEST_CASE("flow: starts on attract with nothing answered") {
  FlowHarness h;
  Flow& f = *h;
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.current_question() == nullptr);
  CHECK(f.answers().empty());
  CHECK(f.language() == "en");
  CHECK(f.progress_position() == 0);
  CHECK_FALSE(f.still_there_prompt());
  CHECK(f.last_error().empty());
  CHECK(std::string(to_string(Screen::Attract)) == "attract");
  CHECK(std::string(to_string(Screen::StaffHome)) == "staff_home");
}

TEST_CASE("flow: full journey submits one response with every question type") {
  FlowHarness h;
  Flow& f = *h;
  h.clock.advance_ms(5'000);
  f.begin();
  CHECK(f.screen() == Screen::Language);  // the consultation offers several: the first choice
  f.set_language("en");
  CHECK(f.screen() == Screen::Intro);
  const int64_t started_wall = h.clock.wall_ms();
  f.next();
  CHECK(f.screen() == Screen::Privacy);
  f.next();
  CHECK(f.screen() == Screen::Question);
  answer_everything(h);
  h.clock.advance_ms(2'500);
  const int64_t submitted_wall = h.clock.wall_ms();
  const uint64_t session = f.session_number();
  f.submit();
  CHECK(f.screen() == Screen::ThankYou);
  CHECK(f.last_error().empty());
  CHECK(f.answers().empty());  // nothing stays on screen

  REQUIRE(h.sink.submitted.size() == 1);
  const Response& r = h.sink.submitted[0];
  CHECK(looks_like_uuid(r.id));
  CHECK(r.id[14] == '4');  // version 4
  CHECK(std::string("89ab").find(r.id[19]) != std::string::npos);  // RFC 4122 variant
  CHECK(r.consultation_id == "library-futures");
  CHECK(r.consultation_version == 3);
  CHECK(r.kiosk_id == "kiosk-test-1");
  CHECK(r.language == "en");
  CHECK(r.started_at_ms == started_wall);
  CHECK(r.submitted_at_ms == submitted_wall);
  CHECK(r.started_at_ms <= r.submitted_at_ms);
  CHECK(r.answers == everything_expected());
  CHECK(r.answers.count("welcome") == 0);  // info screens have no answer

  f.finish();
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.session_number() != session);
}

TEST_CASE("flow: each submitted response gets its own id") {
  FlowHarness h;
  for (int i = 0; i < 3; ++i) {
    h.start_session();
    answer_everything(h);
    h->submit();
    REQUIRE(h->screen() == Screen::ThankYou);
    h->finish();
    REQUIRE(h->screen() == Screen::Attract);
  }
  REQUIRE(h.sink.submitted.size() == 3);
  CHECK(h.sink.submitted[0].id != h.sink.submitted[1].id);
  CHECK(h.sink.submitted[1].id != h.sink.submitted[2].id);
  CHECK(h.sink.submitted[0].id != h.sink.submitted[2].id);
}

TEST_CASE("flow: back and next move between screens and keep answers") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  REQUIRE(h.current_id() == "welcome");
  f.next();
  f.set_answer("consent", choice({"agreed"}));
  f.next();
  REQUIRE(h.current_id() == "area");

  f.back();
  CHECK(h.current_id() == "consent");
  REQUIRE(f.answer_for("consent") != nullptr);
  CHECK(*f.answer_for("consent") == choice({"agreed"}));
  f.back();
  CHECK(h.current_id() == "welcome");
  f.back();
  CHECK(f.screen() == Screen::Privacy);
  CHECK(f.current_question() == nullptr);
  f.back();
  CHECK(f.screen() == Screen::Intro);
  f.next();
  f.next();
  CHECK(h.current_id() == "welcome");
  f.next();
  f.next();
  CHECK(h.current_id() == "area");  // consent still answered, Next allowed through it

  SUBCASE("back from review goes to the last visible question") {
    f.set_answer("area", choice({"corby"}));
    f.next();
    f.set_answer("use_library", choice({"no"}));
    f.next();
    REQUIRE(h.current_id() == "why_not");
    for (int i = 0; i < 10 && f.screen() == Screen::Question; ++i) {
      if (h.current_id() == "rating") f.set_answer("rating", number(2));
      f.next();
    }
    REQUIRE(f.screen() == Screen::Review);
    f.back();
    CHECK(h.current_id() == "comments");
    f.next();
    CHECK(f.screen() == Screen::Review);
  }
}

TEST_CASE("flow: next and back do nothing where they mean nothing") {
  FlowHarness h;
  Flow& f = *h;
  f.next();
  CHECK(f.screen() == Screen::Attract);
  f.back();
  CHECK(f.screen() == Screen::Attract);
  f.submit();
  CHECK(f.screen() == Screen::Attract);
  CHECK(h.sink.submit_calls == 0);
  f.finish();
  CHECK(f.screen() == Screen::Attract);
  f.begin();
  f.begin();  // a double tap does not skip the language choice
  CHECK(f.screen() == Screen::Language);
  f.set_language("en");
  CHECK(f.screen() == Screen::Intro);
  f.submit();  // only from review
  CHECK(f.screen() == Screen::Intro);
  CHECK(h.sink.submit_calls == 0);
}

TEST_CASE("flow: answers are only taken during a session and for known questions") {
  FlowHarness h;
  Flow& f = *h;
  f.set_answer("consent", choice({"agreed"}));
  CHECK(f.answer_for("consent") == nullptr);  // attract: ignored
  h.start_session();
  f.set_answer("no-such-question", choice({"x"}));
  CHECK(f.answer_for("no-such-question") == nullptr);
  CHECK(f.answers().empty());
  f.set_answer("consent", choice({"agreed"}));
  CHECK(f.answers().size() == 1);
  f.set_answer("consent", Answer{});  // an empty answer removes it
  CHECK(f.answer_for("consent") == nullptr);
  CHECK(f.answers().empty());
}

TEST_CASE("flow: a required question blocks next with a reason") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  f.next();
  REQUIRE(h.current_id() == "consent");
  CHECK_FALSE(f.can_go_next());
  CHECK_FALSE(f.why_not_next().empty());
  f.next();
  CHECK(h.current_id() == "consent");  // did not move

  f.set_answer("consent", choice({"declined"}));  // declining is an answer too
  CHECK(f.can_go_next());
  CHECK(f.why_not_next().empty());

  f.set_answer("consent", Answer{});  // taken back
  CHECK_FALSE(f.can_go_next());

  f.set_answer("consent", choice({"agreed"}));
  f.next();
  CHECK(h.current_id() == "area");
  CHECK_FALSE(f.can_go_next());

  SUBCASE("optional questions can be skipped") {
    h.answer_opening("no");
    REQUIRE(h.next_until("why_not"));
    CHECK(f.can_go_next());
    CHECK(f.why_not_next().empty());
    f.next();
    CHECK(h.current_id() == "rating");
    CHECK_FALSE(f.can_go_next());
    f.set_answer("rating", number(1));
    f.next();
    CHECK(h.current_id() == "scale");
    CHECK(f.can_go_next());
  }
}

TEST_CASE("flow: multiple choice needs the minimum, and not more than the maximum") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("yes");
  REQUIRE(h.next_until("services"));
  CHECK_FALSE(f.can_go_next());  // required, unanswered

  f.set_answer("services", choice({"books"}));
  CHECK_FALSE(f.can_go_next());
  CHECK(f.why_not_next().find('2') != std::string::npos);  // "at least 2"
  f.next();
  CHECK(h.current_id() == "services");

  f.set_answer("services", choice({"books", "study"}));
  CHECK(f.can_go_next());
  f.set_answer("services", choice({"books", "study", "computers"}));
  CHECK(f.can_go_next());

  SUBCASE("prefer not to say alone is enough") {
    f.set_answer("services", choice({"services_pnts"}));
    CHECK(f.can_go_next());
    f.next();
    CHECK(h.current_id() == "rating");
  }
  SUBCASE("more than max_select is refused") {
    f.set_answer("services", choice({"books", "study", "computers", "events"}));
    CHECK_FALSE(f.can_go_next());
    CHECK_FALSE(f.why_not_next().empty());
    f.next();
    CHECK(h.current_id() == "services");
  }
}

TEST_CASE("flow: \"Other\" selected without text blocks next") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  f.next();
  f.set_answer("consent", choice({"agreed"}));
  f.next();
  REQUIRE(h.current_id() == "area");

  f.set_answer("area", choice({"elsewhere"}));
  CHECK_FALSE(f.can_go_next());
  CHECK(f.why_not_next().find("Other") != std::string::npos);
  f.next();
  CHECK(h.current_id() == "area");

  f.set_answer("area", choice({"elsewhere"}, "Rushden"));
  CHECK(f.can_go_next());
  f.set_answer("area", choice({"kettering"}));  // another option needs no text
  CHECK(f.can_go_next());
  f.next();
  CHECK(h.current_id() == "use_library");

  SUBCASE("in a multiple choice too") {
    f.set_answer("use_library", choice({"yes"}));
    f.next();
    REQUIRE(h.current_id() == "services");
    f.set_answer("services", choice({"books", "services_other"}));
    CHECK_FALSE(f.can_go_next());
    f.set_answer("services", choice({"books", "services_other"}, "Knitting club"));
    CHECK(f.can_go_next());
  }
}

TEST_CASE("flow: progress counts visible questions only") {
  FlowHarness h;
  Flow& f = *h;
  CHECK(f.progress_position() == 0);
  h.start_session();
  CHECK(f.progress_position() == 1);
  // welcome consent area use_library rating scale priorities comments
  CHECK(f.progress_total() == 8);
  f.next();
  CHECK(f.progress_position() == 2);
  h.answer_opening("yes");
  CHECK(f.progress_total() == 9);  // + services
  REQUIRE(h.next_until("services"));
  CHECK(f.progress_position() == 5);
  f.set_answer("services", choice({"books", "events"}));
  CHECK(f.progress_total() == 10);  // + services_more
  f.next();
  CHECK(f.progress_position() == 6);
  f.set_answer("use_library", choice({"no"}));  // services and services_more hidden, why_not shown
  CHECK(f.progress_total() == 9);
}

TEST_CASE("flow: review -> change an answer -> next returns to review") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  answer_everything(h);

  f.change_answer_from_review("area");
  CHECK(h.current_id() == "area");
  f.set_answer("area", choice({"kettering"}));
  f.next();
  CHECK(f.screen() == Screen::Review);
  CHECK(*f.answer_for("area") == choice({"kettering"}));

  SUBCASE("a hidden question cannot be changed from review") {
    f.change_answer_from_review("why_not");
    CHECK(f.screen() == Screen::Review);
    f.change_answer_from_review("no-such-question");
    CHECK(f.screen() == Screen::Review);
  }
  SUBCASE("an invalid change still blocks next") {
    f.change_answer_from_review("rating");
    f.set_answer("rating", Answer{});
    f.next();
    CHECK(h.current_id() == "rating");
    f.set_answer("rating", number(5));
    f.next();
    CHECK(f.screen() == Screen::Review);
  }
  SUBCASE("back after change walks normally; the next pass does not jump to review") {
    f.change_answer_from_review("scale");
    f.back();
    CHECK(h.current_id() == "rating");
    f.next();
    CHECK(h.current_id() == "scale");
    f.next();
    CHECK(h.current_id() == "priorities");
  }
  SUBCASE("a change that reveals a required question visits it before review") {
    // use_library yes -> no hides services; no -> yes with services forgotten must ask again.
    f.change_answer_from_review("use_library");
    f.set_answer("use_library", choice({"no"}));
    f.next();
    CHECK(f.screen() == Screen::Review);  // why_not is optional
    f.change_answer_from_review("services");  // hidden now
    CHECK(f.screen() == Screen::Review);

    FlowHarness g;
    g.start_session();
    g.answer_opening("no");
    for (int i = 0; i < 12 && g->screen() == Screen::Question; ++i) {
      if (g.current_id() == "rating") g->set_answer("rating", number(3));
      g->next();
    }
    REQUIRE(g->screen() == Screen::Review);
    g->change_answer_from_review("use_library");
    g->set_answer("use_library", choice({"yes"}));
    g->next();
    CHECK(g.current_id() == "services");  // required and never answered
    g->set_answer("services", choice({"books", "study"}));
    g->next();
    CHECK(g->screen() == Screen::Review);
    g->submit();
    REQUIRE(g.sink.submitted.size() == 1);
    CHECK(g.sink.submitted[0].answers.count("services") == 1);
    CHECK(g.sink.submitted[0].answers.count("why_not") == 0);
  }
}

TEST_CASE("flow: submit failure shows unavailable with the error and clears answers") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  answer_everything(h);
  h.sink.fail = true;
  h.sink.fail_error = "database is read-only";
  f.submit();
  CHECK(f.screen() == Screen::Unavailable);
  CHECK(f.last_error() == "database is read-only");
  CHECK(f.answers().empty());
  CHECK(f.answer_for("consent") == nullptr);
  CHECK(h.sink.submit_calls == 1);
  CHECK(h.sink.submitted.empty());

  SUBCASE("unavailable retries and returns to attract once the sink accepts again") {
    h.sink.fail = false;
    h.sink.accepting = false;
    h.advance(10'000);
    CHECK(f.screen() == Screen::Unavailable);
    h.sink.accepting = true;
    h.advance(9'999);
    CHECK(f.screen() == Screen::Unavailable);
    h.advance(1);
    CHECK(f.screen() == Screen::Attract);
    CHECK(f.answers().empty());
    h.start_session();
    CHECK(h.current_id() == "welcome");
    CHECK(f.answers().empty());
  }
}

TEST_CASE("flow: a sink not accepting answers makes the kiosk unavailable") {
  SUBCASE("at start") {
    FlowHarness h(sample_consultation(), test_settings(), /*sink_accepting=*/false);
    CHECK(h->screen() == Screen::Unavailable);
    h->begin();
    CHECK(h->screen() == Screen::Unavailable);
    h->set_answer("consent", choice({"agreed"}));
    CHECK(h->answers().empty());
    h.sink.accepting = true;
    h.advance(10'000);
    CHECK(h->screen() == Screen::Attract);
  }
  SUBCASE("when a resident begins") {
    FlowHarness h;
    REQUIRE(h->screen() == Screen::Attract);
    h.sink.accepting = false;
    h->begin();
    CHECK(h->screen() == Screen::Unavailable);
  }
}

TEST_CASE("flow: ms_until_next_timer tells the main loop when to wake") {
  FlowHarness h;
  Flow& f = *h;
  CHECK(f.ms_until_next_timer() == 6'000);  // attract: the next language's invitation
  h.clock.advance_ms(1'000'000);
  CHECK(f.ms_until_next_timer() == 2'000);

  f.begin();
  CHECK(f.ms_until_next_timer() == 60'000);
  h.advance(20'000);
  CHECK(f.ms_until_next_timer() == 40'000);
  f.touch();
  CHECK(f.ms_until_next_timer() == 60'000);
  h.advance(60'000);
  REQUIRE(f.still_there_prompt());
  CHECK(f.ms_until_next_timer() == 1'000);  // redraw the countdown each second
  h.advance(300);
  CHECK(f.ms_until_next_timer() == 700);
  h.advance(700);
  CHECK(f.ms_until_next_timer() == 1'000);
  h.advance(13'500);
  CHECK(f.ms_until_next_timer() == 500);
  h.advance(500);  // countdown over: discarded
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.ms_until_next_timer() == 6'000);

  SUBCASE("thank you and staff screens") {
    h.start_session();
    answer_everything(h);
    f.submit();
    REQUIRE(f.screen() == Screen::ThankYou);
    CHECK(f.ms_until_next_timer() == 10'000);
    h.advance(4'000);
    CHECK(f.ms_until_next_timer() == 6'000);
    f.finish();
    f.staff_gesture();
    CHECK(f.ms_until_next_timer() == 120'000);
  }
  SUBCASE("a late wake-up never gives a negative wait") {
    f.begin();
    h.clock.advance_ms(61'000);  // no tick yet
    CHECK(f.ms_until_next_timer() == 0);
  }
}

TEST_CASE("flow: thank you returns to attract by itself") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  answer_everything(h);
  f.submit();
  REQUIRE(f.screen() == Screen::ThankYou);
  const uint64_t session = f.session_number();
  h.advance(9'999);
  CHECK(f.screen() == Screen::ThankYou);
  h.advance(1);
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.session_number() != session);
  CHECK(f.answers().empty());
}

TEST_CASE("flow: a new consultation applies at once on attract, else after the session") {
  FlowHarness h;
  Flow& f = *h;
  SUBCASE("on attract") {
    f.replace_consultation(tiny_consultation("tiny", 7));
    CHECK(f.consultation().id == "tiny");
    CHECK(f.consultation().version == 7);
    f.replace_consultation(tiny_consultation("tinier", 8));  // replaced again in place
    CHECK(f.consultation().id == "tinier");
    h.start_session();
    CHECK(h.current_id() == "only");
    f.set_answer("only", choice({"b"}));
    f.next();
    f.submit();
    REQUIRE(h.sink.submitted.size() == 1);
    CHECK(h.sink.submitted[0].consultation_id == "tinier");
    CHECK(h.sink.submitted[0].consultation_version == 8);
  }
  SUBCASE("during a session, after it ends") {
    h.start_session();
    h.answer_opening("yes");
    REQUIRE(h.next_until("use_library"));
    {
      Consultation temporary = tiny_consultation("later", 9);
      f.replace_consultation(temporary);
    }  // the flow keeps its own copy
    CHECK(f.consultation().id == "library-futures");
    CHECK(h.current_id() == "use_library");
    CHECK(f.progress_total() == 9);
    f.next();
    CHECK(h.current_id() == "services");
    CHECK_FALSE(h.next_until("rating"));  // blocked by required services
    f.set_answer("services", choice({"books", "study"}));
    REQUIRE(h.next_until("rating"));
    f.set_answer("rating", number(5));
    REQUIRE(h.next_until("comments"));
    f.next();
    REQUIRE(f.screen() == Screen::Review);
    f.submit();
    REQUIRE(h.sink.submitted.size() == 1);
    CHECK(h.sink.submitted[0].consultation_id == "library-futures");
    CHECK(f.consultation().id == "library-futures");  // still showing thank you
    f.finish();
    CHECK(f.consultation().id == "later");
    CHECK(f.consultation().version == 9);
  }
  SUBCASE("during a session that is then discarded by the idle timer") {
    h.start_session();
    f.replace_consultation(tiny_consultation("later", 2));
    CHECK(f.consultation().id == "library-futures");
    h.advance(60'000);
    h.advance(15'000);
    REQUIRE(f.screen() == Screen::Attract);
    CHECK(f.consultation().id == "later");
  }
}

TEST_CASE("flow: set_language keeps every answer and is recorded; reset for the next person") {
  FlowHarness h;
  Flow& f = *h;
  f.set_language("pl");  // chosen on the attract screen
  CHECK(f.language() == "pl");
  h.start_session();
  CHECK(f.language() == "pl");
  answer_everything(h);
  f.set_language("ur");
  CHECK(f.language() == "ur");
  CHECK(f.answers() == everything_expected());
  f.set_language("");  // ignored
  CHECK(f.language() == "ur");
  f.submit();
  REQUIRE(h.sink.submitted.size() == 1);
  CHECK(h.sink.submitted[0].language == "ur");
  f.finish();
  CHECK(f.language() == "en");
}

TEST_CASE("flow: typed text is stored as valid UTF-8") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  f.set_answer("comments", text(std::string("ok \xC3\x28 \xF0\x9F\x98", 9)));
  REQUIRE(f.answer_for("comments") != nullptr);
  const std::string& stored = f.answer_for("comments")->text;
  CHECK(stored.rfind("ok ", 0) == 0);
  CHECK(stored.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(stored.find('\xC3') == std::string::npos);
}

// ---------- staff ----------

TEST_CASE("flow: staff gesture then cancel returns to the same question, answers intact") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("yes");
  REQUIRE(h.next_until("services"));
  f.set_answer("services", choice({"books", "events"}));
  const uint64_t session = f.session_number();

  f.staff_gesture();
  CHECK(f.screen() == Screen::StaffPin);
  CHECK(f.current_question() == nullptr);
  f.staff_gesture();  // holding again does nothing
  CHECK(f.screen() == Screen::StaffPin);
  f.set_answer("rating", number(1));  // no resident answers from the staff screen
  CHECK(f.answer_for("rating") == nullptr);

  f.staff_resume();  // cancel
  CHECK(f.screen() == Screen::Question);
  CHECK(h.current_id() == "services");
  CHECK(f.session_number() == session);
  CHECK(*f.answer_for("services") == choice({"books", "events"}));
  CHECK(*f.answer_for("area") == choice({"corby"}));
  CHECK(f.progress_position() == 5);
  CHECK_FALSE(f.still_there_prompt());
  CHECK(f.ms_until_next_timer() == 60'000);  // the resident's idle timer starts again
}

TEST_CASE("flow: staff gesture from the idle prompt dismisses it; cancel resumes") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  f.next();
  f.set_answer("consent", choice({"agreed"}));
  h.advance(60'000);
  REQUIRE(f.still_there_prompt());
  f.staff_gesture();
  CHECK_FALSE(f.still_there_prompt());
  h.advance(15'000);  // the countdown no longer runs
  CHECK(f.screen() == Screen::StaffPin);
  f.staff_resume();
  CHECK(h.current_id() == "consent");
  CHECK(f.answer_for("consent") != nullptr);
}

TEST_CASE("flow: first use: staff choose a PIN and get in") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  f.next();
  f.set_answer("consent", choice({"agreed"}));
  f.staff_gesture();
  CHECK_FALSE(f.pin_is_set());
  CHECK_FALSE(f.choose_pin("12"));  // too short
  CHECK(f.screen() == Screen::StaffPin);
  CHECK(f.choose_pin("246810"));
  CHECK(f.screen() == Screen::StaffHome);
  CHECK(f.answers().empty());
  CHECK(f.pin_is_set());
  f.staff_resume();
  CHECK(f.screen() == Screen::Attract);
  f.staff_gesture();
  CHECK_FALSE(f.choose_pin("135791"));  // already set: must be entered, not chosen
  CHECK(f.screen() == Screen::StaffPin);
}

TEST_CASE("flow: staff PIN: wrong stays, correct opens staff home and clears answers") {
  FlowHarness h;
  Flow& f = *h;
  REQUIRE(h.pin.set("4321"));
  h.start_session();
  h.answer_opening("no");
  REQUIRE(h.next_until("why_not"));
  f.set_answer("why_not", choice({"time"}));
  f.set_language("bn");
  const uint64_t session = f.session_number();

  f.staff_gesture();
  REQUIRE(f.screen() == Screen::StaffPin);
  CHECK(f.pin_is_set());
  auto wrong = f.enter_pin("0000");
  CHECK(wrong.outcome == StaffPin::Outcome::Wrong);
  CHECK(wrong.tries_left == StaffPin::kMaxTries - 1);
  CHECK(f.screen() == Screen::StaffPin);
  CHECK(f.answer_for("why_not") != nullptr);  // a wrong PIN changes nothing

  auto right = f.enter_pin("4321");
  CHECK(right.outcome == StaffPin::Outcome::Accepted);
  CHECK(f.screen() == Screen::StaffHome);
  CHECK(f.answers().empty());
  CHECK(f.answer_for("why_not") == nullptr);

  f.staff_resume();  // back to attract, fresh
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.session_number() != session);
  CHECK(f.language() == "en");
  h.start_session();
  CHECK(h.current_id() == "welcome");
  CHECK(f.answers().empty());

  SUBCASE("exit request is only a flag") {
    CHECK_FALSE(f.exit_requested());
    f.staff_exit_requested();
    CHECK(f.exit_requested());
  }
}

TEST_CASE("flow: staff screens close themselves after staff_idle") {
  FlowHarness h;
  Flow& f = *h;
  REQUIRE(h.pin.set("4321"));
  h.start_session();
  f.next();
  f.set_answer("consent", choice({"agreed"}));
  const uint64_t session = f.session_number();

  SUBCASE("left on the PIN pad mid-session: the session is discarded") {
    f.staff_gesture();
    h.advance(119'999);
    CHECK(f.screen() == Screen::StaffPin);
    h.advance(1);
    CHECK(f.screen() == Screen::Attract);
    CHECK(f.answers().empty());
    CHECK(f.session_number() != session);
  }
  SUBCASE("left on staff home") {
    f.staff_gesture();
    REQUIRE(f.enter_pin("4321").outcome == StaffPin::Outcome::Accepted);
    h.advance(100'000);
    f.touch();  // staff still working
    h.advance(100'000);
    CHECK(f.screen() == Screen::StaffHome);
    h.advance(20'000);
    CHECK(f.screen() == Screen::Attract);
  }
}

TEST_CASE("flow: staff gesture from attract; cancel returns to attract") {
  FlowHarness h;
  Flow& f = *h;
  f.staff_gesture();
  CHECK(f.screen() == Screen::StaffPin);
  f.staff_resume();
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.ms_until_next_timer() == 6'000);  // attract: only the invitation rotates
}

TEST_CASE("flow: staff PIN lockout keeps the pad shut; staff idle still closes it") {
  FlowHarness h;
  Flow& f = *h;
  REQUIRE(h.pin.set("4321"));
  f.staff_gesture();
  for (int i = 1; i < StaffPin::kMaxTries; ++i) {
    auto r = f.enter_pin("1111");
    CHECK(r.outcome == StaffPin::Outcome::Wrong);
    CHECK(r.tries_left == StaffPin::kMaxTries - i);
  }
  CHECK(f.enter_pin("1111").outcome == StaffPin::Outcome::LockedOut);
  auto locked = f.enter_pin("4321");  // even the right PIN, while locked
  CHECK(locked.outcome == StaffPin::Outcome::LockedOut);
  CHECK(locked.locked_for_ms > 0);
  CHECK(f.screen() == Screen::StaffPin);
  h.advance(120'000);
  CHECK(f.screen() == Screen::Attract);

  h.clock.advance_ms(StaffPin::kLockoutMs);
  f.staff_gesture();
  CHECK(f.enter_pin("4321").outcome == StaffPin::Outcome::Accepted);
  CHECK(f.screen() == Screen::StaffHome);
}

TEST_CASE("flow: a consultation swap waiting behind a cancelled staff PIN applies on attract") {
  FlowHarness h;
  Flow& f = *h;
  f.staff_gesture();
  f.replace_consultation(tiny_consultation("newer", 4));  // arrives while the pad is open
  CHECK(f.consultation().id == "library-futures");
  f.staff_resume();  // cancel: back on attract, between residents
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.consultation().id == "newer");
  h.start_session();
  CHECK(h.current_id() == "only");

  SUBCASE("but not in the middle of a resident's session") {
    FlowHarness g;
    g.start_session();
    g->staff_gesture();
    g->replace_consultation(tiny_consultation("newer", 4));
    g->staff_resume();
    CHECK(g.current_id() == "welcome");
    CHECK(g->consultation().id == "library-futures");
  }
}

TEST_CASE("flow: the first choice is the language when the consultation offers several") {
  FlowHarness h;
  Flow& f = *h;
  f.begin();
  REQUIRE(f.screen() == Screen::Language);
  CHECK(f.still_there_prompt() == false);
  f.set_language("xx");  // not offered: ignored
  CHECK(f.screen() == Screen::Language);
  f.set_language("ur");
  CHECK(f.screen() == Screen::Intro);
  CHECK(f.language() == "ur");
  f.back();  // from the intro, back to the language choice
  CHECK(f.screen() == Screen::Language);
  f.back();  // and back again: changed their mind, nothing was answered
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.language() == "en");
}

TEST_CASE("flow: the language picker opens from any screen and returns to it with answers intact") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  const Question* q = f.current_question();
  REQUIRE(q);
  answer_everything(h);
  h.start_session();  // no-op mid-session
  const Screen before = f.screen();
  const Question* current = f.current_question();
  f.open_language_picker();
  REQUIRE(f.screen() == Screen::Language);
  f.set_language("bn");
  CHECK(f.screen() == before);
  CHECK(f.current_question() == current);
  CHECK(f.answers() == everything_expected());
  f.open_language_picker();
  f.back();  // closing the picker changes nothing
  CHECK(f.screen() == before);
  CHECK(f.language() == "bn");
}
