// Shared fixtures for the flow tests: a small consultation built in C++ (not from JSON, so
// these tests do not depend on the loader), an in-memory SettingsStore, a recording
// ResponseSink that can be told to fail, and a harness that wires a Flow to a ManualClock.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "core/answer.h"
#include "core/clock.h"
#include "core/consultation.h"
#include "core/flow.h"
#include "core/settings_store.h"
#include "core/staff_pin.h"

namespace kiosk::test {

// ---------- doubles ----------

class MemorySettings final : public SettingsStore {
 public:
  std::optional<std::string> get_setting(const std::string& key) override {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  bool put_setting(const std::string& key, const std::string& value) override {
    if (fail_writes) return false;
    values[key] = value;
    return true;
  }
  std::map<std::string, std::string> values;
  bool fail_writes = false;
};

class RecordingSink final : public ResponseSink {
 public:
  SubmitResult submit(const Response& response) override {
    ++submit_calls;
    if (fail) return SubmitResult{false, fail_error};
    submitted.push_back(response);
    return SubmitResult{true, {}};
  }
  bool accepting_answers() override {
    ++accepting_calls;
    return accepting;
  }
  std::vector<Response> submitted;
  bool fail = false;                   // submit() reports failure
  std::string fail_error = "disk full";
  bool accepting = true;               // accepting_answers()
  int submit_calls = 0;
  int accepting_calls = 0;
};

// ---------- answers ----------

inline Answer choice(std::vector<std::string> ids, std::string text = {}) {
  Answer a;
  a.choices = std::move(ids);
  a.text = std::move(text);
  return a;
}
inline Answer number(int n) {
  Answer a;
  a.number = n;
  return a;
}
inline Answer text(std::string t) {
  Answer a;
  a.text = std::move(t);
  return a;
}

// ---------- the consultation ----------

inline LocalizedText en(const std::string& s) { return {{"en", s}}; }
inline Option opt(const std::string& id, bool other = false, bool prefer_not = false) {
  Option o;
  o.id = id;
  o.label = en(id);
  o.is_other = other;
  o.is_prefer_not_to_say = prefer_not;
  return o;
}
inline Question question(const std::string& id, QuestionType type, bool required = false) {
  Question q;
  q.id = id;
  q.type = type;
  q.title = en("Title of " + id);
  q.required = required;
  return q;
}

// Question order (index: id, type, condition):
//  0 welcome        info
//  1 consent        consent, required              options agreed / declined
//  2 area           area, required                 corby, kettering, elsewhere(other)
//  3 use_library    single choice, required        yes / no
//  4 why_not        single choice                  show_if use_library = no; other(other)
//  5 services       multiple choice, required,     show_if use_library = yes; min 2 max 3, prefer_not, other
//  6 services_more  free text                      show_if services contains events (chain)
//  7 rating         rating, required
//  8 scale          scale 0..10
//  9 scale_low_why  free text                      show_if scale in 0..3 (number-based)
// 10 priorities     ranking (top 3)
// 11 comments       free text, max 200
inline Consultation sample_consultation(int version = 3) {
  Consultation c;
  c.id = "library-futures";
  c.version = version;
  c.languages = {"en", "pl", "ur", "bn", "zh-Hans"};
  c.title = {{"en", "Library futures"}, {"pl", "Przyszłość bibliotek"}};
  c.intro = en("Tell us what you think.");
  c.privacy = en("We keep your answers, not your name.");
  c.thank_you = en("Thank you.");

  c.questions.push_back(question("welcome", QuestionType::Info));

  Question consent = question("consent", QuestionType::Consent, true);
  consent.options = {opt("agreed"), opt("declined")};
  c.questions.push_back(consent);

  Question area = question("area", QuestionType::Area, true);
  area.options = {opt("corby"), opt("kettering"), opt("elsewhere", true)};
  c.questions.push_back(area);

  Question use = question("use_library", QuestionType::SingleChoice, true);
  use.options = {opt("yes"), opt("no")};
  c.questions.push_back(use);

  Question why_not = question("why_not", QuestionType::SingleChoice);
  why_not.options = {opt("time"), opt("distance"), opt("why_other", true)};
  why_not.show_if = ShowIf{"use_library", {"no"}};
  c.questions.push_back(why_not);

  Question services = question("services", QuestionType::MultipleChoice, true);
  services.options = {opt("books"),  opt("computers"), opt("events"),
                      opt("study"),  opt("services_pnts", false, true),
                      opt("services_other", true)};
  services.min_select = 2;
  services.max_select = 3;
  services.show_if = ShowIf{"use_library", {"yes"}};
  c.questions.push_back(services);

  Question more = question("services_more", QuestionType::FreeText);
  more.show_if = ShowIf{"services", {"events"}};
  c.questions.push_back(more);

  Question rating = question("rating", QuestionType::Rating, true);
  rating.rating_labels = {en("Very bad"), en("Bad"), en("OK"), en("Good"), en("Very good")};
  c.questions.push_back(rating);

  Question scale = question("scale", QuestionType::Scale);
  scale.low_label = en("Not at all");
  scale.high_label = en("Very much");
  c.questions.push_back(scale);

  Question low_why = question("scale_low_why", QuestionType::FreeText);
  low_why.show_if = ShowIf{"scale", {"0", "1", "2", "3"}};
  c.questions.push_back(low_why);

  Question ranking = question("priorities", QuestionType::Ranking);
  ranking.options = {opt("hours"), opt("stock"), opt("wifi"), opt("space"), opt("staff")};
  ranking.rank_count = 3;
  c.questions.push_back(ranking);

  Question comments = question("comments", QuestionType::FreeText);
  comments.max_length = 200;
  c.questions.push_back(comments);
  return c;
}

// A different, smaller consultation (for replace_consultation).
inline Consultation tiny_consultation(const std::string& id = "tiny", int version = 1) {
  Consultation c;
  c.id = id;
  c.version = version;
  c.languages = {"en"};
  c.title = en("Tiny");
  Question q = question("only", QuestionType::SingleChoice, true);
  q.options = {opt("a"), opt("b")};
  c.questions.push_back(q);
  return c;
}

inline FlowSettings test_settings() {
  FlowSettings s;
  s.idle_timeout_ms = 60'000;
  s.idle_countdown_ms = 15'000;
  s.thank_you_ms = 10'000;
  s.staff_idle_ms = 120'000;
  s.default_language = "en";
  return s;
}

// Everything a Flow needs, owned together (members are built in declaration order).
struct FlowHarness {
  explicit FlowHarness(Consultation c = sample_consultation(), FlowSettings s = test_settings(),
                       bool sink_accepting = true)
      : consultation(std::move(c)), settings(std::move(s)) {
    sink.accepting = sink_accepting;
    flow.emplace(consultation, clock, sink, pin, "kiosk-test-1", settings);
  }
  FlowHarness(const FlowHarness&) = delete;
  FlowHarness& operator=(const FlowHarness&) = delete;

