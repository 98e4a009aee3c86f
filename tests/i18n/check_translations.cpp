// kiosk_i18n_check: does every UI string and every text of the bundled consultation exist in
// all fourteen languages? Run by CTest ("i18n: every UI and consultation string exists in all
// fourteen languages"); fails, listing what is missing per language, until they all do.
//
//   kiosk_i18n_check --i18n DIR --consultation FILE [--sources ROOT [--xgettext PATH]] [--all]
//
// UI strings: every message of DIR/kiosk.pot must be translated (not fuzzy, not empty, every
// plural form) in DIR/<code>.po. Consultation texts: every text of FILE must have the language
// in the consultation file itself (that is what the kiosk shows); a translation that is only in
// DIR/consultation/<code>.po is reported as "not imported yet". With --sources, kiosk.pot is
// compared with what xgettext finds in the code now. Also checked: the catalogs load
// (the reader is the kiosk's own), Language headers, Plural-Forms against the expected rule,
// stale or unknown messages in the consultation catalogs, and that the consultation template
// DIR/consultation/<id>.pot is up to date.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>
#include <unistd.h>

#include "core/catalog.h"
#include "core/consultation_loader.h"
#include "core/consultation_po.h"
#include "core/languages.h"

namespace fs = std::filesystem;
using kiosk::i18n::Catalog;
using kiosk::i18n::CatalogLoad;

