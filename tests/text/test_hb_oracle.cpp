// Oracle 1: our shaping (font fallback + raqm) against HarfBuzz's own hb-shape, glyph ids
// and clusters, for every localized string of the bundled consultation and the samples.
//
// Strings that mix faces or directions: the test splits each paragraph into segments of one
// face, one bidi level (FriBiDi, paragraph direction forced from the language as the engine
// does) and one script (as raqm itemises), shapes each segment with hb-shape using the font
// file our engine chose for it, puts the segments in visual order (UAX #9 rule L2 applied
// to segments) and compares the whole glyph sequence. hb-shape runs once per (font file,
// direction, language), every segment of that group being one line of a --text-file.
#include <doctest/doctest.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <fribidi.h>
#include <nlohmann/json.hpp>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include "text/clean_text.h"
#include "text_test_support.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

namespace {

constexpr int kPixelSize = 40;

struct Glyph {
  uint32_t id, cluster;
  bool operator==(const Glyph&) const = default;
};

struct Segment {
  size_t start, end;  // bytes within the paragraph
  int level;
  Face* face;
  int script;
  int job = -1, line = -1;
};

struct Paragraph {
  std::string language, text;
  std::vector<Glyph> ours;
  std::vector<Segment> segments;
};

struct GroupKey {
  std::string file;
  int index;
  bool rtl;
  std::string language;
  int script;
  auto operator<=>(const GroupKey&) const = default;
};

// Every string in a language the consultation declares.
void collect_localized(const nlohmann::json& node, const std::vector<std::string>& languages,
                       std::vector<std::pair<std::string, std::string>>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (value.is_string() && std::find(languages.begin(), languages.end(), key) != languages.end())
        out.emplace_back(key, value.get<std::string>());
      else
        collect_localized(value, languages, out);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) collect_localized(item, languages, out);
  }
}

// Script per character as raqm 0.7 resolves it (the script is an input to shaping, so the
// oracle is given the same one): Common and Inherited take the script before them, a
// closing bracket that of its opening bracket, and leading ones the first real script after.
std::vector<int> resolved_scripts(const std::vector<uint32_t>& cps) {
  static const std::u32string kPairs = U"()<>[]{}\u00AB\u00BB\u2018\u2019\u201C\u201D\u2039\u203A"
                                       U"\u3008\u3009\u300A\u300B\u300C\u300D\u300E\u300F\u3010\u3011"
                                       U"\u3014\u3015\u3016\u3017\u3018\u3019\u301A\u301B";
  std::vector<int> scripts(cps.size(), -1);
  std::vector<std::pair<size_t, int>> open;  // (pair index, script) of unclosed brackets
  UErrorCode status = U_ZERO_ERROR;
  int last = -1;
  for (size_t i = 0; i < cps.size(); ++i) {
    int s = uscript_getScript(static_cast<UChar32>(cps[i]), &status);
    const size_t pair = kPairs.find(static_cast<char32_t>(cps[i]));
    if (s == USCRIPT_COMMON && last >= 0 && pair != std::u32string::npos) {
      s = last;
      if (pair % 2 == 0) {
        open.emplace_back(pair, s);
      } else {
        while (!open.empty() && open.back().first != pair - 1) open.pop_back();
        if (!open.empty()) last = s = open.back().second;
      }
    } else if ((s == USCRIPT_COMMON || s == USCRIPT_INHERITED) && last >= 0) {
      s = last;
    } else if (s != USCRIPT_COMMON && s != USCRIPT_INHERITED) {
      last = s;
    } else {
      s = -1;
    }
    scripts[i] = s;
  }
  int next = USCRIPT_COMMON;
  for (size_t i = cps.size(); i-- > 0;) {
    if (scripts[i] < 0) scripts[i] = next;
    else next = scripts[i];
  }
  return scripts;
}

std::vector<Segment> segment(const std::string& text, const std::vector<FaceRun>& runs, bool rtl) {
  std::vector<uint32_t> cps;
  std::vector<size_t> offsets;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    offsets.push_back(static_cast<size_t>(i));
    UChar32 cp = 0;
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), cp);
    cps.push_back(static_cast<uint32_t>(cp));
  }
  const FriBidiStrIndex n = static_cast<FriBidiStrIndex>(cps.size());
  std::vector<FriBidiCharType> types(cps.size());
  std::vector<FriBidiBracketType> brackets(cps.size());
  std::vector<FriBidiLevel> levels(cps.size());
  fribidi_get_bidi_types(cps.data(), n, types.data());
  fribidi_get_bracket_types(cps.data(), n, types.data(), brackets.data());
  FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  REQUIRE(fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base, levels.data()) > 0);
  const std::vector<int> scripts = resolved_scripts(cps);
  auto face_at = [&](size_t byte) {
    for (const FaceRun& r : runs)
      if (byte >= r.start && byte < r.start + r.length) return r.face;
    return static_cast<Face*>(nullptr);
  };
  std::vector<Segment> out;
  for (size_t i = 0; i < cps.size(); ++i) {
    Face* face = face_at(offsets[i]);
    const size_t end = i + 1 < cps.size() ? offsets[i + 1] : text.size();
    if (!out.empty() && out.back().level == levels[i] && out.back().face == face &&
        scripts[i] == scripts[i - 1]) {
      out.back().end = end;
    } else {
      out.push_back({offsets[i], end, levels[i], face, scripts[i]});
    }
  }
  return out;
}

