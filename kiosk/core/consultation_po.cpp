#include "consultation_po.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "catalog.h"
#include "consultation_loader.h"
#include "languages.h"
#include "utf8.h"
#include "whitespace.h"

namespace kiosk {

namespace {

using ordered_json = nlohmann::ordered_json;

void add_text(std::vector<ConsultationText>& out, std::string context, const LocalizedText& text) {
  if (auto it = text.find("en"); it != text.end() && !it->second.empty()) out.push_back({std::move(context), &text});
}

// A PO string literal on one line, as the committed template has them (no wrapping).
std::string po_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char octal[8];
          std::snprintf(octal, sizeof octal, "\\%03o", static_cast<unsigned char>(c));
          out += octal;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string export_po(const Consultation& consultation, const std::string* language) {
  std::string out = "# Texts of the consultation \"" + consultation.id + "\"";
  const i18n::Language* known = language ? i18n::find_language(*language) : nullptr;
  if (language) out += " in " + *language + (known ? std::string(" (") + known->english_name + ")" : "");
  out += ", for translators.\n";
  out += "# msgctxt is the place of the text in the consultation file; keep it as it is.\n";
  out += "msgid \"\"\nmsgstr \"\"\n";
  out += "\"Project-Id-Version: " + consultation.id + " " + std::to_string(consultation.version) + "\\n\"\n";
  if (language) out += "\"Language: " + *language + "\\n\"\n";
  out += "\"MIME-Version: 1.0\\n\"\n";
  out += "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
  out += "\"Content-Transfer-Encoding: 8bit\\n\"\n";
  if (known) out += "\"Plural-Forms: " + std::string(known->plural_forms) + "\\n\"\n";
  for (const ConsultationText& item : consultation_texts(consultation)) {
    std::string translation;
    if (language)
      if (auto it = item.text->find(*language); it != item.text->end()) translation = it->second;
    out += "\nmsgctxt " + po_quoted(item.context) + "\n";
    out += "msgid " + po_quoted(item.text->at("en")) + "\n";
    out += "msgstr " + po_quoted(translation) + "\n";
  }
  return out;
}


std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

ordered_json* find_by_id(ordered_json& list, const std::string& id) {
  if (!list.is_array()) return nullptr;
  for (auto& item : list)
    if (item.is_object() && item.contains("id") && item["id"] == id) return &item;
  return nullptr;
}

// The JSON object {"en": ..., "pl": ...} at a msgctxt, or nullptr.
ordered_json* text_at(ordered_json& root, const std::string& context) {
  const std::vector<std::string> parts = split(context, '.');
  auto member = [](ordered_json* object, const std::string& key) -> ordered_json* {
    if (!object || !object->is_object()) return nullptr;
    auto it = object->find(key);
    return it == object->end() ? nullptr : &*it;
  };
  ordered_json* node = nullptr;
  if (parts.size() == 1) {
    node = member(&root, parts[0]);
  } else if (parts.size() >= 3 && parts[0] == "questions") {
    ordered_json* questions = member(&root, "questions");
    ordered_json* question = questions ? find_by_id(*questions, parts[1]) : nullptr;
    if (!question) return nullptr;
    if (parts.size() == 3) {
      node = member(question, parts[2]);
    } else if (parts.size() == 5 && parts[2] == "options" && parts[4] == "label") {
      ordered_json* options = member(question, "options");
      node = member(options ? find_by_id(*options, parts[3]) : nullptr, "label");
    } else if (parts.size() == 4 && parts[2] == "rating_labels") {
      ordered_json* labels = member(question, "rating_labels");
      const std::string& index = parts[3];
      if (labels && labels->is_array() && !index.empty() && index.size() < 4 &&
          std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const std::size_t i = std::stoul(index);
        if (i < labels->size()) node = &(*labels)[i];
      }
    }
  }
  return node && node->is_object() ? node : nullptr;
}

std::string where(const i18n::CatalogMessage& message, const std::string& file) {
  return file + (message.line ? ":" + std::to_string(message.line) : "") + ": ";
}

// Does a PO file's Language header name this language? "pl_PL" is Polish enough; "uk" or
// "zh-Hant" (for "zh-Hans") is not.
bool same_language(const std::string& header, const std::string& language) {
  if (header.empty() || header == language) return true;
  const auto parts_of = [](const std::string& code) { return split(code, '-'); };
  const auto a = parts_of(header);
  const auto b = parts_of(language);
  if (a[0] != b[0]) return false;
  auto script = [](const std::vector<std::string>& parts) -> std::string {
    for (std::size_t i = 1; i < parts.size(); ++i)
      if (parts[i].size() == 4) return parts[i];
    return "";
  };
  return script(a).empty() || script(b).empty() || script(a) == script(b);
}

std::string shorten(const std::string& text) {
  if (text.size() <= 60) return text;
  return std::string(utf8_prefix(text, 57)) + "...";
}

}  // namespace

std::vector<ConsultationText> consultation_texts(const Consultation& consultation) {
  std::vector<ConsultationText> out;
  add_text(out, "title", consultation.title);
  add_text(out, "intro", consultation.intro);
  add_text(out, "privacy", consultation.privacy);
  add_text(out, "thank_you", consultation.thank_you);
  for (const Question& question : consultation.questions) {
    const std::string base = "questions." + question.id + ".";
    add_text(out, base + "title", question.title);
    add_text(out, base + "help", question.help);
    for (const Option& option : question.options)
      add_text(out, base + "options." + option.id + ".label", option.label);
    for (std::size_t i = 0; i < question.rating_labels.size(); ++i)
      add_text(out, base + "rating_labels." + std::to_string(i), question.rating_labels[i]);
    add_text(out, base + "low_label", question.low_label);
    add_text(out, base + "high_label", question.high_label);
  }
  return out;
}

std::string export_consultation_pot(const Consultation& consultation) { return export_po(consultation, nullptr); }

std::string export_consultation_po(const Consultation& consultation, const std::string& language) {
  return export_po(consultation, &language);
}

std::string PoImportResult::report() const {
  std::string text;
  for (const auto& line : errors) text += line + "\n";
  for (const auto& line : problems) text += line + "\n";
  return text;
}

PoImportResult import_consultation_po(std::string_view consultation_json, const i18n::Catalog& po,
                                      const std::string& language_arg) {
  PoImportResult result;
  const std::string language = i18n::normalize_language_code(language_arg);
  const std::string& file = po.name();
  if (language.empty()) {
    result.errors.push_back("no language given");
    return result;
  }
  if (language == "en" || language.rfind("en-", 0) == 0) {
    result.errors.push_back("English is the source text of the consultation: edit it in the consultation file, "
                            "not through a translation");
    return result;
  }
  if (!same_language(po.language(), language)) {
    result.errors.push_back(file + ": its Language header says \"" + po.language() + "\", not \"" + language +
                            "\": is this the right file?");
    return result;
  }

  LoadResult loaded = load_consultation(consultation_json);
  if (!loaded.ok()) {
    result.errors.push_back("the consultation has problems; fix them before importing translations:");
    for (const auto& problem : loaded.problems) result.errors.push_back("  " + problem.to_string());
    return result;
  }
  std::map<std::string, std::string> english;  // msgctxt -> English
  for (const ConsultationText& item : consultation_texts(*loaded.consultation))
    english.emplace(item.context, item.text->at("en"));

  try {
    ordered_json root = ordered_json::parse(consultation_json);
    for (const i18n::CatalogMessage& message : po.messages()) {
      const std::string at = where(message, file);
      if (!message.context) {
        result.problems.push_back(at + "\"" + shorten(message.msgid) +
                                  "\" has no msgctxt, so it is not a text of this consultation; not imported");
        continue;
      }
      const std::string& context = *message.context;
      auto known = english.find(context);
      if (known == english.end()) {
        result.problems.push_back(at + "unknown msgctxt \"" + context +
                                  "\": the consultation has no such text (removed or renamed?); not imported");
        continue;
      }
      if (message.is_plural()) {
        result.problems.push_back(at + "\"" + context + "\" has plural forms; consultation texts have none; not imported");
        continue;
      }
      if (message.fuzzy) {
        ++result.fuzzy;
        continue;
      }
      const std::string& translation = message.msgstr.empty() ? std::string() : message.msgstr[0];
      if (is_blank(translation)) {
        ++result.untranslated;
        continue;
      }
      if (message.msgid != known->second) {
        result.problems.push_back(at + "stale translation of \"" + context +
                                  "\": it translates \"" + shorten(message.msgid) + "\" but the English is now \"" +
                                  shorten(known->second) + "\"; not imported (export a fresh .po)");
        continue;
      }
      ordered_json* text = text_at(root, context);
      if (!text) {  // cannot happen for a loaded consultation, but never write blindly
        result.problems.push_back(at + "\"" + context + "\" was not found in the consultation file; not imported");
        continue;
      }
      auto existing = text->find(language);
      if (existing != text->end() && existing->is_string() && existing->get_ref<const std::string&>() == translation) {
        ++result.unchanged;
        continue;
      }
      (*text)[language] = translation;
      ++result.imported;
    }
    if (result.imported == 0) {
      result.json = std::string(consultation_json);
      return result;
    }
    ordered_json& languages = root["languages"];
    if (std::find(languages.begin(), languages.end(), language) == languages.end()) languages.push_back(language);
    std::string text = root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";

    LoadResult check = load_consultation(text);
    if (!check.ok()) {
      result.errors.push_back("the consultation would not load with these translations; nothing imported:");
      for (const auto& problem : check.problems) result.errors.push_back("  " + problem.to_string());
      return result;
    }
    result.json = std::move(text);
  } catch (const std::exception& error) {
    result.errors.push_back(std::string("the consultation could not be updated: ") + error.what());
    result.json.reset();
  }
  return result;
}

PoImportResult import_consultation_po_text(std::string_view consultation_json, std::string_view po_text,
                                           const std::string& language, const std::string& po_name) {
  i18n::CatalogLoad load = i18n::load_catalog_text(po_text, po_name);
  if (!load.ok()) {
    PoImportResult result;
    for (const auto& problem : load.problems) result.errors.push_back(problem.to_string());
    return result;
  }
  return import_consultation_po(consultation_json, *load.catalog, language);
}

PoImportResult import_consultation_po_file(std::string_view consultation_json, const std::string& po_path,
                                           const std::string& language) {
  i18n::CatalogLoad load = i18n::load_catalog_file(po_path);
  if (!load.ok()) {
    PoImportResult result;
    for (const auto& problem : load.problems) result.errors.push_back(problem.to_string());
    return result;
  }
  return import_consultation_po(consultation_json, *load.catalog, language);
}

}  // namespace kiosk
