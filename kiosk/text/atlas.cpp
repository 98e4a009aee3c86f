#include "atlas.h"
#include <algorithm>
#include <cstdio>
#include <SDL.h>
// Debian's libstb (v1.01, int coordinates) provides the implementation that libimgui.a also
// links against; its own header matches that ABI (ImGui's imstb_rectpack.h 1.00 does not).
#include <stb/stb_rect_pack.h>

namespace kiosk::text {

namespace {
constexpr int kPadding = 1;  // transparent border: no bleeding between neighbours
constexpr uint32_t kBoxFace = 0xFFFF;

uint64_t key_of(uint32_t face, uint32_t glyph, int pixel_size) {
  return (static_cast<uint64_t>(face & 0xFFFF) << 48) | (static_cast<uint64_t>(pixel_size & 0xFFFF) << 32) | glyph;
}
}  // namespace

struct GlyphAtlas::Page {
  SDL_Texture* texture = nullptr;
  stbrp_context packer{};
  std::vector<stbrp_node> nodes;
  ~Page() {
    if (texture) SDL_DestroyTexture(texture);
  }
};

GlyphAtlas::GlyphAtlas(int page_size, int max_pages) : page_size_(page_size), max_pages_(max_pages) {}

GlyphAtlas::~GlyphAtlas() { clear(); }

void GlyphAtlas::attach(SDL_Renderer* renderer) {
  clear();
  renderer_ = renderer;
}

void GlyphAtlas::clear() {
  pages_.clear();
  glyphs_.clear();
  overflowed_ = false;
}

void GlyphAtlas::begin_frame() {
  if (!overflowed_) return;
  ++evictions_;
  clear();  // rebuilt lazily as this frame draws
}

SDL_Texture* GlyphAtlas::texture(int page) const {
  return page >= 0 && page < pages() ? pages_[static_cast<size_t>(page)]->texture : nullptr;
}

size_t GlyphAtlas::bytes() const {
  return pages_.size() * static_cast<size_t>(page_size_) * static_cast<size_t>(page_size_) * 4;
}

bool GlyphAtlas::add_page() {
  auto page = std::make_unique<Page>();
  page->texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                    page_size_, page_size_);
  if (!page->texture) {
    if (!logged_error_) std::fprintf(stderr, "text: cannot create a glyph atlas texture: %s\n", SDL_GetError());
    logged_error_ = true;
    return false;
  }
  SDL_SetTextureBlendMode(page->texture, SDL_BLENDMODE_BLEND);
  // The new texture is not cleared (that was 4 MB written per page at start-up): only glyph
  // rectangles are ever sampled, and each is uploaded with its transparent padding.
  page->nodes.resize(static_cast<size_t>(page_size_));
  stbrp_init_target(&page->packer, page_size_, page_size_, page->nodes.data(), page_size_);
  pages_.push_back(std::move(page));
  return true;
}

GlyphAtlas::Bitmap GlyphAtlas::rasterise(Face* face, uint32_t glyph, int pixel_size) {
  Bitmap out;
  if (face && glyph != 0) {
    face->set_pixel_size(pixel_size);
    FT_Face ft = face->ft();
    if (FT_Load_Glyph(ft, glyph, kLoadFlags) == 0 && FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_LIGHT) == 0) {
      const FT_Bitmap& b = ft->glyph->bitmap;
      if (b.pixel_mode == FT_PIXEL_MODE_GRAY || b.pixel_mode == FT_PIXEL_MODE_MONO) {
        out.width = static_cast<int>(b.width);
        out.height = static_cast<int>(b.rows);
        out.left = ft->glyph->bitmap_left;
        out.top = ft->glyph->bitmap_top;
        out.alpha.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height));
        for (int y = 0; y < out.height; ++y) {
          const uint8_t* row = b.buffer + static_cast<ptrdiff_t>(y) * b.pitch;
          for (int x = 0; x < out.width; ++x)
            out.alpha[static_cast<size_t>(y * out.width + x)] =
                b.pixel_mode == FT_PIXEL_MODE_GRAY ? row[x] : ((row[x / 8] >> (7 - x % 8)) & 1) * 255;
        }
        return out;
      }
    }
  }
  // A missing glyph (or one FreeType cannot render) is a visible hollow box, never garbage.
  const int stroke = std::max(1, pixel_size / 16);
  out.width = std::max(3 * stroke, pixel_size / 2);
  out.height = std::max(3 * stroke, pixel_size * 7 / 10);
  out.left = std::max(1, pixel_size / 12);
  out.top = out.height;
  out.alpha.assign(static_cast<size_t>(out.width) * static_cast<size_t>(out.height), 0);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      if (x < stroke || y < stroke || x >= out.width - stroke || y >= out.height - stroke)
        out.alpha[static_cast<size_t>(y * out.width + x)] = 255;
  return out;
}

