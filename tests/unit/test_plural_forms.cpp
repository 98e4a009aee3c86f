// Plural-Forms: the safe evaluator, and the rule of each of the fourteen languages checked
// against the CLDR plural categories for whole numbers.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/languages.h"

using kiosk::i18n::PluralForms;

namespace {

PluralForms parse_ok(const std::string& value) {
  std::string error;
  auto forms = PluralForms::parse(value, error);
  INFO(value << " -> " << error);
  REQUIRE(forms.has_value());
  CHECK(error.empty());
  return *forms;
}

std::string parse_error(const std::string& value) {
  std::string error;
  auto forms = PluralForms::parse(value, error);
  INFO(value);
  CHECK_FALSE(forms.has_value());
  CHECK_FALSE(error.empty());
  return error;
}

unsigned long eval(const std::string& expression, unsigned long n) {
  return parse_ok("nplurals=10; plural=(" + expression + ") % 10;").evaluate(n);
}

// CLDR categories in gettext's msgstr[] order, with sample whole numbers of each
// (from CLDR's plurals.xml @integer samples, plus edge cases).
struct Expected {
  std::vector<std::string> categories;
  std::map<std::string, std::vector<unsigned long>> samples;
};

const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table = {
      {"en", {{"one", "other"}, {{"one", {1}}, {"other", {0, 2, 3, 11, 21, 100, 101, 1000}}}}},
      {"es", {{"one", "other"}, {{"one", {1}}, {"other", {0, 2, 5, 21, 101, 1000000}}}}},
      {"pt", {{"one", "other"}, {{"one", {1}}, {"other", {0, 2, 5, 21, 101}}}}},
      {"ur", {{"one", "other"}, {{"one", {1}}, {"other", {0, 2, 5, 21, 101}}}}},
      {"pa", {{"one", "other"}, {{"one", {0, 1}}, {"other", {2, 3, 10, 21, 101}}}}},
      {"bn", {{"one", "other"}, {{"one", {0, 1}}, {"other", {2, 3, 10, 21, 101}}}}},
      {"gu", {{"one", "other"}, {{"one", {0, 1}}, {"other", {2, 3, 10, 21, 101}}}}},
      {"zh-Hans", {{"other"}, {{"other", {0, 1, 2, 5, 11, 100, 1000}}}}},
      {"pl", {{"one", "few", "many"},
              {{"one", {1}},
               {"few", {2, 3, 4, 22, 23, 24, 32, 33, 34, 42, 102, 103, 104, 1002}},
               {"many", {0, 5, 6, 10, 11, 12, 13, 14, 15, 19, 20, 21, 25, 31, 100, 101, 111, 112, 114, 1000}}}}},
      {"uk", {{"one", "few", "many"},
              {{"one", {1, 21, 31, 41, 51, 61, 71, 81, 101, 1001}},
               {"few", {2, 3, 4, 22, 23, 24, 32, 33, 34, 102, 1002}},
               {"many", {0, 5, 6, 10, 11, 12, 13, 14, 19, 20, 25, 100, 111, 112, 1000}}}}},
      {"lt", {{"one", "few", "other"},
              {{"one", {1, 21, 31, 41, 51, 61, 71, 81, 101, 1001}},
               {"few", {2, 3, 4, 5, 6, 7, 8, 9, 22, 23, 29, 102, 1002}},
               {"other", {0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 30, 40, 50, 60, 100, 111, 1000}}}}},
      {"ro", {{"one", "few", "other"},
              {{"one", {1}},
               {"few", {0, 2, 3, 10, 16, 19, 101, 102, 110, 119, 1001}},
               {"other", {20, 21, 35, 100, 120, 1000, 10000}}}}},
      {"cy", {{"zero", "one", "two", "few", "many", "other"},
              {{"zero", {0}}, {"one", {1}}, {"two", {2}}, {"few", {3}}, {"many", {6}},
               {"other", {4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 20, 100, 1000}}}}},
      {"ar", {{"zero", "one", "two", "few", "many", "other"},
              {{"zero", {0}}, {"one", {1}}, {"two", {2}},
               {"few", {3, 4, 5, 10, 103, 104, 110, 1003}},
               {"many", {11, 12, 20, 26, 99, 111, 199, 1011}},
               {"other", {100, 101, 102, 200, 201, 202, 1000, 1001, 1002}}}}},
  };
  return table;
}

}  // namespace

TEST_CASE("plural forms: every supported language's rule gives the CLDR category for sample numbers") {
  const auto& languages = kiosk::i18n::supported_languages();
  REQUIRE(languages.size() == 14);
  for (const auto& language : languages) {
    CAPTURE(language.code);
    auto it = expectations().find(language.code);
    REQUIRE(it != expectations().end());
    const Expected& expected = it->second;
    const PluralForms forms = parse_ok(language.plural_forms);
    CHECK(forms.nplurals() == static_cast<int>(expected.categories.size()));
    for (std::size_t index = 0; index < expected.categories.size(); ++index) {
      const std::string& category = expected.categories[index];
      for (unsigned long n : expected.samples.at(category)) {
        CAPTURE(category);
        CAPTURE(n);
        CHECK(forms.index(n) == static_cast<int>(index));
      }
    }
  }
}

TEST_CASE("plural forms: Polish 1 / 2-4 / 5+") {
  const PluralForms pl = parse_ok(kiosk::i18n::find_language("pl")->plural_forms);
  CHECK(pl.index(1) == 0);
  CHECK(pl.index(2) == 1);
  CHECK(pl.index(4) == 1);
  CHECK(pl.index(5) == 2);
  CHECK(pl.index(12) == 2);
  CHECK(pl.index(22) == 1);
  CHECK(pl.index(0) == 2);
}

