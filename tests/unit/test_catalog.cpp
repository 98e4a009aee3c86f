// Gettext catalogs: reading .po files with libgettextpo (good and malformed), and the
// tr()/trn() registry: per-session language switching and the English fallback.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <string>

#include "../support/temp_dir.h"
#include "core/catalog.h"
#include "core/i18n.h"

using kiosk::i18n::Catalog;
using kiosk::i18n::CatalogLoad;
using kiosk::i18n::load_catalog_file;
using kiosk::i18n::load_catalog_text;

namespace {

std::string header(const std::string& language, const std::string& plural_forms) {
  std::string text =
      "msgid \"\"\n"
      "msgstr \"\"\n"
      "\"Project-Id-Version: Community Kiosk\\n\"\n"
      "\"Language: " + language + "\\n\"\n"
      "\"MIME-Version: 1.0\\n\"\n"
      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
      "\"Content-Transfer-Encoding: 8bit\\n\"\n";
  if (!plural_forms.empty()) text += "\"Plural-Forms: " + plural_forms + "\\n\"\n";
  return text + "\n";
}

const std::string kPolishPlural =
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);";

std::string polish() {
  return header("pl", kPolishPlural) +
         "#: kiosk/ui/resident_screens.cpp:43\n"
         "msgid \"Touch here to start\"\n"
         "msgstr \"Dotknij tutaj, aby rozpocząć\"\n"
         "\n"
         "msgid \"Next\"\n"
         "msgstr \"Dalej\"\n"
         "\n"
         "#, fuzzy\n"
         "msgid \"Back\"\n"
         "msgstr \"Wstecz?\"\n"
         "\n"
         "msgid \"Finish\"\n"
         "msgstr \"\"\n"
         "\n"
         "msgctxt \"button\"\n"
         "msgid \"Next\"\n"
         "msgstr \"Następne\"\n"
         "\n"
         "#, c-format\n"
         "msgid \"%d answer waiting\"\n"
         "msgid_plural \"%d answers waiting\"\n"
         "msgstr[0] \"%d odpowiedź czeka\"\n"
         "msgstr[1] \"%d odpowiedzi czekają\"\n"
         "msgstr[2] \"%d odpowiedzi czeka\"\n"
         "\n"
         "#, c-format\n"
         "msgid \"Wrong PIN. %d try left.\"\n"
         "msgid_plural \"Wrong PIN. %d tries left.\"\n"
         "msgstr[0] \"Zły PIN. Została %d próba.\"\n"
         "msgstr[1] \"\"\n"
         "msgstr[2] \"Zły PIN. Zostało %d prób.\"\n"
         "\n"
         "#~ msgid \"Old text\"\n"
         "#~ msgstr \"Stary tekst\"\n";
}

std::string ukrainian() {
  return header("uk",
                "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);") +
         "msgid \"Touch here to start\"\n"
         "msgstr \"Торкніться тут, щоб почати\"\n"
         "\n"
         "msgid \"Next\"\n"
         "msgstr \"Далі\"\n";
}

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string all_problems(const CatalogLoad& load) { return load.problems_text(); }

// A malformed catalog: not loaded, and the first problem names the file and line.
std::string first_problem(const std::string& text) {
  CatalogLoad load = load_catalog_text(text, "pl.po");
  INFO(text);
  CHECK_FALSE(load.ok());
  CHECK(load.catalog == nullptr);
  REQUIRE_FALSE(load.problems.empty());
  return load.problems.front().to_string();
}

struct FreshRegistry {
  FreshRegistry() {
    kiosk::i18n::unload_catalogs();
    kiosk::i18n::set_language("en");
  }
  ~FreshRegistry() {
    kiosk::i18n::set_language("en");
    kiosk::i18n::unload_catalogs();
  }
};

