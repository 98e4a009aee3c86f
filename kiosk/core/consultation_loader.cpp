// Loads and validates consultation files (format: docs/consultation-format.md).
// Every check reports its problem and carries on, so staff see all of them in one go.
#include "consultation_loader.h"
#include "json_guard.h"
#include "whitespace.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBytes = 4 * 1024 * 1024;
constexpr int kMaxDepth = 64;  // a consultation needs about 6 levels
constexpr int kFormat = 1;
constexpr int kMaxTextLength = 5000;
constexpr std::size_t kMaxIdLength = 64;
constexpr const char* kRoot = "(root)";

// ---------- paths and messages ----------

std::string at_key(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string at_index(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string expected(std::string_view what, const json& found) {
  return "expected " + std::string(what) + ", found " + json_kind_name(found);
}

std::string range_message(long long number, int min, int max) {
  if (max != INT_MAX) return "must be between " + std::to_string(min) + " and " + std::to_string(max);
  return number < min ? "must be " + std::to_string(min) + " or more" : "is too large";
}

template <typename Range>
bool contains(const Range& range, std::string_view value) {
  return std::find(std::begin(range), std::end(range), value) != std::end(range);
}

// ---------- checks on plain strings ----------


// Line breaks are how texts make paragraphs; any other control character is a mistake
// (and a NUL would cut the text short in C APIs).
bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n') || byte == 0x7f;
  });
}