TEST_CASE("plural forms: the evaluator follows C precedence and never divides by zero") {
  CHECK(eval("1 + 2 * 3", 0) == 7);
  CHECK(eval("(1 + 2) * 3", 0) == 9);
  CHECK(eval("n - 1 - 1", 5) == 3);       // left-associative
  CHECK(eval("20 / 5 / 2", 0) == 2);
  CHECK(eval("n % 7", 23) == 2);
  CHECK(eval("n / 0", 5) == 0);
  CHECK(eval("n % 0", 5) == 0);
  CHECK(eval("n / (n - 5)", 5) == 0);
  CHECK(eval("n == 1 ? 2 : n == 2 ? 3 : 4", 1) == 2);  // right-associative ?:
  CHECK(eval("n == 1 ? 2 : n == 2 ? 3 : 4", 2) == 3);
  CHECK(eval("n == 1 ? 2 : n == 2 ? 3 : 4", 9) == 4);
  CHECK(eval("n > 1 ? n < 5 ? 1 : 2 : 3", 3) == 1);
  CHECK(eval("1 || 0 && 0", 0) == 1);      // && binds tighter than ||
  CHECK(eval("1 < 2 == 1", 0) == 1);       // < binds tighter than ==
  CHECK(eval("n >= 3 && n <= 4", 4) == 1);
  CHECK(eval("n != 1", 1) == 0);
  CHECK(eval("!n", 0) == 1);
  CHECK(eval("!(n == 1)", 1) == 0);
  CHECK(eval("  n\t!=\n1 ", 2) == 1);
  CHECK(eval("0 - 1 > 0", 0) == 1);        // unsigned arithmetic, as in gettext
  CHECK(parse_ok("nplurals=1; plural=0;").index(12345) == 0);
  CHECK(parse_ok("nplurals=2; plural=n != 1").nplurals() == 2);  // the last ';' is optional
  CHECK(parse_ok(" plural = (n != 1) ; nplurals = 2 ; ").index(2) == 1);
}

TEST_CASE("plural forms: anything outside the C subset is refused with a clear error") {
  CHECK(parse_error("nplurals=2; plural=abs(n);").find("\"abs\"") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n & 1;").find("not allowed") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n | 1;").find("not allowed") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n ^ 1;").find("not allowed") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n = 1;").find("not allowed") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n, 1;").find("not allowed") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=-n;").find("unexpected") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=nn;").find("\"nn\"") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=(n != 1;").find("\")\"") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n != 1);").find("unexpected") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n ? 1;").find("\":\"") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=n +;").find("ends too early") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=;").find("empty") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=99999999999999999999999;").find("too large") != std::string::npos);
  CHECK(parse_error("nplurals=2;").find("plural=EXPRESSION is missing") != std::string::npos);
  CHECK(parse_error("plural=(n != 1);").find("nplurals=N is missing") != std::string::npos);
  CHECK(parse_error("nplurals=0; plural=0;").find("from 1 to") != std::string::npos);
  CHECK(parse_error("nplurals=11; plural=0;").find("from 1 to") != std::string::npos);
  CHECK(parse_error("nplurals=two; plural=(n != 1);").find("not a whole number") != std::string::npos);
  CHECK(parse_error("nplurals=INTEGER; plural=EXPRESSION;").find("not a whole number") != std::string::npos);
  CHECK(parse_error("nplurals=2; plural=(n != 1); extra=1;").find("not understood") != std::string::npos);
  CHECK(parse_error("").find("missing") != std::string::npos);
  // An index that has no msgstr[] is a mistake in the rule, found for a sample n.
  const std::string wrong = parse_error("nplurals=2; plural=(n==1 ? 0 : n<5 ? 1 : 2);");
  CHECK(wrong.find("gives 2 for n=5") != std::string::npos);
  CHECK(wrong.find("nplurals=2") != std::string::npos);
}

TEST_CASE("plural forms: hostile expressions do not overflow the stack") {
  std::string deep(5000, '(');
  deep += "n" + std::string(5000, ')');
  CHECK(parse_error("nplurals=2; plural=" + deep + ";").find("too") != std::string::npos);
  std::string nots(1500, '!');
  CHECK_FALSE(parse_error("nplurals=2; plural=" + nots + "n;").empty());
  std::string chain = "n";
  for (int i = 0; i < 600; ++i) chain += "+n";
  CHECK_FALSE(parse_error("nplurals=2; plural=" + chain + ";").empty());
  std::string ternaries;
  for (int i = 0; i < 300; ++i) ternaries += "n ? 0 : ";
  ternaries += "1";
  CHECK_FALSE(parse_error("nplurals=2; plural=" + ternaries + ";").empty());
}

TEST_CASE("plural forms: random byte soup never crashes the parser") {
  std::mt19937 random(12345);
  const std::string alphabet = "n0123456789()?:|&=!<>+-*/% ;xnplurals=";
  for (int round = 0; round < 3000; ++round) {
    std::string expression;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) expression += alphabet[random() % alphabet.size()];
    std::string error;
    auto forms = PluralForms::parse("nplurals=3; plural=" + expression + ";", error);
    if (forms) {
      for (unsigned long n : {0ul, 1ul, 2ul, 5ul, 11ul, 100ul, 4294967295ul}) CHECK(forms->index(n) < 3);
    } else {
      CHECK_FALSE(error.empty());
    }
  }
}
