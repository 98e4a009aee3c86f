// The consultation loader: valid files load, and each kind of mistake is reported with its
// JSON path (docs/consultation-format.md lists the rules).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <nlohmann/json.hpp>

#include "core/consultation_loader.h"

using kiosk::LoadProblem;
using kiosk::LoadResult;
using kiosk::QuestionType;
using nlohmann::json;

namespace {

const std::string kData = KIOSK_TEST_DATA "/consultations/";
const std::string kBundled = KIOSK_SOURCE_ASSETS "/consultations/residents-conversation.json";

// One problem per line, so a failing CHECK shows them all.
std::string lines(const std::vector<LoadProblem>& problems) {
  std::string out;
  for (const auto& problem : problems) out += problem.to_string() + "\n";
  return out;
}

json minimal() {
  std::ifstream in(kData + "minimal.json");
  return json::parse(in);
}

LoadResult load(const json& consultation) { return kiosk::load_consultation(consultation.dump()); }

template <typename Change>
std::string problems_after(Change change) {
  json consultation = minimal();
  change(consultation);
  return lines(load(consultation).problems);
}

json label(const std::string& text) { return {{"en", text}}; }

json option(const std::string& id) { return {{"id", id}, {"label", label("Option " + id)}}; }

// A valid question of any type, with three options "a", "b", "c" where the type has options.
json valid_question(const std::string& id, const std::string& type) {
  json question = {{"id", id}, {"type", type}, {"title", label("Question " + id)}};
  if (type == "single_choice" || type == "multiple_choice" || type == "ranking" || type == "area")
    question["options"] = json::array({option("a"), option("b"), option("c")});
  if (type == "ranking") question["rank_count"] = 2;
  if (type == "rating")
    for (int i = 1; i <= 5; ++i) question["rating_labels"].push_back(label("Label " + std::to_string(i)));
  if (type == "scale") {
    question["low_label"] = label("Low");
    question["high_label"] = label("High");
  }
  return question;
}

json with_questions(const std::vector<json>& questions) {
  json consultation = minimal();
  consultation["questions"] = questions;
  return consultation;
}

// Problems of a consultation whose last question has `show_if` pointing at the earlier ones.
std::string show_if_problems(const std::vector<json>& earlier, const json& show_if) {
  std::vector<json> questions = earlier;
  questions.push_back(valid_question("last", "info"));
  questions.back()["show_if"] = show_if;
  return lines(load(with_questions(questions)).problems);
}

}  // namespace

TEST_CASE("consultation loader: a minimal file loads") {
  const LoadResult result = kiosk::load_consultation_file(kData + "minimal.json");
  REQUIRE(lines(result.problems) == "");
  REQUIRE(result.ok());
  const auto& consultation = *result.consultation;
  CHECK(consultation.id == "minimal");
  CHECK(consultation.version == 1);
  CHECK(consultation.languages == std::vector<std::string>{"en"});
  CHECK(consultation.title.at("en") == "A minimal consultation");
  REQUIRE(consultation.questions.size() == 1);
  const auto& question = consultation.questions[0];
  CHECK(question.type == QuestionType::SingleChoice);
  CHECK_FALSE(question.required);
  CHECK_FALSE(question.show_if);
  REQUIRE(question.options.size() == 2);
  CHECK(question.options[1].id == "b");
  CHECK(question.options[1].label.at("en") == "B");
  CHECK(result.warnings.empty());
}

