// UTF-8 repair and the keyboard's helpers: invalid input in, valid UTF-8 out; real text untouched.
#include <doctest/doctest.h>
#include <random>
#include <string>
#include <string_view>
#include "core/utf8.h"

using namespace kiosk;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string bytes(std::string_view s) { return std::string(s); }

size_t count_replacements(const std::string& s) {
  size_t n = 0;
  for (size_t pos = s.find(kReplacement); pos != std::string::npos;
       pos = s.find(kReplacement, pos + kReplacement.size()))
    ++n;
  return n;
}

struct Sample {
  const char* name;
  const char* text;
  size_t code_points;
};

const Sample kSamples[] = {
    {"ascii", "Community Kiosk 2024!", 21},
    {"polish", "Zażółć gęślą jaźń", 17},
    {"urdu", "لائبریری کے بارے میں آپ کی رائے", 31},
    {"bengali", "গ্রন্থাগার সম্পর্কে আপনার মতামত", 31},
    {"chinese", "您对图书馆的看法", 8},
    {"emoji", "👍🏽📚👨‍👩‍👧", 8},
    {"arabic", "مكتبة", 5},
    {"gujarati", "પુસ્તકાલય", 9},
    {"gurmukhi", "ਲਾਇਬ੍ਰੇਰੀ", 9},
    {"edges", "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
              "\xF4\x8F\xBF\xBF",
     9},
};

}  // namespace

TEST_CASE("utf8: valid multi-script text passes unchanged") {
  for (const Sample& s : kSamples) {
    CAPTURE(std::string(s.name));
    CHECK(is_valid_utf8(s.text));
    CHECK(sanitize_utf8(s.text) == s.text);
    CHECK(utf8_length(s.text) == s.code_points);
  }
  CHECK(sanitize_utf8("") == "");
  CHECK(is_valid_utf8(""));
  const std::string with_nul("a\0b", 3);  // NUL is a valid code point
  CHECK(is_valid_utf8(with_nul));
  CHECK(sanitize_utf8(with_nul) == with_nul);
}

TEST_CASE("utf8: invalid bytes become U+FFFD and the text around survives") {
  CHECK(sanitize_utf8("\xFF") == kReplacement);
  CHECK(sanitize_utf8("\xFE") == kReplacement);
  CHECK(sanitize_utf8("a\x80z") == "a" + kReplacement + "z");  // lone continuation
  CHECK(sanitize_utf8("\xC3\x28") == kReplacement + "(");    // bad continuation
  CHECK(sanitize_utf8("ok\xFFok") == "ok" + kReplacement + "ok");
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("a\x80z"));
  CHECK_FALSE(is_valid_utf8("\xC3\x28"));
  // Invalid bytes in the middle of real text leave the real text alone.
  const std::string polish = "Zażółć";
  CHECK(sanitize_utf8(polish + "\xFF" + polish) == polish + kReplacement + polish);
}

TEST_CASE("utf8: overlong encodings are rejected") {
  for (const char* overlong : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF",
                               "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", "\xC0\x80"}) {
    CAPTURE(std::string(overlong));
    CHECK_FALSE(is_valid_utf8(overlong));
    const std::string out = sanitize_utf8(overlong);
    CHECK(is_valid_utf8(out));
    CHECK(out.find('/') == std::string::npos);  // never decoded to the ASCII it hides
    CHECK(out.find('\0') == std::string::npos);
    CHECK(count_replacements(out) >= 1);
    CHECK(out.size() % kReplacement.size() == 0);  // nothing but replacements
  }
}

TEST_CASE("utf8: surrogates are rejected, their neighbours are not") {
  for (const char* surrogate : {"\xED\xA0\x80", "\xED\xAF\xBF", "\xED\xB0\x80", "\xED\xBF\xBF",
                                "\xED\xA0\xBD\xED\xB8\x80"}) {  // CESU-8 style pair
    CAPTURE(std::string(surrogate));
    CHECK_FALSE(is_valid_utf8(surrogate));
    const std::string out = sanitize_utf8(surrogate);
    CHECK(is_valid_utf8(out));
    CHECK(out.find('\xED') == std::string::npos);
  }
  CHECK(is_valid_utf8("\xED\x9F\xBF"));  // U+D7FF
  CHECK(is_valid_utf8("\xEE\x80\x80"));  // U+E000
}

