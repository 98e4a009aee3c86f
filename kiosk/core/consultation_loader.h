// Loads and validates a consultation file (format: docs/consultation-format.md).
// Never throws and never crashes, whatever the bytes: every problem is reported at once,
// each with the JSON path where it was found.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include <optional>
#include "consultation.h"

namespace kiosk {

struct LoadProblem {
  std::string path;     // JSON path, e.g. "questions[3].options[1].label"
  std::string message;  // plain words, e.g. "missing \"en\""
  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

struct LoadResult {
  std::optional<Consultation> consultation;  // set only when there are no problems
  std::vector<LoadProblem> problems;
  std::vector<LoadProblem> warnings;  // e.g. a missing translation: the consultation still loads
  bool ok() const { return consultation.has_value() && problems.empty(); }
};

LoadResult load_consultation(std::string_view json_bytes);
LoadResult load_consultation_file(const std::string& path);  // a missing/unreadable file is a problem too

}  // namespace kiosk
