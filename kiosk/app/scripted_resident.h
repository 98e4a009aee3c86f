// A resident made of taps: answers whatever question is on screen through the real UI
// (widget ids, the on-screen keyboard), and remembers what it answered so tests can
// compare it with what the store holds.
#pragma once
#include <functional>
#include <string>
#include <vector>
#include "core/answer.h"
#include "headless.h"

namespace kiosk {

class ScriptedResident {
 public:
  // `variant` varies the choices, so repeated sessions differ.
  // `language` is tapped on the language screen when the consultation offers a choice.
  explicit ScriptedResident(HeadlessKiosk& kiosk, int variant = 0, std::string language = "en")
      : kiosk_(kiosk), variant_(variant), language_(std::move(language)) {}

  // Answers the question on screen (or leaves it, for info screens). False on a failed tap,
  // with the reason in error().
  bool answer_current();
  // Types text on the on-screen keyboard, key by key, in the session's language.
  bool type(const std::string& text);
  // A free-text answer written in `language` (English for a language without a sample).
  static std::string sample_text(const std::string& language);
  // Called on each new screen with a short name ("attract", "question-rating-q_area"...);
  // returning false stops the session (e.g. a screenshot could not be written).
  using ScreenHook = std::function<bool(const std::string& name)>;
  // From attract to thank-you, answering every question.
  bool complete_session(const ScreenHook& on_screen = {});

  const Answers& expected() const { return expected_; }
  const std::string& error() const { return error_; }

 private:
  bool tap(const std::string& id);
  bool shoot(const ScreenHook& hook, const std::string& name);
  HeadlessKiosk& kiosk_;
  int variant_;
  std::string language_;
  Answers expected_;
  std::string error_;
};

}  // namespace kiosk
