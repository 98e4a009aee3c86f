#include "text_renderer.h"
#include <array>
#include <cstdio>
#include <vector>
#include "font_finder.h"

namespace kiosk::text {

namespace {

// Baked sizes (at 1080p); drawing picks the smallest baked size not smaller than asked,
// so text is only ever scaled down a little, never blurred up.
constexpr std::array<float, 4> kBakedSizes = {28.0f, 40.0f, 56.0f, 76.0f};

// Latin, Latin-1, Latin Extended-A (Polish, Welsh, Romanian, Lithuanian...), general
// punctuation (curly quotes, dashes), and the replacement and box characters.
const ImWchar kGlyphRanges[] = {0x0020, 0x024F, 0x2010, 0x206F, 0x20AC, 0x20AC,
                                0x25A1, 0x25A1, 0x25CF, 0x25CF, 0xFFFD, 0xFFFD, 0};

class ImGuiTextEngine final : public TextEngine {
 public:
  bool load_fonts(float ui_scale) override {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const std::string regular = find_font_file("Noto Sans", false);
    const std::string bold = find_font_file("Noto Sans", true);
    description_ = regular.empty() ? "ImGui default font (Noto Sans not installed)"
                                   : "Noto Sans: " + regular;
    for (size_t i = 0; i < kBakedSizes.size(); ++i) {
      fonts_[0][i] = add_font(regular, kBakedSizes[i] * ui_scale);
      fonts_[1][i] = add_font(bold.empty() ? regular : bold, kBakedSizes[i] * ui_scale);
    }
    scale_ = ui_scale;
    return io.Fonts->Build();
  }

  ImVec2 measure(std::string_view text, const Style& style, float wrap_width,
                 const std::string&) override {
    return layout(nullptr, ImVec2(0, 0), text, style, wrap_width, Align::Start);
  }

  ImVec2 draw(ImDrawList* list, ImVec2 top_left, std::string_view text, const Style& style,
              float wrap_width, Align align, const std::string&) override {
    return layout(list, top_left, text, style, wrap_width, align);
  }

  bool is_right_to_left(const std::string&) const override { return false; }
  std::string describe() const override { return description_; }

 private:
  ImFont* add_font(const std::string& path, float size) {
    ImFontConfig config;
    config.OversampleH = 1;  // large sizes need no horizontal oversampling; saves atlas memory
    config.PixelSnapH = true;
    ImGuiIO& io = ImGui::GetIO();
    if (path.empty()) {
      config.SizePixels = size;
      return io.Fonts->AddFontDefault(&config);
    }
    return io.Fonts->AddFontFromFileTTF(path.c_str(), size, &config, kGlyphRanges);
  }

  ImFont* pick(const Style& style, float& scale_out) const {
    const int weight = style.weight == Weight::Bold ? 1 : 0;
    ImFont* font = fonts_[weight][kBakedSizes.size() - 1];
    for (size_t i = 0; i < kBakedSizes.size(); ++i) {
      if (kBakedSizes[i] * scale_ >= style.size_px) {
        font = fonts_[weight][i];
        break;
      }
    }
    scale_out = style.size_px / font->FontSize;
    return font;
  }

  // Splits into lines (at newlines and word-wrap points), then measures or draws each line.
  ImVec2 layout(ImDrawList* list, ImVec2 origin, std::string_view text, const Style& style,
                float wrap_width, Align align) const {
    float scale = 1.0f;
    ImFont* font = pick(style, scale);
    if (!font) return ImVec2(0, 0);
    const char* cursor = text.data();
    const char* end = text.data() + text.size();
    const float line_height = style.size_px * 1.3f;
    ImVec2 size(0, 0);
    float y = origin.y;
    while (cursor <= end) {
      const char* line_end = cursor;
      while (line_end < end && *line_end != '\n') ++line_end;
      const char* next_line = line_end < end ? line_end + 1 : end + 1;
      // Word-wrap this paragraph.
      const char* start = cursor;
      do {
        const char* wrap = line_end;
        if (wrap_width > 0)
          wrap = font->CalcWordWrapPositionA(scale, start, line_end, wrap_width);
        if (wrap == start && start < line_end) ++wrap;  // a word wider than the line
        ImVec2 line = font->CalcTextSizeA(style.size_px, FLT_MAX, 0.0f, start, wrap);
        if (list) {
          float x = origin.x;
          if (align == Align::Center) x += (wrap_width - line.x) * 0.5f;
          if (align == Align::End) x += wrap_width - line.x;
          list->AddText(font, style.size_px, ImVec2(x, y + (line_height - style.size_px) * 0.5f),
                        style.color, start, wrap);
        }
        size.x = std::max(size.x, line.x);
        y += line_height;
        start = wrap;
        while (start < line_end && (*start == ' ')) ++start;  // the break's spaces start no line
      } while (start < line_end);
      cursor = next_line;
    }
    size.y = y - origin.y;
    return size;
  }

  ImFont* fonts_[2][kBakedSizes.size()] = {};
  float scale_ = 1.0f;
  std::string description_;
};

}  // namespace

std::unique_ptr<TextEngine> make_imgui_text_engine() { return std::make_unique<ImGuiTextEngine>(); }

}  // namespace kiosk::text