// Ids are stored with every answer and used in exports, so keep them plain.
std::optional<std::string> id_problem(std::string_view id) {
  if (id.empty()) return "is empty";
  if (id.size() > kMaxIdLength) return "is longer than " + std::to_string(kMaxIdLength) + " characters";
  const bool plain = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!plain) return "may only use a-z, 0-9, \"-\" and \"_\"";
  return std::nullopt;
}

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alnum(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_run_of(std::string_view text, std::size_t min, std::size_t max, bool (*in_class)(char)) {
  return text.size() >= min && text.size() <= max && std::all_of(text.begin(), text.end(), in_class);
}

// A BCP 47-style code: "en", "pl", "zh-Hans", "pt-BR".
bool is_language_code(std::string_view code) {
  auto dash = code.find('-');
  if (!is_run_of(code.substr(0, dash), 2, 3, is_lower)) return false;
  while (dash != code.npos) {
    code.remove_prefix(dash + 1);
    dash = code.find('-');
    if (!is_run_of(code.substr(0, dash), 2, 8, is_alnum)) return false;
  }
  return true;
}

// The answer values the flow engine compares with: std::to_string of the number.
bool is_number_between(const std::string& text, int min, int max) {
  for (int n = min; n <= max; ++n)
    if (text == std::to_string(n)) return true;
  return false;
}

// Why `value` can never be an answer to `target` (empty when it can).
std::string answer_mismatch(const Question& target, const std::string& value) {
  switch (target.type) {
    case QuestionType::Consent:
      if (value == "agreed" || value == "declined") return "";
      return in_quotes(value) + " is not a consent answer: use \"agreed\" or \"declined\"";
    case QuestionType::Rating:
      if (is_number_between(value, 1, 5)) return "";
      return in_quotes(value) + " is not a rating: use \"1\" to \"5\"";
    case QuestionType::Scale:
      if (is_number_between(value, 0, 10)) return "";
      return in_quotes(value) + " is not a point on the scale: use \"0\" to \"10\"";
    default:
      for (const auto& option : target.options)
        if (option.id == value) return "";
      return in_quotes(value) + " is not an option of " + in_quotes(target.id);
  }
}

// ---------- question keys ----------

// Keys every question may have; the others depend on its type.
constexpr std::string_view kCommonQuestionKeys[] = {"id", "type", "title", "help", "show_if"};
constexpr std::string_view kTypeSpecificKeys[] = {"required",  "options",       "min_select",
                                                  "max_select", "rating_labels", "low_label",
                                                  "high_label", "max_length",    "rank_count"};

std::vector<std::string_view> type_keys(QuestionType type) {
  switch (type) {
    case QuestionType::Info: return {};
    case QuestionType::Consent: return {"required"};
    case QuestionType::SingleChoice:
    case QuestionType::Area: return {"required", "options", "max_length"};
    case QuestionType::MultipleChoice:
      return {"required", "options", "min_select", "max_select", "max_length"};
    case QuestionType::Rating: return {"required", "rating_labels"};
    case QuestionType::Scale: return {"required", "low_label", "high_label"};
    case QuestionType::FreeText: return {"required", "max_length"};
    case QuestionType::Ranking: return {"required", "options", "rank_count"};
  }
  return {};
}

// "info, consent, ...": QuestionType counts up from Info to Area.
std::string type_names() {
  std::string names;
  for (int type = 0; type <= static_cast<int>(QuestionType::Area); ++type)
    names += (names.empty() ? "" : ", ") + std::string(to_string(static_cast<QuestionType>(type)));
  return names;
}

// ---------- bytes before parsing ----------


// "line 3, column 14" for the character at `offset`, counting characters rather than bytes
// so the column matches what a text editor shows.
std::string line_and_column(std::string_view bytes, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (const char c : bytes.substr(0, offset)) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's explanation without its "[json.exception...] parse error at ...: " prefix, in
// printable ASCII only: its "last read" part quotes raw bytes, which may not be valid UTF-8.
std::string parse_error_reason(std::string_view what) {
  if (const auto bracket = what.find("] "); bracket != what.npos) what.remove_prefix(bracket + 2);
  if (what.starts_with("parse error"))
    if (const auto colon = what.find(": "); colon != what.npos) what.remove_prefix(colon + 2);
  std::string reason;
  for (const char c : what.substr(0, 160)) reason += (c >= 0x20 && c < 0x7f) ? c : '?';
  return reason;
}

// Called only after the non-throwing parse failed: parse again, with exceptions, to learn where.
std::string describe_parse_error(std::string_view bytes) {
  try {
    [[maybe_unused]] const json reparsed = json::parse(bytes.begin(), bytes.end());
  } catch (const json::parse_error& error) {
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;  // error.byte counts from 1
    return "not valid JSON at " + line_and_column(bytes, offset) + ": " + parse_error_reason(error.what());
  } catch (const json::exception& error) {  // e.g. a number too large to hold
    return "not valid JSON: " + parse_error_reason(error.what());
  }
  return "not valid JSON";
}

// ---------- the checker ----------

class Checker {
 public:
  explicit Checker(LoadResult& result) : result_(result) {}
  Consultation consultation(const json& root);

 private:
  void problem(const std::string& path, std::string message) {
    result_.problems.push_back({path.empty() ? kRoot : path, std::move(message)});
  }
  void warning(const std::string& path, std::string message) {
    result_.warnings.push_back({path.empty() ? kRoot : path, std::move(message)});
  }

  // Field readers: each reports a missing field (when required) or a wrong type, and
  // returns what it could read.
  const json* field(const json& object, const std::string& path, std::string_view key, bool required);
  const json* array_field(const json& object, const std::string& path, std::string_view key);
  std::optional<std::string> string_field(const json& object, const std::string& path,
                                          std::string_view key);
  std::string id_field(const json& object, const std::string& path);
  std::optional<int> int_field(const json& object, const std::string& path, std::string_view key,
                               int min, int max, bool required);
  std::optional<bool> bool_field(const json& object, const std::string& path, std::string_view key);
  LocalizedText text_field(const json& object, const std::string& path, std::string_view key,
                           bool required);
  LocalizedText text(const json& value, const std::string& path);
  void check_keys(const json& object, const std::string& path,
                  std::initializer_list<std::string_view> allowed);

  void check_format(const json& root);
  std::vector<std::string> languages(const json& root);
  std::vector<Question> questions(const json& root);
  Question question(const json& value, const std::string& path);
  std::optional<QuestionType> question_type(const json& question, const std::string& path);
  void check_question_keys(const json& question, const std::string& path,
                           std::optional<QuestionType> type);
  void type_fields(Question& question, const json& value, const std::string& path);
  std::vector<Option> options(const json& question, const std::string& path, QuestionType type);
  Option option(const json& value, const std::string& path, QuestionType type);
  void check_special_options(const std::vector<Option>& options, const std::string& path);
  void select_limits(Question& question, const json& value, const std::string& path);
  void rank_count(Question& question, const json& value, const std::string& path);
  std::vector<LocalizedText> rating_labels(const json& question, const std::string& path);
  std::optional<ShowIf> show_if(const json& question, const std::string& path);
  std::optional<std::vector<std::string>> string_list(const json& object, const std::string& path,
                                                      std::string_view key);
  void check_conditions(const Consultation& consultation);
  void check_condition_values(const Question& target, const ShowIf& condition,
                              const std::string& path);
  template <typename Item>
  void check_unique_ids(const std::vector<Item>& items, const std::string& list_path);

  LoadResult& result_;
  std::vector<std::string> languages_;          // declared languages, once read
  std::set<std::string> ids_with_unknown_type_;  // show_if cannot check answers to these
};

const json* Checker::field(const json& object, const std::string& path, std::string_view key,
                           bool required) {
  if (const auto it = object.find(key); it != object.end()) return &*it;
  if (required) problem(path, "missing " + in_quotes(key));
  return nullptr;
}

const json* Checker::array_field(const json& object, const std::string& path, std::string_view key) {
  const json* value = field(object, path, key, true);
  if (!value || value->is_array()) return value;
  problem(at_key(path, key), expected("an array [ ... ]", *value));
  return nullptr;
}

std::optional<std::string> Checker::string_field(const json& object, const std::string& path,
                                                 std::string_view key) {
  const json* value = field(object, path, key, true);
  if (!value) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  problem(at_key(path, key), expected("a string", *value));
  return std::nullopt;
}

// Returns the id even when it breaks the rules, so later checks (show_if, duplicates) do
// not pile more problems on the one already reported.
std::string Checker::id_field(const json& object, const std::string& path) {
  const auto id = string_field(object, path, "id");
  if (!id) return "";
  if (const auto why = id_problem(*id)) problem(at_key(path, "id"), *why);
  return *id;
}

std::optional<int> Checker::int_field(const json& object, const std::string& path,
                                      std::string_view key, int min, int max, bool required) {
  const json* value = field(object, path, key, required);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) {
    problem(at_key(path, key), expected("a whole number", *value));
    return std::nullopt;
  }
  const long long number = value->is_number_unsigned()
                               ? static_cast<long long>(std::min<std::uint64_t>(
                                     value->get<std::uint64_t>(), LLONG_MAX))
                               : value->get<long long>();
  if (number < min || number > max) {
    problem(at_key(path, key), range_message(number, min, max));
    return std::nullopt;
  }
  return static_cast<int>(number);
}

std::optional<bool> Checker::bool_field(const json& object, const std::string& path,
                                        std::string_view key) {
  const json* value = field(object, path, key, false);
  if (!value) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  problem(at_key(path, key), expected("true or false", *value));
  return std::nullopt;
}

LocalizedText Checker::text_field(const json& object, const std::string& path, std::string_view key,
                                  bool required) {
  const json* value = field(object, path, key, required);
  return value ? text(*value, at_key(path, key)) : LocalizedText{};
}

LocalizedText Checker::text(const json& value, const std::string& path) {
  LocalizedText out;
  if (!value.is_object()) {
    problem(path, expected("an object of translations like {\"en\": \"...\"}", value));
    return out;
  }
  for (const auto& item : value.items()) {
    const std::string& lang = item.key();
    const std::string lang_path = at_key(path, lang);
    if (!languages_.empty() && !contains(languages_, lang))
      problem(lang_path, "language " + in_quotes(lang) + " is not listed in \"languages\"");
    if (!item.value().is_string()) {
      problem(lang_path, expected("a string", item.value()));
      continue;
    }
    const auto& translation = item.value().get_ref<const std::string&>();
    if (is_blank(translation))
      problem(lang_path, "is empty");
    else if (has_control_character(translation))
      problem(lang_path, "contains a control character (only line breaks are allowed)");
    out[lang] = translation;
  }
  if (!value.contains("en")) problem(path, "missing \"en\"");
  for (const auto& lang : languages_)
    if (lang != "en" && !value.contains(lang)) warning(path, "missing " + in_quotes(lang));
  return out;
}

void Checker::check_keys(const json& object, const std::string& path,
                         std::initializer_list<std::string_view> allowed) {
  for (const auto& item : object.items())
    if (!contains(allowed, item.key())) problem(path, "unknown key " + in_quotes(item.key()));
}

Consultation Checker::consultation(const json& root) {
  Consultation consultation;
  check_keys(root, "", {"$schema", "format", "id", "version", "languages", "title", "intro",
                        "privacy", "thank_you", "questions"});
  check_format(root);
  // "$schema" only helps editors find docs/consultation.schema.json; the kiosk ignores it.
  if (root.contains("$schema")) string_field(root, "", "$schema");
  consultation.id = id_field(root, "");
  consultation.version = int_field(root, "", "version", 1, INT_MAX, true).value_or(1);
  consultation.languages = languages_ = languages(root);
  consultation.title = text_field(root, "", "title", true);
  consultation.intro = text_field(root, "", "intro", true);
  consultation.privacy = text_field(root, "", "privacy", true);
  consultation.thank_you = text_field(root, "", "thank_you", true);
  consultation.questions = questions(root);
  check_unique_ids(consultation.questions, "questions");
  check_conditions(consultation);
  return consultation;
}

void Checker::check_format(const json& root) {
  const json* format = field(root, "", "format", true);
  if (format && !(format->is_number_integer() && *format == kFormat))
    problem("format", "must be 1 (this kiosk reads format 1 files)");
}

std::vector<std::string> Checker::languages(const json& root) {
  std::vector<std::string> codes;
  const json* list = array_field(root, "", "languages");
  if (!list) return codes;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& code = (*list)[i];
    const std::string path = at_index("languages", i);
    if (!code.is_string())
      problem(path, expected("a string", code));
    else if (!is_language_code(code.get_ref<const std::string&>()))
      problem(path, in_quotes(code.get<std::string>()) + " is not a language code like \"en\" or \"zh-Hans\"");
    else if (contains(codes, code.get<std::string>()))
      problem(path, in_quotes(code.get<std::string>()) + " is listed twice");
    else
      codes.push_back(code.get<std::string>());
  }
  if (!contains(codes, "en")) problem("languages", "must include \"en\"");
  return codes;
}

