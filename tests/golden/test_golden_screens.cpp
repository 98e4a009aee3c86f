// Golden screenshots: every kind of screen in every language, rendered headless, must match
// the PNGs in docs/screenshots/<language>/ that a person has looked at. A change to a
// rendering fails here until the screenshots are made again and looked at:
//   ./build/kiosk/kiosk --screenshots docs/screenshots
#include <doctest/doctest.h>
#include <cstdlib>
#include <filesystem>
#include <stb_image.h>
#include "app/screen_tour.h"
#include "core/consultation_loader.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

struct Comparison {
  long differing = 0;   // pixels where a channel differs by more than the tolerance
  long total = 0;
  std::string error;
};

// Compares a rendered surface with a PNG; a channel may differ by a few levels (rounding),
// and no more than 0.05 % of the pixels may differ at all.
Comparison compare(SDL_Surface* rendered, const std::string& golden_path) {
  Comparison result;
  int w = 0, h = 0, channels = 0;
  unsigned char* golden = stbi_load(golden_path.c_str(), &w, &h, &channels, 4);
  if (!golden) {
    result.error = "missing " + golden_path + " (make it with: kiosk --screenshots docs/screenshots)";
    return result;
  }
  SDL_Surface* rgba = SDL_ConvertSurfaceFormat(rendered, SDL_PIXELFORMAT_ABGR8888, 0);
  if (!rgba || rgba->w != w || rgba->h != h) {
    result.error = golden_path + ": size differs";
  } else {
    result.total = static_cast<long>(w) * h;
    for (int y = 0; y < h; ++y) {
      const unsigned char* row = static_cast<unsigned char*>(rgba->pixels) + y * rgba->pitch;
      const unsigned char* want = golden + static_cast<size_t>(y) * w * 4;
      for (int x = 0; x < w * 4; x += 4)
        for (int c = 0; c < 3; ++c)
          if (std::abs(row[x + c] - want[x + c]) > 8) {
            ++result.differing;
            break;
          }
    }
  }
  if (rgba) SDL_FreeSurface(rgba);
  stbi_image_free(golden);
  return result;
}

}  // namespace

TEST_CASE("golden: every screen in every language looks as it did when a person checked it") {
  KioskConfig config = default_config();
  LoadResult loaded = load_consultation_file(config.consultation_path);
  REQUIRE(loaded.ok());
  const fs::path golden_dir = fs::path(KIOSK_SOURCE_DIR) / "docs" / "screenshots";
  for (const auto& language : loaded.consultation->languages) {
    CAPTURE(language);
    int screens = 0;
    ScreenSink sink = [&](const std::string& name, SDL_Surface* surface, std::string&) {
      // The staff screen shows the tour's temporary database path, which changes every run.
      if (name.find("staff-home") != std::string::npos) return true;
      ++screens;
      Comparison c = compare(surface, (golden_dir / language / (name + ".png")).string());
      CAPTURE(name);
      CHECK_MESSAGE(c.error.empty(), c.error);
      CHECK_MESSAGE(c.differing * 2000 <= c.total, c.differing << " of " << c.total << " pixels differ");
      return true;
    };
    std::string error;
    CHECK_MESSAGE(run_screen_tour(config, language, sink, error), error);
    CHECK(screens >= 20);
  }
}
