// What the keys of the on-screen keyboard type, per language: a resident types in their own
// script, and can switch to the Latin letters (or their language's accented ones). Data only,
// no drawing. The layouts are drafts for native speakers to review (i18n/README.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Four rows of keys; each key types its text (one letter, or a few code points such as
// "ক্ষ" or "لا"). Row 0 is followed by Delete, row 3 is preceded by Shift.
using KeyRows = std::vector<std::vector<std::string>>;

struct KeyboardLayout {
  std::string label;        // on the key that switches to this layout: "abc", "ąę", "ক খ"
  std::string language;     // whose fonts draw its keys ("en" for the Latin letters)
  bool rows_right_to_left = false;  // base letter rows (1-3) are in reading order, placed from the right
  // Shift gives one key of `shifted`: a capital ("Shift" on the key, shift_label empty), or one
  // of a caseless script's second layer (the key shows shift_label, then this layout's label).
  std::string shift_label;
  KeyRows base;
  KeyRows shifted;          // capitals, or the second layer (vowels, marks, digits...)
};

// The layouts offered while typing in `language`, its own first; never empty (Latin at least).
const std::vector<KeyboardLayout>& keyboard_layouts(std::string_view language);

// The text splits into keys of `language`'s layouts (and spaces). When it cannot, `bad` is
// set to the first character no key types.
bool typeable(std::string_view text, std::string_view language, std::string* bad = nullptr);

// Splits `text` into what each key press types (" " for the space bar); empty when a
// character cannot be typed.
std::vector<std::string> split_into_keys(std::string_view text, std::string_view language);

}  // namespace kiosk::ui