std::vector<Question> Checker::questions(const json& root) {
  std::vector<Question> questions;
  const json* list = array_field(root, "", "questions");
  if (!list) return questions;
  if (list->empty()) problem("questions", "needs at least one question");
  for (std::size_t i = 0; i < list->size(); ++i)
    questions.push_back(question((*list)[i], at_index("questions", i)));
  return questions;
}

Question Checker::question(const json& value, const std::string& path) {
  Question question;
  if (!value.is_object()) {
    problem(path, expected("an object", value));
    return question;
  }
  question.id = id_field(value, path);
  const auto type = question_type(value, path);
  check_question_keys(value, path, type);
  question.title = text_field(value, path, "title", true);
  question.help = text_field(value, path, "help", false);
  question.show_if = show_if(value, path);
  if (!type) {
    ids_with_unknown_type_.insert(question.id);
    return question;
  }
  question.type = *type;
  question.required = bool_field(value, path, "required").value_or(false);
  type_fields(question, value, path);
  return question;
}

std::optional<QuestionType> Checker::question_type(const json& question, const std::string& path) {
  const auto name = string_field(question, path, "type");
  if (!name) return std::nullopt;
  const auto type = question_type_from_string(*name);
  if (!type) problem(at_key(path, "type"), "unknown type " + in_quotes(*name) + "; use one of " + type_names());
  return type;
}

