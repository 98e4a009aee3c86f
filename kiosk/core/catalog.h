// One gettext catalog (.po file), read with libgettextpo, and its plural rule.
//
// Catalogs come from outside (translators, staff), so reading one never aborts, exits or
// crashes: every problem is reported with the file and line, and a catalog with problems
// is not used (the kiosk falls back to English for that language).
//
// What is kept: every message with its context, plural forms and fuzzy flag (for tools),
// and a lookup of the translated ones. Fuzzy, empty and partly translated messages are
// not translations: lookups return nullptr and the caller falls back to English.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::i18n {

// "pl.po:12:5: invalid control sequence"; line and column are 0 when not known.
struct CatalogProblem {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  std::string to_string() const;
};

// The header's Plural-Forms: "nplurals=3; plural=(n==1 ? 0 : ...);".
// The expression is a C subset, evaluated safely by a small interpreter (no code is run):
// n, whole numbers, ( ), ?:, ||, &&, ==, !=, <, >, <=, >=, +, -, *, /, % and ! (gettext's
// grammar has it too). Arithmetic is on unsigned long as in gettext; x / 0 and x % 0 give 0.
class PluralForms {
 public:
  // English's rule: nplurals=2; plural=(n != 1). Used when a catalog has no plurals.
  PluralForms();
  // Parses a Plural-Forms value; on failure returns nullopt and sets `error` in plain words.
  // Also rejects a rule that yields an index >= nplurals for any n in 0..1000.
  static std::optional<PluralForms> parse(std::string_view header_value, std::string& error);

  int nplurals() const { return nplurals_; }
  const std::string& expression() const { return expression_; }
  // The raw value of the expression for n (the interpreter's result, not clamped).
  unsigned long evaluate(unsigned long n) const;
  // The msgstr[] index for n: evaluate(n), or 0 if that is out of range (as gettext does).
  int index(unsigned long n) const;

  // One node of the parsed expression (nodes refer to each other by index).
  struct Node {
    char op = 'n';           // 'n', '#' (number), '!', '?', or an operator: + - * / % < > L G = ~ & |
    unsigned long value = 0;  // for '#'
    int a = -1, b = -1, c = -1;
  };

 private:
  int nplurals_ = 2;
  std::string expression_ = "n != 1";
  std::vector<Node> nodes_;
  int root_ = -1;
};

struct CatalogMessage {
  std::optional<std::string> context;  // msgctxt (absent differs from empty, as in gettext)
  std::string msgid;
  std::string msgid_plural;            // empty unless a plural message
  std::vector<std::string> msgstr;     // one, or msgstr[0..nplurals-1] for a plural message
  bool fuzzy = false;
  std::size_t line = 0;                // of the msgid in the file, when known
  // Not fuzzy, and every form is non-empty (and a plural message has all nplurals forms).
  bool translated = false;
  bool is_plural() const { return !msgid_plural.empty(); }
};

class Catalog {
 public:
  const std::string& name() const { return name_; }          // file name, for messages
  const std::string& language() const { return language_; }  // Language header, normalised ("zh-Hans"); may be ""
  bool has_plural_forms() const { return has_plural_forms_; }  // the header had Plural-Forms
  const PluralForms& plural_forms() const { return plural_; }
  const std::string& header() const { return header_; }      // the header entry's msgstr
  // Every message in file order, without the header and obsolete (#~) messages.
  const std::vector<CatalogMessage>& messages() const { return messages_; }

  // The message with this msgid and no msgctxt / with this msgctxt (nullptr if absent).
  const CatalogMessage* find(std::string_view msgid) const;
  const CatalogMessage* find(std::string_view context, std::string_view msgid) const;

  // The translation, or nullptr when there is none (absent, fuzzy, empty). The pointer
  // stays valid as long as the Catalog lives.
  const char* translate(std::string_view msgid) const;
  const char* translate(std::string_view context, std::string_view msgid) const;
  // The plural form for n of a plural message (nullptr when there is none).
  const char* translate_plural(std::string_view msgid, unsigned long n) const;

 private:
  friend struct CatalogBuilder;
  const CatalogMessage* find_key(std::string_view key) const;

  std::string name_;
  std::string language_;
  std::string header_;
  bool has_plural_forms_ = false;
  PluralForms plural_;
  std::vector<CatalogMessage> messages_;
  std::map<std::string, std::size_t, std::less<>> index_;  // key: [msgctxt "\x04"] msgid
};

struct CatalogLoad {
  std::unique_ptr<Catalog> catalog;        // null when there are problems
  std::vector<CatalogProblem> problems;    // the catalog cannot be used
  std::vector<CatalogProblem> warnings;    // it can, but something looks wrong
  bool ok() const { return catalog != nullptr && problems.empty(); }
  std::string problems_text() const;       // problems, one per line
};

// Reads a .po (or .pot) file. A missing or unreadable file is a problem too.
CatalogLoad load_catalog_file(const std::string& path);
// Reads .po text; `name` stands for the file in messages (e.g. "pl.po" or "<stdin>").
CatalogLoad load_catalog_text(std::string_view text, const std::string& name);

// The spelling the kiosk uses for a language code (BCP 47 style): "zh_Hans" -> "zh-Hans",
// "PL" -> "pl", "pt_br" -> "pt-BR", "pl_PL.UTF-8" -> "pl-PL". Only case and separators
// change; an "@modifier" or ".charset" suffix is dropped.
std::string normalize_language_code(std::string_view code);

}  // namespace kiosk::i18n
