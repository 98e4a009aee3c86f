// The glyph atlas: FreeType rasterises each (face, glyph, pixel size) once into white+alpha
// pages (SDL textures made through the kiosk's SDL_Renderer), packed with stb_rect_pack.
// When the pages fill up (a new script, many sizes) one extra page takes the overflow for
// the rest of the frame and the atlas is cleared before the next: glyphs already queued
// for drawing never change under the renderer.
#pragma once
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>
#include <imgui.h>
#include "fonts.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk::text {

struct AtlasGlyph {
  int page = -1;  // -1: nothing to draw (a space, or no renderer attached)
  int width = 0, height = 0;
  int left = 0, top = 0;  // bitmap's top-left from the pen position (top: up from the baseline)
  ImVec2 uv0, uv1;
};

class GlyphAtlas {
 public:
  explicit GlyphAtlas(int page_size = 1024, int max_pages = 4);
  ~GlyphAtlas();
  GlyphAtlas(const GlyphAtlas&) = delete;
  GlyphAtlas& operator=(const GlyphAtlas&) = delete;

  void attach(SDL_Renderer* renderer);  // null detaches (textures are freed)
  // Between frames: clears the atlas if it overflowed during the last one.
  void begin_frame();
  // The glyph, rasterised on first use; glyph 0 (missing) is a hollow box.
  const AtlasGlyph& glyph(Face* face, uint32_t glyph, int pixel_size);
  SDL_Texture* texture(int page) const;
  size_t bytes() const;
  int pages() const { return static_cast<int>(pages_.size()); }
  uint64_t rasterised() const { return rasterised_; }
  uint64_t evictions() const { return evictions_; }

 private:
  struct Page;
  struct Bitmap {
    int width = 0, height = 0, left = 0, top = 0;
    std::vector<uint8_t> alpha;
  };
  Bitmap rasterise(Face* face, uint32_t glyph, int pixel_size);
  AtlasGlyph store(const Bitmap& bitmap);
  bool add_page();
  void clear();

  SDL_Renderer* renderer_ = nullptr;
  int page_size_;
  int max_pages_;
  std::vector<std::unique_ptr<Page>> pages_;
  std::unordered_map<uint64_t, AtlasGlyph> glyphs_;
  bool overflowed_ = false;
  bool logged_error_ = false;
  uint64_t rasterised_ = 0, evictions_ = 0;
};

}  // namespace kiosk::text