namespace {

constexpr std::size_t kListAtMost = 12;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  if (text.size() > 70) {
    std::size_t cut = 67;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

// i18n/<code>.po, or i18n/zh_Hans.po for zh-Hans.
std::string catalog_path(const std::string& dir, const std::string& code) {
  const std::string dashed = dir + "/" + code + ".po";
  if (fs::exists(dashed)) return dashed;
  std::string underscored = code;
  for (char& c : underscored)
    if (c == '-') c = '_';
  if (fs::exists(dir + "/" + underscored + ".po")) return dir + "/" + underscored + ".po";
  return dashed;
}

struct Report {
  std::vector<std::string> problems;  // the catalog or the file is wrong
  std::vector<std::string> notes;     // worth a look, not a failure
  std::vector<std::string> ui_missing;
  std::vector<std::string> consultation_missing;       // nowhere, or fuzzy
  std::vector<std::string> consultation_not_imported;  // in the .po, not in the consultation file
  std::size_t ui_total = 0;
  std::size_t consultation_total = 0;
  bool complete() const {
    return problems.empty() && ui_missing.empty() && consultation_missing.empty() && consultation_not_imported.empty();
  }
};

void print_list(const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  std::printf("    %s (%zu):\n", title, items.size());
  for (std::size_t i = 0; i < items.size() && i < kListAtMost; ++i) std::printf("      - %s\n", items[i].c_str());
  if (items.size() > kListAtMost) std::printf("      ... and %zu more\n", items.size() - kListAtMost);
}

// The catalog's Plural-Forms against the language's expected rule.
void check_plural_forms(const Catalog& catalog, const kiosk::i18n::Language& language, bool needs_plurals,
                        Report& report) {
  std::string error;
  const auto expected = kiosk::i18n::PluralForms::parse(language.plural_forms, error);
  if (!catalog.has_plural_forms()) {
    if (needs_plurals)
      report.problems.push_back(catalog.name() + ": no Plural-Forms header; " + language.code + " needs \"" +
                                language.plural_forms + "\"");
    return;
  }
  const auto& actual = catalog.plural_forms();
  if (actual.nplurals() != expected->nplurals()) {
    report.problems.push_back(catalog.name() + ": Plural-Forms has nplurals=" + std::to_string(actual.nplurals()) +
                              ", but " + language.english_name + " has " + std::to_string(expected->nplurals()) +
                              " forms: \"" + language.plural_forms + "\"");
    return;
  }
  for (unsigned long n = 0; n <= 1000; ++n) {
    if (actual.index(n) != expected->index(n)) {
      report.notes.push_back(catalog.name() + ": Plural-Forms picks form " + std::to_string(actual.index(n)) +
                             " for n=" + std::to_string(n) + ", CLDR's rule picks " +
                             std::to_string(expected->index(n)) + " (\"" + language.plural_forms + "\")");
      return;
    }
  }
}

void check_language_header(const Catalog& catalog, const std::string& code, Report& report) {
  const std::string& header = catalog.language();
  if (header.empty())
    report.notes.push_back(catalog.name() + ": no Language header");
  else if (header != code)
    report.problems.push_back(catalog.name() + ": Language header says \"" + header + "\", expected \"" + code + "\"");
}

void check_ui(const std::string& dir, const kiosk::i18n::Language& language, const Catalog& pot, Report& report) {
  const std::string code = language.code;
  report.ui_total = pot.messages().size();
  auto all_missing = [&] {
    for (const auto& message : pot.messages()) report.ui_missing.push_back("\"" + one_line(message.msgid) + "\"");
  };
  const std::string path = catalog_path(dir, code);
  if (!fs::exists(path)) {
    report.problems.push_back(path + ": does not exist (copy kiosk.pot with msginit, see i18n/README.md)");
    all_missing();
    return;
  }
  CatalogLoad load = kiosk::i18n::load_catalog_file(path);
  if (!load.ok()) {
    for (const auto& problem : load.problems) report.problems.push_back(problem.to_string());
    all_missing();
    return;
  }
  const Catalog& catalog = *load.catalog;
  for (const auto& warning : load.warnings) report.notes.push_back(warning.to_string());
  check_language_header(catalog, code, report);
  bool needs_plurals = false;
  for (const auto& message : pot.messages()) needs_plurals = needs_plurals || message.is_plural();
  check_plural_forms(catalog, language, needs_plurals, report);

  std::set<std::string> wanted;
  for (const auto& message : pot.messages()) {
    const std::string key = (message.context ? *message.context + "\x04" : "") + message.msgid;
    wanted.insert(key);
    const auto* found = message.context ? catalog.find(*message.context, message.msgid) : catalog.find(message.msgid);
    const std::string name = "\"" + one_line(message.msgid) + "\"";
    if (!found) report.ui_missing.push_back(name + " (not in the file: run msgmerge)");
    else if (found->fuzzy) report.ui_missing.push_back(name + " (fuzzy: needs a translator's check)");
    else if (!found->translated) report.ui_missing.push_back(name + " (untranslated)");
  }
  for (const auto& message : catalog.messages()) {
    const std::string key = (message.context ? *message.context + "\x04" : "") + message.msgid;
    if (!wanted.count(key))
      report.notes.push_back(path + (message.line ? ":" + std::to_string(message.line) : "") + ": \"" +
                             one_line(message.msgid) + "\" is not in kiosk.pot (obsolete?)");
  }
}

void check_consultation(const std::string& dir, const kiosk::i18n::Language& language,
                        const kiosk::Consultation& consultation, const std::string& consultation_file,
                        Report& report) {
  const std::string code = language.code;
  const auto texts = kiosk::consultation_texts(consultation);
  report.consultation_total = texts.size();

  std::unique_ptr<Catalog> po;
  const std::string path = catalog_path(dir + "/consultation", code);
  if (fs::exists(path)) {
    CatalogLoad load = kiosk::i18n::load_catalog_file(path);
    for (const auto& warning : load.warnings) report.notes.push_back(warning.to_string());
    if (!load.ok()) {
      for (const auto& problem : load.problems) report.problems.push_back(problem.to_string());
    } else {
      po = std::move(load.catalog);
      check_language_header(*po, code, report);
    }
  }
  bool offered = false;
  for (const auto& listed : consultation.languages) offered = offered || listed == code;
  if (!offered)
    report.problems.push_back(consultation_file + ": \"languages\" does not list \"" + code +
                              "\", so the kiosk does not offer it (importing a .po adds it)");

  std::map<std::string, std::string> english;
  for (const auto& text : texts) {
    english[text.context] = text.text->at("en");
    auto it = text.text->find(code);
    if (it != text.text->end() && !it->second.empty()) continue;
    const auto* message = po ? po->find(text.context, text.text->at("en")) : nullptr;
    if (message && message->translated)
      report.consultation_not_imported.push_back(text.context);
    else if (message && message->fuzzy)
      report.consultation_missing.push_back(text.context + " (fuzzy: needs a translator's check)");
    else
      report.consultation_missing.push_back(text.context);
  }
  if (!po) return;
  for (const auto& message : po->messages()) {
    const std::string where = path + (message.line ? ":" + std::to_string(message.line) : "");
    if (!message.context) {
      report.problems.push_back(where + ": \"" + one_line(message.msgid) + "\" has no msgctxt");
      continue;
    }
    auto it = english.find(*message.context);
    if (it == english.end())
      report.problems.push_back(where + ": unknown msgctxt \"" + *message.context + "\" (not in the consultation)");
    else if (it->second != message.msgid)
      report.problems.push_back(where + ": stale translation of \"" + *message.context +
                                "\": the English has changed (run msgmerge with the .pot)");
  }
}

int usage() {
  std::fprintf(stderr, "usage: kiosk_i18n_check --i18n DIR --consultation FILE [--sources ROOT [--xgettext PATH]] [--all]\n");
  return 2;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Is kiosk.pot what xgettext makes of the code today? Strings marked with tr()/trn() but
// missing from the template can never be translated. Returns the problems.
std::vector<std::string> check_template(const std::string& xgettext, const std::string& root, const Catalog& pot,
                                        const std::string& pot_path) {
  std::vector<std::string> files;
  for (const char* part : {"kiosk/core", "kiosk/ui", "kiosk/app"}) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root + "/" + part, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".cpp") files.push_back(fs::relative(it->path(), root).string());
  }
  std::sort(files.begin(), files.end());
  const std::string out = (fs::temp_directory_path() / ("kiosk-xgettext-" + std::to_string(::getpid()) + ".pot")).string();
  std::string command = "cd " + shell_quote(root) + " && " + shell_quote(xgettext) + " --from-code=UTF-8 -ktr -ktrn:1,2 -o " + shell_quote(out);
  for (const auto& file : files) command += " " + shell_quote(file);
  if (std::system(command.c_str()) != 0) return {"xgettext failed: " + command};
  CatalogLoad fresh = kiosk::i18n::load_catalog_file(out);
  fs::remove(out);
  if (!fresh.ok()) return {"cannot read xgettext's output: " + fresh.problems_text()};
  std::vector<std::string> problems;
  for (const auto& message : fresh.catalog->messages())
    if (!(message.context ? pot.find(*message.context, message.msgid) : pot.find(message.msgid)))
      problems.push_back(pot_path + ": lacks \"" + one_line(message.msgid) +
                         "\", marked for translation in the code: regenerate it (i18n/README.md)");
  for (const auto& message : pot.messages())
    if (!(message.context ? fresh.catalog->find(*message.context, message.msgid) : fresh.catalog->find(message.msgid)))
      problems.push_back(pot_path + ": has \"" + one_line(message.msgid) +
                         "\", which the code no longer uses: regenerate it (i18n/README.md)");
  return problems;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  std::string consultation_file;
  std::string sources;  // the source tree, to check kiosk.pot against the code
  std::string xgettext = "xgettext";
  bool all = false;     // print notes too
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--i18n" && i + 1 < argc) dir = argv[++i];
    else if (arg == "--consultation" && i + 1 < argc) consultation_file = argv[++i];
    else if (arg == "--sources" && i + 1 < argc) sources = argv[++i];
    else if (arg == "--xgettext" && i + 1 < argc) xgettext = argv[++i];
    else if (arg == "--all") all = true;
    else return usage();
  }
  if (dir.empty() || consultation_file.empty()) return usage();