TEST_CASE("consultation loader: every question type loads with its fields") {
  json consultation = with_questions({
      valid_question("info", "info"), valid_question("consent", "consent"),
      valid_question("single", "single_choice"), valid_question("multiple", "multiple_choice"),
      valid_question("rating", "rating"), valid_question("scale", "scale"),
      valid_question("text", "free_text"), valid_question("ranking", "ranking"),
      valid_question("area", "area")});
  consultation["questions"][1]["required"] = true;
  consultation["questions"][3]["min_select"] = 1;
  consultation["questions"][3]["max_select"] = 2;
  consultation["questions"][6]["max_length"] = 200;
  consultation["questions"][8]["options"][2]["other"] = true;
  const LoadResult result = load(consultation);
  REQUIRE(lines(result.problems) == "");
  const auto& questions = result.consultation->questions;
  REQUIRE(questions.size() == 9);
  CHECK(questions[0].type == QuestionType::Info);
  CHECK(questions[1].required);
  CHECK(questions[3].min_select == 1);
  CHECK(questions[3].max_select == 2);
  CHECK(questions[2].max_length == 500);  // the default
  CHECK(questions[4].rating_labels.size() == 5);
  CHECK(questions[5].high_label.at("en") == "High");
  CHECK(questions[6].max_length == 200);
  CHECK(questions[7].rank_count == 2);
  CHECK(questions[8].type == QuestionType::Area);
  CHECK(questions[8].options[2].is_other);
}

TEST_CASE("consultation loader: the bundled residents' conversation has no problems") {
  const LoadResult result = kiosk::load_consultation_file(kBundled);
  REQUIRE(lines(result.problems) == "");
  CHECK(lines(result.warnings) == "");
  const auto& consultation = *result.consultation;
  CHECK(consultation.id == "residents-conversation");
  CHECK(consultation.languages == std::vector<std::string>{"en", "cy", "pl", "ro", "lt", "pt", "es", "uk", "pa",
                                                          "ur", "bn", "gu", "ar", "zh-Hans"});

  const auto* help_needed = consultation.find("q_help_needed");
  REQUIRE(help_needed);
  REQUIRE(help_needed->show_if);
  CHECK(help_needed->show_if->question == "q_involved");
  CHECK(help_needed->show_if->any_of == std::vector<std::string>{"yes", "maybe"});
  for (const char* id : {"q_age", "q_ethnicity", "q_disability"}) {
    CAPTURE(id);
    REQUIRE(consultation.find(id));
    CHECK(consultation.find(id)->show_if->any_of == std::vector<std::string>{"agreed"});
  }
  CHECK(consultation.find("q_ethnicity")->options.size() == 20);  // 19 census groups + prefer not
  CHECK(consultation.find("q_town")->options.back().is_other);
  CHECK(consultation.find("q_priorities")->rank_count == 3);

  // Residents can skip everything except the consent gate to the equality questions.
  for (const auto& question : consultation.questions) {
    CAPTURE(question.id);
    CHECK(question.required == (question.type == QuestionType::Consent));
  }
}

TEST_CASE("consultation loader: the bundled wellbeing questions use the exact ONS wording") {
  const auto consultation = *kiosk::load_consultation_file(kBundled).consultation;
  const std::pair<const char*, const char*> expected[] = {
      {"q_life_satisfaction", "Overall, how satisfied are you with your life nowadays?"},
      {"q_worthwhile",
       "Overall, to what extent do you feel that the things you do in your life are worthwhile?"},
      {"q_happy_yesterday", "Overall, how happy did you feel yesterday?"},
      {"q_anxious_yesterday",
       "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', overall, how "
       "anxious did you feel yesterday?"},
  };
  for (const auto& [id, title] : expected) {
    CAPTURE(id);
    const auto* question = consultation.find(id);
    REQUIRE(question);
    CHECK(question->type == QuestionType::Scale);
    CHECK(question->title.at("en") == title);
    CHECK(question->low_label.at("en") == "Not at all");
    CHECK(question->high_label.at("en") == "Completely");
  }
}

TEST_CASE("consultation loader: bad JSON is reported with its line and column") {
  const LoadResult result = kiosk::load_consultation("{\n  \"id\": \"x\",\n  \"version\": 1,,\n}");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].to_string().starts_with(
      "(root): not valid JSON at line 3, column 16: syntax error"));
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.consultation);
}

