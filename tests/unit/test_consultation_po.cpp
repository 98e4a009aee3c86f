// A consultation's texts as PO catalogs: the template export matches the committed .pot,
// a language exports with its translations, and importing a .po changes that language only.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <nlohmann/json.hpp>

#include "../support/temp_dir.h"
#include "core/catalog.h"
#include "core/consultation_loader.h"
#include "core/consultation_po.h"

using kiosk::export_consultation_po;
using kiosk::export_consultation_pot;
using kiosk::import_consultation_po_text;
using kiosk::PoImportResult;
using ordered_json = nlohmann::ordered_json;

namespace {

const std::string kBundled = KIOSK_SOURCE_ASSETS "/consultations/residents-conversation.json";
const std::string kBundledPot = KIOSK_SOURCE_ASSETS "/../i18n/consultation/residents-conversation.pot";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The example of docs/consultation-format.md, with an unknown key and a "$schema" to keep.
const std::string kExample = R"({
  "$schema": "../../docs/consultation.schema.json",
  "format": 1,
  "id": "library-opening-hours",
  "version": 2,
  "languages": ["en", "pl"],
  "title": { "en": "Library opening hours", "pl": "Godziny otwarcia biblioteki" },
  "intro": { "en": "Help us choose when your library is open.\nIt takes a minute.", "pl": "Pomóż nam wybrać godziny otwarcia." },
  "privacy": { "en": "Anonymous: we do not ask your \"name\".", "pl": "Anonimowo: nie pytamy o imię." },
  "thank_you": { "en": "Thank you!", "pl": "Dziękujemy!" },
  "questions": [
    {
      "id": "q_visit",
      "type": "single_choice",
      "title": { "en": "How often do you visit?", "pl": "Jak często nas odwiedzasz?" },
      "options": [
        { "id": "weekly", "label": { "en": "Every week", "pl": "Co tydzień" } },
        { "id": "monthly", "label": { "en": "Every month", "pl": "Co miesiąc" } },
        { "id": "rarely", "label": { "en": "Less often", "pl": "Rzadziej" } }
      ]
    },
    {
      "id": "q_rating",
      "type": "rating",
      "title": { "en": "How do you rate the library?" },
      "help": { "en": "Back\\slash here." },
      "rating_labels": [
        { "en": "Very poor" }, { "en": "Poor" }, { "en": "OK" }, { "en": "Good" }, { "en": "Very good" }
      ]
    },
    {
      "id": "q_life",
      "type": "scale",
      "title": { "en": "How satisfied are you?" },
      "low_label": { "en": "Not at all" },
      "high_label": { "en": "Completely" }
    }
  ]
})";

kiosk::Consultation load(const std::string& json) {
  kiosk::LoadResult result = kiosk::load_consultation(json);
  std::string problems;
  for (const auto& problem : result.problems) problems += problem.to_string() + "\n";
  INFO(problems);
  REQUIRE(result.ok());
  return *result.consultation;
}

// One message of a .po, as the exporter writes it.
std::string entry(const std::string& context, const std::string& msgid, const std::string& msgstr) {
  return "\nmsgctxt \"" + context + "\"\nmsgid \"" + msgid + "\"\nmsgstr \"" + msgstr + "\"\n";
}

std::string po_header(const std::string& language) {
  return "msgid \"\"\nmsgstr \"\"\n\"Language: " + language + "\\n\"\n"
         "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
}

