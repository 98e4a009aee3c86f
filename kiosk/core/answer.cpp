#include "answer.h"
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

namespace kiosk {

using nlohmann::json;

// An integer JSON number that `T` holds exactly (get<T>() would silently wrap otherwise).
template <typename T>
static bool fits(const json& value) {
  if (value.is_number_unsigned())
    return value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
  if (!value.is_number_integer()) return false;
  const int64_t n = value.get<int64_t>();
  return n >= std::numeric_limits<T>::min() && n <= std::numeric_limits<T>::max();
}

json answer_to_json(const Answer& answer) {
  json out = json::object();
  if (!answer.choices.empty()) out["choices"] = answer.choices;
  if (answer.number) out["number"] = *answer.number;
  if (!answer.text.empty()) out["text"] = answer.text;
  return out;
}

json answers_to_json(const Answers& answers) {
  json out = json::object();
  for (const auto& [question_id, answer] : answers)
    if (!answer.empty()) out[question_id] = answer_to_json(answer);
  return out;
}

std::optional<Answers> answers_from_json(const json& in) {
  if (!in.is_object()) return std::nullopt;
  Answers answers;
  for (const auto& [question_id, value] : in.items()) {
    if (!value.is_object()) return std::nullopt;
    Answer answer;
    if (auto it = value.find("choices"); it != value.end()) {
      if (!it->is_array()) return std::nullopt;
      for (const auto& choice : *it) {
        if (!choice.is_string()) return std::nullopt;
        answer.choices.push_back(choice.get<std::string>());
      }
    }
    if (auto it = value.find("number"); it != value.end()) {
      if (!fits<int>(*it)) return std::nullopt;
      answer.number = it->get<int>();
    }
    if (auto it = value.find("text"); it != value.end()) {
      if (!it->is_string()) return std::nullopt;
      answer.text = it->get<std::string>();
    }
    if (answer.empty()) return std::nullopt;  // only answered questions are kept
    answers[question_id] = std::move(answer);
  }
  return answers;
}

json response_to_json(const Response& r) {
  return json{{"id", r.id},
              {"consultation_id", r.consultation_id},
              {"consultation_version", r.consultation_version},
              {"kiosk_id", r.kiosk_id},
              {"language", r.language},
              {"started_at_ms", r.started_at_ms},
              {"submitted_at_ms", r.submitted_at_ms},
              {"answers", answers_to_json(r.answers)}};
}

std::optional<Response> response_from_json(const json& in) {
  if (!in.is_object()) return std::nullopt;
  auto str = [&](const char* key, std::string& out) {
    auto it = in.find(key);
    if (it == in.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  auto integer = [&](const char* key, auto& out) {
    auto it = in.find(key);
    if (it == in.end() || !fits<std::remove_reference_t<decltype(out)>>(*it)) return false;
    out = it->get<std::remove_reference_t<decltype(out)>>();
    return true;
  };
  Response r;
  if (!str("id", r.id) || !str("consultation_id", r.consultation_id) ||
      !integer("consultation_version", r.consultation_version) || !str("kiosk_id", r.kiosk_id) ||
      !str("language", r.language) || !integer("started_at_ms", r.started_at_ms) ||
      !integer("submitted_at_ms", r.submitted_at_ms))
    return std::nullopt;
  auto answers_it = in.find("answers");
  if (answers_it == in.end()) return std::nullopt;
  auto answers = answers_from_json(*answers_it);
  if (!answers) return std::nullopt;
  r.answers = std::move(*answers);
  return r;
}

}  // namespace kiosk
