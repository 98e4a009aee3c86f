#include "keyboard_layouts.h"
#include <algorithm>
#include <map>
#include <set>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace kiosk::ui {

namespace {

// "a b c" -> {"a", "b", "c"}: keys are written space-separated so that combining marks and
// conjuncts read as what they are.
std::vector<std::string> keys(std::string_view spaced) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < spaced.size()) {
    size_t end = spaced.find(' ', start);
    if (end == std::string_view::npos) end = spaced.size();
    if (end > start) out.emplace_back(spaced.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

KeyRows rows(std::string_view r0, std::string_view r1, std::string_view r2, std::string_view r3) {
  return {keys(r0), keys(r1), keys(r2), keys(r3)};
}

std::string upper(const std::string& key) {
  std::string out;
  icu::UnicodeString::fromUTF8(key).toUpper(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

KeyboardLayout cased(std::string label, KeyRows base) {
  KeyboardLayout layout;
  layout.label = std::move(label);
  layout.base = std::move(base);
  layout.shifted = layout.base;
  for (auto& row : layout.shifted)
    for (auto& key : row) key = upper(key);
  return layout;
}

KeyboardLayout caseless(std::string label, std::string shift_label, KeyRows base, KeyRows shifted,
                        bool right_to_left = false) {
  KeyboardLayout layout;
  layout.label = std::move(label);
  layout.rows_right_to_left = right_to_left;
  layout.shift_label = std::move(shift_label);
  layout.base = std::move(base);
  layout.shifted = std::move(shifted);
  return layout;
}

constexpr std::string_view kDigits = "1 2 3 4 5 6 7 8 9 0";

KeyboardLayout latin() {
  KeyboardLayout layout = cased("abc", rows(kDigits, "q w e r t y u i o p", "a s d f g h j k l '", "z x c v b n m , . ?"));
  layout.language = "en";
  return layout;
}

// A Latin-script language's own letters, with punctuation the main layout has no room for.
KeyboardLayout accents(std::string_view letters) {
  const std::vector<std::string> first = keys(letters);
  return cased(first.at(0) + first.at(1), rows(kDigits, letters, "- ( ) : ; ! \" / &", "£ % , . ? '"));
}

std::map<std::string, std::vector<KeyboardLayout>, std::less<>> make_layouts() {
  std::map<std::string, std::vector<KeyboardLayout>, std::less<>> m;
  m["en"] = {latin()};
  // Chinese needs a pinyin input method to type characters: future work; pinyin and English
  // can be typed on the Latin keys meanwhile.
  m["zh-Hans"] = {latin()};
  m["cy"] = {latin(), accents("â ê î ô û ŵ ŷ á é ï ë ö")};
  m["pl"] = {latin(), accents("ą ć ę ł ń ó ś ź ż")};
  m["ro"] = {latin(), accents("ă â î ș ț")};
  m["lt"] = {latin(), accents("ą č ę ė į š ų ū ž")};
  m["pt"] = {latin(), accents("á à â ã ç é ê í ó ô õ ú")};
  m["es"] = {latin(), accents("á é í ñ ó ú ü ¿ ¡")};
  // Ukrainian ЙЦУКЕН.
  m["uk"] = {cased("абв", rows(kDigits, "й ц у к е н г ш щ з х ї", "ф і в а п р о л д ж є '",
                               "я ч с м и т ь б ю ґ , .")),
             latin()};
  // Arabic: the standard (101) keyboard, keys as they sit from the left; marks, hamza forms,
  // punctuation and Arabic-Indic digits on the second layer.
  m["ar"] = {caseless("أ ب", "آ ؟",
                      rows(kDigits, "ض ص ث ق ف غ ع ه خ ح ج د", "ش س ي ب ل ا ت ن م ك ط",
                           "ئ ء ؤ ر لا ى ة و ز ظ ذ"),
                      rows("َ ً ُ ٌ ِ ٍ ّ ْ", "آ أ إ ـ ، ؛ ؟ ! ( )", ". : - \" ' /", "٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩")),
             latin()};
  // Urdu: the alphabet in order, read from the right; hamza forms, marks, punctuation and
  // Urdu digits on the second layer.
  m["ur"] = {caseless("ا ب", "آ ؟",
                      rows(kDigits, "ا ب پ ت ٹ ث ج چ ح خ د ڈ", "ذ ر ڑ ز س ش ص ض ط ظ ع غ",
                           "ف ق ک گ ل م ن ں و ہ ھ ی ے"),
                      rows("َ ِ ُ ّ ٔ ً ٰ", "ء آ أ ئ ؤ ۃ ۂ ۓ ژ", "۔ ، ؟ ! ( ) : ؛ \" '", "۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹"),
                      true),
             latin()};
  // Bengali, Gujarati, Gurmukhi: vowel signs and consonants in alphabet order first (what
  // most words are made of); independent vowels, rarer letters, digits on the second layer.
  // Nukta letters are typed as base + nukta, as they are stored (Unicode normalisation).
  m["bn"] = {caseless("ক খ", "অ আ",
                      rows("া ি ী ু ূ ৃ ে ৈ ো ৌ ্ ং", "ক খ গ ঘ চ ছ জ ঝ ট ঠ ড ঢ", "ণ ত থ দ ধ ন প ফ ব ভ ম য",
                           "র ল শ ষ স হ ড\u09BC ঢ\u09BC য\u09BC ৎ ঁ"),
                      rows(kDigits, "অ আ ই ঈ উ ঊ ঋ এ ঐ ও ঔ", "ঙ ঞ ঃ । , ? ! - ( )", "০ ১ ২ ৩ ৪ ৫ ৬ ৭ ৮ ৯")),
             latin()};
  m["gu"] = {caseless("ક ખ", "અ આ",
                      rows("ા િ ી ુ ૂ ૃ ે ૈ ો ૌ ્ ં", "ક ખ ગ ઘ ચ છ જ ઝ ટ ઠ ડ ઢ", "ણ ત થ દ ધ ન પ ફ બ ભ મ ય",
                           "ર લ વ શ ષ સ હ ળ ક્ષ જ્ઞ ઁ"),
                      rows(kDigits, "અ આ ઇ ઈ ઉ ઊ ઋ એ ઐ ઓ ઔ", "ઙ ઞ ઃ ૅ ૉ ઍ ઑ , . ?", "૦ ૧ ૨ ૩ ૪ ૫ ૬ ૭ ૮ ૯")),
             latin()};
  m["pa"] = {caseless("ਕ ਖ", "ਅ ਆ",
                      rows("ਾ ਿ ੀ ੁ ੂ ੇ ੈ ੋ ੌ ੰ ਂ ੱ", "ਕ ਖ ਗ ਘ ਚ ਛ ਜ ਝ ਟ ਠ ਡ ਢ", "ਣ ਤ ਥ ਦ ਧ ਨ ਪ ਫ ਬ ਭ ਮ ਯ",
                           "ਰ ਲ ਵ ਸ ਹ ੜ ਸ\u0A3C ਖ\u0A3C ਗ\u0A3C ਜ\u0A3C ਫ\u0A3C"),
                      rows(kDigits, "ੳ ਅ ੲ ਆ ਇ ਈ ਉ ਊ ਏ ਐ ਓ ਔ", "ਙ ਞ ਲ\u0A3C ਼ ੍ । , . ?", "੦ ੧ ੨ ੩ ੪ ੫ ੬ ੭ ੮ ੯")),
             latin()};
  // Urdu keys show their letters in Naskh, as Urdu phone keyboards do: a Nastaliq line is
  // taller than a key, and a single letter looks the same in both.
  m["ur"][0].language = "ar";
  for (auto& [language, layouts] : m)
    for (auto& layout : layouts)
      if (layout.language.empty()) layout.language = language;
  return m;
}

}  // namespace

const std::vector<KeyboardLayout>& keyboard_layouts(std::string_view language) {
  static const auto layouts = make_layouts();
  auto it = layouts.find(language);
  if (it == layouts.end()) it = layouts.find(language.substr(0, language.find('-')));
  return it == layouts.end() ? layouts.at("en") : it->second;
}

namespace {

// Every text one key can type in `language` (any layout, either layer), longest first.
std::vector<std::string> key_texts(std::string_view language) {
  std::set<std::string> all;
  for (const auto& layout : keyboard_layouts(language))
    for (const KeyRows* layer : {&layout.base, &layout.shifted})
      for (const auto& row : *layer) all.insert(row.begin(), row.end());
  std::vector<std::string> out(all.begin(), all.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

// Greedy, longest key first. Returns false with `stuck_at` at the first byte no key types.
bool split(std::string_view text, std::string_view language, std::vector<std::string>& out, size_t& stuck_at) {
  const std::vector<std::string> texts = key_texts(language);
  size_t at = 0;
  while (at < text.size()) {
    const std::string_view rest = text.substr(at);
    if (rest[0] == ' ') {
      out.emplace_back(" ");
      ++at;
      continue;
    }
    auto key = std::find_if(texts.begin(), texts.end(), [&](const std::string& k) { return rest.substr(0, k.size()) == k; });
    if (key == texts.end()) {
      stuck_at = at;
      return false;
    }
    out.push_back(*key);
    at += key->size();
  }
  return true;
}
}  // namespace

std::vector<std::string> split_into_keys(std::string_view text, std::string_view language) {
  std::vector<std::string> out;
  size_t stuck_at = 0;
  return split(text, language, out, stuck_at) ? out : std::vector<std::string>{};
}

bool typeable(std::string_view text, std::string_view language, std::string* bad) {
  std::vector<std::string> keys_pressed;
  size_t at = 0;
  if (split(text, language, keys_pressed, at)) return true;
  if (bad) {  // the whole UTF-8 character the keys cannot type
    size_t end = at + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    *bad = std::string(text.substr(at, end - at));
  }
  return false;
}

}  // namespace kiosk::ui
