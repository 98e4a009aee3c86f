// The engine behind TextEngine: caching, direction, wrapping, fonts per script.
#include <doctest/doctest.h>
#include "text_test_support.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

TEST_CASE("engine: a second layout of the same text shapes nothing") {
  ShapingTextEngine eng;
  const Style style{40.0f, IM_COL32_BLACK, Weight::Regular};
  const std::string urdu = "\xD8\xA2\xD9\xBE \xDA\xA9\xDB\x92 \xD8\xB9\xD9\x84\xD8\xA7\xD9\x82\xDB\x92 \xD9\x85\xDB\x8C\xDA\xBA \xDA\xA9\xDB\x8C\xD8\xA7 \xD8\xA7\xDA\x86\xDA\xBE\xD8\xA7 \xDB\x81\xDB\x92\xD8\x9F";
  const ImVec2 first = eng.measure(urdu, style, 300, "ur");
  const uint64_t calls = eng.stats().shaping_calls;
  CHECK(calls >= 2);  // the paragraph, then each of its wrapped lines
  for (int frame = 0; frame < 3; ++frame) {
    const ImVec2 again = eng.measure(urdu, style, 300, "ur");
    CHECK(again.x == first.x);
    CHECK(again.y == first.y);
  }
  CHECK(eng.stats().shaping_calls == calls);
  CHECK(eng.stats().layout_cache_hits >= 3);
  // Anything in the key that changes the layout is a new layout.
  eng.measure(urdu, style, 500, "ur");
  eng.measure(urdu, Style{40.0f, IM_COL32_BLACK, Weight::Bold}, 300, "ur");
  eng.measure(urdu, style, 300, "ar");
  CHECK(eng.stats().layout_cache_misses == 4);
}

TEST_CASE("engine: direction and fonts come from the language") {
  ShapingTextEngine& eng = engine();
  CHECK(eng.is_right_to_left("ar"));
  CHECK(eng.is_right_to_left("ur"));
  CHECK(eng.is_right_to_left("ur-PK"));
  CHECK_FALSE(eng.is_right_to_left("en"));
  CHECK_FALSE(eng.is_right_to_left("zh-Hans"));
  const Style style{40.0f, IM_COL32_BLACK, Weight::Regular};
  auto family_of = [&](const std::string& text, const std::string& lang) {
    auto laid = eng.layout(text, style, 0, lang);
    REQUIRE_FALSE(laid->glyphs.empty());
    return laid->glyphs.front().face->family();
  };
  CHECK(family_of("\xD8\xB4\xDA\xA9\xD8\xB1\xDB\x8C\xDB\x81", "ur") == "Noto Nastaliq Urdu");
  CHECK(family_of("\xD8\xB4\xD9\x83\xD8\xB1\xD8\xA7", "ar") == "Noto Naskh Arabic");
  CHECK(family_of("\xE0\xA6\xA7\xE0\xA6\xA8\xE0\xA7\x8D\xE0\xA6\xAF\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA6\xA6", "bn") == "Noto Sans Bengali");
  CHECK(family_of("\xE8\xB0\xA2\xE8\xB0\xA2", "zh-Hans") == "Noto Sans CJK SC");
  CHECK(family_of("Dzi\xC4\x99kujemy", "pl") == "Noto Sans");
  // Per-character fallback: Bengali inside English text finds the Bengali face.
  auto mixed = eng.layout("Hi \xE0\xA6\xA7\xE0\xA6\xA8", style, 0, "en");
  CHECK(mixed->glyphs.back().face->family() == "Noto Sans Bengali");
  // Bold has its own face where the family has one.
  auto bold = eng.layout("Bold", Style{40.0f, IM_COL32_BLACK, Weight::Bold}, 0, "en");
  CHECK(bold->glyphs.front().face->bold());
}

TEST_CASE("engine: wrapping fills lines greedily and keeps every line within the width") {
  ShapingTextEngine& eng = engine();
  const Style style{32.0f, IM_COL32_BLACK, Weight::Regular};
  const std::string text = "What is good about the place you live? Choose as many as you like.";
  auto one = eng.layout(text, style, 0, "en");
  REQUIRE(one->lines.size() == 1);
  for (float width : {120.0f, 250.0f, 400.0f}) {
    auto laid = eng.layout(text, style, width, "en");
    CHECK(laid->lines.size() > 1);
    for (const LaidLine& line : laid->lines) CHECK(line.width <= width);
    // Greedy: no line could have taken the first word of the next one (words here < width).
    CHECK(laid->height() == doctest::Approx(laid->line_height * laid->lines.size()));
  }
  // Newlines split paragraphs; an empty paragraph is an empty line.
  CHECK(eng.layout("a\n\nb", style, 0, "en")->lines.size() == 3);
  // A word wider than the line is split between clusters, never lost.
  auto narrow = eng.layout("Supercalifragilistic", style, 60, "en");
  CHECK(narrow->lines.size() > 2);
  size_t glyphs = 0;
  for (const LaidLine& line : narrow->lines) glyphs += line.count;
  CHECK(glyphs == 20);
}

TEST_CASE("engine: RTL lines are in visual order and the missing glyph is a box") {
  ShapingTextEngine& eng = engine();
  const Style style{40.0f, IM_COL32_BLACK, Weight::Regular};
  // Arabic then digits: the digits (LTR) sit at the visual left of the RTL line.
  auto laid = eng.layout("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 123", style, 0, "ar");
  REQUIRE(laid->rtl);
  REQUIRE(laid->lines.size() == 1);
  const PlacedGlyph& leftmost = laid->glyphs.front();
  CHECK(leftmost.x == doctest::Approx(0.0f));
  CHECK(leftmost.face->ft()->num_glyphs > 0);
  // A private-use character no font has: glyph 0, drawn as the atlas's box.
  auto missing = eng.layout("\xEE\x80\x80", style, 0, "en");
  REQUIRE(missing->glyphs.size() == 1);
  CHECK(missing->glyphs.front().glyph == 0);
}
