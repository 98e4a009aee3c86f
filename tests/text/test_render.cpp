// Rendering: Urdu and Arabic drawn through the engine into a software surface, saved as
// text_render.png in the build directory (look at it: letters joined, right to left), and
// checked numerically: RTL text with Align::Start hugs the right edge, LTR the left.
#include <doctest/doctest.h>
#include <stb/stb_image_write.h>
#include "render_fixture.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

namespace {

constexpr int kWidth = 900, kHeight = 560, kMargin = 40;

struct Ink {
  int left = kWidth, right = -1, top = kHeight, bottom = -1;
};

Ink ink_in_band(const std::vector<uint8_t>& rgba, int y0, int y1) {
  Ink ink;
  for (int y = std::max(0, y0); y < std::min(kHeight, y1); ++y)
    for (int x = 0; x < kWidth; ++x) {
      const uint8_t* p = &rgba[(static_cast<size_t>(y) * kWidth + static_cast<size_t>(x)) * 4];
      if (p[0] < 128) {  // dark: text (drawn in black on white)
        ink.left = std::min(ink.left, x);
        ink.right = std::max(ink.right, x);
        ink.top = std::min(ink.top, y);
        ink.bottom = std::max(ink.bottom, y);
      }
    }
  return ink;
}

}  // namespace

TEST_CASE("render: Urdu and Arabic lines draw joined, right-aligned, into a PNG") {
  RenderFixture fixture(kWidth, kHeight);
  REQUIRE(fixture.ok());
  const Style style{44.0f, IM_COL32_BLACK, Weight::Regular};
  const float width = kWidth - 2 * kMargin;
  struct Line {
    const char* language;
    const char* text;
    Align align;
  };
  const Line lines[] = {
      {"ur", "\xD8\xA2\xD9\xBE \xDA\xA9\xDB\x92 \xD8\xB9\xD9\x84\xD8\xA7\xD9\x82\xDB\x92 \xD9\x85\xDB\x8C\xDA\xBA \xDA\xA9\xDB\x8C\xD8\xA7 \xD8\xA7\xDA\x86\xDA\xBE\xD8\xA7 \xDB\x81\xDB\x92\xD8\x9F", Align::Start},
      {"ar", "\xD9\x85\xD8\xA7 \xD8\xA7\xD9\x84\xD8\xB0\xD9\x8A \xD9\x8A\xD8\xB9\xD8\xAC\xD8\xA8\xD9\x83 \xD9\x81\xD9\x8A \xD8\xAD\xD9\x8A\xD9\x83\xD8\x9F 2024", Align::Start},
      {"en", "Your place, your say", Align::Start},
      {"ar", "\xD8\xB4\xD9\x83\xD8\xB1\xD8\xA7", Align::End},
  };
  float y = 20;
  std::vector<std::pair<float, float>> bands;
  ImDrawList* list = fixture.begin_frame();
  for (const Line& line : lines) {
    const ImVec2 size = fixture.engine.draw(list, ImVec2(kMargin, y), line.text, style, width, line.align, line.language);
    bands.emplace_back(y, y + size.y);
    y += size.y + 20;
  }
  const std::vector<uint8_t> pixels = fixture.end_frame();
  const std::string png = std::string(KIOSK_TEXT_TEST_OUT) + "/text_render.png";
  CHECK(stbi_write_png(png.c_str(), kWidth, kHeight, 4, pixels.data(), kWidth * 4) != 0);
  MESSAGE("wrote " << png);

  const Ink urdu = ink_in_band(pixels, static_cast<int>(bands[0].first), static_cast<int>(bands[0].second));
  const Ink arabic = ink_in_band(pixels, static_cast<int>(bands[1].first), static_cast<int>(bands[1].second));
  const Ink english = ink_in_band(pixels, static_cast<int>(bands[2].first), static_cast<int>(bands[2].second));
  const Ink end_aligned = ink_in_band(pixels, static_cast<int>(bands[3].first), static_cast<int>(bands[3].second));
  const int right_edge = kWidth - kMargin;
  // Start in RTL is the right: the ink ends near the right edge. Lines align by advance
  // width, as browsers do; a Nastaliq initial letter may overhang its advance a little.
  const int overhang = static_cast<int>(style.size_px * 0.2f);
  CHECK(urdu.right <= right_edge + overhang);
  CHECK(urdu.right >= right_edge - 8);
  CHECK(urdu.left > kMargin + 100);  // a short line: nothing near the left
  CHECK(arabic.right <= right_edge);
  CHECK(arabic.right >= right_edge - 8);
  CHECK(english.left >= kMargin);
  CHECK(english.left <= kMargin + 8);
  // End in RTL is the left.
  CHECK(end_aligned.left >= kMargin);
  CHECK(end_aligned.left <= kMargin + 8);
  // Ink stays inside each line's band (Nastaliq is tall: the band must hold it).
  CHECK(urdu.top >= static_cast<int>(bands[0].first) - 1);
  CHECK(fixture.engine.stats().atlas_pages >= 1);
}