AtlasGlyph GlyphAtlas::store(const Bitmap& bitmap) {
  AtlasGlyph out;
  out.width = bitmap.width;
  out.height = bitmap.height;
  out.left = bitmap.left;
  out.top = bitmap.top;
  if (bitmap.width == 0 || bitmap.height == 0 || !renderer_) return out;
  stbrp_rect rect{};
  rect.w = bitmap.width + 2 * kPadding;
  rect.h = bitmap.height + 2 * kPadding;
  if (rect.w > page_size_ || rect.h > page_size_) return out;  // larger than a page: not drawn
  int page = pages() - 1;
  if (page < 0 || (stbrp_pack_rects(&pages_.back()->packer, &rect, 1), !rect.was_packed)) {
    // The page is full. Past the budget the new page only carries this frame (overflow).
    if (pages() >= max_pages_) overflowed_ = true;
    if (!add_page()) return out;
    page = pages() - 1;
    stbrp_pack_rects(&pages_.back()->packer, &rect, 1);
    if (!rect.was_packed) return out;
  }
  // White texels carrying the glyph's coverage as alpha (the vertex colour tints them),
  // inside a transparent border that is uploaded too: the page itself is never cleared.
  std::vector<uint8_t> rgba(static_cast<size_t>(rect.w) * static_cast<size_t>(rect.h) * 4, 255);
  for (int y = 0; y < rect.h; ++y)
    for (int x = 0; x < rect.w; ++x) {
      const int gx = x - kPadding, gy = y - kPadding;
      const bool inside = gx >= 0 && gy >= 0 && gx < bitmap.width && gy < bitmap.height;
      rgba[static_cast<size_t>(y * rect.w + x) * 4 + 3] =
          inside ? bitmap.alpha[static_cast<size_t>(gy * bitmap.width + gx)] : 0;
    }
  const SDL_Rect padded{rect.x, rect.y, rect.w, rect.h};
  SDL_UpdateTexture(pages_.back()->texture, &padded, rgba.data(), rect.w * 4);
  const SDL_Rect area{rect.x + kPadding, rect.y + kPadding, bitmap.width, bitmap.height};
  const float scale = 1.0f / static_cast<float>(page_size_);
  out.page = page;
  out.uv0 = ImVec2(static_cast<float>(area.x) * scale, static_cast<float>(area.y) * scale);
  out.uv1 = ImVec2(static_cast<float>(area.x + area.w) * scale, static_cast<float>(area.y + area.h) * scale);
  return out;
}

const AtlasGlyph& GlyphAtlas::glyph(Face* face, uint32_t glyph, int pixel_size) {
  const uint64_t key = key_of(glyph == 0 || !face ? kBoxFace : static_cast<uint32_t>(face->id()),
                              glyph, pixel_size);
  auto it = glyphs_.find(key);
  if (it != glyphs_.end()) return it->second;
  ++rasterised_;
  return glyphs_[key] = store(rasterise(face, glyph, pixel_size));
}

}  // namespace kiosk::text
