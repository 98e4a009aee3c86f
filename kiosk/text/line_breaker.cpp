#include "line_breaker.h"
#include <cstdio>
#include <unicode/utext.h>

namespace kiosk::text {

icu::BreakIterator* LineBreaker::iterator_for(const std::string& locale) {
  auto it = iterators_.find(locale);
  if (it != iterators_.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> created(
      icu::BreakIterator::createLineInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "text: no ICU line breaker for \"%s\": %s\n", locale.c_str(), u_errorName(status));
    created.reset();
  }
  return (iterators_[locale] = std::move(created)).get();
}

std::vector<size_t> LineBreaker::opportunities(std::string_view text, const std::string& locale) {
  std::vector<size_t> out;
  if (text.empty()) return out;
  icu::BreakIterator* iterator = iterator_for(locale);
  UErrorCode status = U_ZERO_ERROR;
  // UText over the UTF-8 bytes: ICU's native indexes are then our byte offsets.
  UText* utext = iterator ? utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status)
                          : nullptr;
  if (utext && U_SUCCESS(status)) iterator->setText(utext, status);
  if (utext && U_SUCCESS(status)) {
    for (int32_t b = iterator->next(); b != icu::BreakIterator::DONE; b = iterator->next())
      out.push_back(static_cast<size_t>(b));
  }
  if (utext) utext_close(utext);
  if (out.empty() || out.back() != text.size()) out.push_back(text.size());  // never lose the end
  return out;
}

}  // namespace kiosk::text