TEST_CASE("render: a steady frame draws from the caches: no shaping, no rasterising") {
  RenderFixture fixture(400, 200);
  REQUIRE(fixture.ok());
  const Style style{30.0f, IM_COL32_BLACK, Weight::Regular};
  auto frame = [&] {
    ImDrawList* list = fixture.begin_frame();
    fixture.engine.draw(list, ImVec2(10, 10), "\xD8\xB4\xDA\xA9\xD8\xB1\xDB\x8C\xDB\x81 thanks \xE0\xA6\xA7\xE0\xA6\xA8\xE0\xA7\x8D\xE0\xA6\xAF\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA6\xA6", style, 380, Align::Start, "ur");
    fixture.end_frame();
  };
  frame();
  const TextStats before = fixture.engine.stats();
  CHECK(before.glyphs_rasterised > 0);
  frame();
  frame();
  const TextStats after = fixture.engine.stats();
  CHECK(after.shaping_calls == before.shaping_calls);
  CHECK(after.glyphs_rasterised == before.glyphs_rasterised);
}

TEST_CASE("render: a full atlas overflows for one frame, then rebuilds with identical pixels") {
  // A tiny budget (one 128x128 page) that one frame of Bengali, Chinese and Urdu overflows.
  RenderFixture fixture(600, 300, 128, 1);
  REQUIRE(fixture.ok());
  const Style style{36.0f, IM_COL32_BLACK, Weight::Regular};
  auto frame = [&] {
    ImDrawList* list = fixture.begin_frame();
    fixture.engine.draw(list, ImVec2(10, 10), "\xE0\xA6\x86\xE0\xA6\xAA\xE0\xA6\xA8\xE0\xA6\xBE\xE0\xA6\xB0 \xE0\xA6\x89\xE0\xA6\xA4\xE0\xA7\x8D\xE0\xA6\xA4\xE0\xA6\xB0", style, 580, Align::Start, "bn");
    fixture.engine.draw(list, ImVec2(10, 90), "\xE6\x84\x9F\xE8\xB0\xA2\xE6\x82\xA8\xE7\x9A\x84\xE5\x8F\x82\xE4\xB8\x8E", style, 580, Align::Start, "zh-Hans");
    fixture.engine.draw(list, ImVec2(10, 170), "\xD8\xB4\xDA\xA9\xD8\xB1\xDB\x8C\xDB\x81 \xD8\xA2\xD9\xBE", style, 580, Align::Start, "ur");
    return fixture.end_frame();
  };
  const std::vector<uint8_t> first = frame();
  CHECK(fixture.engine.stats().atlas_pages > 1);  // the overflow page carried this frame
  CHECK(fixture.engine.stats().atlas_evictions == 0);
  const std::vector<uint8_t> second = frame();
  CHECK(fixture.engine.stats().atlas_evictions == 1);  // cleared between frames, rebuilt
  CHECK(first == second);
}
