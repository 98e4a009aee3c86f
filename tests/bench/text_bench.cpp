// The text engine's costs, as issue 3 asks: cold layout of the longest question title in
// each language, the cached cost of drawing a full screen of text per frame (target
// < 0.1 ms, zero shaping), and glyph atlas memory. Prints a table.
//   ./build/tests/bench/text_bench
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include "bench_util.h"
#include "render_fixture.h"
#include "text_test_support.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

namespace {

struct Screen {
  std::string title;
  std::vector<std::string> texts;  // everything else on a question screen
};

// Per language: the longest question title and the texts of that question's screen.
std::map<std::string, Screen> screens_by_language() {
  std::map<std::string, Screen> out;
  const auto doc = nlohmann::json::parse(read_file(KIOSK_CONSULTATION_FILE), nullptr, false);
  if (!doc.is_discarded()) {
    const nlohmann::json questions = doc.value("questions", nlohmann::json::array());
    for (const auto& question : questions) {
      const nlohmann::json titles = question.value("title", nlohmann::json::object());
      for (const auto& [language, title] : titles.items()) {
        Screen& screen = out[language];
        if (!title.is_string() || title.get<std::string>().size() <= screen.title.size()) continue;
        screen.title = title.get<std::string>();
        screen.texts.clear();
        if (question.contains("help") && question["help"].contains(language))
          screen.texts.push_back(question["help"][language].get<std::string>());
        const nlohmann::json options = question.value("options", nlohmann::json::array());
        for (const auto& option : options)
          if (option.contains("label") && option["label"].contains(language))
            screen.texts.push_back(option["label"][language].get<std::string>());
      }
    }
  }
  // Languages not yet translated in the consultation: the samples stand in.
  for (const auto& [language, text] : sample_sentences()) {
    Screen& screen = out[language];
    if (screen.title.empty()) screen.title = text;
    else if (std::find(screen.texts.begin(), screen.texts.end(), text) == screen.texts.end() && screen.texts.size() < 12)
      screen.texts.push_back(text);
  }
  return out;
}

size_t utf8_chars(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

int main() {
  const auto screens = screens_by_language();
  RenderFixture fixture(1920, 1080);
  if (!fixture.ok()) {
    std::fprintf(stderr, "text_bench: no software renderer\n");
    return 1;
  }
  const Style title{56.0f, IM_COL32_BLACK, Weight::Bold};
  const Style body{40.0f, IM_COL32_BLACK, Weight::Regular};
  std::printf("%-9s %6s %14s %12s %14s %10s\n", "language", "chars", "first use ms", "cold ms", "cached ms/fr", "shapes/fr");
  for (const auto& [language, screen] : screens) {
    // First use: the language's fonts open, fontconfig is asked, then the title is shaped.
    ShapingTextEngine fresh;
    double t0 = bench::now_ms();
    fresh.measure(screen.title, title, 1600, language);
    const double first_use = bench::now_ms() - t0;
    // Cold layout with fonts open: a width never seen misses the layout cache.
    t0 = bench::now_ms();
    fresh.measure(screen.title, title, 1599, language);
    const double cold = bench::now_ms() - t0;

    // A full question screen drawn each frame from the caches.
    auto draw_screen = [&](ImDrawList* list) {
      fixture.engine.draw(list, ImVec2(160, 120), screen.title, title, 1600, Align::Start, language);
      float y = 300;
      for (const std::string& text : screen.texts)
        y += fixture.engine.draw(list, ImVec2(160, y), text, body, 1500, Align::Start, language).y + 10;
    };
    draw_screen(fixture.begin_frame());  // warm: shapes and rasterises once
    fixture.end_frame();
    const uint64_t shapes_before = fixture.engine.stats().shaping_calls;
    constexpr int kFrames = 200;
    double drawing = 0;
    for (int frame = 0; frame < kFrames; ++frame) {
      ImDrawList* list = fixture.begin_frame();
      t0 = bench::now_ms();
      draw_screen(list);
      drawing += bench::now_ms() - t0;
      ImGui::EndFrame();  // skip rasterising: only the engine's cost is measured
    }
    const double shapes = static_cast<double>(fixture.engine.stats().shaping_calls - shapes_before) / kFrames;
    std::printf("%-9s %6zu %14.2f %12.2f %14.4f %10.1f\n", language.c_str(), utf8_chars(screen.title),
                first_use, cold, drawing / kFrames, shapes);
  }
  const TextStats stats = fixture.engine.stats();
  std::printf("\natlas: %d page(s), %.1f MB of textures, %llu glyphs rasterised, %llu evictions; %d font faces open\n",
              stats.atlas_pages, static_cast<double>(stats.atlas_bytes) / (1024.0 * 1024.0),
              static_cast<unsigned long long>(stats.glyphs_rasterised),
              static_cast<unsigned long long>(stats.atlas_evictions), stats.fonts_open);
  std::printf("targets: cached < 0.1 ms per frame with 0 shaping calls\n");
  return 0;
}
