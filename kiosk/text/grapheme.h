// Grapheme clusters (what a reader sees as one character) in UTF-8 text, by ICU's character
// BreakIterator plus Unicode 15.1's conjunct rule (GB9c): the on-screen keyboard deletes a
// Bengali conjunct, an emoji ZWJ family or a flag as one unit, never leaving half a
// character behind. Offsets are UTF-8 byte offsets; empty text has no graphemes.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::text {

// The boundary after/before `offset` (clamped to [0, text.size()]). Linear in the text:
// meant for typed answers, not whole documents.
size_t next_grapheme_boundary(std::string_view text, size_t offset);
size_t previous_grapheme_boundary(std::string_view text, size_t offset);
// Removes the last grapheme cluster; false when `text` was empty.
bool delete_last_grapheme(std::string& text);
size_t grapheme_count(std::string_view text);
// Every boundary, from 0 to text.size() inclusive.
std::vector<size_t> grapheme_boundaries(std::string_view text);

}  // namespace kiosk::text