// Unknown keys are usually typos ("titel"); a key of another type is usually a wrong "type".
void Checker::check_question_keys(const json& question, const std::string& path,
                                  std::optional<QuestionType> type) {
  for (const auto& item : question.items()) {
    const std::string& key = item.key();
    if (contains(kCommonQuestionKeys, key) || (type && contains(type_keys(*type), key))) continue;
    if (!contains(kTypeSpecificKeys, key))
      problem(path, "unknown key " + in_quotes(key));
    else if (type)
      problem(at_key(path, key), "is not used by " + std::string(to_string(*type)) + " questions");
  }
}

void Checker::type_fields(Question& question, const json& value, const std::string& path) {
  const auto max_length = [&] {
    return int_field(value, path, "max_length", 1, kMaxTextLength, false).value_or(question.max_length);
  };
  switch (question.type) {
    case QuestionType::Info:
    case QuestionType::Consent:
      break;
    case QuestionType::SingleChoice:
    case QuestionType::Area:
      question.options = options(value, path, question.type);
      question.max_length = max_length();
      break;
    case QuestionType::MultipleChoice:
      question.options = options(value, path, question.type);
      question.max_length = max_length();
      select_limits(question, value, path);
      break;
    case QuestionType::Rating:
      question.rating_labels = rating_labels(value, path);
      break;
    case QuestionType::Scale:
      question.low_label = text_field(value, path, "low_label", true);
      question.high_label = text_field(value, path, "high_label", true);
      break;
    case QuestionType::FreeText:
      question.max_length = max_length();
      break;
    case QuestionType::Ranking:
      question.options = options(value, path, question.type);
      rank_count(question, value, path);
      break;
  }
}