TEST_CASE("utf8: truncated sequences are replaced, the next character kept") {
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  CHECK_FALSE(is_valid_utf8("\xC3"));
  for (const char* cut : {"\xC3", "\xE2\x82", "\xF0\x9F", "\xF0\x9F\x98"}) {
    CAPTURE(std::string(cut));
    const std::string out = sanitize_utf8(std::string("ab") + cut);
    CHECK(is_valid_utf8(out));
    CHECK(out.rfind("ab", 0) == 0);
    CHECK(count_replacements(out) >= 1);
    const std::string mid = sanitize_utf8(std::string(cut) + "A€");
    CHECK(is_valid_utf8(mid));
    CHECK(mid.size() >= 4);
    CHECK(mid.substr(mid.size() - 4) == "A€");  // resynchronised on the next lead byte
  }
  // A sequence cut short by another lead byte: both characters' fates are independent.
  const std::string out = sanitize_utf8("\xE2\x82\xC3\xA9");
  CHECK(is_valid_utf8(out));
  CHECK(out.substr(out.size() - 2) == "é");
}

TEST_CASE("utf8: code points above U+10FFFF are rejected") {
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last one
  for (const char* big : {"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",
                          "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80"}) {
    CAPTURE(std::string(big));
    CHECK_FALSE(is_valid_utf8(big));
    const std::string out = sanitize_utf8(big);
    CHECK(is_valid_utf8(out));
    CHECK(out.size() % kReplacement.size() == 0);
  }
}

TEST_CASE("utf8: sanitize always yields valid UTF-8 and is idempotent (random bytes)") {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 24);
  // Bias towards bytes that make interesting sequences.
  const unsigned char interesting[] = {0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
                                       0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 'a', 0x00};
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int n = length(rng);
    for (int j = 0; j < n; ++j)
      s.push_back(static_cast<char>(byte(rng) % 2 ? byte(rng) : interesting[byte(rng) % 16]));
    const std::string once = sanitize_utf8(s);
    CAPTURE(i);
    REQUIRE(is_valid_utf8(once));
    REQUIRE(sanitize_utf8(once) == once);
    if (is_valid_utf8(s)) REQUIRE(once == s);
  }
}

TEST_CASE("utf8: pop_back removes one whole code point") {
  std::string s = "a";
  utf8_pop_back(s);
  CHECK(s.empty());
  utf8_pop_back(s);  // nothing to remove
  CHECK(s.empty());

  s = "aé€😀";
  utf8_pop_back(s);
  CHECK(s == "aé€");
  utf8_pop_back(s);
  CHECK(s == "aé");
  utf8_pop_back(s);
  CHECK(s == "a");
  CHECK(is_valid_utf8(s));

  s = "Zażółć";
  utf8_pop_back(s);
  CHECK(s == "Zażół");
  s = "বাংলা";  // five code points; removes the vowel sign only
  utf8_pop_back(s);
  CHECK(s == "বাংল");
  s = "您对图书馆";
  utf8_pop_back(s);
  CHECK(s == "您对图书");
  s = "👍🏽";  // thumbs up + skin tone: code point deletion takes the modifier
  utf8_pop_back(s);
  CHECK(s == "👍");

  for (const Sample& sample : kSamples) {
    CAPTURE(std::string(sample.name));
    std::string t = sample.text;
    size_t n = utf8_length(t);
    while (!t.empty()) {
      utf8_pop_back(t);
      --n;
      REQUIRE(is_valid_utf8(t));
      REQUIRE(utf8_length(t) == n);
    }
    CHECK(n == 0);
  }
}

TEST_CASE("utf8: length counts code points") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("é") == 1);
  CHECK(utf8_length("€") == 1);
  CHECK(utf8_length("😀") == 1);
  CHECK(utf8_length("a€𝄞") == 3);
  CHECK(utf8_length(bytes("\xEF\xBF\xBD\xEF\xBF\xBD")) == 2);
  CHECK(utf8_length(sanitize_utf8("\xFF\xFE")) == 2);
}

TEST_CASE("utf8_prefix cuts between characters, never inside one") {
  const std::string text = "aé中😀";  // 1 + 2 + 3 + 4 bytes
  CHECK(kiosk::utf8_prefix(text, 100) == text);
  CHECK(kiosk::utf8_prefix(text, 10) == text);
  CHECK(kiosk::utf8_prefix(text, 9) == "aé中");
  CHECK(kiosk::utf8_prefix(text, 6) == "aé中");
  CHECK(kiosk::utf8_prefix(text, 5) == "aé");
  CHECK(kiosk::utf8_prefix(text, 2) == "a");
  CHECK(kiosk::utf8_prefix(text, 0) == "");
}