PoImportResult import(const std::string& json, const std::string& po, const std::string& language) {
  PoImportResult result = import_consultation_po_text(json, po, language, language + ".po");
  INFO(result.report());
  return result;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& line : lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("consultation po: the exported template equals the committed .pot byte for byte") {
  const kiosk::Consultation bundled = load(read(kBundled));
  const std::string committed = read(kBundledPot);
  REQUIRE_FALSE(committed.empty());
  const std::string exported = export_consultation_pot(bundled);
  CHECK(exported == committed);
  // ...and libgettextpo reads it back: every text once, with its context.
  auto pot = kiosk::i18n::load_catalog_text(exported, "residents-conversation.pot");
  INFO(pot.problems_text());
  REQUIRE(pot.ok());
  CHECK(pot.catalog->messages().size() == kiosk::consultation_texts(bundled).size());
  CHECK(std::string(pot.catalog->find("questions.q_age.options.under_18.label", "Under 18")->msgid) == "Under 18");
}

TEST_CASE("consultation po: texts in file order with the agreed msgctxt names") {
  const kiosk::Consultation example = load(kExample);
  std::vector<std::string> contexts;
  for (const auto& text : kiosk::consultation_texts(example)) contexts.push_back(text.context);
  CHECK(contexts == std::vector<std::string>{
                        "title", "intro", "privacy", "thank_you", "questions.q_visit.title",
                        "questions.q_visit.options.weekly.label", "questions.q_visit.options.monthly.label",
                        "questions.q_visit.options.rarely.label", "questions.q_rating.title",
                        "questions.q_rating.help", "questions.q_rating.rating_labels.0",
                        "questions.q_rating.rating_labels.1", "questions.q_rating.rating_labels.2",
                        "questions.q_rating.rating_labels.3", "questions.q_rating.rating_labels.4",
                        "questions.q_life.title", "questions.q_life.low_label", "questions.q_life.high_label"});
}

TEST_CASE("consultation po: a language exports with its translations, escaped for PO") {
  const std::string po = export_consultation_po(load(kExample), "pl");
  CHECK(po.find("# Texts of the consultation \"library-opening-hours\" in pl (Polish), for translators.\n") == 0);
  CHECK(po.find("\"Project-Id-Version: library-opening-hours 2\\n\"\n\"Language: pl\\n\"\n") != std::string::npos);
  CHECK(po.find("\"Plural-Forms: nplurals=3;") != std::string::npos);
  CHECK(po.find(entry("title", "Library opening hours", "Godziny otwarcia biblioteki")) != std::string::npos);
  CHECK(po.find(entry("intro", "Help us choose when your library is open.\\nIt takes a minute.",
                      "Pomóż nam wybrać godziny otwarcia.")) != std::string::npos);
  CHECK(po.find(entry("privacy", "Anonymous: we do not ask your \\\"name\\\".", "Anonimowo: nie pytamy o imię.")) !=
        std::string::npos);
  CHECK(po.find(entry("questions.q_rating.help", "Back\\\\slash here.", "")) != std::string::npos);
  CHECK(po.find(entry("questions.q_rating.rating_labels.4", "Very good", "")) != std::string::npos);

  auto catalog = kiosk::i18n::load_catalog_text(po, "pl.po");
  INFO(catalog.problems_text());
  REQUIRE(catalog.ok());
  CHECK(catalog.catalog->language() == "pl");
  CHECK(std::string(catalog.catalog->translate("questions.q_visit.options.weekly.label", "Every week")) == "Co tydzień");
  CHECK(catalog.catalog->find("questions.q_rating.help", "Back\\slash here.") != nullptr);
}

TEST_CASE("consultation po: exports pass msgfmt --check") {
  if (std::system("msgfmt --version > /dev/null 2>&1") != 0) return;  // gettext tools not installed
  kiosk::testing::TempDir dir;
  const kiosk::Consultation example = load(kExample);
  for (const std::string language : {"pl", "cy", "ar", "zh-Hans"}) {
    std::ofstream(dir.file(language + ".po")) << export_consultation_po(example, language);
    CAPTURE(language);
    CHECK(std::system(("msgfmt --check -o /dev/null " + dir.file(language + ".po") + " > /dev/null 2>&1").c_str()) == 0);
  }
}

TEST_CASE("consultation po: export then import changes nothing") {
  for (const std::string language : {"pl", "uk"}) {
    CAPTURE(language);
    const std::string po = export_consultation_po(load(kExample), language);
    PoImportResult result = import(kExample, po, language);
    REQUIRE(result.ok());
    CHECK(*result.json == kExample);  // byte for byte
    CHECK(result.imported == 0);
    CHECK(result.unchanged == (language == "pl" ? 8 : 0));
    CHECK(result.untranslated == (language == "pl" ? 10 : 18));
  }
  // The bundled consultation too.
  const std::string bundled = read(kBundled);
  PoImportResult result = import(bundled, export_consultation_po(load(bundled), "bn"), "bn");
  REQUIRE(result.ok());
  CHECK(*result.json == bundled);
}

TEST_CASE("consultation po: importing changes only the texts of that language") {
  std::string po = po_header("pl") + entry("questions.q_rating.title", "How do you rate the library?", "Jak oceniasz bibliotekę?") +
                   entry("questions.q_rating.rating_labels.0", "Very poor", "Bardzo źle") +
                   entry("questions.q_life.low_label", "Not at all", "Wcale") +
                   entry("title", "Library opening hours", "Godziny otwarcia bibliotek") +  // a correction
                   entry("thank_you", "Thank you!", "Dziękujemy!") +                        // as it was
                   entry("questions.q_life.high_label", "Completely", "") +                 // untranslated
                   "\n#, fuzzy" + entry("questions.q_life.title", "How satisfied are you?", "Czy jesteś zadowolony?");
  PoImportResult result = import(kExample, po, "pl");
  REQUIRE(result.ok());
  CHECK(result.imported == 4);
  CHECK(result.unchanged == 1);
  CHECK(result.untranslated == 1);
  CHECK(result.fuzzy == 1);

  ordered_json before = ordered_json::parse(kExample);
  ordered_json after = ordered_json::parse(*result.json);
  CHECK(after["questions"][1]["title"]["pl"] == "Jak oceniasz bibliotekę?");
  CHECK(after["questions"][1]["rating_labels"][0]["pl"] == "Bardzo źle");
  CHECK(after["questions"][2]["low_label"]["pl"] == "Wcale");
  CHECK(after["title"]["pl"] == "Godziny otwarcia bibliotek");
  CHECK_FALSE(after["questions"][2]["title"].contains("pl"));       // fuzzy: not imported
  CHECK_FALSE(after["questions"][2]["high_label"].contains("pl"));  // empty: not imported

  // Undo the four changes: everything else is as it was, keys in their order.
  after["questions"][1]["title"].erase("pl");
  after["questions"][1]["rating_labels"][0].erase("pl");
  after["questions"][2]["low_label"].erase("pl");
  after["title"]["pl"] = "Godziny otwarcia biblioteki";
  CHECK(after == before);
  CHECK(after.dump() == before.dump());  // ordered_json: same key order, "$schema" kept first

  // The result loads, and importing the same file again changes nothing.
  load(*result.json);
  PoImportResult again = import(*result.json, po, "pl");
  REQUIRE(again.ok());
  CHECK(again.imported == 0);
  CHECK(*again.json == *result.json);
}

TEST_CASE("consultation po: a new language is added to \"languages\"") {
  PoImportResult result = import(kExample, po_header("zh-Hans") + entry("title", "Library opening hours", "图书馆开放时间"), "zh_Hans");
  REQUIRE(result.ok());
  ordered_json after = ordered_json::parse(*result.json);
  CHECK(after["languages"] == ordered_json::array({"en", "pl", "zh-Hans"}));
  CHECK(after["title"]["zh-Hans"] == "图书馆开放时间");
  CHECK(result.json->find("图书馆开放时间") != std::string::npos);  // UTF-8, not \u escapes
  const kiosk::Consultation loaded = load(*result.json);
  CHECK(kiosk::localized(loaded.title, "zh-Hans") == "图书馆开放时间");
}

TEST_CASE("consultation po: unknown msgctxt and stale translations are reported, not imported") {
  std::string po = po_header("pl") + entry("questions.q_gone.title", "A removed question", "Usunięte pytanie") +
                   entry("questions.q_visit.title", "How often do you come?", "Jak często przychodzisz?") +
                   entry("questions.q_visit.options.weekly.label", "Every week", "Każdego tygodnia") +
                   "\nmsgid \"No context\"\nmsgstr \"Bez kontekstu\"\n";
  PoImportResult result = import(kExample, po, "pl");
  CHECK_FALSE(result.ok());
  REQUIRE(result.json.has_value());
  CHECK(result.errors.empty());
  CHECK(result.imported == 1);
  REQUIRE(result.problems.size() == 3);
  CHECK(result.problems[0].find("pl.po:7: unknown msgctxt \"questions.q_gone.title\"") == 0);
  CHECK(result.problems[1].find("pl.po:11: stale translation of \"questions.q_visit.title\"") == 0);
  CHECK(result.problems[1].find("How often do you visit?") != std::string::npos);
  CHECK(result.problems[2].find("has no msgctxt") != std::string::npos);
  ordered_json after = ordered_json::parse(*result.json);
  CHECK(after["questions"][0]["title"]["pl"] == "Jak często nas odwiedzasz?");  // the stale one was not taken
  CHECK(after["questions"][0]["options"][0]["label"]["pl"] == "Każdego tygodnia");
}

TEST_CASE("consultation po: what cannot be imported at all") {
  const std::string po = po_header("pl") + entry("title", "Library opening hours", "Tytuł");
  SUBCASE("English") {
    PoImportResult result = import(kExample, po_header("en") + entry("title", "Library opening hours", "Hours"), "en");
    CHECK_FALSE(result.json.has_value());
    CHECK(mentions(result.errors, "English is the source text"));
  }
  SUBCASE("a file for another language") {
    PoImportResult result = import(kExample, po, "uk");
    CHECK_FALSE(result.json.has_value());
    CHECK(mentions(result.errors, "Language header says \"pl\", not \"uk\""));
    CHECK(import(kExample, po_header("pl_PL") + entry("title", "Library opening hours", "Tytuł"), "pl").ok());
  }
  SUBCASE("a malformed .po") {
    PoImportResult result = import(kExample, po_header("pl") + "\nmsgctxt \"title\"\nmsgid \"Library opening hours\"\nmsgstr \"Ty\n", "pl");
    CHECK_FALSE(result.json.has_value());
    CHECK(mentions(result.errors, "pl.po:8"));
  }
  SUBCASE("a consultation that does not load") {
    PoImportResult result = import("{ \"format\": 1 ", po, "pl");
    CHECK_FALSE(result.json.has_value());
    CHECK(mentions(result.errors, "fix them before importing"));
  }
  SUBCASE("a translation the loader refuses (a control character)") {
    PoImportResult result = import(kExample, po_header("pl") + entry("title", "Library opening hours", "Ty\\atu\\bł"), "pl");
    CHECK_FALSE(result.json.has_value());
    CHECK(mentions(result.errors, "control character"));
  }
}
