#include "scripted_resident.h"
#include <cctype>

namespace kiosk {

bool ScriptedResident::tap(const std::string& id) {
  if (kiosk_.tap(id)) return true;
  error_ = "could not tap \"" + id + "\" on the " + to_string(kiosk_.flow().screen()) + " screen";
  return false;
}

bool ScriptedResident::type(const std::string& text) {
  for (char c : text) {
    std::string key;
    if (c == ' ') key = "key:space";
    else if (std::isupper(static_cast<unsigned char>(c))) {
      if (!tap("key:shift")) return false;
      key = std::string("key:") + static_cast<char>(std::tolower(c));
    } else key = std::string("key:") + c;
    if (!tap(key)) return false;
  }
  return true;
}

bool ScriptedResident::answer_current() {
  const Question* q = kiosk_.flow().current_question();
  if (!q) {
    error_ = "no question on screen";
    return false;
  }
  Answer answer;
  auto pick = [&](const Option& option) {
    if (!tap("option:" + q->id + ":" + option.id)) return false;
    answer.choices.push_back(option.id);
    if (option.is_other) {
      answer.text = "Near the river";
      if (!type(answer.text) || !tap("key:done")) return false;
    }
    return true;
  };
  // Ordinary options only; "Other" is exercised where the variant says so.
  std::vector<const Option*> plain;
  const Option* other = nullptr;
  for (const auto& o : q->options) {
    if (o.is_other) other = &o;
    else if (!o.is_prefer_not_to_say) plain.push_back(&o);
  }
  switch (q->type) {
    case QuestionType::Info: return true;
    case QuestionType::Consent:
      if (!tap("consent:" + q->id + ":agreed")) return false;
      answer.choices = {"agreed"};
      break;
    case QuestionType::SingleChoice:
    case QuestionType::Area:
      if (other && variant_ % 3 == 2) {
        if (!pick(*other)) return false;
      } else if (!plain.empty() && !pick(*plain[(1 + variant_) % plain.size()])) {
        return false;
      }
      break;
    case QuestionType::MultipleChoice: {
      const int limit = q->max_select > 0 ? q->max_select : 3;
      for (size_t i = 0; i < plain.size() && static_cast<int>(answer.choices.size()) < std::min(2, limit); i += 2)
        if (!pick(*plain[(i + variant_) % plain.size()])) return false;
      if (other && variant_ % 2 == 0 && static_cast<int>(answer.choices.size()) < limit && !pick(*other))
        return false;
      break;
    }
    case QuestionType::Ranking:
      for (int i = 0; i < q->rank_count && i < static_cast<int>(plain.size()); ++i) {
        const Option& o = *plain[(plain.size() - 1 - i + variant_) % plain.size()];
        if (!tap("option:" + q->id + ":" + o.id)) return false;
        answer.choices.push_back(o.id);
      }
      break;
    case QuestionType::Rating:
      answer.number = 1 + (3 + variant_) % 5;
      if (!tap("rating:" + q->id + ":" + std::to_string(*answer.number))) return false;
      break;
    case QuestionType::Scale:
      answer.number = (7 + variant_ + static_cast<int>(q->id.size())) % 11;
      if (!tap("scale:" + q->id + ":" + std::to_string(*answer.number))) return false;
      break;
    case QuestionType::FreeText:
      answer.text = "More benches please, and safer crossings.";
      if (!type(answer.text)) return false;
      break;
  }
  if (!answer.empty()) expected_[q->id] = answer;
  return true;
}

bool ScriptedResident::shoot(const ScreenHook& hook, const std::string& name) {
  if (!hook || hook(name)) return true;
  error_ = "screen hook failed at " + name;
  return false;
}

bool ScriptedResident::complete_session(const ScreenHook& on_screen) {
  expected_.clear();
  Flow& flow = kiosk_.flow();
  if (flow.screen() != Screen::Attract) {
    error_ = std::string("expected the attract screen, found ") + to_string(flow.screen());
    return false;
  }
  if (!shoot(on_screen, "attract") || !tap("start")) return false;
  if (flow.screen() == Screen::Language && (!shoot(on_screen, "language") || !tap("lang:" + language_))) return false;
  if (!shoot(on_screen, "intro") || !tap("next")) return false;
  if (!shoot(on_screen, "privacy") || !tap("next")) return false;
  for (int guard = 0; flow.screen() == Screen::Question && guard < 200; ++guard) {
    const Question* q = flow.current_question();
    const std::string name = std::string("question-") + to_string(q->type) + "-" + q->id;
    if (!answer_current() || !shoot(on_screen, name) || !tap("next")) return false;
  }
  if (flow.screen() != Screen::Review) {
    error_ = std::string("expected the review screen, found ") + to_string(flow.screen());
    return false;
  }
  if (!shoot(on_screen, "review") || !tap("next")) return false;
  if (flow.screen() != Screen::ThankYou) {
    error_ = std::string("expected the thank-you screen, found ") + to_string(flow.screen()) +
             (flow.last_error().empty() ? "" : " (" + flow.last_error() + ")");
    return false;
  }
  return shoot(on_screen, "thank-you");
}

}  // namespace kiosk
