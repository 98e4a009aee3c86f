#include "i18n.h"

namespace kiosk::i18n {

const char* tr(const char* msgid) { return msgid; }

std::string trn(const char* singular, const char* plural, long n) {
  std::string text = n == 1 ? singular : plural;
  if (auto at = text.find("%d"); at != std::string::npos) text.replace(at, 2, std::to_string(n));
  return text;
}

}  // namespace kiosk::i18n
