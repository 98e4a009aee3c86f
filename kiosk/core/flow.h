// The resident's journey as a state machine: attract -> intro -> privacy -> questions ->
// review -> thank you -> attract, with an idle prompt and a staff door. Driven by intents
// from the UI and by time from an injected Clock, so every timeout is tested without sleeping.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "answer.h"
#include "clock.h"
#include "consultation.h"
#include "response_store.h"
#include "staff_pin.h"

namespace kiosk {

enum class Screen {
  Attract,      // waiting for the next resident
  Language,     // the first choice: the resident's language (also reachable from every screen)
  Intro,        // what this is and who asks
  Privacy,      // what is kept and how it is used
  Question,     // one question a screen
  Review,       // check answers, change any, submit
  ThankYou,     // answers are safely stored
  Unavailable,  // the kiosk cannot take answers right now
  StaffPin,     // staff entering (or first choosing) their PIN
  StaffHome,    // counts, events, resume or exit
};
const char* to_string(Screen screen);

struct FlowSettings {
  int64_t idle_timeout_ms = 60'000;     // no touch for this long -> "Are you still there?"
  int64_t idle_countdown_ms = 15'000;   // then this long to answer before the session is discarded
  int64_t thank_you_ms = 10'000;        // thank-you screen returns to attract by itself
  int64_t staff_idle_ms = 120'000;      // staff screens close themselves if left open
  int64_t attract_rotation_ms = 6'000;  // the start screen invites in each language in turn
  std::string default_language = "en";
  bool keep_abandoned = false;          // store walked-away sessions, marked "abandoned"
};

// Where a submitted response goes. The app wires it to the ResponseStore.
class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  virtual SubmitResult submit(const Response& response) = 0;
  virtual bool accepting_answers() = 0;
  // A session the resident walked away from (only called when keep_abandoned is on).
  virtual void abandoned(const Response& response) { (void)response; }
};

class Flow {
 public:
  Flow(const Consultation& consultation, const Clock& clock, ResponseSink& sink, StaffPin& pin,
       std::string kiosk_id, FlowSettings settings = {});

  // --- what the screens show ---
  Screen screen() const { return screen_; }
  const Consultation& consultation() const { return *consultation_; }
  const std::string& language() const { return language_; }
  const Question* current_question() const;
  const Answer* answer_for(const std::string& question_id) const;
  const Answers& answers() const { return answers_; }
  std::vector<const Question*> visible_questions() const;  // in order, branching applied
  int progress_position() const;  // 1-based position among visible questions (0 off questions)
  int progress_total() const;
  bool can_go_next() const;       // the current question's answer is complete enough
  std::string why_not_next() const;  // short reason for a disabled Next ("" when allowed)
  bool still_there_prompt() const { return prompt_since_ms_.has_value(); }
  // The language the start screen is inviting in right now (they take turns).
  const std::string& attract_language() const;
  int64_t prompt_seconds_left() const;
  const std::string& last_error() const { return last_error_; }
  const std::string& last_submitted_id() const { return last_submitted_id_; }  // after a stored submit
  uint64_t session_number() const { return session_number_; }  // changes whenever a session is discarded or finished

  // --- resident intents ---
  void touch();                   // any input: resets the idle timer (but does not dismiss the prompt)
  void begin();                   // attract -> intro
  void next();
  void back();
  void set_answer(const std::string& question_id, Answer answer);
  void change_answer_from_review(const std::string& question_id);
  void submit();                  // review -> thank you (or unavailable)
  void finish();                  // thank you -> attract
  void still_here();              // dismiss the idle prompt
  // Picks a language the consultation offers, keeping every answer; on the language screen
  // it also moves on (to the intro, or back to the screen the picker was opened from).
  void set_language(const std::string& language);
  void open_language_picker();    // from any resident screen

  // --- staff ---
  void staff_gesture();           // the hidden corner hold
  bool pin_is_set();
  StaffPin::CheckResult enter_pin(const std::string& pin);
  bool choose_pin(const std::string& pin);  // first use: staff pick a PIN
  void staff_resume();            // back to attract, fresh
  void staff_exit_requested() { exit_requested_ = true; }
  bool exit_requested() const { return exit_requested_; }

  // --- time ---
  void tick();                    // applies timeouts; call every frame and on wake-ups
  // Milliseconds until tick() has something to do (for SDL_WaitEventTimeout); -1 = never.
  int64_t ms_until_next_timer() const;

  // Swap to a newer consultation: applied at once between residents, else after this session.
  void replace_consultation(const Consultation& consultation);

 private:
  bool in_session() const;
  bool is_visible(const Question& question) const;
  int next_visible_index(int from) const;
  int previous_visible_index(int from) const;
  void go_to(Screen screen);
  void discard_session();
  void apply_pending_consultation();
  Answers visible_answers() const;
  Response build_response() const;

  const Consultation* consultation_;
  std::optional<Consultation> pending_consultation_;
  std::optional<Consultation> owned_consultation_;
  const Clock& clock_;
  ResponseSink& sink_;
  StaffPin& pin_;
  std::string kiosk_id_;
  FlowSettings settings_;

  Screen screen_ = Screen::Attract;
  Screen screen_before_staff_ = Screen::Attract;
  Screen screen_before_language_ = Screen::Intro;
  int question_index_ = -1;
  bool returning_to_review_ = false;
  Answers answers_;
  std::string language_;
  int64_t session_started_wall_ms_ = 0;
  int64_t last_activity_ms_ = 0;
  std::optional<int64_t> prompt_since_ms_;
  int64_t screen_since_ms_ = 0;
  std::string last_error_;
  std::string last_submitted_id_;
  uint64_t session_number_ = 1;
  bool exit_requested_ = false;
};

}  // namespace kiosk
