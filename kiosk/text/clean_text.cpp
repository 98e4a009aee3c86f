#include "clean_text.h"
#include <unicode/utf8.h>

namespace kiosk::text {

std::string clean_text(std::string_view raw) {
  const std::string_view bytes = raw.substr(0, kMaxTextBytes);
  std::string out;
  out.reserve(bytes.size());
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(bytes.size());
  while (i < length) {
    const int32_t start = i;
    UChar32 cp = 0;
    // ICU's decoder rejects overlongs, surrogates and out-of-range values, consuming one
    // maximal ill-formed subpart at a time (as the Unicode standard recommends).
    U8_NEXT(bytes.data(), i, length, cp);
    if (cp < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
      out += '\n';
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      continue;  // other controls carry nothing a reader should see
    } else {
      out.append(bytes.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace kiosk::text
