#include "clean_text.h"
#include <unicode/utf8.h>
#include "core/utf8.h"

namespace kiosk::text {

std::string clean_text(std::string_view raw) {
  const std::string valid = sanitize_utf8(raw.substr(0, kMaxTextBytes + 4));
  std::string out;
  out.reserve(valid.size());
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(valid.size());
  while (i < length) {
    const int32_t start = i;
    UChar32 cp = 0;
    U8_NEXT(valid.data(), i, length, cp);
    if (out.size() + static_cast<size_t>(i - start) > kMaxTextBytes) break;
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
      out += '\n';
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      continue;  // other controls carry nothing a reader should see
    } else {
      out.append(valid, static_cast<size_t>(start), static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace kiosk::text
