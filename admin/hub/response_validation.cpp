#include "response_validation.h"
#include "core/json_guard.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <nlohmann/json.hpp>
#include "core/utf8.h"
#include "core/uuid.h"

namespace kiosk::hub {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxChoices = 200;          // far more than any screen can show
constexpr std::size_t kMaxTextBytes = 5000 * 4;   // the loader's max_length, 4 bytes a character

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

Rejection malformed(std::string where, std::string message) {
  return {kMalformed, std::move(where), std::move(message)};
}

Rejection wrong_type(const std::string& where, const char* expected, const json& found) {
  return malformed(where, std::string("expected ") + expected + ", found " + json_kind_name(found));
}

Rejection misfit(std::string where, std::string message) {
  return {kDoesNotFit, std::move(where), std::move(message)};
}

bool is_plain_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxIdLength && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Kiosk ids default to "kiosk-" + host name, so upper case and dots are allowed.
bool is_kiosk_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxIdLength && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

bool is_language_tag(const std::string& tag) {
  return tag.size() >= 2 && tag.size() <= 35 && std::all_of(tag.begin(), tag.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

template <typename T>
bool fits(const json& value) {
  if (value.is_number_unsigned())
    return value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
  if (!value.is_number_integer()) return false;
  const int64_t n = value.get<int64_t>();
  return n >= std::numeric_limits<T>::min() && n <= std::numeric_limits<T>::max();
}

std::optional<Rejection> check_string(const json& object, const char* key,
                                      bool (*valid)(const std::string&), const char* rule) {
  const auto it = object.find(key);
  if (it == object.end()) return malformed(key, "missing");
  if (!it->is_string()) return wrong_type(key, "a string", *it);
  if (!valid(it->get_ref<const std::string&>())) return malformed(key, rule);
  return std::nullopt;
}

std::optional<Rejection> check_integer(const json& object, const char* key, int64_t min, int64_t max) {
  const auto it = object.find(key);
  if (it == object.end()) return malformed(key, "missing");
  if (!it->is_number_integer()) return wrong_type(key, "a whole number", *it);
  if (!fits<int64_t>(*it) || it->get<int64_t>() < min || it->get<int64_t>() > max)
    return malformed(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return std::nullopt;
}

std::optional<Rejection> check_answer_shape(const json& answer, const std::string& where) {
  if (!answer.is_object()) return wrong_type(where, "an object", answer);
  bool any = false;
  if (const auto it = answer.find("choices"); it != answer.end()) {
    const std::string at = where + ".choices";
    if (!it->is_array()) return wrong_type(at, "an array of option ids", *it);
    if (it->size() > kMaxChoices) return malformed(at, "has too many choices");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& choice = (*it)[i];
      const std::string choice_at = at + "[" + std::to_string(i) + "]";
      if (!choice.is_string()) return wrong_type(choice_at, "a string", choice);
      if (choice.get_ref<const std::string&>().size() > kMaxIdLength)
        return malformed(choice_at, "is longer than " + std::to_string(kMaxIdLength) + " characters");
    }
    any = any || !it->empty();
  }
  if (const auto it = answer.find("number"); it != answer.end()) {
    if (!it->is_number_integer()) return wrong_type(where + ".number", "a whole number", *it);
    if (!fits<int>(*it)) return malformed(where + ".number", "is out of range");
    any = true;
  }
  if (const auto it = answer.find("text"); it != answer.end()) {
    if (!it->is_string()) return wrong_type(where + ".text", "a string", *it);
    if (it->get_ref<const std::string&>().size() > kMaxTextBytes)
      return malformed(where + ".text", "is far too long");
    any = any || !it->get_ref<const std::string&>().empty();
  }
  if (!any) return malformed(where, "is empty: only answered questions are sent");
  return std::nullopt;
}

std::optional<Rejection> check_shape(const json& in) {
  if (!in.is_object()) return wrong_type("", "an object", in);
  if (auto r = check_string(in, "id", [](const std::string& s) { return looks_like_uuid(s); },
                            "must be a UUID like 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"))
    return r;
  if (auto r = check_string(in, "consultation_id", is_plain_id,
                            "must be a consultation id (a-z, 0-9, \"-\", \"_\", at most 64)"))
    return r;
  if (auto r = check_integer(in, "consultation_version", 1, std::numeric_limits<int>::max())) return r;
  if (auto r = check_string(in, "kiosk_id", is_kiosk_id,
                            "must be a kiosk id (letters, digits, \"-\", \"_\", \".\", at most 64)"))
    return r;
  if (auto r = check_string(in, "language", is_language_tag, "must be a language code like \"en\""))
    return r;
  constexpr int64_t kMaxMs = std::numeric_limits<int64_t>::max();
  if (auto r = check_integer(in, "started_at_ms", 0, kMaxMs)) return r;
  if (auto r = check_integer(in, "submitted_at_ms", 0, kMaxMs)) return r;
  const auto answers = in.find("answers");
  if (answers == in.end()) return malformed("answers", "missing");
  if (!answers->is_object()) return wrong_type("answers", "an object", *answers);
  for (const auto& [question_id, answer] : answers->items()) {
    if (!is_plain_id(question_id))
      return malformed("answers", "key is not a question id: " + quoted(question_id.substr(0, 80)));
    if (auto r = check_answer_shape(answer, "answers." + question_id)) return r;
  }
  return std::nullopt;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const Option* find_option(const Question& q, const std::string& id) {
  for (const auto& option : q.options)
    if (option.id == id) return &option;
  return nullptr;
}

// Every choice is an option of `q`, none twice; and the text rules for "Other".
std::optional<Rejection> check_choices(const Question& q, const Answer& a, const std::string& where) {
  std::set<std::string> seen;
  bool other_chosen = false;
  bool prefer_not = false;
  for (std::size_t i = 0; i < a.choices.size(); ++i) {
    const std::string at = where + ".choices[" + std::to_string(i) + "]";
    const Option* option = find_option(q, a.choices[i]);
    if (!option) return misfit(at, quoted(a.choices[i]) + " is not an option of " + quoted(q.id));
    if (!seen.insert(a.choices[i]).second) return misfit(at, quoted(a.choices[i]) + " is chosen twice");
    other_chosen = other_chosen || option->is_other;
    prefer_not = prefer_not || option->is_prefer_not_to_say;
  }
  if (prefer_not && a.choices.size() > 1)
    return misfit(where + ".choices", "\"prefer not to say\" cannot be chosen with other options");
  if (!a.text.empty() && !other_chosen)
    return misfit(where + ".text", "text is only kept for free text or a chosen \"Other\" option");
  if (!a.text.empty() && utf8_length(a.text) > static_cast<std::size_t>(q.max_length))
    return misfit(where + ".text", "is longer than " + std::to_string(q.max_length) + " characters");
  return std::nullopt;
}

std::optional<Rejection> check_number(const Answer& a, const std::string& where, int min, int max) {
  if (!a.choices.empty()) return misfit(where + ".choices", "this question takes a number, not choices");
  if (!a.text.empty()) return misfit(where + ".text", "this question takes a number, not text");
  if (!a.number) return misfit(where, "missing \"number\"");
  if (*a.number < min || *a.number > max)
    return misfit(where + ".number", "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return std::nullopt;
}

std::optional<Rejection> check_answer(const Question& q, const Answer& a, const std::string& where) {
  const auto no_number = [&]() -> std::optional<Rejection> {
    if (a.number) return misfit(where + ".number", "this question does not take a number");
    return std::nullopt;
  };
  const int count = static_cast<int>(a.choices.size());
  switch (q.type) {
    case QuestionType::Info:
      return misfit(where, quoted(q.id) + " is an information screen and has no answer");
    case QuestionType::Consent:
      if (auto r = no_number()) return r;
      if (!a.text.empty()) return misfit(where + ".text", "a consent answer has no text");
      if (count != 1 || (a.choices[0] != "agreed" && a.choices[0] != "declined"))
        return misfit(where + ".choices", "must be [\"agreed\"] or [\"declined\"]");
      return std::nullopt;
    case QuestionType::SingleChoice:
    case QuestionType::Area:
      if (auto r = no_number()) return r;
      if (count != 1) return misfit(where + ".choices", "must hold exactly one option");
      return check_choices(q, a, where);
    case QuestionType::MultipleChoice: {
      if (auto r = no_number()) return r;
      if (count == 0) return misfit(where + ".choices", "must hold at least one option");
      if (auto r = check_choices(q, a, where)) return r;
      const Option* first = find_option(q, a.choices[0]);
      const bool prefer_not = count == 1 && first && first->is_prefer_not_to_say;
      if (q.min_select > 0 && count < q.min_select && !prefer_not)
        return misfit(where + ".choices", "needs at least " + std::to_string(q.min_select) + " options");
      if (q.max_select > 0 && count > q.max_select)
        return misfit(where + ".choices", "allows at most " + std::to_string(q.max_select) + " options");
      return std::nullopt;
    }
    case QuestionType::Ranking:
      if (auto r = no_number()) return r;
      if (!a.text.empty()) return misfit(where + ".text", "a ranking has no text");
      if (count == 0) return misfit(where + ".choices", "must rank at least one option");
      if (count > q.rank_count)
        return misfit(where + ".choices", "ranks more than " + std::to_string(q.rank_count) + " options");
      return check_choices(q, a, where);
    case QuestionType::Rating:
      return check_number(a, where, 1, 5);
    case QuestionType::Scale:
      return check_number(a, where, 0, 10);
    case QuestionType::FreeText:
      if (auto r = no_number()) return r;
      if (!a.choices.empty()) return misfit(where + ".choices", "a free text question has no choices");
      if (utf8_length(a.text) > static_cast<std::size_t>(q.max_length))
        return misfit(where + ".text", "is longer than " + std::to_string(q.max_length) + " characters");
      return std::nullopt;
  }
  return misfit(where, "unknown question type");
}

}  // namespace

ParsedResponse parse_response(const json& value) {
  ParsedResponse out;
  if (auto problem = check_shape(value)) {
    out.rejection = std::move(problem);
    return out;
  }
  out.response = response_from_json(value);
  if (!out.response) out.rejection = malformed("", "not a response");  // the checks above should see it first
  return out;
}

std::optional<Rejection> validate_against(const Response& r, const Consultation& c) {
  if (!contains(c.languages, r.language))
    return misfit("language", quoted(r.language) + " is not offered by " + quoted(c.id) + " version " +
                                  std::to_string(c.version));
  for (const auto& [question_id, answer] : r.answers) {
    const std::string where = "answers." + question_id;
    const Question* question = c.find(question_id);
    if (!question)
      return misfit(where, "no question " + quoted(question_id) + " in " + quoted(c.id) + " version " +
                               std::to_string(c.version));
    if (auto problem = check_answer(*question, answer, where)) return problem;
  }
  return std::nullopt;
}

}  // namespace kiosk::hub
