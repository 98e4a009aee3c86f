#include "grapheme.h"
#include <algorithm>
#include <memory>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace kiosk::text {

namespace {

// Creating a BreakIterator loads rules (slow); one per thread is reused for every call.
icu::BreakIterator* character_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  return iterator.get();
}

// Unicode 15.1's conjunct linkers (Indic_Conjunct_Break=Linker): the viramas that form
// conjuncts in Devanagari, Bengali, Gujarati, Oriya, Telugu and Malayalam.
bool is_linker(UChar32 cp) {
  return cp == 0x094D || cp == 0x09CD || cp == 0x0ACD || cp == 0x0B4D || cp == 0x0C4D || cp == 0x0D4D;
}

// GB9c (Unicode 15.1; ICU 72 predates it): no boundary between a linker and the consonant
// after it, so ক্ষ or क्ष is one grapheme and a delete never leaves a dangling virama.
bool inside_conjunct(std::string_view text, size_t boundary) {
  int32_t before = static_cast<int32_t>(boundary), after = before;
  UChar32 previous = 0, next = 0;
  U8_PREV(text.data(), 0, before, previous);
  // Marks between the linker and the consonant (a nukta, ZWJ) do not separate them.
  while (before > 0 && !is_linker(previous) &&
         (previous == 0x200D || u_getIntPropertyValue(previous, UCHAR_INDIC_SYLLABIC_CATEGORY) == U_INSC_NUKTA))
    U8_PREV(text.data(), 0, before, previous);
  if (!is_linker(previous)) return false;
  U8_NEXT(text.data(), after, static_cast<int32_t>(text.size()), next);
  UErrorCode status = U_ZERO_ERROR;
  return u_getIntPropertyValue(next, UCHAR_INDIC_SYLLABIC_CATEGORY) == U_INSC_CONSONANT &&
         uscript_getScript(next, &status) == uscript_getScript(previous, &status);
}

}  // namespace

std::vector<size_t> grapheme_boundaries(std::string_view text) {
  std::vector<size_t> out{0};
  icu::BreakIterator* it = character_iterator();
  UErrorCode status = U_ZERO_ERROR;
  // UText over the UTF-8 bytes: ICU's native indexes are then our byte offsets.
  UText* utext = it ? utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status) : nullptr;
  if (utext && U_SUCCESS(status)) it->setText(utext, status);
  if (utext && U_SUCCESS(status)) {
    for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next())
      if (static_cast<size_t>(b) == text.size() || !inside_conjunct(text, static_cast<size_t>(b)))
        out.push_back(static_cast<size_t>(b));
  } else {  // without ICU, code points stand in for graphemes
    for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
      U8_FWD_1(text.data(), i, static_cast<int32_t>(text.size()));
      out.push_back(static_cast<size_t>(i));
    }
  }
  if (utext) utext_close(utext);
  if (out.back() != text.size()) out.push_back(text.size());
  return out;
}

size_t next_grapheme_boundary(std::string_view text, size_t offset) {
  const std::vector<size_t> bounds = grapheme_boundaries(text);
  auto it = std::upper_bound(bounds.begin(), bounds.end(), offset);
  return it == bounds.end() ? text.size() : *it;
}

size_t previous_grapheme_boundary(std::string_view text, size_t offset) {
  const std::vector<size_t> bounds = grapheme_boundaries(text);
  auto it = std::lower_bound(bounds.begin(), bounds.end(), std::min(offset, text.size()));
  return it == bounds.begin() ? 0 : *std::prev(it);
}

bool delete_last_grapheme(std::string& text) {
  if (text.empty()) return false;
  text.resize(previous_grapheme_boundary(text, text.size()));
  return true;
}

size_t grapheme_count(std::string_view text) { return grapheme_boundaries(text).size() - 1; }

}  // namespace kiosk::text
