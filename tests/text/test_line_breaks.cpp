// Oracle 3: break opportunities against the Unicode LineBreakTest.txt, through the engine's
// LineBreaker (ICU's line BreakIterator; root rules, as for "en").
//
// ICU's default line rules tailor UAX #14 in two ways this file notices (both listed in
// kiosk/text/README.md). Each missing break is checked against them one position at a time;
// any other difference, or an extra break, fails the test:
//  - LB20.09 (ICU-8151, once a Finnish tailoring): no break between a hyphen that starts a
//    line (or follows a break) and a letter, so "-word" stays together;
//  - numbers (UAX #14 section 8.2 example 7, which ICU adopts): an infix separator (IS,
//    e.g. "." or ",") before a digit is part of the number: ".5", "a.2", ",0" stay together,
//    and such a number after a space may start a line (" .35").
#include <doctest/doctest.h>
#include <algorithm>
#include <map>
#include <sstream>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "text_test_support.h"

using namespace kiosk::text;
using namespace kiosk::text::testing;

namespace {

struct Case {
  int line = 0;
  std::string text;
  std::vector<size_t> breaks;  // byte offsets of ÷ after the first character
  std::string comment;
};

bool parse(const std::string& raw, int number, Case& out) {
  const size_t hash = raw.find('#');
  const std::string body = raw.substr(0, hash);
  out.comment = hash == std::string::npos ? "" : raw.substr(hash + 1);
  out.line = number;
  std::stringstream in(body);
  std::string token;
  bool any = false;
  while (in >> token) {
    if (token == "\xC3\xB7") {  // ÷
      if (!out.text.empty()) out.breaks.push_back(out.text.size());
    } else if (token == "\xC3\x97") {  // ×
    } else {
      out.text += to_utf8(static_cast<char32_t>(std::stoul(token, nullptr, 16)));
      any = true;
    }
  }
  return any;
}

int line_break_class(std::string_view text, size_t offset) {
  int32_t i = static_cast<int32_t>(offset);
  UChar32 cp = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), cp);
  return u_getIntPropertyValue(cp, UCHAR_LINE_BREAK);
}

// The class of the character before `offset`, skipping combining marks (LB9), and where it starts.
int class_before(std::string_view text, size_t offset, size_t& start) {
  int32_t i = static_cast<int32_t>(offset);
  while (i > 0) {
    UChar32 cp = 0;
    U8_PREV(text.data(), 0, i, cp);
    const int lb = u_getIntPropertyValue(cp, UCHAR_LINE_BREAK);
    if (lb != U_LB_COMBINING_MARK && lb != U_LB_ZWJ) {
      start = static_cast<size_t>(i);
      return lb;
    }
  }
  start = 0;
  return -1;
}

// Which documented tailoring explains ICU not breaking at `offset`, or null.
const char* tailoring(std::string_view text, size_t offset) {
  size_t start = 0;
  const int before = class_before(text, offset, start);
  const int after = line_break_class(text, offset);
  const bool letter = after == U_LB_ALPHABETIC || after == U_LB_AMBIGUOUS ||
                      after == U_LB_UNKNOWN || after == U_LB_COMPLEX_CONTEXT;
  if (before == U_LB_HYPHEN && letter) {
    size_t ignored = 0;
    const int previous = start == 0 ? -1 : class_before(text, start, ignored);
    if (previous == -1 || previous == U_LB_SPACE) return "LB20.09";
  }
  if (before == U_LB_INFIX_NUMERIC && after == U_LB_NUMERIC) return "LB25 numbers";
  return nullptr;
}

// Which tailoring explains ICU breaking at `offset` where UAX #14 does not: a number that
// starts with its separator (" .35") begins after the space, like any other number (LB18).
const char* extra_tailoring(std::string_view text, size_t offset) {
  size_t start = 0;
  if (class_before(text, offset, start) != U_LB_SPACE || line_break_class(text, offset) != U_LB_INFIX_NUMERIC)
    return nullptr;
  int32_t next = static_cast<int32_t>(offset);
  U8_FWD_1(text.data(), next, static_cast<int32_t>(text.size()));
  return static_cast<size_t>(next) < text.size() && line_break_class(text, static_cast<size_t>(next)) == U_LB_NUMERIC
             ? "LB25 numbers" : nullptr;
}

}  // namespace

TEST_CASE("line breaks: ICU opportunities match LineBreakTest.txt except documented tailorings") {
  const auto lines = read_lines(std::string(UNICODE_DATA_DIR) + "/auxiliary/LineBreakTest.txt");
  REQUIRE(lines.size() > 1000);
  LineBreaker breaker;
  int tested = 0, passed = 0;
  std::map<std::string, int> tailored;
  std::vector<std::string> failures;
  for (size_t i = 0; i < lines.size(); ++i) {
    Case c;
    if (lines[i].empty() || lines[i][0] == '#' || !parse(lines[i], static_cast<int>(i + 1), c)) continue;
    ++tested;
    const std::vector<size_t> ours = breaker.opportunities(c.text, "en");
    if (ours == c.breaks) {
      ++passed;
      continue;
    }
    std::vector<size_t> missing, extra;
    std::set_difference(c.breaks.begin(), c.breaks.end(), ours.begin(), ours.end(), std::back_inserter(missing));
    std::set_difference(ours.begin(), ours.end(), c.breaks.begin(), c.breaks.end(), std::back_inserter(extra));
    std::string why;
    bool explained = true;
    for (size_t offset : missing) {
      const char* rule = tailoring(c.text, offset);
      explained = explained && rule;
      if (rule) why = rule;
    }
    for (size_t offset : extra) {
      const char* rule = extra_tailoring(c.text, offset);
      explained = explained && rule;
      if (rule) why = rule;
    }
    if (explained) ++tailored[why];
    else failures.push_back("line " + std::to_string(c.line) + ":" + c.comment);
  }
  MESSAGE(passed << "/" << tested << " LineBreakTest cases pass exactly");
  for (const auto& [rule, count] : tailored) MESSAGE(count << " differ by ICU's tailoring " << rule);
  for (const auto& f : failures) MESSAGE(f);
  CHECK(failures.empty());
}