std::vector<Option> Checker::options(const json& question, const std::string& question_path,
                                     QuestionType type) {
  std::vector<Option> options;
  const json* list = array_field(question, question_path, "options");
  if (!list) return options;
  const std::string path = at_key(question_path, "options");
  if (list->size() < 2) problem(path, "needs at least 2 options");
  for (std::size_t i = 0; i < list->size(); ++i)
    options.push_back(option((*list)[i], at_index(path, i), type));
  check_unique_ids(options, path);
  check_special_options(options, path);
  return options;
}

Option Checker::option(const json& value, const std::string& path, QuestionType type) {
  Option option;
  if (!value.is_object()) {
    problem(path, expected("an object", value));
    return option;
  }
  check_keys(value, path, {"id", "label", "other", "prefer_not_to_say"});
  option.id = id_field(value, path);
  option.label = text_field(value, path, "label", true);
  option.is_other = bool_field(value, path, "other").value_or(false);
  option.is_prefer_not_to_say = bool_field(value, path, "prefer_not_to_say").value_or(false);
  if (option.is_other && option.is_prefer_not_to_say)
    problem(path, "cannot be both \"other\" and \"prefer_not_to_say\"");
  else if (type == QuestionType::Ranking && (option.is_other || option.is_prefer_not_to_say))
    problem(path, "a ranking option cannot be \"other\" or \"prefer_not_to_say\"");
  return option;
}

// The screens have room for one "Other" text box and one exclusive "Prefer not to say".
void Checker::check_special_options(const std::vector<Option>& options, const std::string& path) {
  int others = 0;
  int prefer_not = 0;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (options[i].is_other && ++others > 1)
      problem(at_key(at_index(path, i), "other"), "only one option can be \"other\"");
    if (options[i].is_prefer_not_to_say && ++prefer_not > 1)
      problem(at_key(at_index(path, i), "prefer_not_to_say"),
              "only one option can be \"prefer_not_to_say\"");
  }
}

void Checker::select_limits(Question& question, const json& value, const std::string& path) {
  question.min_select = int_field(value, path, "min_select", 0, INT_MAX, false).value_or(0);
  question.max_select = int_field(value, path, "max_select", 0, INT_MAX, false).value_or(0);
  if (question.options.empty()) return;  // already reported; comparing would only add noise
  const int count = static_cast<int>(question.options.size());
  const std::string too_many = "is more than the number of options (" + std::to_string(count) + ")";
  if (question.min_select > count) problem(at_key(path, "min_select"), too_many);
  if (question.max_select > count)
    problem(at_key(path, "max_select"), too_many);
  else if (question.max_select != 0 && question.max_select < question.min_select)
    problem(at_key(path, "max_select"), "is less than min_select (" +
                                            std::to_string(question.min_select) +
                                            "); use 0 for no limit");
}

void Checker::rank_count(Question& question, const json& value, const std::string& path) {
  const auto count = int_field(value, path, "rank_count", 1, INT_MAX, true);
  if (!count) return;
  question.rank_count = *count;
  const auto options = question.options.size();
  if (options > 0 && static_cast<std::size_t>(*count) > options)
    problem(at_key(path, "rank_count"),
            "is more than the number of options (" + std::to_string(options) + ")");
}

std::vector<LocalizedText> Checker::rating_labels(const json& question,
                                                  const std::string& question_path) {
  std::vector<LocalizedText> labels;
  const json* list = array_field(question, question_path, "rating_labels");
  if (!list) return labels;
  const std::string path = at_key(question_path, "rating_labels");
  if (list->size() != 5)
    problem(path, "needs exactly 5 labels, worst to best; found " + std::to_string(list->size()));
  for (std::size_t i = 0; i < list->size(); ++i) labels.push_back(text((*list)[i], at_index(path, i)));
  return labels;
}

// Only the shape here; whether the condition makes sense needs all questions (check_conditions).
std::optional<ShowIf> Checker::show_if(const json& question, const std::string& question_path) {
  const json* value = field(question, question_path, "show_if", false);
  if (!value) return std::nullopt;
  const std::string path = at_key(question_path, "show_if");
  if (!value->is_object()) {
    problem(path, expected("an object", *value));
    return std::nullopt;
  }
  check_keys(*value, path, {"question", "any_of"});
  const auto target = string_field(*value, path, "question");
  const auto any_of = string_list(*value, path, "any_of");
  if (!target || !any_of) return std::nullopt;
  return ShowIf{*target, *any_of};
}