void install(const std::string& language, const std::string& text) {
  CatalogLoad load = load_catalog_text(text, language + ".po");
  INFO(all_problems(load));
  REQUIRE(load.ok());
  kiosk::i18n::install_catalog(language, std::move(load.catalog));
}

}  // namespace

TEST_CASE("catalog: a good .po gives its translations, skipping fuzzy, empty and obsolete ones") {
  CatalogLoad load = load_catalog_text(polish(), "pl.po");
  INFO(all_problems(load));
  REQUIRE(load.ok());
  const Catalog& pl = *load.catalog;
  CHECK(pl.name() == "pl.po");
  CHECK(pl.language() == "pl");
  CHECK(pl.has_plural_forms());
  CHECK(pl.plural_forms().nplurals() == 3);

  CHECK(std::string(pl.translate("Touch here to start")) == "Dotknij tutaj, aby rozpocząć");
  CHECK(std::string(pl.translate("Next")) == "Dalej");
  CHECK(std::string(pl.translate("button", "Next")) == "Następne");  // msgctxt is part of the key
  CHECK(pl.translate("Back") == nullptr);    // fuzzy
  CHECK(pl.translate("Finish") == nullptr);  // empty
  CHECK(pl.translate("Old text") == nullptr);  // obsolete
  CHECK(pl.translate("Not in the file") == nullptr);
  CHECK(pl.translate("other", "Next") == nullptr);

  CHECK(std::string(pl.translate_plural("%d answer waiting", 1)) == "%d odpowiedź czeka");
  CHECK(std::string(pl.translate_plural("%d answer waiting", 3)) == "%d odpowiedzi czekają");
  CHECK(std::string(pl.translate_plural("%d answer waiting", 5)) == "%d odpowiedzi czeka");
  CHECK(pl.translate_plural("Wrong PIN. %d try left.", 1) == nullptr);  // one form empty: all English

  const kiosk::i18n::CatalogMessage* back = pl.find("Back");
  REQUIRE(back != nullptr);
  CHECK(back->fuzzy);
  CHECK_FALSE(back->translated);
  CHECK(back->line == 18);
  const kiosk::i18n::CatalogMessage* touch = pl.find("Touch here to start");
  REQUIRE(touch != nullptr);
  CHECK(touch->line == 11);
  CHECK(pl.messages().size() == 7);  // header and obsolete message left out
}

TEST_CASE("catalog: reading a file, and files that are not there or not files") {
  kiosk::testing::TempDir dir;
  write(dir.file("pl.po"), polish());
  CatalogLoad good = load_catalog_file(dir.file("pl.po"));
  REQUIRE(good.ok());
  CHECK(good.catalog->name() == dir.file("pl.po"));

  CatalogLoad missing = load_catalog_file(dir.file("nope.po"));
  CHECK_FALSE(missing.ok());
  CHECK(all_problems(missing).find("nope.po: does not exist") != std::string::npos);

  CatalogLoad folder = load_catalog_file(dir.path());
  CHECK_FALSE(folder.ok());
  CHECK(all_problems(folder).find("is not a regular file") != std::string::npos);

  write(dir.file("bad.po"), header("pl", "") + "msgid \"a\"\nmsgstr \"unterminated\n");
  CatalogLoad bad = load_catalog_file(dir.file("bad.po"));
  CHECK_FALSE(bad.ok());
  CHECK(all_problems(bad).find(dir.file("bad.po") + ":10") != std::string::npos);
}

