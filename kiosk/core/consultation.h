// The consultation model: what a kiosk asks. Pure data, loaded from JSON (consultation_loader.h).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// Every user-visible string: language code ("en", "pl", "zh-Hans"...) -> text.
using LocalizedText = std::map<std::string, std::string>;

// Text in `lang`, falling back to English, then to any language present, then "".
const std::string& localized(const LocalizedText& text, const std::string& lang);

enum class QuestionType {
  Info,            // a statement screen, nothing to answer
  Consent,         // agree / do not agree
  SingleChoice,    // pick one option
  MultipleChoice,  // pick min..max options
  Rating,          // five faces, 1..5, each labelled
  Scale,           // 0..10 with labelled ends
  FreeText,        // typed on the on-screen keyboard, up to max_length characters
  Ranking,         // order the top N of a list
  Area,            // pick a town/ward or "somewhere else"
};

const char* to_string(QuestionType type);
std::optional<QuestionType> question_type_from_string(const std::string& name);

struct Option {
  std::string id;          // stable id stored with the answer (e.g. "corby")
  LocalizedText label;
  bool is_other = false;   // "Other (please say)": selecting it asks for free text
  bool is_prefer_not_to_say = false;  // exclusive: selecting it clears the others
};

// Show a question only if an earlier answer matches: the earlier question's answer
// contains any of `any_of` (option ids, or numbers written as strings for rating/scale).
struct ShowIf {
  std::string question;
  std::vector<std::string> any_of;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::Info;
  LocalizedText title;
  LocalizedText help;          // optional extra line under the title
  bool required = false;       // optional questions can be skipped with Next
  std::vector<Option> options; // choice, multiple, ranking, area
  int min_select = 0;          // multiple choice
  int max_select = 0;          // multiple choice (0 = no limit)
  std::vector<LocalizedText> rating_labels;  // rating: exactly five labels, worst to best
  LocalizedText low_label;     // scale: label under 0
  LocalizedText high_label;    // scale: label under 10
  int max_length = 500;        // free text, and the text of an "Other" option (in characters)
  int rank_count = 3;          // ranking: how many to put in order
  std::optional<ShowIf> show_if;
};

struct Consultation {
  std::string id;              // e.g. "residents-conversation"
  int version = 1;             // bumped on every published change
  std::vector<std::string> languages;  // languages the consultation is offered in
  LocalizedText title;
  LocalizedText intro;         // shown before the first question
  LocalizedText privacy;       // privacy notice shown before the first question
  LocalizedText thank_you;     // shown after submitting
  std::vector<Question> questions;

  const Question* find(const std::string& question_id) const;
  int index_of(const std::string& question_id) const;  // -1 if absent
};

}  // namespace kiosk
