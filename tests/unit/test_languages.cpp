// The fourteen languages: codes, ICU locales, native names, direction, invitations.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/languages.h"

using kiosk::i18n::find_language;
using kiosk::i18n::native_name;

TEST_CASE("languages: the fourteen, English first, with ICU locale ids") {
  std::vector<std::string> codes;
  for (const auto& language : kiosk::i18n::supported_languages()) codes.push_back(language.code);
  CHECK(codes == std::vector<std::string>{"en", "cy", "pl", "ro", "lt", "pt", "es", "uk", "pa", "ur", "bn", "gu",
                                          "ar", "zh-Hans"});
  REQUIRE(find_language("zh-Hans") != nullptr);
  CHECK(std::string(find_language("zh-Hans")->icu_locale) == "zh_Hans");
  CHECK(find_language("zh_Hans") == find_language("zh-Hans"));
  CHECK(find_language("PL") == find_language("pl"));
  CHECK(find_language("fr") == nullptr);
  CHECK(find_language("") == nullptr);
  for (const auto& language : kiosk::i18n::supported_languages()) {
    CAPTURE(language.code);
    std::string error;
    CHECK(kiosk::i18n::PluralForms::parse(language.plural_forms, error).has_value());
    CHECK(std::string(language.english_name).size() > 0);
  }
}

TEST_CASE("languages: Arabic and Urdu are right to left, the others left to right") {
  for (const auto& language : kiosk::i18n::supported_languages()) {
    CAPTURE(language.code);
    const std::string code = language.code;
    CHECK(language.right_to_left == (code == "ar" || code == "ur"));
    CHECK(kiosk::i18n::is_right_to_left(code) == language.right_to_left);
  }
  CHECK_FALSE(kiosk::i18n::is_right_to_left("xx"));
}

TEST_CASE("languages: native names come from ICU, capitalised where the script has capitals") {
  CHECK(native_name("en") == "English");
  CHECK(native_name("cy") == "Cymraeg");
  CHECK(native_name("pl") == "Polski");
  CHECK(native_name("ro") == "Română");
  CHECK(native_name("lt") == "Lietuvių");
  CHECK(native_name("pt") == "Português");
  CHECK(native_name("es") == "Español");
  CHECK(native_name("uk") == "Українська");
  CHECK(native_name("pa") == "ਪੰਜਾਬੀ");
  CHECK(native_name("ur") == "اردو");
  CHECK(native_name("bn") == "বাংলা");
  CHECK(native_name("gu") == "ગુજરાતી");
  CHECK(native_name("ar") == "العربية");
  CHECK(native_name("zh-Hans") == "中文（简体）");
  CHECK(native_name("zh_Hans") == "中文（简体）");
  CHECK(native_name("pt-PT") == "Português (Portugal)");  // only the first letter is raised
  CHECK(native_name("pl") == "Polski");                     // cached, same answer
  CHECK_FALSE(native_name("xx").empty());                   // never empty, never a crash
}

TEST_CASE("languages: the invitation to start comes from each language's UI catalog") {
  kiosk::i18n::unload_catalogs();
  auto load = kiosk::i18n::load_catalog_text(
      "msgid \"\"\nmsgstr \"\"\n\"Language: pl\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
      "msgid \"Touch here to start\"\nmsgstr \"Dotknij tutaj, aby rozpocząć\"\n",
      "pl.po");
  REQUIRE(load.ok());
  kiosk::i18n::install_catalog("pl", std::move(load.catalog));
  CHECK(std::string(kiosk::i18n::touch_to_start("pl")) == "Dotknij tutaj, aby rozpocząć");
  CHECK(std::string(kiosk::i18n::touch_to_start("en")) == "Touch here to start");
  CHECK(std::string(kiosk::i18n::touch_to_start("bn")) == "Touch here to start");  // no catalog yet
  CHECK(kiosk::i18n::missing_strings("bn") == std::vector<std::string>{"Touch here to start"});
  CHECK(kiosk::i18n::language() == "en");  // asking did not switch the session
  kiosk::i18n::unload_catalogs();
}
