// Answers and responses as JSON: round trips, and refusal of every wrong shape.
#include <doctest/doctest.h>
#include <limits>
#include <string>
#include <nlohmann/json.hpp>
#include "core/answer.h"

using namespace kiosk;
using nlohmann::json;

namespace {

Answer make(std::vector<std::string> choices, std::optional<int> number, std::string text) {
  Answer a;
  a.choices = std::move(choices);
  a.number = number;
  a.text = std::move(text);
  return a;
}

Answers every_kind() {
  return Answers{
      {"consent", make({"agreed"}, std::nullopt, "")},
      {"single", make({"corby"}, std::nullopt, "")},
      {"other", make({"elsewhere"}, std::nullopt, "Near Wellingborough")},
      {"multi", make({"books", "events", "study"}, std::nullopt, "")},
      {"rating", make({}, 1, "")},
      {"scale_zero", make({}, 0, "")},  // zero is an answer, not "missing"
      {"scale_ten", make({}, 10, "")},
      {"free", make({}, std::nullopt, "Więcej godzin otwarcia, proszę! 图书馆 📚 \"quoted\"\n")},
      {"ranking", make({"wifi", "hours", "stock"}, std::nullopt, "")},
      {"urdu", make({}, std::nullopt, "لائبریری بہت اچھی ہے")},
  };
}

Response sample_response() {
  Response r;
  r.id = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  r.consultation_id = "library-futures";
  r.consultation_version = 3;
  r.kiosk_id = "corby-1";
  r.language = "pl";
  r.started_at_ms = 1'700'000'000'000LL;
  r.submitted_at_ms = 1'700'000'095'123LL;
  r.answers = every_kind();
  return r;
}

bool same(const Response& a, const Response& b) {
  return a.id == b.id && a.consultation_id == b.consultation_id &&
         a.consultation_version == b.consultation_version && a.kiosk_id == b.kiosk_id &&
         a.language == b.language && a.started_at_ms == b.started_at_ms &&
         a.submitted_at_ms == b.submitted_at_ms && a.answers == b.answers;
}

}  // namespace

TEST_CASE("answer json: each kind of answer has the documented shape") {
  CHECK(answer_to_json(make({"a", "b"}, std::nullopt, "")) == json::parse(R"({"choices":["a","b"]})"));
  CHECK(answer_to_json(make({}, 0, "")) == json::parse(R"({"number":0})"));
  CHECK(answer_to_json(make({}, std::nullopt, "hi")) == json::parse(R"({"text":"hi"})"));
  CHECK(answer_to_json(make({"other"}, std::nullopt, "x")) ==
        json::parse(R"({"choices":["other"],"text":"x"})"));
  CHECK(answer_to_json(Answer{}) == json::object());
}

TEST_CASE("answer json: answers round trip, through text too") {
  const Answers original = every_kind();
  const json j = answers_to_json(original);
  CHECK(j.is_object());
  CHECK(j.size() == original.size());
  auto back = answers_from_json(j);
  REQUIRE(back.has_value());
  CHECK(*back == original);
  CHECK(back->at("multi").choices == std::vector<std::string>{"books", "events", "study"});  // order kept
  CHECK(back->at("scale_zero").number == 0);

  auto reparsed = answers_from_json(json::parse(j.dump()));
  REQUIRE(reparsed.has_value());
  CHECK(*reparsed == original);

  CHECK(answers_from_json(json::object()) == Answers{});
}

TEST_CASE("answer json: empty answers are not written") {
  Answers answers = {{"kept", make({"a"}, std::nullopt, "")}, {"empty", Answer{}}};
  const json j = answers_to_json(answers);
  CHECK(j.size() == 1);
  CHECK(j.contains("kept"));
  CHECK_FALSE(j.contains("empty"));
}

