// The on-screen keyboard in every language: each layout's keys are distinct, every key on the
// screen is a full-size touch target clear of the others and of Back/Next, and a resident types
// a sentence in their own script (switching layers and layouts as a person would) and the
// answer holds exactly what they typed.
#include <set>
#include "e2e_fixture.h"
#include "ui/keyboard_layouts.h"

using namespace kiosk;
using namespace kiosk::testing;

namespace {
const std::vector<std::string> kLanguages = {"en", "cy", "pl", "ro", "lt", "pt", "es",
                                             "uk", "ar", "ur", "bn", "gu", "pa", "zh-Hans"};
}

TEST_CASE("keyboard: every layout has four rows of distinct keys that fit a row") {
  for (const auto& language : kLanguages) {
    CAPTURE(language);
    const auto& layouts = ui::keyboard_layouts(language);
    REQUIRE_FALSE(layouts.empty());
    std::set<std::string> labels;
    for (const auto& layout : layouts) {
      CAPTURE(layout.label);
      CHECK(labels.insert(layout.label).second);  // the switch key says where it goes
      for (const ui::KeyRows* layer : {&layout.base, &layout.shifted}) {
        REQUIRE(layer->size() == 4);
        std::set<std::string> ids;  // widget ids are "key:<text>": one key per text on screen
        for (const auto& row : *layer) {
          CHECK(row.size() <= 13);  // the sizes on screen are checked below, in every language
          for (const auto& key : row) {
            CHECK_FALSE(key.empty());
            CHECK(key.find(' ') == std::string::npos);
            CHECK(ids.insert(key).second);
          }
        }
      }
      CHECK(layout.shifted != layout.base);  // Shift always gives other keys
    }
  }
  CHECK(ui::keyboard_layouts("pl").size() == 2);  // Latin, and the Polish letters
  CHECK(ui::keyboard_layouts("ur")[0].rows_right_to_left);
  CHECK(ui::keyboard_layouts("xx").front().label == "abc");  // unknown: Latin
}

TEST_CASE("keyboard: what a key cannot type is named") {
  std::string bad;
  CHECK(ui::typeable("Więcej ławek", "pl", &bad));
  CHECK_FALSE(ui::typeable("Więcej ławek", "en", &bad));
  CHECK(bad == "ę");
  CHECK_FALSE(ui::typeable("abc\n", "en", &bad));
  CHECK(bad == "\n");
  CHECK(ui::split_into_keys("ক্ষ", "bn") == std::vector<std::string>{"ক", "্", "ষ"});
  CHECK(ui::split_into_keys("ક્ષ", "gu") == std::vector<std::string>{"ક્ષ"});  // one key for the conjunct
}

TEST_CASE("keyboard: in every language a resident types a sentence in their own script") {
  for (const auto& language : kLanguages) {
    CAPTURE(language);
    const std::string sentence = ScriptedResident::sample_text(language);
    std::string bad;
    CHECK_MESSAGE(ui::typeable(sentence, language, &bad), "cannot type \"" << bad << "\"");
    KioskFixture f;
    f.start_session(language);
    const Question* q = f.skip_to(QuestionType::FreeText);
    REQUIRE(q != nullptr);
    ScriptedResident resident(f.kiosk, 0, language);
    REQUIRE_MESSAGE(resident.type(sentence), resident.error());
    check_touch_targets(f.kiosk);  // the letters
    REQUIRE(f.kiosk.tap("key:shift"));
    check_touch_targets(f.kiosk);  // capitals, or the second layer
    REQUIRE(f.kiosk.tap("key:shift"));
    // English words inside another language's answer: the Latin layout is one key away.
    REQUIRE_MESSAGE(resident.type(" Bus 42"), resident.error());
    check_touch_targets(f.kiosk);
    const auto answer = f.kiosk.flow().answer_for(q->id);
    REQUIRE(answer != nullptr);
    CHECK(answer->text == sentence + " Bus 42");
    // Delete takes back the last whole character, whatever the script.
    REQUIRE(f.kiosk.tap("key:backspace"));
    CHECK(f.kiosk.flow().answer_for(q->id)->text == sentence + " Bus 4");
  }
}