TEST_CASE("consultation loader: columns count characters, and raw bytes never reach messages") {
  // "é" is two bytes; the bad byte 0xff sits in the 12th character of line 2.
  const LoadResult result = kiosk::load_consultation("{\n\"title\": \"\xc3\xa9\xff\"}");
  REQUIRE(result.problems.size() == 1);
  const std::string message = result.problems[0].to_string();
  CHECK(message.starts_with("(root): not valid JSON at line 2, column 12: "));
  CHECK(message.find("UTF-8") != std::string::npos);
  for (const char c : message) CHECK((c >= 0x20 && c < 0x7f));
}

TEST_CASE("consultation loader: empty input, a non-object and huge numbers are reported") {
  CHECK(lines(kiosk::load_consultation(" \n").problems) == "(root): the file is empty\n");
  CHECK(lines(kiosk::load_consultation("[]").problems) ==
        "(root): expected an object { ... }, found an array\n");
  CHECK(lines(kiosk::load_consultation("{\"version\": 1e999}").problems) ==
        "(root): not valid JSON: number overflow parsing '1e999'\n");
}

TEST_CASE("consultation loader: a missing or unreadable file is a problem") {
  const LoadResult missing = kiosk::load_consultation_file(kData + "no-such-file.json");
  CHECK(lines(missing.problems) ==
        "cannot read \"" + kData + "no-such-file.json\": No such file or directory\n");
  CHECK(lines(kiosk::load_consultation_file(kData).problems).find("Is a directory") !=
        std::string::npos);
}

TEST_CASE("consultation loader: missing fields") {
  CHECK(problems_after([](json& c) { c.erase("title"); }) == "(root): missing \"title\"\n");
  CHECK(problems_after([](json& c) { c["questions"][0].erase("type"); }) ==
        "questions[0]: missing \"type\"\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["options"][1].erase("id"); }) ==
        "questions[0].options[1]: missing \"id\"\n");
  CHECK(problems_after([](json& c) { c.erase("format"); }) == "(root): missing \"format\"\n");
}

TEST_CASE("consultation loader: wrong types") {
  CHECK(problems_after([](json& c) { c["version"] = "1"; }) ==
        "version: expected a whole number, found a string\n");
  CHECK(problems_after([](json& c) { c["version"] = 1.5; }) ==
        "version: expected a whole number, found a decimal number\n");
  CHECK(problems_after([](json& c) { c["intro"] = "Hello"; }) ==
        "intro: expected an object of translations like {\"en\": \"...\"}, found a string\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["id"] = 7; }) ==
        "questions[0].id: expected a string, found a whole number\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["required"] = "yes"; }) ==
        "questions[0].required: expected true or false, found a string\n");
  CHECK(problems_after([](json& c) { c["questions"] = json::object(); }) ==
        "questions: expected an array [ ... ], found an object\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["title"]["en"] = nullptr; }) ==
        "questions[0].title.en: expected a string, found null\n");
}

TEST_CASE("consultation loader: every text needs English, and nothing empty") {
  CHECK(problems_after([](json& c) { c["questions"][0]["options"][1]["label"] = json::object(); }) ==
        "questions[0].options[1].label: missing \"en\"\n");
  CHECK(problems_after([](json& c) { c["thank_you"]["en"] = "  "; }) == "thank_you.en: is empty\n");
  CHECK(problems_after([](json& c) { c["title"]["en"] = std::string("Tab\there"); }) ==
        "title.en: contains a control character (only line breaks are allowed)\n");
  CHECK(problems_after([](json& c) { c["intro"]["en"] = "Line one\nLine two"; }) == "");
}

