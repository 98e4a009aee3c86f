// The registry of UI catalogs behind tr()/trn(). UI thread only (see i18n.h).
#include "i18n.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "catalog.h"

namespace kiosk::i18n {

namespace fs = std::filesystem;

namespace {

struct Registry {
  std::map<std::string, std::unique_ptr<Catalog>, std::less<>> catalogs;
  bool loaded = false;                 // load_catalogs() or install_catalog() ran
  std::string language = "en";
  const Catalog* current = nullptr;    // catalogs[language], cached for the frame loop
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> missing;
  LoadReport last_report;
};

Registry& registry() {
  static Registry instance;
  return instance;
}

bool is_english(std::string_view code) { return code == "en" || code.substr(0, 3) == "en-"; }

void ensure_loaded() {
  Registry& r = registry();
  if (!r.loaded) load_catalogs();
}

const Catalog* find_catalog(const std::string& language) {
  Registry& r = registry();
  if (language == r.language) return r.current;
  auto it = r.catalogs.find(normalize_language_code(language));
  return it == r.catalogs.end() ? nullptr : it->second.get();
}

void record_missing(const std::string& language, const char* msgid) {
  if (is_english(language) || msgid == nullptr || *msgid == '\0') return;
  auto& set = registry().missing[language];
  if (set.find(std::string_view(msgid)) == set.end()) set.emplace(msgid);
}

const char* lookup(const std::string& language, const Catalog* catalog, const char* msgid) {
  if (msgid == nullptr) return "";
  if (catalog)
    if (const char* text = catalog->translate(msgid)) return text;
  record_missing(language, msgid);
  return msgid;
}

std::string with_number(std::string text, long n) {
  const std::string number = std::to_string(n);
  for (auto at = text.find("%d"); at != std::string::npos; at = text.find("%d", at + number.size()))
    text.replace(at, 2, number);
  return text;
}

std::string lookup_plural(const std::string& language, const Catalog* catalog, const char* singular,
                          const char* plural, long n) {
  if (singular == nullptr || plural == nullptr) return "";
  const unsigned long count = n < 0 ? 0ul - static_cast<unsigned long>(n) : static_cast<unsigned long>(n);
  if (catalog)
    if (const char* text = catalog->translate_plural(singular, count)) return with_number(text, n);
  record_missing(language, singular);
  return with_number(count == 1 ? singular : plural, n);
}

}  // namespace

const char* tr(const char* msgid) {
  Registry& r = registry();
  return lookup(r.language, r.current, msgid);
}

std::string trn(const char* singular, const char* plural, long n) {
  Registry& r = registry();
  return lookup_plural(r.language, r.current, singular, plural, n);
}

const char* tr_in(const std::string& language, const char* msgid) {
  const std::string code = normalize_language_code(language);
  if (!is_english(code)) ensure_loaded();
  return lookup(code, find_catalog(code), msgid);
}

std::string trn_in(const std::string& language, const char* singular, const char* plural, long n) {
  const std::string code = normalize_language_code(language);
  if (!is_english(code)) ensure_loaded();
  return lookup_plural(code, find_catalog(code), singular, plural, n);
}

void set_language(const std::string& code) {
  Registry& r = registry();
  if (code == r.language) return;  // the every-frame case
  std::string normalized = normalize_language_code(code);
  if (normalized.empty()) normalized = "en";
  if (!is_english(normalized)) ensure_loaded();
  auto it = r.catalogs.find(normalized);
  r.current = it == r.catalogs.end() ? nullptr : it->second.get();
  r.language = std::move(normalized);
}

const std::string& language() { return registry().language; }

std::string i18n_dir() {
  if (const char* env = std::getenv("KIOSK_I18N"); env && *env) return env;
  std::error_code ec;
  if (fs::is_directory("/usr/share/community-kiosk/i18n", ec)) return "/usr/share/community-kiosk/i18n";
  return (fs::path(KIOSK_SOURCE_ASSETS) / ".." / "i18n").lexically_normal().string();
}

LoadReport load_catalogs(const std::string& dir) {
  LoadReport report;
  Registry& r = registry();
  r.catalogs.clear();
  r.current = nullptr;
  r.loaded = true;

  std::error_code ec;
  std::vector<fs::path> files;
  if (!fs::is_directory(dir, ec)) {
    report.problems.push_back(dir + ": the translations folder does not exist; the kiosk speaks English only");
  } else {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".po") files.push_back(it->path());
    if (ec) report.problems.push_back(dir + ": cannot be listed: " + ec.message());
  }
  std::sort(files.begin(), files.end());

  for (const fs::path& file : files) {
    const std::string code = normalize_language_code(file.stem().string());
    CatalogLoad load = load_catalog_file(file.string());
    for (const auto& warning : load.warnings) report.warnings.push_back(warning.to_string());
    if (!load.ok()) {
      for (const auto& problem : load.problems) report.problems.push_back(problem.to_string());
      report.problems.push_back(file.string() + ": not used; " + code + " is shown in English");
      continue;
    }
    const std::string& header = load.catalog->language();
    if (!header.empty() && header.substr(0, header.find('-')) != code.substr(0, code.find('-')))
      report.warnings.push_back(file.string() + ": the Language header says \"" + header +
                                "\", but the file name says " + code);
    if (is_english(code)) continue;  // English is the source text; an en.po has nothing to add
    report.languages.push_back(code);
    r.catalogs[code] = std::move(load.catalog);
  }
  auto it = r.catalogs.find(r.language);
  r.current = it == r.catalogs.end() ? nullptr : it->second.get();
  r.last_report = report;
  return report;
}

LoadReport load_catalogs() { return load_catalogs(i18n_dir()); }

const LoadReport& last_load_report() { return registry().last_report; }

void install_catalog(const std::string& language, std::unique_ptr<Catalog> catalog) {
  Registry& r = registry();
  r.loaded = true;
  const std::string code = normalize_language_code(language);
  if (catalog) r.catalogs[code] = std::move(catalog);
  else r.catalogs.erase(code);
  auto it = r.catalogs.find(r.language);
  r.current = it == r.catalogs.end() ? nullptr : it->second.get();
}

void unload_catalogs() {
  Registry& r = registry();
  r.catalogs.clear();
  r.current = nullptr;
  r.loaded = true;  // deliberately English only: no lazy loading from i18n_dir()
  r.missing.clear();
  r.last_report = {};
}

const Catalog* catalog_for(const std::string& language) {
  auto& catalogs = registry().catalogs;
  auto it = catalogs.find(normalize_language_code(language));
  return it == catalogs.end() ? nullptr : it->second.get();
}

std::vector<std::string> loaded_languages() {
  std::vector<std::string> codes;
  for (const auto& [code, catalog] : registry().catalogs) codes.push_back(code);
  return codes;
}

std::vector<std::string> missing_strings(const std::string& language) {
  auto& missing = registry().missing;
  auto it = missing.find(normalize_language_code(language));
  if (it == missing.end()) return {};
  return {it->second.begin(), it->second.end()};
}

void clear_missing_strings() { registry().missing.clear(); }

}  // namespace kiosk::i18n
