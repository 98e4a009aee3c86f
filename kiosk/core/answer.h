// A resident's answers, and their JSON form stored with each response.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json_fwd.hpp>

namespace kiosk {

struct Answer {
  std::vector<std::string> choices;  // selected option ids; for ranking, in rank order
  std::optional<int> number;         // rating 1..5, scale 0..10
  std::string text;                  // free text, or the text typed for an "Other" option

  // Consent answers are choices too: {"agreed"} or {"declined"}.
  bool empty() const { return choices.empty() && !number && text.empty(); }
  bool operator==(const Answer&) const = default;
};

// question id -> answer. Only answered (non-empty) questions are kept.
using Answers = std::map<std::string, Answer>;

nlohmann::json answer_to_json(const Answer& answer);
nlohmann::json answers_to_json(const Answers& answers);
// Returns nullopt when the JSON is not an answers object (used by the hub and tests).
std::optional<Answers> answers_from_json(const nlohmann::json& json);

// One submitted response, exactly as stored and uploaded.
struct Response {
  std::string id;                   // random UUID v4
  std::string consultation_id;
  int consultation_version = 0;
  std::string kiosk_id;
  std::string language;
  long long started_at_ms = 0;      // Unix epoch milliseconds
  long long submitted_at_ms = 0;
  Answers answers;
};

nlohmann::json response_to_json(const Response& response);
std::optional<Response> response_from_json(const nlohmann::json& json);

}  // namespace kiosk