TEST_CASE("catalog: malformed catalogs give clear errors naming file and line, never a crash") {
  const std::string h = header("pl", "");  // 8 lines, then a blank line: messages start at line 9
  SUBCASE("unterminated string") {
    const std::string problem = first_problem(h + "msgid \"Next\"\nmsgstr \"Dalej\n");
    CHECK(problem.find("pl.po:10") == 0);
    CHECK(problem.find("end-of-line within string") != std::string::npos);
  }
  SUBCASE("bad escape") {
    const std::string problem = first_problem(h + "msgid \"Next\"\nmsgstr \"Da\\qlej\"\n");
    CHECK(problem.find("pl.po:10") == 0);
    CHECK(problem.find("invalid control sequence") != std::string::npos);
  }
  SUBCASE("missing msgstr") {
    const std::string problem = first_problem(h + "msgid \"Next\"\n\nmsgid \"Back\"\nmsgstr \"Wstecz\"\n");
    CHECK(problem.find("pl.po:") == 0);
    CHECK(problem.find("missing 'msgstr' section") != std::string::npos);
  }
  SUBCASE("invalid UTF-8") {
    const std::string problem = first_problem(h + "msgid \"Next\"\nmsgstr \"Dal\xC3\x28j\"\n");
    CHECK(problem.find("pl.po:10:") == 0);
    CHECK(problem.find("not valid UTF-8") != std::string::npos);
  }
  SUBCASE("an overlong encoding and a surrogate are invalid UTF-8 too") {
    CHECK(first_problem(h + "msgid \"a\"\nmsgstr \"\xC0\xAF\"\n").find("not valid UTF-8") != std::string::npos);
    CHECK(first_problem(h + "msgid \"a\"\nmsgstr \"\xED\xA0\x80\"\n").find("not valid UTF-8") != std::string::npos);
  }
  SUBCASE("duplicate entries") {
    const std::string problem =
        first_problem(h + "msgid \"Next\"\nmsgstr \"Dalej\"\n\nmsgid \"Next\"\nmsgstr \"Naprzód\"\n");
    CHECK(problem.find("pl.po:12") == 0);
    CHECK(problem.find("duplicate message definition") != std::string::npos);
  }
  SUBCASE("the same msgid in two contexts is not a duplicate") {
    CatalogLoad load = load_catalog_text(
        h + "msgctxt \"a\"\nmsgid \"Next\"\nmsgstr \"Dalej\"\n\nmsgctxt \"b\"\nmsgid \"Next\"\nmsgstr \"Naprzód\"\n",
        "pl.po");
    CHECK(load.ok());
  }
  SUBCASE("bad Plural-Forms") {
    const std::string problem = first_problem(header("pl", "nplurals=3; plural=n ^ 10;") + "msgid \"a\"\nmsgstr \"b\"\n");
    CHECK(problem.find("pl.po: Plural-Forms") == 0);
    CHECK(problem.find("not allowed") != std::string::npos);
    const std::string range = first_problem(header("pl", "nplurals=2; plural=n;") + "msgid \"a\"\nmsgstr \"b\"\n");
    CHECK(range.find("gives 2 for n=2") != std::string::npos);
  }
  SUBCASE("plural translations without Plural-Forms") {
    const std::string problem = first_problem(
        h + "msgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d plik\"\nmsgstr[1] \"%d pliki\"\n");
    CHECK(problem.find("pl.po:9") == 0);
    CHECK(problem.find("no Plural-Forms") != std::string::npos);
  }
  SUBCASE("a NUL byte") {
    CHECK(first_problem(h + std::string("msgid \"a", 8) + std::string(1, '\0') + "b\"\nmsgstr \"x\"\n")
              .find("pl.po:9:9: contains a NUL byte") == 0);
  }
  SUBCASE("a byte-order mark") {
    CHECK(first_problem("\xEF\xBB\xBF" + h).find("byte-order mark") != std::string::npos);
  }
  SUBCASE("a charset other than UTF-8") {
    std::string latin = h;
    latin.replace(latin.find("UTF-8"), 5, "ISO-8859-2");
    const std::string problem = first_problem(latin + "msgid \"a\"\nmsgstr \"b\"\n");
    CHECK(problem.find("charset ISO-8859-2") != std::string::npos);
    CHECK(problem.find("msgconv") != std::string::npos);
  }
  SUBCASE("an unknown keyword") {
    CHECK(first_problem(h + "msgid \"a\"\nmsgtsr \"b\"\n").find("pl.po:10") == 0);
  }
  SUBCASE("a plural message with the wrong number of forms falls back to English, with a warning") {
    CatalogLoad load = load_catalog_text(header("pl", kPolishPlural) +
                                             "msgid \"%d file\"\nmsgid_plural \"%d files\"\n"
                                             "msgstr[0] \"%d plik\"\nmsgstr[1] \"%d pliki\"\n",
                                         "pl.po");
    REQUIRE(load.ok());
    CHECK(load.catalog->translate_plural("%d file", 2) == nullptr);
    REQUIRE(load.warnings.size() == 1);
    CHECK(load.warnings[0].to_string().find("pl.po:10: \"%d file\" has 2 plural forms but Plural-Forms says nplurals=3") == 0);
  }
  SUBCASE("many errors are capped, not thousands of lines") {
    std::string text = h;
    for (int i = 0; i < 500; ++i) text += "msgid \"a" + std::to_string(i) + "\"\nmsgstr \"x\\q\"\n\n";
    CatalogLoad load = load_catalog_text(text, "pl.po");
    CHECK_FALSE(load.ok());
    CHECK(load.problems.size() <= 51);
    CHECK(load.problems.back().message.find("more problems") != std::string::npos);
  }
}

