#include "layout.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unicode/utf8.h>
#include "clean_text.h"

namespace kiosk::text {

namespace {

// Lines are at least 1.3 em (what the screens were designed with) and grow with the
// language's face up to 2.2 em: Nastaliq needs the room, and a taller line would break
// the screens' layout more than a rare tall mark overlapping the next line.
constexpr float kMinLineEm = 1.3f;
constexpr float kMaxLineEm = 2.2f;

float from_26_6(int32_t v) { return static_cast<float>(v) / 64.0f; }

// The runs of `runs` inside [start, end), shifted to start at 0.
std::vector<FaceRun> clip_runs(const std::vector<FaceRun>& runs, size_t start, size_t end) {
  std::vector<FaceRun> out;
  for (const FaceRun& run : runs) {
    const size_t a = std::max(run.start, start), b = std::min(run.start + run.length, end);
    if (a < b) out.push_back({a - start, b - a, run.face});
  }
  return out;
}

size_t trim_trailing_spaces(std::string_view text, size_t start, size_t end) {
  while (end > start && text[end - 1] == ' ') --end;
  return end;
}

}  // namespace

TextLayout Layouter::layout(std::string_view raw, int pixel_size, bool bold, float wrap_width,
                            const std::string& language) {
  TextLayout out;
  out.pixel_size = pixel_size;
  const LanguageInfo info = language_info(language);
  out.rtl = info.rtl;
  Face* face = fonts_.family_face(info.family, bold);
  if (!face) face = fonts_.family_face(kDefaultFamily, bold);
  const float px = static_cast<float>(pixel_size);
  float ascent = px, descent = 0.3f * px;
  if (face) {
    face->set_pixel_size(pixel_size);
    ascent = from_26_6(static_cast<int32_t>(face->ft()->size->metrics.ascender));
    descent = -from_26_6(static_cast<int32_t>(face->ft()->size->metrics.descender));
  }
  out.line_height = std::round(std::clamp(ascent + descent, kMinLineEm * px, kMaxLineEm * px));
  out.baseline = std::round((out.line_height - ascent - descent) * 0.5f + ascent);

  const std::string text = clean_text(raw);
  size_t start = 0;
  while (true) {  // newlines split paragraphs; each is laid out on its own
    const size_t end = std::min(text.find('\n', start), text.size());
    paragraph(std::string_view(text).substr(start, end - start), info, bold, wrap_width, language, out);
    if (end == text.size()) break;
    start = end + 1;
  }
  for (const LaidLine& line : out.lines) out.width = std::max(out.width, line.width);
  return out;
}

void Layouter::paragraph(std::string_view text, const LanguageInfo& info, bool bold,
                         float wrap_width, const std::string& language, TextLayout& out) {
  const std::vector<FaceRun> runs = assign_faces(fonts_, text, info, bold);
  std::vector<ShapedGlyph> shaped = shaper_.shape(text, runs, info.rtl, language, out.pixel_size);
  int32_t total = 0;
  for (const ShapedGlyph& g : shaped) total += g.x_advance;
  const int32_t wrap = wrap_width > 0 ? static_cast<int32_t>(wrap_width * 64.0f) : 0;
  if (wrap <= 0 || total <= wrap) {  // one line: the paragraph's own shaping is its visual order
    place(shaped, text, out);
    return;
  }
  // Measure in logical order by cluster: advance of the clusters starting before each byte.
  std::vector<int64_t> prefix(text.size() + 1, 0);
  std::vector<bool> cluster_start(text.size() + 1, false);
  for (const ShapedGlyph& g : shaped) {
    if (g.cluster >= text.size()) continue;
    prefix[g.cluster + 1] += g.x_advance;
    cluster_start[g.cluster] = true;
  }
  cluster_start[text.size()] = true;
  for (size_t i = 1; i < prefix.size(); ++i) prefix[i] += prefix[i - 1];
  auto width = [&](size_t a, size_t b) { return prefix[trim_trailing_spaces(text, a, b)] - prefix[a]; };

  // Greedy fill: take break opportunities while the line fits; a word wider than the line
  // is split between clusters (never inside one).
  size_t line_start = 0, fitted = 0;
  for (size_t b : breaker_.opportunities(text, info.locale)) {
    while (b > line_start && width(line_start, b) > wrap) {
      if (fitted > line_start) {
        add_line(text, runs, line_start, fitted, language, out);
        line_start = fitted;
        continue;
      }
      size_t cut = line_start + 1;
      while (cut < b && !cluster_start[cut]) ++cut;
      for (size_t next = cut + 1; next < b; ++next)
        if (cluster_start[next]) {
          if (width(line_start, next) > wrap) break;
          cut = next;
        }
      add_line(text, runs, line_start, cut, language, out);
      line_start = fitted = cut;
    }
    fitted = b;
  }
  if (line_start < text.size()) add_line(text, runs, line_start, text.size(), language, out);
}

void Layouter::add_line(std::string_view text, const std::vector<FaceRun>& runs, size_t start,
                        size_t end, const std::string& language, TextLayout& out) {
  end = trim_trailing_spaces(text, start, end);
  const std::string_view line = text.substr(start, end - start);
  // Laid out again as a paragraph of its own, direction forced: raqm gives visual order.
  place(shaper_.shape(line, clip_runs(runs, start, end), out.rtl, language, out.pixel_size), line, out);
}

void Layouter::place(const std::vector<ShapedGlyph>& shaped, std::string_view text, TextLayout& out) {
  // A single-line paragraph keeps its trailing spaces as glyphs but not in its width; in
  // visual order they sit at the right of LTR lines and at the left of RTL ones.
  int32_t trailing = 0;
  for (size_t i = 0; i < shaped.size(); ++i) {
    const ShapedGlyph& g = shaped[out.rtl ? i : shaped.size() - 1 - i];
    if (g.cluster >= text.size() || text[g.cluster] != ' ') break;
    trailing += g.x_advance;
  }
  LaidLine line;
  line.first = static_cast<uint32_t>(out.glyphs.size());
  int32_t pen = out.rtl ? -trailing : 0;
  for (const ShapedGlyph& g : shaped) {
    out.glyphs.push_back({g.face, g.glyph, from_26_6(pen + g.x_offset), -from_26_6(g.y_offset)});
    pen += g.x_advance;
    if (g.glyph == 0) report_missing(text, g.cluster);
  }
  line.count = static_cast<uint32_t>(out.glyphs.size()) - line.first;
  line.width = from_26_6(pen - (out.rtl ? 0 : trailing));
  out.lines.push_back(line);
}

void Layouter::report_missing(std::string_view text, uint32_t cluster) {
  if (cluster >= text.size()) return;
  int32_t i = static_cast<int32_t>(cluster);
  UChar32 cp = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), cp);
  if (reported_missing_.insert(static_cast<char32_t>(cp)).second)
    std::fprintf(stderr, "text: no installed font has U+%04X; it is drawn as a box\n", static_cast<unsigned>(cp));
}

}  // namespace kiosk::text
