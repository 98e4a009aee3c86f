// UI strings. Every resident-facing literal in the UI goes through tr()/trn() so that
// xgettext can extract it; English is the source language (catalogs arrive with i18n/).
#pragma once
#include <string>

namespace kiosk::i18n {

const char* tr(const char* msgid);
// Plural forms: "%d answer waiting" / "%d answers waiting"; %d is replaced by n.
std::string trn(const char* singular, const char* plural, long n);

}  // namespace kiosk::i18n
