// A consultation's texts as gettext catalogs, so translators can use any PO editor:
// export a template (.pot) or one language (.po), and import a translated .po back.
//
// Each text is one PO message: msgctxt is its place in the consultation file ("title",
// "intro", "privacy", "thank_you", "questions.<qid>.title", ".help",
// ".options.<optid>.label", ".rating_labels.<i>", ".low_label", ".high_label"), msgid is
// the English, msgstr the translation. Example: i18n/consultation/residents-conversation.pot.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "consultation.h"

namespace kiosk {

namespace i18n { class Catalog; }

struct ConsultationText {
  std::string context;         // the msgctxt, e.g. "questions.q_good.options.parks.label"
  const LocalizedText* text;   // points into the Consultation
};

// Every translatable text that has English, in file order (the order of the .pot).
std::vector<ConsultationText> consultation_texts(const Consultation& consultation);

// The template: every English text with an empty msgstr.
std::string export_consultation_pot(const Consultation& consultation);
// One language: msgstr filled from the consultation's `language` texts ("" where missing).
std::string export_consultation_po(const Consultation& consultation, const std::string& language);

struct PoImportResult {
  // The updated consultation file. When nothing changes it is the input, byte for byte;
  // otherwise the whole file is written again (2-space indent, keys in their order).
  std::optional<std::string> json;
  std::vector<std::string> errors;    // nothing was imported (json is empty)
  std::vector<std::string> problems;  // messages not imported: unknown msgctxt, stale translation...
  int imported = 0;      // texts added or changed
  int unchanged = 0;     // already so in the consultation
  int untranslated = 0;  // empty msgstr: the consultation keeps what it had
  int fuzzy = 0;         // marked fuzzy: not imported until a translator confirms them
  bool ok() const { return json.has_value() && errors.empty() && problems.empty(); }
  std::string report() const;  // errors and problems, one per line
};

// Puts the translations of `po` into the consultation file's texts for `language`, and
// nothing else: other languages, keys, unknown keys and their order are kept; `language`
// is added to "languages" if a text in it is imported. The result is checked with the
// consultation loader. Not imported, and listed in problems: a msgctxt the consultation
// does not have ("unknown msgctxt"), a msgid that no longer matches the English ("stale
// translation"). English cannot be imported over.
PoImportResult import_consultation_po(std::string_view consultation_json, const i18n::Catalog& po,
                                      const std::string& language);
PoImportResult import_consultation_po_text(std::string_view consultation_json, std::string_view po_text,
                                           const std::string& language, const std::string& po_name = "<po>");
PoImportResult import_consultation_po_file(std::string_view consultation_json, const std::string& po_path,
                                           const std::string& language);

}  // namespace kiosk