TEST_CASE("consultation loader: languages and missing translations") {
  SUBCASE("a translation in an undeclared language is a problem") {
    CHECK(problems_after([](json& c) { c["title"]["de"] = "Titel"; }) ==
          "title.de: language \"de\" is not listed in \"languages\"\n");
  }
  SUBCASE("a missing translation of a declared language is only a warning") {
    json consultation = minimal();
    consultation["languages"] = {"en", "pl"};
    for (const char* key : {"title", "intro", "privacy", "thank_you"}) consultation[key]["pl"] = "Tekst";
    consultation["questions"][0]["title"]["pl"] = "Wybierz";
    const LoadResult result = load(consultation);
    CHECK(result.ok());
    CHECK(lines(result.warnings) ==
          "questions[0].options[0].label: missing \"pl\"\n"
          "questions[0].options[1].label: missing \"pl\"\n");
  }
  SUBCASE("the language list itself") {
    CHECK(problems_after([](json& c) { c["languages"] = {"pl"}; }).find(
              "languages: must include \"en\"\n") != std::string::npos);
    CHECK(problems_after([](json& c) { c["languages"] = {"en", "Polish", "en"}; }) ==
          "languages[1]: \"Polish\" is not a language code like \"en\" or \"zh-Hans\"\n"
          "languages[2]: \"en\" is listed twice\n");
    CHECK(problems_after([](json& c) { c["languages"] = {"en", "zh-Hans", "pt-BR"}; }).find(
              "languages") == std::string::npos);
  }
}

TEST_CASE("consultation loader: format, id and version") {
  CHECK(problems_after([](json& c) { c["format"] = 2; }) ==
        "format: must be 1 (this kiosk reads format 1 files)\n");
  CHECK(problems_after([](json& c) { c["id"] = "Residents Conversation"; }) ==
        "id: may only use a-z, 0-9, \"-\" and \"_\"\n");
  CHECK(problems_after([](json& c) { c["id"] = ""; }) == "id: is empty\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["id"] = std::string(65, 'q'); }) ==
        "questions[0].id: is longer than 64 characters\n");
  CHECK(problems_after([](json& c) { c["version"] = 0; }) == "version: must be 1 or more\n");
  CHECK(problems_after([](json& c) { c["version"] = 18446744073709551615ull; }) ==
        "version: is too large\n");
  CHECK(problems_after([](json& c) { c["questions"] = json::array(); }) ==
        "questions: needs at least one question\n");
}

TEST_CASE("consultation loader: unknown type") {
  CHECK(problems_after([](json& c) { c["questions"][0]["type"] = "dropdown"; }) ==
        "questions[0].type: unknown type \"dropdown\"; use one of info, consent, single_choice, "
        "multiple_choice, rating, scale, free_text, ranking, area\n");
}

TEST_CASE("consultation loader: unknown keys and keys of another type") {
  CHECK(problems_after([](json& c) { c["titel"] = label("Typo"); }) ==
        "(root): unknown key \"titel\"\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["option"] = 1; }) ==
        "questions[0]: unknown key \"option\"\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["options"][0]["others"] = true; }) ==
        "questions[0].options[0]: unknown key \"others\"\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["rank_count"] = 1; }) ==
        "questions[0].rank_count: is not used by single_choice questions\n");
  CHECK(problems_after([](json& c) { c["$schema"] = "consultation.schema.json"; }) == "");
}

TEST_CASE("consultation loader: duplicate ids") {
  CHECK(lines(load(with_questions({valid_question("q1", "info"), valid_question("q1", "scale")}))
                  .problems) == "questions[1].id: \"q1\" is already used by questions[0]\n");
  CHECK(problems_after([](json& c) { c["questions"][0]["options"][1]["id"] = "a"; }) ==
        "questions[0].options[1].id: \"a\" is already used by questions[0].options[0]\n");
}

TEST_CASE("consultation loader: show_if must refer to an earlier question") {
  const json choice = valid_question("q1", "single_choice");
  CHECK(show_if_problems({choice}, {{"question", "q9"}, {"any_of", {"a"}}}) ==
        "questions[1].show_if: refers to unknown question \"q9\"\n");
  CHECK(show_if_problems({choice}, {{"question", "last"}, {"any_of", {"a"}}}) ==
        "questions[1].show_if: refers to its own question\n");

  json consultation = with_questions({valid_question("q1", "info"), choice});
  consultation["questions"][0]["show_if"] = {{"question", "q1b"}, {"any_of", {"a"}}};
  consultation["questions"][1]["id"] = "q1b";
  CHECK(lines(load(consultation).problems) ==
        "questions[0].show_if: refers to a later question (\"q1b\"); it can only depend on an "
        "earlier one\n");
}