TEST_CASE("answer json: wrong shapes are refused") {
  const char* bad[] = {
      R"([])",
      R"("text")",
      R"(null)",
      R"(42)",
      R"({"q": "yes"})",
      R"({"q": ["yes"]})",
      R"({"q": null})",
      R"({"q": {"choices": "yes"}})",
      R"({"q": {"choices": [1, 2]}})",
      R"({"q": {"choices": ["a", null]}})",
      R"({"q": {"choices": [["a"]]}})",
      R"({"q": {"number": "3"}})",
      R"({"q": {"number": 3.5}})",
      R"({"q": {"number": true}})",
      R"({"q": {"number": null}})",
      R"({"q": {"number": 4294967296}})",            // does not fit an int
      R"({"q": {"number": -4294967296}})",
      R"({"q": {"number": 18446744073709551615}})",
      R"({"q": {"text": 5}})",
      R"({"q": {"text": ["a"]}})",
      R"({"q": {"text": null}})",
      R"({"q": {}})",                                // an answer with nothing in it
      R"({"ok": {"number": 1}, "q": {"number": "1"}})",  // one bad answer spoils the lot
  };
  for (const char* text : bad) {
    CAPTURE(std::string(text));
    CHECK_FALSE(answers_from_json(json::parse(text)).has_value());
  }
}

TEST_CASE("answer json: number limits that do fit are kept exactly") {
  const int big = std::numeric_limits<int>::max();
  const int small = std::numeric_limits<int>::min();
  auto answers = answers_from_json(json{{"a", {{"number", big}}}, {"b", {{"number", small}}}});
  REQUIRE(answers.has_value());
  CHECK(answers->at("a").number == big);
  CHECK(answers->at("b").number == small);
}

TEST_CASE("answer json: response round trip") {
  const Response original = sample_response();
  const json j = response_to_json(original);
  CHECK(j.at("id") == original.id);
  CHECK(j.at("consultation_version") == 3);
  CHECK(j.at("started_at_ms") == 1'700'000'000'000LL);
  CHECK(j.at("answers").is_object());
  auto back = response_from_json(j);
  REQUIRE(back.has_value());
  CHECK(same(*back, original));
  auto reparsed = response_from_json(json::parse(j.dump()));
  REQUIRE(reparsed.has_value());
  CHECK(same(*reparsed, original));

  Response no_answers = original;
  no_answers.answers.clear();
  auto empty_back = response_from_json(response_to_json(no_answers));
  REQUIRE(empty_back.has_value());
  CHECK(empty_back->answers.empty());
}

TEST_CASE("answer json: response_from_json refuses missing fields") {
  const json full = response_to_json(sample_response());
  REQUIRE(response_from_json(full).has_value());
  for (const char* key : {"id", "consultation_id", "consultation_version", "kiosk_id", "language",
                          "started_at_ms", "submitted_at_ms", "answers"}) {
    CAPTURE(std::string(key));
    json j = full;
    j.erase(key);
    CHECK_FALSE(response_from_json(j).has_value());
  }
}

TEST_CASE("answer json: response_from_json refuses wrong types") {
  const json full = response_to_json(sample_response());
  struct Case {
    const char* key;
    json value;
  };
  const Case cases[] = {
      {"id", 7},
      {"id", nullptr},
      {"consultation_id", json::array({"x"})},
      {"consultation_version", "3"},
      {"consultation_version", 3.5},
      {"consultation_version", 4294967296LL},  // does not fit an int
      {"kiosk_id", false},
      {"language", json::object()},
      {"started_at_ms", "1700000000000"},
      {"started_at_ms", 1.7e12},
      {"submitted_at_ms", nullptr},
      {"answers", json::array()},
      {"answers", "none"},
      {"answers", json{{"q", "yes"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.key));
    CAPTURE(c.value.dump());
    json j = full;
    j[c.key] = c.value;
    CHECK_FALSE(response_from_json(j).has_value());
  }
  for (const json& not_object : {json::array(), json("x"), json(nullptr), json(1)}) {
    CAPTURE(not_object.dump());
    CHECK_FALSE(response_from_json(not_object).has_value());
  }
}

TEST_CASE("answer json: response_from_json ignores extra fields (forward compatible)") {
  json j = response_to_json(sample_response());
  j["sealed"] = false;
  auto back = response_from_json(j);
  REQUIRE(back.has_value());
  CHECK(same(*back, sample_response()));
}