TEST_CASE("catalog: templates and headerless files load with warnings") {
  CatalogLoad pot = load_catalog_text(
      "#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=CHARSET\\n\"\n"
      "\"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n\"\n\n"
      "msgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n",
      "kiosk.pot");
  INFO(all_problems(pot));
  REQUIRE(pot.ok());
  CHECK(pot.warnings.size() == 2);
  CHECK(pot.catalog->messages().size() == 1);
  CHECK(pot.catalog->messages()[0].is_plural());

  CatalogLoad bare = load_catalog_text("msgid \"a\"\nmsgstr \"b\"\n", "bare.po");
  REQUIRE(bare.ok());
  CHECK(bare.catalog->language().empty());
  CHECK(std::string(bare.catalog->translate("a")) == "b");
  REQUIRE(bare.warnings.size() == 1);
  CHECK(bare.warnings[0].message.find("no header") != std::string::npos);
}

TEST_CASE("catalog: random bytes and truncated catalogs never crash the reader") {
  std::mt19937 random(2024);
  const std::string good = polish();
  for (int round = 0; round < 60; ++round) {
    std::string text = good.substr(0, random() % good.size());
    const int changes = static_cast<int>(random() % 4);
    for (int i = 0; i < changes && !text.empty(); ++i)
      text[random() % text.size()] = "\"\\\n#x[]0 \x01"[random() % 10];
    CatalogLoad load = load_catalog_text(text, "fuzz.po");
    CHECK((load.ok() || !load.problems.empty()));
  }
}

TEST_CASE("catalog: language codes are normalised") {
  using kiosk::i18n::normalize_language_code;
  CHECK(normalize_language_code("zh_Hans") == "zh-Hans");
  CHECK(normalize_language_code("ZH-HANS") == "zh-Hans");
  CHECK(normalize_language_code("pt_br") == "pt-BR");
  CHECK(normalize_language_code("pl_PL.UTF-8") == "pl-PL");
  CHECK(normalize_language_code("sr@latin") == "sr");
  CHECK(normalize_language_code("PL") == "pl");
  CHECK(normalize_language_code("") == "");
}