  Flow& operator*() { return *flow; }
  Flow* operator->() { return &*flow; }

  void advance(int64_t ms) {
    clock.advance_ms(ms);
    flow->tick();
  }

  // Attract -> intro -> privacy -> first question.
  void start_session() {
    flow->begin();
    if (flow->screen() == Screen::Language) flow->set_language(flow->language());  // keep the current one
    flow->next();  // intro -> privacy
    flow->next();  // privacy -> first visible question
  }

  // From anywhere in the questions, answer nothing and press Next until `id` is current.
  // Gives up after a bounded number of steps (returns false).
  bool next_until(const std::string& id) {
    for (int i = 0; i < 40; ++i) {
      const Question* q = flow->current_question();
      if (q && q->id == id) return true;
      if (flow->screen() != Screen::Question && flow->screen() != Screen::Intro &&
          flow->screen() != Screen::Privacy)
        return false;
      flow->next();
    }
    return false;
  }

  // Answers the required questions before `use_library` the easy way.
  void answer_opening(const std::string& use_library = "yes") {
    flow->set_answer("consent", choice({"agreed"}));
    flow->set_answer("area", choice({"corby"}));
    flow->set_answer("use_library", choice({use_library}));
  }

  std::string current_id() {
    const Question* q = flow->current_question();
    return q ? q->id : std::string("<none: ") + to_string(flow->screen()) + ">";
  }

  std::vector<std::string> visible_ids() {
    std::vector<std::string> out;
    for (const Question* q : flow->visible_questions()) out.push_back(q->id);
    return out;
  }

  Consultation consultation;
  FlowSettings settings;
  ManualClock clock;
  MemorySettings store;
  StaffPin pin{store, clock};
  RecordingSink sink;
  std::optional<Flow> flow;
};

}  // namespace kiosk::test
