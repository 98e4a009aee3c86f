#include "grapheme.h"
#include <algorithm>
#include <memory>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace kiosk::text {

namespace {

// Creating a BreakIterator loads rules (slow); one per thread is reused for every call.
icu::BreakIterator* iterator_over(std::string_view text, UText*& utext) {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!iterator) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  // UText over the UTF-8 bytes: ICU's native indexes are then our byte offsets.
  utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return nullptr;
  iterator->setText(utext, status);
  if (U_FAILURE(status)) {
    utext_close(utext);
    return nullptr;
  }
  return iterator.get();
}

// Runs `use` with an iterator over `text`; when ICU is unavailable, code points stand in.
template <typename Use>
auto with_iterator(std::string_view text, Use use) {
  UText* utext = nullptr;
  icu::BreakIterator* it = iterator_over(text, utext);
  auto result = use(it);
  if (utext) utext_close(utext);
  return result;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

size_t next_grapheme_boundary(std::string_view text, size_t offset) {
  if (offset >= text.size()) return text.size();
  return with_iterator(text, [&](icu::BreakIterator* it) -> size_t {
    if (!it) {
      size_t next = offset + 1;
      while (next < text.size() && is_continuation(text[next])) ++next;
      return next;
    }
    const int32_t next = it->following(static_cast<int32_t>(offset));
    return next == icu::BreakIterator::DONE ? text.size() : static_cast<size_t>(next);
  });
}

size_t previous_grapheme_boundary(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  if (offset == 0) return 0;
  return with_iterator(text, [&](icu::BreakIterator* it) -> size_t {
    if (!it) {
      size_t previous = offset - 1;
      while (previous > 0 && is_continuation(text[previous])) --previous;
      return previous;
    }
    const int32_t previous = it->preceding(static_cast<int32_t>(offset));
    return previous == icu::BreakIterator::DONE ? 0 : static_cast<size_t>(previous);
  });
}

bool delete_last_grapheme(std::string& text) {
  if (text.empty()) return false;
  text.resize(previous_grapheme_boundary(text, text.size()));
  return true;
}

std::vector<size_t> grapheme_boundaries(std::string_view text) {
  return with_iterator(text, [&](icu::BreakIterator* it) {
    std::vector<size_t> out{0};
    if (!it) {
      for (size_t i = 1; i <= text.size(); ++i)
        if (i == text.size() || !is_continuation(text[i])) out.push_back(i);
      return out;
    }
    for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next())
      out.push_back(static_cast<size_t>(b));
    if (out.back() != text.size()) out.push_back(text.size());
    return out;
  });
}

size_t grapheme_count(std::string_view text) { return grapheme_boundaries(text).size() - 1; }

}  // namespace kiosk::text