TEST_CASE("i18n: tr() speaks the session's language, falling back to English and recording what is missing") {
  FreshRegistry fresh;
  install("pl", polish());
  install("uk", ukrainian());
  using kiosk::i18n::tr;
  using kiosk::i18n::trn;

  CHECK(std::string(tr("Next")) == "Next");  // English until a language is chosen
  CHECK(kiosk::i18n::missing_strings("en").empty());

  kiosk::i18n::set_language("pl");
  CHECK(kiosk::i18n::language() == "pl");
  CHECK(std::string(tr("Next")) == "Dalej");
  CHECK(std::string(tr("Back")) == "Back");      // fuzzy: English
  CHECK(std::string(tr("Finish")) == "Finish");  // empty: English
  CHECK(std::string(tr("Cancel")) == "Cancel");  // absent: English
  CHECK(kiosk::i18n::missing_strings("pl") == std::vector<std::string>{"Back", "Cancel", "Finish"});

  CHECK(trn("%d answer waiting", "%d answers waiting", 1) == "1 odpowiedź czeka");
  CHECK(trn("%d answer waiting", "%d answers waiting", 3) == "3 odpowiedzi czekają");
  CHECK(trn("%d answer waiting", "%d answers waiting", 22) == "22 odpowiedzi czekają");
  CHECK(trn("%d answer waiting", "%d answers waiting", 5) == "5 odpowiedzi czeka");
  CHECK(trn("%d answer waiting", "%d answers waiting", 12) == "12 odpowiedzi czeka");
  CHECK(trn("Wrong PIN. %d try left.", "Wrong PIN. %d tries left.", 2) == "Wrong PIN. 2 tries left.");
  CHECK(trn("Wrong PIN. %d try left.", "Wrong PIN. %d tries left.", 1) == "Wrong PIN. 1 try left.");
  CHECK(kiosk::i18n::missing_strings("pl").size() == 4);

  // The next resident chooses Ukrainian: same process, another catalog.
  kiosk::i18n::set_language("uk");
  CHECK(std::string(tr("Next")) == "Далі");
  CHECK(trn("%d answer waiting", "%d answers waiting", 21) == "21 answers waiting");
  CHECK(kiosk::i18n::missing_strings("uk") == std::vector<std::string>{"%d answer waiting"});

  // A language without a catalog speaks English, and says what it missed.
  kiosk::i18n::set_language("cy");
  CHECK(std::string(tr("Next")) == "Next");
  CHECK(kiosk::i18n::missing_strings("cy") == std::vector<std::string>{"Next"});

  kiosk::i18n::set_language("en");
  CHECK(std::string(tr("Next")) == "Next");
  CHECK(trn("%d answer waiting", "%d answers waiting", 1) == "1 answer waiting");
  CHECK(trn("%d answer waiting", "%d answers waiting", 0) == "0 answers waiting");
  CHECK(kiosk::i18n::missing_strings("en").empty());

  kiosk::i18n::clear_missing_strings();
  CHECK(kiosk::i18n::missing_strings("pl").empty());
}

TEST_CASE("i18n: pointers from tr() stay valid while the language changes") {
  FreshRegistry fresh;
  install("pl", polish());
  install("uk", ukrainian());
  kiosk::i18n::set_language("pl");
  const char* polish_next = kiosk::i18n::tr("Next");
  kiosk::i18n::set_language("uk");
  const char* ukrainian_next = kiosk::i18n::tr("Next");
  for (int frame = 0; frame < 100; ++frame) kiosk::i18n::set_language(frame % 2 ? "pl" : "uk");
  CHECK(std::string(polish_next) == "Dalej");
  CHECK(std::string(ukrainian_next) == "Далі");
  kiosk::i18n::set_language("pl");
  CHECK(kiosk::i18n::tr("Next") == polish_next);  // the same storage every frame
}

