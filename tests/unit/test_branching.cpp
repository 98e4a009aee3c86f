// Branching (show_if): hidden questions are skipped both ways, chains follow their parents,
// numbers match as written, and answers to hidden questions are never submitted.
#include <doctest/doctest.h>
#include <string>
#include <vector>
#include "flow_fixtures.h"

using namespace kiosk;
using namespace kiosk::test;

using Ids = std::vector<std::string>;

namespace {

// Presses Next through the questions, answering `rating` when met; ends on Review.
void next_to_review(FlowHarness& h) {
  for (int i = 0; i < 20 && h->screen() == Screen::Question; ++i) {
    if (h.current_id() == "rating" && !h->answer_for("rating")) h->set_answer("rating", number(3));
    if (h.current_id() == "services" && !h->answer_for("services"))
      h->set_answer("services", choice({"books", "study"}));
    h->next();
  }
  REQUIRE(h->screen() == Screen::Review);
}

}  // namespace

TEST_CASE("branching: visible questions before anything is answered") {
  FlowHarness h;
  CHECK(h.visible_ids() ==
        Ids{"welcome", "consent", "area", "use_library", "rating", "scale", "priorities", "comments"});
}

TEST_CASE("branching: a hidden question is skipped going forward") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("yes");
  REQUIRE(h.next_until("use_library"));
  f.next();
  CHECK(h.current_id() == "services");  // why_not skipped

  f.back();
  f.set_answer("use_library", choice({"no"}));
  f.next();
  CHECK(h.current_id() == "why_not");
  f.next();
  CHECK(h.current_id() == "rating");  // services and services_more skipped
}

TEST_CASE("branching: a hidden question is skipped going backward") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();

  SUBCASE("use_library = no") {
    h.answer_opening("no");
    REQUIRE(h.next_until("rating"));
    f.back();
    CHECK(h.current_id() == "why_not");
    f.back();
    CHECK(h.current_id() == "use_library");
  }
  SUBCASE("use_library = yes, services without events") {
    h.answer_opening("yes");
    f.set_answer("services", choice({"books", "study"}));
    REQUIRE(h.next_until("rating"));
    f.back();
    CHECK(h.current_id() == "services");  // services_more skipped
    f.back();
    CHECK(h.current_id() == "use_library");  // why_not skipped
  }
  SUBCASE("scale unanswered: its follow-up stays hidden") {
    h.answer_opening("no");
    f.set_answer("rating", number(4));
    REQUIRE(h.next_until("priorities"));
    f.back();
    CHECK(h.current_id() == "scale");
  }
}

TEST_CASE("branching: changing an earlier answer re-routes the way forward") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("yes");
  REQUIRE(h.next_until("services"));
  f.back();
  REQUIRE(h.current_id() == "use_library");
  f.set_answer("use_library", choice({"no"}));
  f.next();
  CHECK(h.current_id() == "why_not");
}

TEST_CASE("branching: answers to questions that became hidden are not submitted") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  h.answer_opening("no");
  REQUIRE(h.next_until("why_not"));
  f.set_answer("why_not", choice({"distance"}));
  f.back();
  f.set_answer("use_library", choice({"yes"}));
  f.next();
  REQUIRE(h.current_id() == "services");
  f.set_answer("services", choice({"books", "events"}));
  f.next();
  REQUIRE(h.current_id() == "services_more");
  f.set_answer("services_more", text("More films"));
  next_to_review(h);

  SUBCASE("one level") {
    CHECK(f.answer_for("why_not") != nullptr);  // still held for this resident...
    f.submit();
    REQUIRE(h.sink.submitted.size() == 1);
    const Answers& sent = h.sink.submitted[0].answers;
    CHECK(sent.count("why_not") == 0);  // ...but never sent
    CHECK(sent.count("services") == 1);
    CHECK(sent.count("services_more") == 1);
  }
  SUBCASE("a whole chain hidden by its root") {
    f.change_answer_from_review("use_library");
    f.set_answer("use_library", choice({"no"}));
    f.next();
    REQUIRE(f.screen() == Screen::Review);
    f.submit();
    REQUIRE(h.sink.submitted.size() == 1);
    const Answers& sent = h.sink.submitted[0].answers;
    CHECK(sent.count("services") == 0);
    CHECK(sent.count("services_more") == 0);  // its parent's answer still says "events"
    CHECK(sent.count("why_not") == 1);        // visible again, answer kept from before
    CHECK(sent.at("use_library") == choice({"no"}));
  }
}

