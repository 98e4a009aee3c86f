// UI strings. Every resident-facing literal in the UI goes through tr()/trn() so that
// xgettext can extract it (i18n/kiosk.pot); English is the source language, and each
// other language has a gettext catalog i18n/<code>.po (see i18n/README.md).
//
// The catalogs are loaded once at start (load_catalogs), and the UI says which language
// to speak with set_language() (each frame, with the session's language). A string the
// current catalog lacks is shown in English and recorded (missing_strings).
//
// Threads: UI thread only. Nothing here is locked; call everything from the thread that
// draws (core code such as Flow::why_not_next() runs there too).
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace kiosk::i18n {

class Catalog;

// The current language's text for msgid, or msgid itself (English). The pointer stays
// valid until the catalogs are loaded again or unloaded.
const char* tr(const char* msgid);
// Plural forms: "%d answer waiting" / "%d answers waiting"; every %d is replaced by n.
// The form is chosen by the catalog's Plural-Forms (English: n == 1 -> singular).
std::string trn(const char* singular, const char* plural, long n);

// The same, in a given language rather than the current one (e.g. the language picker
// showing "Touch here to start" in every language).
const char* tr_in(const std::string& language, const char* msgid);
std::string trn_in(const std::string& language, const char* singular, const char* plural, long n);

// Switches the language of tr()/trn(): "pl", "zh-Hans" ("zh_Hans" is understood too).
// Cheap when the language does not change. A language without a catalog speaks English.
// The first switch to a language other than English loads the catalogs from i18n_dir() if
// load_catalogs() has not been called.
void set_language(const std::string& code);
const std::string& language();

// Where the catalogs are: $KIOSK_I18N, else /usr/share/community-kiosk/i18n when it
// exists, else the source tree's i18n/ (next to the bundled assets).
std::string i18n_dir();

struct LoadReport {
  std::vector<std::string> languages;  // loaded, e.g. {"ar", "bn", ...}
  std::vector<std::string> problems;   // "<file>:<line>: <message>": that language shows English
  std::vector<std::string> warnings;   // loaded, but worth a look
};

// Loads every <dir>/*.po (the file name is the language code: pl.po, zh-Hans.po), replacing
// the catalogs loaded before. Never throws; a catalog with problems is left out.
LoadReport load_catalogs(const std::string& dir);
LoadReport load_catalogs();  // from i18n_dir()
// The report of the last load, including one set_language() did by itself.
const LoadReport& last_load_report();
// Installs one catalog for `language` (replacing any), e.g. in tests.
void install_catalog(const std::string& language, std::unique_ptr<Catalog> catalog);
void unload_catalogs();  // English only from now on (also forgets the missing strings)
// The catalog of a language (nullptr if none is loaded).
const Catalog* catalog_for(const std::string& language);
std::vector<std::string> loaded_languages();

// Strings asked for in `language` that its catalog lacked (shown in English), sorted.
std::vector<std::string> missing_strings(const std::string& language);
void clear_missing_strings();

}  // namespace kiosk::i18n
