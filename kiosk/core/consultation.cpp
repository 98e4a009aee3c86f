#include "consultation.h"

namespace kiosk {

const std::string& localized(const LocalizedText& text, const std::string& lang) {
  static const std::string empty;
  if (auto it = text.find(lang); it != text.end() && !it->second.empty()) return it->second;
  if (auto it = text.find("en"); it != text.end() && !it->second.empty()) return it->second;
  for (const auto& [code, value] : text)
    if (!value.empty()) return value;
  return empty;
}

namespace {
struct TypeName { QuestionType type; const char* name; };
constexpr TypeName kTypeNames[] = {
    {QuestionType::Info, "info"},
    {QuestionType::Consent, "consent"},
    {QuestionType::SingleChoice, "single_choice"},
    {QuestionType::MultipleChoice, "multiple_choice"},
    {QuestionType::Rating, "rating"},
    {QuestionType::Scale, "scale"},
    {QuestionType::FreeText, "free_text"},
    {QuestionType::Ranking, "ranking"},
    {QuestionType::Area, "area"},
};
}  // namespace

const char* to_string(QuestionType type) {
  for (const auto& entry : kTypeNames)
    if (entry.type == type) return entry.name;
  return "unknown";
}

std::optional<QuestionType> question_type_from_string(const std::string& name) {
  for (const auto& entry : kTypeNames)
    if (name == entry.name) return entry.type;
  return std::nullopt;
}

const Question* Consultation::find(const std::string& question_id) const {
  for (const auto& q : questions)
    if (q.id == question_id) return &q;
  return nullptr;
}

int Consultation::index_of(const std::string& question_id) const {
  for (size_t i = 0; i < questions.size(); ++i)
    if (questions[i].id == question_id) return static_cast<int>(i);
  return -1;
}

}  // namespace kiosk
