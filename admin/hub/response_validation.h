// Checks one uploaded response: first its wire shape (docs/hub-api.md, "Response"), then its
// answers against the consultation version it names. Every refusal says why and where, as a
// JSON path inside the response ("answers.q_age.choices[0]"). Pure functions, no I/O.
//
// What is checked: types and required fields; a UUID id; plain ids; the language is one the
// consultation offers; every answered question exists and is not an info screen; per type,
// option ids belong to the question, no option twice, "prefer not to say" stands alone,
// min/max selections, rank count, rating 1..5, scale 0..10, text only with free text or a
// chosen "Other" option, text at most max_length characters.
// Deliberately NOT checked: "required" questions and show_if branching. Both are screen
// rules; refusing a resident's real answers over them would lose data for no gain.
#pragma once
#include <optional>
#include <string>
#include <nlohmann/json_fwd.hpp>
#include "core/answer.h"
#include "core/consultation.h"

namespace kiosk::hub {

// Reason codes, stable parts of the API (docs/hub-api.md lists them).
inline constexpr const char* kMalformed = "malformed";                 // not a valid response
inline constexpr const char* kWrongKiosk = "wrong_kiosk";              // kiosk_id is not the caller
inline constexpr const char* kUnknownConsultation = "unknown_consultation";  // not published here
inline constexpr const char* kDoesNotFit = "does_not_fit";             // answers do not fit it
inline constexpr const char* kConflict = "conflict";                   // id stored with other content

struct Rejection {
  std::string reason;  // one of the codes above
  std::string where;   // path inside the response, "" for the whole response
  std::string message; // plain words
};

struct ParsedResponse {
  std::optional<Response> response;  // set when the shape is right
  std::optional<Rejection> rejection;
};

// The shape: an object with every field of the right type and in range.
ParsedResponse parse_response(const nlohmann::json& value);

// The answers against the consultation version the response names (the caller looks it up).
std::optional<Rejection> validate_against(const Response& response, const Consultation& consultation);

}  // namespace kiosk::hub
