// Responses as a table: one row per response, one column per question, with readable labels
// in one language. Pure functions, no I/O: kiosk-admin export writes the result as CSV, XLSX
// or JSON, and the tests check it directly.
#pragma once
#include <map>
#include <string>
#include <vector>
#include "core/answer.h"
#include "core/consultation.h"

namespace kiosk::admin {

struct ExportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as header
};

// `versions`: the published versions of one consultation (version -> consultation); at least
// one. Question columns follow the newest version's order; questions only older versions had
// come after them. Info screens get no column. Each response is labelled with the version it
// names (the newest if that version is missing). Fixed columns first:
//   id, kiosk, version, language, started, submitted   (times in UTC, "YYYY-MM-DD HH:MM:SS")
// Question headers are the question titles in `language` (made unique with " (<id>)").
// Cells: single choice / area -> option label; multiple choice -> labels joined with "; ";
// ranking -> "1. A; 2. B"; an "Other" option with text -> "<label>: <text>"; rating -> its
// label; scale -> the number; free text -> the text; consent -> "Agreed" / "Declined".
// Cells hold the raw text: spreadsheet writers neutralise formulas (see csv_cell).
ExportTable build_export_table(const std::map<int, Consultation>& versions, const std::vector<Response>& responses,
                               const std::string& language);

// "YYYY-MM-DD HH:MM:SS" (UTC) for Unix epoch milliseconds; "" for 0.
std::string format_utc(long long epoch_ms);

// True when a spreadsheet would read the text as a formula: it starts with =, +, -, @, tab or CR.
bool looks_like_formula(const std::string& cell);

// One CSV field: a formula-looking text gets a leading apostrophe, then the field is quoted
// (RFC 4180) when it holds a comma, a double quote, CR or LF (quotes doubled).
std::string csv_cell(const std::string& cell);

// The whole table as CSV: UTF-8 with a byte order mark (so Excel reads UTF-8), CRLF line ends.
std::string to_csv(const ExportTable& table);

}  // namespace kiosk::admin