// UAX #9 L2 on whole segments: from the highest level down to the lowest odd one, reverse
// every run of segments at that level or higher.
std::vector<size_t> visual_segment_order(const std::vector<Segment>& segments) {
  std::vector<size_t> order(segments.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  int highest = 0, lowest_odd = 255;
  for (const Segment& s : segments) {
    highest = std::max(highest, s.level);
    if (s.level % 2) lowest_odd = std::min(lowest_odd, s.level);
  }
  for (int level = highest; level >= lowest_odd; --level) {
    for (size_t i = 0; i < order.size();) {
      if (segments[order[i]].level < level) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < order.size() && segments[order[j]].level >= level) ++j;
      std::reverse(order.begin() + static_cast<long>(i), order.begin() + static_cast<long>(j));
      i = j;
    }
  }
  return order;
}

// "[12=0|34=3]" -> glyphs.
std::vector<Glyph> parse_hb_line(const std::string& line) {
  std::vector<Glyph> out;
  size_t i = line.find('[');
  while (i != std::string::npos && i + 1 < line.size()) {
    unsigned id = 0, cluster = 0;
    if (std::sscanf(line.c_str() + i + 1, "%u=%u", &id, &cluster) == 2) out.push_back({id, cluster});
    i = line.find('|', i + 1);
  }
  return out;
}

std::string describe(const std::vector<Glyph>& glyphs) {
  std::string out;
  for (const Glyph& g : glyphs) out += std::to_string(g.id) + "=" + std::to_string(g.cluster) + " ";
  return out;
}

}  // namespace

TEST_CASE("hb-shape oracle: glyph ids and clusters of every consultation string and sample") {
  std::vector<std::pair<std::string, std::string>> strings = sample_sentences();
  const auto consultation = nlohmann::json::parse(read_file(KIOSK_CONSULTATION_FILE), nullptr, false);
  REQUIRE_FALSE(consultation.is_discarded());
  const auto languages = consultation.value("languages", std::vector<std::string>{});
  const size_t from_samples = strings.size();
  collect_localized(consultation, languages, strings);
  const size_t from_consultation = strings.size() - from_samples;
  MESSAGE(from_consultation << " consultation strings in " << languages.size() << " languages, "
                            << from_samples << " samples");

  ShapingTextEngine& eng = engine();
  Shaper shaper;
  std::vector<Paragraph> paragraphs;
  std::map<GroupKey, std::vector<std::pair<size_t, size_t>>> groups;  // -> (paragraph, segment)
  for (const auto& [language, raw] : strings) {
    const std::string text = clean_text(raw);
    const LanguageInfo info = language_info(language);
    for (size_t start = 0; start <= text.size();) {
      const size_t end = std::min(text.find('\n', start), text.size());
      Paragraph p{language, text.substr(start, end - start), {}, {}};
      start = end + 1;
      if (p.text.empty()) continue;
      const std::vector<FaceRun> runs = assign_faces(eng.fonts(), p.text, info, false);
      for (const ShapedGlyph& g : shaper.shape(p.text, runs, info.rtl, language, kPixelSize))
        p.ours.push_back({g.glyph, g.cluster});
      p.segments = segment(p.text, runs, info.rtl);
      for (size_t s = 0; s < p.segments.size(); ++s) {
        const Face* face = p.segments[s].face;
        REQUIRE(face != nullptr);
        groups[{face->file().path, face->file().index, p.segments[s].level % 2 == 1, language,
                p.segments[s].script}]
            .emplace_back(paragraphs.size(), s);
      }
      paragraphs.push_back(std::move(p));
    }
  }

  // One hb-shape run per group; each segment is one line of its text file.
  const std::string scratch = std::filesystem::temp_directory_path() / "kiosk-hb-oracle.txt";
  std::map<std::pair<size_t, size_t>, std::vector<Glyph>> expected;
  for (const auto& [key, members] : groups) {
    {
      std::ofstream file(scratch, std::ios::binary);
      for (const auto& [p, s] : members) {
        const Segment& seg = paragraphs[p].segments[s];
        file << paragraphs[p].text.substr(seg.start, seg.end - seg.start) << '\n';
      }
    }
    const std::string command = "hb-shape --font-file='" + key.file + "' --face-index=" +
                                std::to_string(key.index) + " --font-size=" + std::to_string(kPixelSize) +
                                " --direction=" + (key.rtl ? "rtl" : "ltr") + " --language=" + key.language +
                                " --script=" + uscript_getShortName(static_cast<UScriptCode>(key.script)) +
                                " --bot --eot --utf8-clusters --no-glyph-names --no-positions --text-file='" + scratch + "'";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    REQUIRE(pclose(pipe) == 0);
    std::istringstream lines(output);
    std::string line;
    for (const auto& member : members) {
      REQUIRE(std::getline(lines, line));
      expected[member] = parse_hb_line(line);
    }
  }
  std::filesystem::remove(scratch);
  MESSAGE(groups.size() << " hb-shape runs for " << paragraphs.size() << " paragraphs");

  size_t mixed = 0;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const Paragraph& para = paragraphs[p];
    std::vector<Glyph> oracle;
    for (size_t s : visual_segment_order(para.segments))
      for (Glyph g : expected[{p, s}]) oracle.push_back({g.id, g.cluster + static_cast<uint32_t>(para.segments[s].start)});
    if (para.segments.size() > 1) ++mixed;
    INFO(para.language << ": " << para.text);
    INFO("ours:     " << describe(para.ours));
    INFO("hb-shape: " << describe(oracle));
    CHECK_FALSE(oracle.empty());
    CHECK(para.ours == oracle);
  }
  MESSAGE(mixed << " paragraphs mix faces, directions or scripts");
}