TEST_CASE("consultation loader: show_if values must be possible answers") {
  SUBCASE("choices") {
    const json choice = valid_question("q1", "multiple_choice");
    CHECK(show_if_problems({choice}, {{"question", "q1"}, {"any_of", {"a", "c"}}}) == "");
    CHECK(show_if_problems({choice}, {{"question", "q1"}, {"any_of", {"a", "z"}}}) ==
          "questions[1].show_if.any_of[1]: \"z\" is not an option of \"q1\"\n");
  }
  SUBCASE("rating, scale and consent") {
    const std::vector<json> earlier = {valid_question("r", "rating"), valid_question("s", "scale"),
                                       valid_question("c", "consent")};
    CHECK(show_if_problems(earlier, {{"question", "r"}, {"any_of", {"1", "5"}}}) == "");
    CHECK(show_if_problems(earlier, {{"question", "r"}, {"any_of", {"0", "05"}}}) ==
          "questions[3].show_if.any_of[0]: \"0\" is not a rating: use \"1\" to \"5\"\n"
          "questions[3].show_if.any_of[1]: \"05\" is not a rating: use \"1\" to \"5\"\n");
    CHECK(show_if_problems(earlier, {{"question", "s"}, {"any_of", {"0", "10"}}}) == "");
    CHECK(show_if_problems(earlier, {{"question", "s"}, {"any_of", {"11"}}}) ==
          "questions[3].show_if.any_of[0]: \"11\" is not a point on the scale: use \"0\" to \"10\"\n");
    CHECK(show_if_problems(earlier, {{"question", "c"}, {"any_of", {"agreed", "declined"}}}) == "");
    CHECK(show_if_problems(earlier, {{"question", "c"}, {"any_of", {"yes"}}}) ==
          "questions[3].show_if.any_of[0]: \"yes\" is not a consent answer: use \"agreed\" or "
          "\"declined\"\n");
  }
  SUBCASE("questions without a testable answer") {
    CHECK(show_if_problems({valid_question("i", "info")}, {{"question", "i"}, {"any_of", {"a"}}}) ==
          "questions[1].show_if: refers to an info screen, which has no answer\n");
    CHECK(show_if_problems({valid_question("t", "free_text")}, {{"question", "t"}, {"any_of", {"a"}}})
              .starts_with("questions[1].show_if: refers to a free_text question"));
  }
  SUBCASE("shape") {
    const json choice = valid_question("q1", "single_choice");
    CHECK(show_if_problems({choice}, {{"question", "q1"}, {"any_of", json::array()}}) ==
          "questions[1].show_if.any_of: needs at least one value\n");
    CHECK(show_if_problems({choice}, {{"question", "q1"}, {"any_of", {1}}, {"all_of", {"a"}}}) ==
          "questions[1].show_if: unknown key \"all_of\"\n"
          "questions[1].show_if.any_of[0]: expected a string, found a whole number\n");
  }
}

TEST_CASE("consultation loader: min_select and max_select") {
  const auto problems = [](int min, int max) {
    json question = valid_question("q1", "multiple_choice");  // three options
    question["min_select"] = min;
    question["max_select"] = max;
    return lines(load(with_questions({question})).problems);
  };
  CHECK(problems(0, 0) == "");  // 0 = no limit
  CHECK(problems(1, 3) == "");
  CHECK(problems(2, 2) == "");
  CHECK(problems(3, 2) == "questions[0].max_select: is less than min_select (3); use 0 for no limit\n");
  CHECK(problems(4, 0) == "questions[0].min_select: is more than the number of options (3)\n");
  CHECK(problems(0, 4) == "questions[0].max_select: is more than the number of options (3)\n");
  CHECK(problems(-1, 0) == "questions[0].min_select: must be 0 or more\n");
}