  bool ok = true;
  CatalogLoad pot = kiosk::i18n::load_catalog_file(dir + "/kiosk.pot");
  if (!pot.ok()) {
    std::printf("%s", pot.problems_text().c_str());
    return 1;
  }
  if (!sources.empty()) {
    const auto problems = check_template(xgettext, sources, *pot.catalog, dir + "/kiosk.pot");
    print_list("kiosk.pot is out of date", problems);
    if (!problems.empty()) ok = false;
  }
  kiosk::LoadResult loaded = kiosk::load_consultation_file(consultation_file);
  if (!loaded.ok()) {
    std::printf("%s: does not load:\n", consultation_file.c_str());
    for (const auto& problem : loaded.problems) std::printf("  %s\n", problem.to_string().c_str());
    return 1;
  }
  const kiosk::Consultation& consultation = *loaded.consultation;
  const std::string template_path = dir + "/consultation/" + consultation.id + ".pot";
  if (read(template_path) != kiosk::export_consultation_pot(consultation)) {
    std::printf("%s: out of date or missing; regenerate it from %s with export_consultation_pot()\n",
                template_path.c_str(), consultation_file.c_str());
    ok = false;
  }

  std::size_t complete = 0;
  std::size_t languages = 0;
  for (const auto& language : kiosk::i18n::supported_languages()) {
    if (std::string(language.code) == "en") continue;
    ++languages;
    Report report;
    check_ui(dir, language, *pot.catalog, report);
    check_consultation(dir, language, consultation, consultation_file, report);
    const std::size_t ui_done = report.ui_total - std::min(report.ui_total, report.ui_missing.size());
    const std::size_t consultation_done =
        report.consultation_total - std::min(report.consultation_total, report.consultation_missing.size() +
                                                                             report.consultation_not_imported.size());
    std::printf("%-8s %-22s UI %zu/%zu, consultation %zu/%zu  %s\n", language.code, language.english_name, ui_done,
                report.ui_total, consultation_done, report.consultation_total,
                report.complete() ? "complete" : "INCOMPLETE");
    print_list("problems", report.problems);
    print_list("UI strings missing", report.ui_missing);
    print_list("consultation texts missing", report.consultation_missing);
    if (!report.consultation_not_imported.empty())
      std::printf("    %zu consultation texts are translated in %s but not imported into the consultation:\n"
                  "      kiosk-admin i18n import-po --consultation %s --language %s %s\n",
                  report.consultation_not_imported.size(), catalog_path(dir + "/consultation", language.code).c_str(),
                  consultation_file.c_str(), language.code,
                  catalog_path(dir + "/consultation", language.code).c_str());
    if (all) print_list("notes", report.notes);
    if (report.complete()) ++complete;
    else ok = false;
  }
  std::printf("\n%zu of %zu languages complete (English is the source).\n", complete, languages);
  if (!ok)
    std::printf("Translations are missing or broken: see above, and i18n/README.md for how to fix them.\n");
  return ok ? 0 : 1;
}
