#include "export_table.h"

#include <ctime>
#include <set>

namespace kiosk::admin {

namespace {

const Option* find_option(const Question& q, const std::string& id) {
  for (const auto& o : q.options)
    if (o.id == id) return &o;
  return nullptr;
}

// An option's label in `language`; with the typed text after it when it is the "Other" option.
std::string option_text(const Question& q, const std::string& choice, const Answer& a, const std::string& language) {
  const Option* o = find_option(q, choice);
  if (!o) return choice;  // not in this version (the hub checks, so only for damaged data)
  std::string label = localized(o->label, language);
  if (label.empty()) label = choice;
  if (o->is_other && !a.text.empty()) label += ": " + a.text;
  return label;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string cell_for(const Question& q, const Answer& a, const std::string& language) {
  switch (q.type) {
    case QuestionType::Info:
      return "";
    case QuestionType::Consent:
      if (a.choices.size() == 1 && a.choices[0] == "agreed") return "Agreed";
      if (a.choices.size() == 1 && a.choices[0] == "declined") return "Declined";
      return join(a.choices, "; ");
    case QuestionType::SingleChoice:
    case QuestionType::Area:
    case QuestionType::MultipleChoice: {
      std::vector<std::string> labels;
      for (const auto& c : a.choices) labels.push_back(option_text(q, c, a, language));
      if (a.choices.empty() && !a.text.empty()) labels.push_back(a.text);
      return join(labels, "; ");
    }
    case QuestionType::Ranking: {
      std::vector<std::string> labels;
      for (size_t i = 0; i < a.choices.size(); ++i)
        labels.push_back(std::to_string(i + 1) + ". " + option_text(q, a.choices[i], a, language));
      return join(labels, "; ");
    }
    case QuestionType::Rating:
      if (!a.number) return "";
      if (*a.number >= 1 && *a.number <= static_cast<int>(q.rating_labels.size())) {
        const std::string& label = localized(q.rating_labels[*a.number - 1], language);
        if (!label.empty()) return label;
      }
      return std::to_string(*a.number);
    case QuestionType::Scale:
      return a.number ? std::to_string(*a.number) : "";
    case QuestionType::FreeText:
      return a.text;
  }
  return "";
}

}  // namespace

std::string format_utc(long long epoch_ms) {
  if (epoch_ms == 0) return "";
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  if (!gmtime_r(&seconds, &tm)) return std::to_string(epoch_ms);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
  return buffer;
}

ExportTable build_export_table(const std::map<int, Consultation>& versions, const std::vector<Response>& responses,
                               const std::string& language) {
  ExportTable table;
  table.header = {"id", "kiosk", "version", "language", "started", "submitted"};
  if (versions.empty()) return table;
  const Consultation& newest = versions.rbegin()->second;

  // Columns: the newest version's questions, then questions only older versions had.
  std::vector<std::string> columns;
  std::map<std::string, const Question*> header_source;  // question id -> the question naming its column
  for (const auto& q : newest.questions)
    if (q.type != QuestionType::Info) {
      columns.push_back(q.id);
      header_source[q.id] = &q;
    }
  for (auto it = versions.rbegin(); it != versions.rend(); ++it)
    for (const auto& q : it->second.questions)
      if (q.type != QuestionType::Info && !header_source.count(q.id)) {
        columns.push_back(q.id);
        header_source[q.id] = &q;
      }

  std::set<std::string> used(table.header.begin(), table.header.end());
  for (const auto& id : columns) {
    std::string title = localized(header_source[id]->title, language);
    if (title.empty()) title = id;
    if (used.count(title)) title += " (" + id + ")";
    used.insert(title);
    table.header.push_back(title);
  }

  for (const auto& r : responses) {
    const auto version = versions.find(r.consultation_version);
    const Consultation& c = version != versions.end() ? version->second : newest;
    std::vector<std::string> row = {r.id,
                                    r.kiosk_id,
                                    std::to_string(r.consultation_version),
                                    r.language,
                                    format_utc(r.started_at_ms),
                                    format_utc(r.submitted_at_ms)};
    for (const auto& id : columns) {
      const auto answer = r.answers.find(id);
      const Question* q = c.find(id);
      if (answer == r.answers.end()) {
        row.emplace_back();
      } else if (!q) {
        // Answered a question its version lacks (only for damaged data): keep the raw answer.
        const Answer& a = answer->second;
        std::string raw = join(a.choices, "; ");
        if (a.number) raw += (raw.empty() ? "" : "; ") + std::to_string(*a.number);
        if (!a.text.empty()) raw += (raw.empty() ? "" : "; ") + a.text;
        row.push_back(raw);
      } else {
        row.push_back(cell_for(*q, answer->second, language));
      }
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

bool looks_like_formula(const std::string& cell) {
  if (cell.empty()) return false;
  const char c = cell[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string csv_cell(const std::string& cell) {
  const std::string text = looks_like_formula(cell) ? "'" + cell : cell;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string to_csv(const ExportTable& table) {
  std::string out = "\xEF\xBB\xBF";
  const auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

}  // namespace kiosk::admin
