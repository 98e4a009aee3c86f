// FreeType faces, opened lazily: a face is read from disk only when a script first needs it,
// so start-up stays fast however many scripts the kiosk can show.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include <ft2build.h>
#include FT_FREETYPE_H
#include "font_finder.h"

namespace kiosk::text {

// Shaping and rasterising must use the same size and load flags; light hinting snaps only
// vertically, which keeps Arabic joins closed.
inline constexpr FT_Int32 kLoadFlags = FT_LOAD_TARGET_LIGHT;

class Face {
 public:
  Face(FT_Face ft, FontFile file, std::string family, bool bold, int id);
  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  FT_Face ft() const { return ft_; }
  const FontFile& file() const { return file_; }
  const std::string& family() const { return family_; }
  bool bold() const { return bold_; }
  int id() const { return id_; }  // small and stable: part of the glyph cache key
  bool has(char32_t cp) const { return FT_Get_Char_Index(ft_, cp) != 0; }
  // Makes `px` the face's current size (a no-op when it already is).
  void set_pixel_size(int px);

 private:
  FT_Face ft_;
  FontFile file_;
  std::string family_;
  bool bold_;
  int id_;
  int pixel_size_ = 0;
};

class FontSet {
 public:
  FontSet();
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // True when the default family is installed: without it the shaping engine is not used.
  bool available();
  // The face of `family`, opened on first use; bold falls back to regular when the family
  // has no bold face. Null when the family is not installed.
  Face* family_face(const std::string& family, bool bold);
  // Any installed face covering `cp` (fontconfig charset search), remembered per character.
  Face* face_covering(char32_t cp, bool bold);
  std::string describe() const;
  size_t open_faces() const { return faces_.size(); }

 private:
  Face* open(const FontFile& file, const std::string& family, bool bold);

  FT_Library library_ = nullptr;
  std::vector<std::unique_ptr<Face>> faces_;
  std::map<std::pair<std::string, bool>, Face*> by_family_;  // null: not installed
  std::map<std::pair<std::string, int>, Face*> by_file_;
  std::unordered_map<char32_t, Face*> by_char_[2];           // [bold]; null: no face has it
};

}  // namespace kiosk::text