std::optional<std::vector<std::string>> Checker::string_list(const json& object,
                                                             const std::string& path,
                                                             std::string_view key) {
  const json* list = array_field(object, path, key);
  if (!list) return std::nullopt;
  const std::string list_path = at_key(path, key);
  if (list->empty()) problem(list_path, "needs at least one value");
  std::vector<std::string> values;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if ((*list)[i].is_string())
      values.push_back((*list)[i].get<std::string>());
    else
      problem(at_index(list_path, i), expected("a string", (*list)[i]));
  }
  if (values.empty() || values.size() != list->size()) return std::nullopt;
  return values;
}

// Conditions may only look back: the flow engine relies on it to stop its visibility
// recursion, and a resident cannot have answered a later question yet.
void Checker::check_conditions(const Consultation& consultation) {
  for (std::size_t i = 0; i < consultation.questions.size(); ++i) {
    const auto& condition = consultation.questions[i].show_if;
    if (!condition) continue;
    const std::string path = at_key(at_index("questions", i), "show_if");
    const int target = consultation.index_of(condition->question);
    if (target < 0)
      problem(path, "refers to unknown question " + in_quotes(condition->question));
    else if (static_cast<std::size_t>(target) == i)
      problem(path, "refers to its own question");
    else if (static_cast<std::size_t>(target) > i)
      problem(path, "refers to a later question (" + in_quotes(condition->question) +
                        "); it can only depend on an earlier one");
    else if (!ids_with_unknown_type_.contains(condition->question))
      check_condition_values(consultation.questions[target], *condition, path);
  }
}

void Checker::check_condition_values(const Question& target, const ShowIf& condition,
                                     const std::string& path) {
  if (target.type == QuestionType::Info) {
    problem(path, "refers to an info screen, which has no answer");
    return;
  }
  if (target.type == QuestionType::FreeText) {
    problem(path, "refers to a free_text question; show_if can only test choices, ratings, "
                  "scales and consent");
    return;
  }
  for (std::size_t i = 0; i < condition.any_of.size(); ++i)
    if (auto why = answer_mismatch(target, condition.any_of[i]); !why.empty())
      problem(at_index(at_key(path, "any_of"), i), std::move(why));
}

template <typename Item>
void Checker::check_unique_ids(const std::vector<Item>& items, const std::string& list_path) {
  std::map<std::string, std::size_t> first_use;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id.empty()) continue;  // missing ids are reported already
    const auto [first, added] = first_use.emplace(items[i].id, i);
    if (!added)
      problem(at_key(at_index(list_path, i), "id"),
              in_quotes(items[i].id) + " is already used by " + at_index(list_path, first->second));
  }
}

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

LoadResult load_consultation(std::string_view bytes) {
  LoadResult result;
  const auto fail = [&](std::string message) {
    result.problems.push_back({kRoot, std::move(message)});
    return result;
  };
  if (bytes.size() > kMaxBytes) return fail("file is too big (over 4 MiB)");
  if (is_blank(bytes)) return fail("the file is empty");
  if (json_nested_deeper_than(bytes, kMaxDepth))
    return fail("nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
  const json root = json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (root.is_discarded()) return fail(describe_parse_error(bytes));
  if (!root.is_object()) return fail(expected("an object { ... }", root));

  Consultation consultation = Checker(result).consultation(root);
  if (result.problems.empty()) result.consultation = std::move(consultation);
  return result;
}

LoadResult load_consultation_file(const std::string& path) {
  const std::unique_ptr<std::FILE, CloseFile> file(std::fopen(path.c_str(), "rb"));
  // Read at most one byte over the limit: enough to say "too big", and safe on endless files.
  std::string bytes(kMaxBytes + 1, '\0');
  const std::size_t size = file ? std::fread(bytes.data(), 1, bytes.size(), file.get()) : 0;
  if (!file || std::ferror(file.get())) {
    LoadResult result;
    result.problems.push_back({"", "cannot read " + in_quotes(path) + ": " + std::strerror(errno)});
    return result;
  }
  bytes.resize(size);
  return load_consultation(bytes);
}

}  // namespace kiosk