TEST_CASE("branching: chained show_if (C depends on B depends on A)") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  auto has = [&](const std::string& id) {
    for (const auto& v : h.visible_ids())
      if (v == id) return true;
    return false;
  };
  CHECK_FALSE(has("services"));
  CHECK_FALSE(has("services_more"));

  f.set_answer("use_library", choice({"yes"}));
  CHECK(has("services"));
  CHECK_FALSE(has("services_more"));

  f.set_answer("services", choice({"books", "computers"}));
  CHECK_FALSE(has("services_more"));
  f.set_answer("services", choice({"events", "books"}));  // any position matches
  CHECK(has("services_more"));

  f.set_answer("use_library", choice({"no"}));  // A hides B, and so C
  CHECK_FALSE(has("services"));
  CHECK_FALSE(has("services_more"));
  CHECK(has("why_not"));

  f.set_answer("use_library", Answer{});  // A unanswered hides both branches
  CHECK_FALSE(has("services"));
  CHECK_FALSE(has("why_not"));

  SUBCASE("walking the chain") {
    h.answer_opening("yes");
    f.set_answer("services", choice({"events", "books"}));
    REQUIRE(h.next_until("services"));
    f.next();
    CHECK(h.current_id() == "services_more");
    f.next();
    CHECK(h.current_id() == "rating");
    f.back();
    CHECK(h.current_id() == "services_more");
  }
}

TEST_CASE("branching: number-based show_if on a scale") {
  FlowHarness h;
  Flow& f = *h;
  h.start_session();
  auto low_why_visible = [&] {
    for (const auto& v : h.visible_ids())
      if (v == "scale_low_why") return true;
    return false;
  };
  CHECK_FALSE(low_why_visible());
  for (int n = 0; n <= 10; ++n) {
    CAPTURE(n);
    f.set_answer("scale", number(n));
    CHECK(low_why_visible() == (n <= 3));
  }

  h.answer_opening("no");
  f.set_answer("rating", number(2));
  f.set_answer("scale", number(2));
  REQUIRE(h.next_until("scale"));
  f.next();
  CHECK(h.current_id() == "scale_low_why");
  f.set_answer("scale_low_why", text("Too noisy"));
  f.back();
  f.set_answer("scale", number(9));
  f.next();
  CHECK(h.current_id() == "priorities");
  next_to_review(h);
  f.submit();
  REQUIRE(h.sink.submitted.size() == 1);
  CHECK(h.sink.submitted[0].answers.count("scale_low_why") == 0);
  CHECK(h.sink.submitted[0].answers.at("scale") == number(9));
}

TEST_CASE("branching: rating and consent conditions, unknown parents, empty consultations") {
  Consultation c;
  c.id = "branchy";
  c.version = 1;
  c.languages = {"en"};
  Question consent = question("consent", QuestionType::Consent, true);
  consent.options = {opt("agreed"), opt("declined")};
  c.questions.push_back(consent);
  Question rating = question("rating", QuestionType::Rating);
  rating.show_if = ShowIf{"consent", {"agreed"}};
  c.questions.push_back(rating);
  Question bad = question("bad", QuestionType::FreeText);
  bad.show_if = ShowIf{"rating", {"1", "2"}};
  c.questions.push_back(bad);
  Question orphan = question("orphan", QuestionType::FreeText);
  orphan.show_if = ShowIf{"no-such-question", {"x"}};
  c.questions.push_back(orphan);

  FlowHarness h(c);
  Flow& f = *h;
  h.start_session();
  CHECK(h.visible_ids() == Ids{"consent"});
  f.set_answer("consent", choice({"declined"}));
  CHECK(h.visible_ids() == Ids{"consent"});
  f.next();
  CHECK(f.screen() == Screen::Review);  // nothing else to ask
  f.back();
  CHECK(h.current_id() == "consent");
  f.set_answer("consent", choice({"agreed"}));
  CHECK(h.visible_ids() == Ids{"consent", "rating"});
  f.set_answer("rating", number(2));
  CHECK(h.visible_ids() == Ids{"consent", "rating", "bad"});
  f.set_answer("rating", number(5));
  CHECK(h.visible_ids() == Ids{"consent", "rating"});
  f.set_answer("rating", number(1));
  f.next();
  CHECK(h.current_id() == "rating");
  f.next();
  CHECK(h.current_id() == "bad");
  f.next();
  CHECK(f.screen() == Screen::Review);  // the orphan never shows

  SUBCASE("a consultation with no questions goes straight to review") {
    FlowHarness empty(tiny_consultation());
    empty.consultation.questions.clear();  // the flow reads the harness's copy
    empty->begin();
    empty->next();
    empty->next();
    CHECK(empty->screen() == Screen::Review);
    CHECK(empty->progress_total() == 0);
    empty->back();
    CHECK(empty->screen() == Screen::Privacy);
    empty->next();
    empty->submit();
    REQUIRE(empty.sink.submitted.size() == 1);
    CHECK(empty.sink.submitted[0].answers.empty());
  }
}
