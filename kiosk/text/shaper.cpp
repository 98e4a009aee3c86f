#include "shaper.h"
#include <cstdio>
#include <memory>
#include <raqm.h>

namespace kiosk::text {

std::vector<ShapedGlyph> Shaper::shape(std::string_view text, const std::vector<FaceRun>& runs,
                                       bool rtl, const std::string& language, int pixel_size) {
  std::vector<ShapedGlyph> out;
  if (text.empty() || runs.empty()) return out;
  ++calls_;
  for (const FaceRun& run : runs) run.face->set_pixel_size(pixel_size);
  // A fresh raqm_t per layout: 0.7 cannot be re-laid out with new text.
  std::unique_ptr<raqm_t, decltype(&raqm_destroy)> rq(raqm_create(), &raqm_destroy);
  // Text first: raqm 0.7 silently ignores faces and languages set before it.
  bool ok = rq && raqm_set_text_utf8(rq.get(), text.data(), text.size()) &&
            raqm_set_par_direction(rq.get(), rtl ? RAQM_DIRECTION_RTL : RAQM_DIRECTION_LTR) &&
            raqm_set_language(rq.get(), language.c_str(), 0, text.size()) &&
            raqm_set_freetype_load_flags(rq.get(), kLoadFlags);
  for (const FaceRun& run : runs)
    ok = ok && raqm_set_freetype_face_range(rq.get(), run.face->ft(), run.start, run.length);
  ok = ok && raqm_layout(rq.get());
  size_t count = 0;
  raqm_glyph_t* glyphs = ok ? raqm_get_glyphs(rq.get(), &count) : nullptr;
  if (!glyphs) {
    if (!logged_failure_) std::fprintf(stderr, "text: raqm could not lay out a paragraph\n");
    logged_failure_ = true;
    return out;
  }
  out.reserve(count);
  Face* face = runs.front().face;
  for (size_t i = 0; i < count; ++i) {
    const raqm_glyph_t& g = glyphs[i];
    if (face->ft() != g.ftface)
      for (const FaceRun& run : runs)
        if (run.face->ft() == g.ftface) face = run.face;
    out.push_back({face, g.index, g.x_advance, g.x_offset, g.y_offset, g.cluster});
  }
  return out;
}

}  // namespace kiosk::text
