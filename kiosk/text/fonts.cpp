#include "fonts.h"
#include "language_fonts.h"
#include <cstdio>

namespace kiosk::text {

Face::Face(FT_Face ft, FontFile file, std::string family, bool bold, int id)
    : ft_(ft), file_(std::move(file)), family_(std::move(family)), bold_(bold), id_(id) {}

Face::~Face() { FT_Done_Face(ft_); }

void Face::set_pixel_size(int px) {
  if (px == pixel_size_) return;
  FT_Set_Pixel_Sizes(ft_, 0, static_cast<FT_UInt>(px));
  pixel_size_ = px;
}

FontSet::FontSet() {
  if (FT_Init_FreeType(&library_) != 0) {
    std::fprintf(stderr, "text: FreeType could not start\n");
    library_ = nullptr;
  }
}

FontSet::~FontSet() {
  faces_.clear();  // faces before the library that owns them
  if (library_) FT_Done_FreeType(library_);
}

bool FontSet::available() { return family_face(kDefaultFamily, false) != nullptr; }

Face* FontSet::open(const FontFile& file, const std::string& family, bool bold) {
  auto key = std::make_pair(file.path, file.index);
  if (auto it = by_file_.find(key); it != by_file_.end()) return it->second;
  FT_Face ft = nullptr;
  Face* face = nullptr;
  if (library_ && FT_New_Face(library_, file.path.c_str(), file.index, &ft) == 0) {
    faces_.push_back(std::make_unique<Face>(ft, file, family, bold, static_cast<int>(faces_.size())));
    face = faces_.back().get();
  } else {
    std::fprintf(stderr, "text: cannot open font %s\n", file.path.c_str());
  }
  by_file_[key] = face;
  return face;
}

Face* FontSet::family_face(const std::string& family, bool bold) {
  auto key = std::make_pair(family, bold);
  if (auto it = by_family_.find(key); it != by_family_.end()) return it->second;
  Face* face = nullptr;
  const FontFile file = find_font(family, bold);
  if (file.found())
    face = open(file, family, bold);
  else if (bold)
    face = family_face(family, false);  // scripts without a bold cut read fine in regular
  else
    std::fprintf(stderr, "text: font family \"%s\" is not installed\n", family.c_str());
  by_family_[key] = face;
  return face;
}

Face* FontSet::face_covering(char32_t cp, bool bold) {
  auto& cache = by_char_[bold ? 1 : 0];
  if (auto it = cache.find(cp); it != cache.end()) return it->second;
  Face* face = nullptr;
  const FontFile file = find_font_for_char(cp, bold);
  if (file.found()) face = open(file, "", bold);
  if (face && !face->has(cp)) face = nullptr;  // fontconfig's charset and the cmap can disagree
  cache[cp] = face;
  return face;
}

std::string FontSet::describe() const {
  std::string out;
  for (const auto& face : faces_) {
    if (!out.empty()) out += ", ";
    out += face->file().path;
    if (face->file().index) out += "#" + std::to_string(face->file().index);
  }
  return out.empty() ? "shaping engine (no fonts opened yet)" : "shaping engine: " + out;
}

}  // namespace kiosk::text