TEST_CASE("consultation loader: options") {
  CHECK(problems_after([](json& c) { c["questions"][0]["options"].erase(1); }) ==
        "questions[0].options: needs at least 2 options\n");
  CHECK(problems_after([](json& c) {
          for (auto& option : c["questions"][0]["options"]) option["other"] = true;
        }) == "questions[0].options[1].other: only one option can be \"other\"\n");
  CHECK(problems_after([](json& c) {
          c["questions"][0]["options"][0]["other"] = true;
          c["questions"][0]["options"][0]["prefer_not_to_say"] = true;
        }) == "questions[0].options[0]: cannot be both \"other\" and \"prefer_not_to_say\"\n");
  json ranking = valid_question("q1", "ranking");
  ranking["options"][0]["prefer_not_to_say"] = true;
  CHECK(lines(load(with_questions({ranking})).problems) ==
        "questions[0].options[0]: a ranking option cannot be \"other\" or \"prefer_not_to_say\"\n");
}

TEST_CASE("consultation loader: rating labels, scale labels, free text and ranking limits") {
  json rating = valid_question("q1", "rating");
  rating["rating_labels"].erase(4);
  CHECK(lines(load(with_questions({rating})).problems) ==
        "questions[0].rating_labels: needs exactly 5 labels, worst to best; found 4\n");

  json scale = valid_question("q1", "scale");
  scale.erase("high_label");
  CHECK(lines(load(with_questions({scale})).problems) == "questions[0]: missing \"high_label\"\n");

  json text = valid_question("q1", "free_text");
  text["max_length"] = 5001;
  CHECK(lines(load(with_questions({text})).problems) ==
        "questions[0].max_length: must be between 1 and 5000\n");

  json ranking = valid_question("q1", "ranking");
  ranking["rank_count"] = 4;
  CHECK(lines(load(with_questions({ranking})).problems) ==
        "questions[0].rank_count: is more than the number of options (3)\n");
  ranking.erase("rank_count");
  CHECK(lines(load(with_questions({ranking})).problems) == "questions[0]: missing \"rank_count\"\n");
}

TEST_CASE("consultation loader: nesting too deep is refused before parsing") {
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  CHECK(lines(kiosk::load_consultation(deep).problems) ==
        "(root): nested too deeply (more than 64 levels)\n");
  const std::string at_limit = std::string(64, '[') + std::string(64, ']');
  CHECK(lines(kiosk::load_consultation(at_limit).problems) ==
        "(root): expected an object { ... }, found an array\n");
  // Brackets inside strings (even after an escaped quote) are text, not nesting.
  json consultation = minimal();
  consultation["intro"]["en"] = "\"" + std::string(100, '[');
  CHECK(load(consultation).ok());
}

TEST_CASE("consultation loader: files over 4 MiB are refused") {
  const std::string big(4 * 1024 * 1024 + 1, ' ');
  CHECK(lines(kiosk::load_consultation(big).problems) == "(root): file is too big (over 4 MiB)\n");
  // An endless file is read only up to the limit.
  CHECK(lines(kiosk::load_consultation_file("/dev/zero").problems) ==
        "(root): file is too big (over 4 MiB)\n");
}

TEST_CASE("consultation loader: several problems are reported at once, each with its path") {
  const LoadResult result = kiosk::load_consultation_file(kData + "several-problems.json");
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.consultation);
  CHECK(lines(result.problems) ==
        "(root): missing \"thank_you\"\n"
        "questions[0].options[1].label: missing \"en\"\n"
        "questions[1]: unknown key \"titel\"\n"
        "questions[1]: missing \"title\"\n"
        "questions[1].options[1].id: \"a\" is already used by questions[1].options[0]\n"
        "questions[1].max_select: is more than the number of options (2)\n"
        "questions[2].show_if: refers to unknown question \"q9\"\n"
        "questions[3].show_if.any_of[1]: \"c\" is not an option of \"q1\"\n");
}
