// Where a paragraph may wrap, by ICU's line BreakIterator (UAX #14 with ICU's tailorings;
// see README.md) for the language's locale. raqm has no line breaking of its own.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <unicode/brkiter.h>

namespace kiosk::text {

class LineBreaker {
 public:
  // UTF-8 byte offsets where a line may start, ascending, excluding 0 and including
  // text.size() (for non-empty text).
  std::vector<size_t> opportunities(std::string_view text, const std::string& locale);

 private:
  icu::BreakIterator* iterator_for(const std::string& locale);
  std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators_;  // null: failed
};

}  // namespace kiosk::text
