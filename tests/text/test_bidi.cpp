// Oracle 2: visual order against the Unicode BidiCharacterTest.txt, through the engine's
// own bidi path (FriBiDi inside raqm, paragraph direction forced as the engine forces it
// from the language). Lines with paragraph direction 0 (LTR) and 1 (RTL); 2 (auto) is
// never used by the engine.
//
// raqm reports glyphs, not characters: HarfBuzz merges a base and its marks (and ligature
// components) into one cluster. The expected character order is therefore mapped to those
// clusters and consecutive repeats collapsed before comparing; characters the test removes
// (X9: embeddings, overrides, BN) are dropped from both sides.
#include <doctest/doctest.h>
#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include "text_test_support.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

struct Case {
  int line = 0;
  std::vector<char32_t> cps;
  bool rtl = false;
  std::vector<int> order;        // visual order of character indices
  std::vector<bool> removed;     // level "x"
};

bool parse(const std::string& text, int number, Case& out) {
  std::vector<std::string> fields;
  std::stringstream in(text);
  for (std::string f; std::getline(in, f, ';');) fields.push_back(f);
  if (fields.size() != 5 || (fields[1] != "0" && fields[1] != "1")) return false;
  out.line = number;
  out.rtl = fields[1] == "1";
  std::stringstream cps(fields[0]), levels(fields[3]), order(fields[4]);
  for (std::string hex; cps >> hex;) out.cps.push_back(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  for (std::string level; levels >> level;) out.removed.push_back(level == "x");
  for (int index; order >> index;) out.order.push_back(index);
  return out.removed.size() == out.cps.size();
}

// Our visual order: clusters of raqm's glyphs, as character indices, repeats collapsed.
bool matches(const Case& c, Shaper& shaper, Face* face, std::string& detail) {
  std::string text;
  std::vector<size_t> char_of_byte;
  for (size_t i = 0; i < c.cps.size(); ++i) {
    const std::string bytes = to_utf8(c.cps[i]);
    char_of_byte.insert(char_of_byte.end(), bytes.size(), i);
    text += bytes;
  }
  // One face for everything: the order comes from FriBiDi inside raqm, not from the font.
  const std::vector<FaceRun> runs{{0, text.size(), face}};
  const auto glyphs = shaper.shape(text, runs, c.rtl, "und", 16);
  std::set<size_t> cluster_starts;
  for (const auto& g : glyphs) cluster_starts.insert(char_of_byte.at(g.cluster));
  auto cluster_of = [&](size_t ch) { return *std::prev(cluster_starts.upper_bound(ch)); };
  std::vector<size_t> ours, expected;
  for (const auto& g : glyphs) {
    const size_t ch = char_of_byte.at(g.cluster);
    if (c.removed[ch]) continue;
    if (ours.empty() || ours.back() != ch) ours.push_back(ch);
  }
  for (int index : c.order) {
    const size_t cluster = cluster_of(static_cast<size_t>(index));
    if (c.removed[cluster]) continue;
    if (expected.empty() || expected.back() != cluster) expected.push_back(cluster);
  }
  if (ours == expected) return true;
  std::ostringstream out;
  out << "line " << c.line << ": ours";
  for (size_t i : ours) out << ' ' << i;
  out << " / expected";
  for (size_t i : expected) out << ' ' << i;
  detail = out.str();
  return false;
}

}  // namespace

TEST_CASE("bidi: visual order matches BidiCharacterTest.txt for forced LTR and RTL paragraphs") {
  const auto lines = read_lines(std::string(UNICODE_DATA_DIR) + "/BidiCharacterTest.txt");
  REQUIRE(lines.size() > 1000);
  Shaper shaper;
  // The font plays no part in the order; raqm builds a HarfBuzz font per run, whose cost
  // grows with the face's OpenType tables, so a small face keeps ~91,000 layouts quick.
  Face* face = engine().fonts().family_face("Noto Sans Ogham", false);
  if (!face) face = engine().fonts().family_face(kDefaultFamily, false);
  REQUIRE(face != nullptr);
  int tested[2] = {0, 0}, passed[2] = {0, 0};
  std::vector<std::string> failures;
  for (size_t i = 0; i < lines.size(); ++i) {
    // Sanitizer builds (several times slower) check a quarter of the cases, spread by a hash
    // of the line number (the file alternates directions line by line).
    if (kSanitized && (i * 2654435761u >> 8) % 4 != 0) continue;
    Case c;
    if (lines[i].empty() || lines[i][0] == '#' || !parse(lines[i], static_cast<int>(i + 1), c)) continue;
    std::string detail;
    ++tested[c.rtl];
    if (matches(c, shaper, face, detail)) ++passed[c.rtl];
    else failures.push_back(detail);
  }
  MESSAGE("LTR paragraphs: " << passed[0] << "/" << tested[0] << " pass; RTL paragraphs: "
                             << passed[1] << "/" << tested[1] << " pass");
  for (size_t i = 0; i < std::min<size_t>(failures.size(), 20); ++i) MESSAGE(failures[i]);
  CHECK(tested[0] > (kSanitized ? 10000 : 45000));
  CHECK(tested[1] > (kSanitized ? 10000 : 45000));
  CHECK(failures.size() == 0);
}
