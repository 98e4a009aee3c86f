// Bad input never crashes, hangs or draws garbage (run under ASan/UBSan in CI): invalid
// UTF-8, very long strings, mixed scripts, control characters, empty text, odd widths.
#include <doctest/doctest.h>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include "render_fixture.h"
#include "text/clean_text.h"
#include "text/grapheme.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

namespace {

// Measures and draws `text` at several widths and alignments; returns the unwrapped size.
ImVec2 exercise(RenderFixture& fixture, ImDrawList* list, const std::string& text, const std::string& language) {
  const Style style{28.0f, IM_COL32_BLACK, Weight::Regular};
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (float width : {0.0f, -5.0f, 1.0f, 37.0f, 300.0f, nan, std::numeric_limits<float>::infinity()}) {
    const ImVec2 size = fixture.engine.measure(text, style, width, language);
    CHECK(std::isfinite(size.x));
    CHECK(std::isfinite(size.y));
    for (Align align : {Align::Start, Align::Center, Align::End})
      fixture.engine.draw(list, ImVec2(5, 5), text, style, width, align, language);
  }
  return fixture.engine.measure(text, style, 0, language);
}

std::string repeat(const std::string& unit, size_t characters, size_t unit_chars) {
  std::string out;
  for (size_t n = 0; n < characters; n += unit_chars) out += unit;
  return out;
}

}  // namespace

TEST_CASE("robustness: clean_text repairs UTF-8 and drops control characters") {
  CHECK(clean_text("ok") == "ok");
  CHECK(clean_text("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");               // overlong '/'
  CHECK(clean_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(clean_text("\xE0\xA6") == "\xEF\xBF\xBD");                           // cut short
  CHECK(clean_text(std::string("a\0b\x07\x1B[31mc\r\n\td\x7F", 15)) == "ab[31mc\n d");
  CHECK(clean_text("x\xC2\x85y\xE2\x80\xA8z") == "xy\nz");  // NEL dropped, LS splits
  CHECK(clean_text(std::string(kMaxTextBytes + 100, 'a')).size() == kMaxTextBytes);
}

TEST_CASE("robustness: hostile text lays out and draws without crashing") {
  RenderFixture fixture(320, 240);
  REQUIRE(fixture.ok());
  ImDrawList* list = fixture.begin_frame();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "en"},
      {"", "ar"},
      {"\n\n\n", "ur"},
      {" ", "ar"},
      {std::string("\0\0\0", 3), "en"},
      {"\x01\x02\x03\x1B\x7F\xC2\x80\xC2\x9F", "en"},
      {"\xFF\xFE\xFD\x80\x80\xC0\xC1\xF5\xF8\xFC", "ur"},
      {"\xE2\x80\xAE\xE2\x80\xAE\xE2\x81\xA6 abc \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85\xE2\x80\xAC", "ar"},  // bidi controls, unbalanced
      {"\xCC\x81\xCC\x81\xCC\x81\xCC\x81", "en"},  // marks with no base
      {"Hi \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xE0\xA6\xA7\xE0\xA6\xA8 \xE4\xBD\xA0\xE5\xA5\xBD \xD0\x9F\xD1\x80\xD0\xB8 \xF0\x9F\x98\x80 \xEE\x80\x80", "en"},
      {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 \xF0\x9F\x87\xAC\xF0\x9F\x87\xA7", "pa"},
      {"\xEF\xBF\xBF\xF4\x8F\xBF\xBF\xEF\xB7\x90", "zh-Hans"},  // noncharacters
  };
  for (const auto& [text, language] : cases) {
    INFO(language << " case of " << text.size() << " bytes");
    exercise(fixture, list, text, language);
  }
  // Unknown, empty and odd language tags fall back to Latin defaults.
  for (const char* language : {"", "xx", "-", "zh-", "ur_PK", "AR"}) exercise(fixture, list, "abc \xD8\xB3", language);
  // Odd sizes are clamped, not trusted.
  for (float size : {0.0f, -10.0f, 1e9f, std::numeric_limits<float>::quiet_NaN()})
    fixture.engine.draw(list, ImVec2(0, 0), "size", Style{size, IM_COL32_BLACK, Weight::Bold}, 100, Align::Start, "en");
  fixture.end_frame();
}

TEST_CASE("robustness: random bytes never crash") {
  RenderFixture fixture(200, 100);
  REQUIRE(fixture.ok());
  ImDrawList* list = fixture.begin_frame();
  std::mt19937 random(1234);
  for (int i = 0; i < 60; ++i) {
    std::string bytes(random() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(random() % 256);
    fixture.engine.draw(list, ImVec2(0, 0), bytes, Style{20.0f, IM_COL32_BLACK, Weight::Regular}, 120,
                        Align::Start, i % 2 ? "ar" : "en");
    std::string typed = bytes;
    while (delete_last_grapheme(typed)) {}
    CHECK(typed.empty());
  }
  fixture.end_frame();
}

TEST_CASE("robustness: 10,000-character strings lay out in bounded time") {
  RenderFixture fixture(800, 600);
  REQUIRE(fixture.ok());
  ImDrawList* list = fixture.begin_frame();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {repeat("a", 10000, 1), "en"},                                      // one unbreakable word
      {repeat("word ", 10000, 5), "pl"},
      {repeat("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 ", 10000, 5), "ar"},
      {repeat("\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C", 10000, 4), "zh-Hans"},
      {repeat("\n", 10000, 1), "en"},
  };
  for (const auto& [text, language] : cases) {
    INFO(language);
    const auto start = std::chrono::steady_clock::now();
    const Style style{24.0f, IM_COL32_BLACK, Weight::Regular};
    const ImVec2 size = fixture.engine.draw(list, ImVec2(0, 0), text, style, 780, Align::Start, language);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE(language << ": " << text.size() << " bytes laid out in " << seconds << " s, " << size.y << " px tall");
    CHECK(size.y > 0);
    CHECK(seconds < 30.0);  // generous for sanitizer builds; a hang would be far longer
  }
  fixture.end_frame();
}