TEST_CASE("i18n: tr_in() reads another language without switching") {
  FreshRegistry fresh;
  install("pl", polish());
  install("zh-Hans", header("zh-Hans", "nplurals=1; plural=0;") +
                         "msgid \"Touch here to start\"\nmsgstr \"点击这里开始\"\n\n"
                         "msgid \"%d answer waiting\"\nmsgid_plural \"%d answers waiting\"\nmsgstr[0] \"%d 份答复待上传\"\n");
  kiosk::i18n::set_language("pl");
  CHECK(std::string(kiosk::i18n::tr_in("zh_Hans", "Touch here to start")) == "点击这里开始");
  CHECK(kiosk::i18n::trn_in("zh-Hans", "%d answer waiting", "%d answers waiting", 1) == "1 份答复待上传");
  CHECK(kiosk::i18n::trn_in("zh-Hans", "%d answer waiting", "%d answers waiting", 7) == "7 份答复待上传");
  CHECK(std::string(kiosk::i18n::tr_in("en", "Touch here to start")) == "Touch here to start");
  CHECK(kiosk::i18n::language() == "pl");
  kiosk::i18n::set_language("zh_Hans");
  CHECK(kiosk::i18n::language() == "zh-Hans");
  CHECK(std::string(kiosk::i18n::tr("Touch here to start")) == "点击这里开始");
}

TEST_CASE("i18n: load_catalogs() reads every .po of a folder, leaving out broken ones") {
  FreshRegistry fresh;
  kiosk::testing::TempDir dir;
  write(dir.file("pl.po"), polish());
  write(dir.file("uk.po"), ukrainian());
  write(dir.file("zh_Hans.po"), header("zh-Hans", "nplurals=1; plural=0;") +
                                    "msgid \"Next\"\nmsgstr \"下一步\"\n");
  write(dir.file("lt.po"), header("lt", "") + "msgid \"Next\"\nmsgstr \"Toliau\n");  // unterminated
  write(dir.file("ro.po"), header("pl", "") + "msgid \"Next\"\nmsgstr \"Înainte\"\n");  // says Polish
  write(dir.file("notes.txt"), "not a catalog");

  kiosk::i18n::LoadReport report = kiosk::i18n::load_catalogs(dir.path());
  CHECK(report.languages == std::vector<std::string>{"pl", "ro", "uk", "zh-Hans"});
  REQUIRE(report.problems.size() == 2);
  CHECK(report.problems[0].find(dir.file("lt.po") + ":10") == 0);
  CHECK(report.problems[1].find("lt is shown in English") != std::string::npos);
  bool language_warning = false;
  for (const auto& warning : report.warnings)
    language_warning = language_warning || warning.find("Language header says \"pl\"") != std::string::npos;
  CHECK(language_warning);

  CHECK(kiosk::i18n::last_load_report().problems == report.problems);
  kiosk::i18n::set_language("lt");
  CHECK(std::string(kiosk::i18n::tr("Next")) == "Next");
  kiosk::i18n::set_language("zh-Hans");
  CHECK(std::string(kiosk::i18n::tr("Next")) == "下一步");
  CHECK(kiosk::i18n::loaded_languages() == std::vector<std::string>{"pl", "ro", "uk", "zh-Hans"});

  // Loading again replaces everything; a missing folder leaves English only.
  kiosk::i18n::LoadReport none = kiosk::i18n::load_catalogs(dir.file("no-such-folder"));
  CHECK(none.languages.empty());
  REQUIRE(none.problems.size() == 1);
  CHECK(none.problems[0].find("does not exist") != std::string::npos);
  CHECK(std::string(kiosk::i18n::tr("Next")) == "Next");
  CHECK(kiosk::i18n::catalog_for("pl") == nullptr);
}

TEST_CASE("i18n: i18n_dir() honours $KIOSK_I18N, else finds the source tree's catalogs") {
  const char* saved = std::getenv("KIOSK_I18N");
  const std::string saved_value = saved ? saved : "";
  setenv("KIOSK_I18N", "/somewhere/i18n", 1);
  CHECK(kiosk::i18n::i18n_dir() == "/somewhere/i18n");
  unsetenv("KIOSK_I18N");
  const std::string dir = kiosk::i18n::i18n_dir();
  CHECK((dir == "/usr/share/community-kiosk/i18n" || std::ifstream(dir + "/kiosk.pot").good()));
  if (saved) setenv("KIOSK_I18N", saved_value.c_str(), 1);
}
