#include "flow.h"
#include <algorithm>
#include "utf8.h"
#include "i18n.h"
#include "uuid.h"

namespace kiosk {

const char* to_string(Screen screen) {
  switch (screen) {
    case Screen::Attract: return "attract";
    case Screen::Language: return "language";
    case Screen::Intro: return "intro";
    case Screen::Privacy: return "privacy";
    case Screen::Question: return "question";
    case Screen::Review: return "review";
    case Screen::ThankYou: return "thank_you";
    case Screen::Unavailable: return "unavailable";
    case Screen::StaffPin: return "staff_pin";
    case Screen::StaffHome: return "staff_home";
  }
  return "unknown";
}

Flow::Flow(const Consultation& consultation, const Clock& clock, ResponseSink& sink, StaffPin& pin,
           std::string kiosk_id, FlowSettings settings)
    : consultation_(&consultation),
      clock_(clock),
      sink_(sink),
      pin_(pin),
      kiosk_id_(std::move(kiosk_id)),
      settings_(std::move(settings)),
      language_(settings_.default_language) {
  last_activity_ms_ = screen_since_ms_ = clock_.steady_ms();
  if (!sink_.accepting_answers()) screen_ = Screen::Unavailable;
}

// ---------- what the screens show ----------

const Question* Flow::current_question() const {
  if (screen_ != Screen::Question || question_index_ < 0 ||
      question_index_ >= static_cast<int>(consultation_->questions.size()))
    return nullptr;
  return &consultation_->questions[question_index_];
}

const Answer* Flow::answer_for(const std::string& question_id) const {
  auto it = answers_.find(question_id);
  return it == answers_.end() ? nullptr : &it->second;
}

static bool answer_matches(const Answer& answer, const std::vector<std::string>& any_of) {
  for (const auto& wanted : any_of) {
    if (std::find(answer.choices.begin(), answer.choices.end(), wanted) != answer.choices.end())
      return true;
    if (answer.number && std::to_string(*answer.number) == wanted) return true;
  }
  return false;
}

// A question is visible when it has no condition, or its condition's question is itself
// visible and answered to match. Conditions only point backwards (the loader checks), so
// this recursion ends.
bool Flow::is_visible(const Question& question) const {
  if (!question.show_if) return true;
  const Question* earlier = consultation_->find(question.show_if->question);
  if (!earlier || !is_visible(*earlier)) return false;
  const Answer* answer = answer_for(earlier->id);
  return answer && answer_matches(*answer, question.show_if->any_of);
}

std::vector<const Question*> Flow::visible_questions() const {
  std::vector<const Question*> out;
  for (const auto& q : consultation_->questions)
    if (is_visible(q)) out.push_back(&q);
  return out;
}

int Flow::progress_position() const {
  const Question* current = current_question();
  if (!current) return 0;
  auto visible = visible_questions();
  auto it = std::find(visible.begin(), visible.end(), current);
  return it == visible.end() ? 0 : static_cast<int>(it - visible.begin()) + 1;
}

int Flow::progress_total() const { return static_cast<int>(visible_questions().size()); }

// Why `q` (answered with `a`, or nullptr) cannot be left with Next yet; "" when it can.
static std::string why_incomplete(const Question& q, const Answer* a) {
  const bool answered = a && !a->empty();
  if (!answered) return q.required ? i18n::tr("Please answer this question to go on.") : "";
  if (q.type == QuestionType::MultipleChoice && q.min_select > 0 &&
      static_cast<int>(a->choices.size()) < q.min_select &&
      !(a->choices.size() == 1 && q.options.size() > 0 &&
        std::any_of(q.options.begin(), q.options.end(), [&](const Option& o) {
          return o.is_prefer_not_to_say && o.id == a->choices[0];
        })))
    return i18n::trn("Please choose at least %d.", "Please choose at least %d.", q.min_select);
  if (q.type == QuestionType::MultipleChoice && q.max_select > 0 &&
      static_cast<int>(a->choices.size()) > q.max_select)
    return i18n::trn("Please choose no more than %d.", "Please choose no more than %d.", q.max_select);
  for (const auto& option : q.options)
    if (option.is_other && a->text.empty() &&
        std::find(a->choices.begin(), a->choices.end(), option.id) != a->choices.end())
      return i18n::tr("Please say what you mean by \"Other\", or untick it.");
  return {};
}

std::string Flow::why_not_next() const {
  const Question* q = current_question();
  if (!q) return {};
  return why_incomplete(*q, answer_for(q->id));
}

bool Flow::can_go_next() const { return why_not_next().empty(); }

int64_t Flow::prompt_seconds_left() const {
  if (!prompt_since_ms_) return 0;
  int64_t left = settings_.idle_countdown_ms - (clock_.steady_ms() - *prompt_since_ms_);
  return std::max<int64_t>(0, (left + 999) / 1000);
}

// ---------- resident intents ----------

bool Flow::in_session() const {
  return screen_ == Screen::Language || screen_ == Screen::Intro || screen_ == Screen::Privacy ||
         screen_ == Screen::Question || screen_ == Screen::Review;
}

void Flow::go_to(Screen screen) {
  screen_ = screen;
  screen_since_ms_ = clock_.steady_ms();
  if (!in_session()) prompt_since_ms_.reset();  // the idle prompt belongs to a session
}

void Flow::touch() { last_activity_ms_ = clock_.steady_ms(); }

void Flow::begin() {
  touch();
  if (screen_ != Screen::Attract) return;
  if (!sink_.accepting_answers()) {
    go_to(Screen::Unavailable);
    return;
  }
  session_started_wall_ms_ = clock_.wall_ms();
  // The first choice is the language, when there is a choice to make.
  if (consultation_->languages.size() > 1) {
    screen_before_language_ = Screen::Intro;
    go_to(Screen::Language);
  } else {
    go_to(Screen::Intro);
  }
}

int Flow::next_visible_index(int from) const {
  const auto& qs = consultation_->questions;
  for (int i = from + 1; i < static_cast<int>(qs.size()); ++i)
    if (is_visible(qs[i])) return i;
  return -1;
}

int Flow::previous_visible_index(int from) const {
  const auto& qs = consultation_->questions;
  for (int i = from - 1; i >= 0; --i)
    if (is_visible(qs[i])) return i;
  return -1;
}

void Flow::next() {
  touch();
  switch (screen_) {
    case Screen::Intro: go_to(Screen::Privacy); break;
    case Screen::Privacy: {
      question_index_ = next_visible_index(-1);
      go_to(question_index_ >= 0 ? Screen::Question : Screen::Review);
      break;
    }
    case Screen::Question: {
      if (!can_go_next()) return;
      if (returning_to_review_) {
        // A changed answer can reveal a question that still needs answering: ask it first.
        for (const Question* q : visible_questions()) {
          if (!why_incomplete(*q, answer_for(q->id)).empty()) {
            question_index_ = consultation_->index_of(q->id);
            go_to(Screen::Question);
            return;
          }
        }
        returning_to_review_ = false;
        go_to(Screen::Review);
        return;
      }
      int next_index = next_visible_index(question_index_);
      if (next_index < 0) {
        go_to(Screen::Review);
      } else {
        question_index_ = next_index;
        go_to(Screen::Question);
      }
      break;
    }
    default: break;
  }
}

void Flow::back() {
  touch();
  switch (screen_) {
    case Screen::Language:
      // From the start: changed their mind. Opened later: close the picker, nothing changes.
      if (screen_before_language_ == Screen::Intro && answers_.empty()) discard_session();
      else go_to(screen_before_language_);
      break;
    case Screen::Intro:
      if (consultation_->languages.size() > 1) {
        screen_before_language_ = Screen::Intro;
        go_to(Screen::Language);
      } else {
        discard_session();  // changed their mind: back to the start
      }
      break;
    case Screen::Privacy: go_to(Screen::Intro); break;
    case Screen::Question: {
      returning_to_review_ = false;
      int previous = previous_visible_index(question_index_);
      if (previous < 0) {
        go_to(Screen::Privacy);
      } else {
        question_index_ = previous;
        go_to(Screen::Question);
      }
      break;
    }
    case Screen::Review: {
      int last = previous_visible_index(static_cast<int>(consultation_->questions.size()));
      if (last >= 0) {
        question_index_ = last;
        go_to(Screen::Question);
      } else {
        go_to(Screen::Privacy);
      }
      break;
    }
    default: break;
  }
}

void Flow::set_answer(const std::string& question_id, Answer answer) {
  touch();
  if (!in_session() || !consultation_->find(question_id)) return;
  answer.text = sanitize_utf8(answer.text);  // typed text is untrusted: store only valid UTF-8
  for (auto& choice : answer.choices) choice = sanitize_utf8(choice);
  if (answer.empty())
    answers_.erase(question_id);
  else
    answers_[question_id] = std::move(answer);
}

void Flow::change_answer_from_review(const std::string& question_id) {
  touch();
  if (screen_ != Screen::Review) return;
  const Question* q = consultation_->find(question_id);
  if (!q || !is_visible(*q)) return;
  question_index_ = consultation_->index_of(question_id);
  returning_to_review_ = true;
  go_to(Screen::Question);
}

// Answers to questions that branching has since hidden are not submitted.
Answers Flow::visible_answers() const {
  Answers out;
  for (const Question* q : visible_questions())
    if (auto it = answers_.find(q->id); it != answers_.end()) out.insert(*it);
  return out;
}

Response Flow::build_response() const {
  Response response;
  response.id = random_uuid();
  response.consultation_id = consultation_->id;
  response.consultation_version = consultation_->version;
  response.kiosk_id = kiosk_id_;
  response.language = language_;
  response.started_at_ms = session_started_wall_ms_;
  response.submitted_at_ms = clock_.wall_ms();
  response.answers = visible_answers();
  return response;
}

void Flow::submit() {
  touch();
  if (screen_ != Screen::Review) return;
  Response response = build_response();
  SubmitResult result = looks_like_uuid(response.id) ? sink_.submit(response)
                                                      : SubmitResult{false, "no random id"};
  answers_.clear();  // stored or not, nothing stays on screen for the next person
  if (result.ok) {
    last_error_.clear();
    last_submitted_id_ = response.id;
    go_to(Screen::ThankYou);
  } else {
    last_error_ = result.error;
    go_to(Screen::Unavailable);
  }
}

void Flow::finish() {
  if (screen_ == Screen::ThankYou) discard_session();
}

void Flow::still_here() {
  touch();
  prompt_since_ms_.reset();
}

void Flow::set_language(const std::string& language) {
  touch();
  const auto& offered = consultation_->languages;
  if (std::find(offered.begin(), offered.end(), language) == offered.end()) return;
  language_ = language;
  if (screen_ == Screen::Language) go_to(screen_before_language_);
}

void Flow::open_language_picker() {
  touch();
  if (!in_session() || screen_ == Screen::Language) return;
  screen_before_language_ = screen_;
  go_to(Screen::Language);
}

void Flow::discard_session() {
  answers_.clear();
  question_index_ = -1;
  returning_to_review_ = false;
  prompt_since_ms_.reset();
  language_ = settings_.default_language;
  ++session_number_;
  apply_pending_consultation();
  go_to(sink_.accepting_answers() ? Screen::Attract : Screen::Unavailable);
  touch();
}

// ---------- staff ----------

void Flow::staff_gesture() {
  touch();
  if (screen_ == Screen::StaffPin || screen_ == Screen::StaffHome) return;
  screen_before_staff_ = screen_;
  prompt_since_ms_.reset();
  go_to(Screen::StaffPin);
}

bool Flow::pin_is_set() { return pin_.is_set(); }

StaffPin::CheckResult Flow::enter_pin(const std::string& pin) {
  touch();
  StaffPin::CheckResult result = pin_.check(pin);
  if (screen_ == Screen::StaffPin && result.outcome == StaffPin::Outcome::Accepted) {
    answers_.clear();  // staff take over: an unfinished resident session ends here
    go_to(Screen::StaffHome);
  }
  return result;
}

bool Flow::choose_pin(const std::string& pin) {
  touch();
  if (screen_ != Screen::StaffPin || pin_.is_set() || !pin_.set(pin)) return false;
  answers_.clear();
  go_to(Screen::StaffHome);
  return true;
}

void Flow::staff_resume() {
  if (screen_ == Screen::StaffPin && screen_before_staff_ != Screen::StaffPin) {
    // Cancelled PIN entry: go back where we were, session intact.
    touch();
    if (screen_before_staff_ == Screen::Attract || screen_before_staff_ == Screen::Unavailable)
      apply_pending_consultation();  // between residents, as replace_consultation does
    go_to(screen_before_staff_);
    return;
  }
  discard_session();
}

// ---------- time ----------

void Flow::tick() {
  const int64_t now = clock_.steady_ms();
  if (in_session()) {
    if (!prompt_since_ms_ && now - last_activity_ms_ >= settings_.idle_timeout_ms)
      prompt_since_ms_ = now;
    if (prompt_since_ms_ && now - *prompt_since_ms_ >= settings_.idle_countdown_ms) {
      // Walked away. Normally nothing is kept; optionally the answers are stored marked
      // "abandoned" (never shown again on this kiosk).
      if (settings_.keep_abandoned && !answers_.empty()) sink_.abandoned(build_response());
      discard_session();
    }
  } else if (screen_ == Screen::ThankYou) {
    if (now - screen_since_ms_ >= settings_.thank_you_ms) discard_session();
  } else if (screen_ == Screen::StaffPin || screen_ == Screen::StaffHome) {
    if (now - last_activity_ms_ >= settings_.staff_idle_ms) discard_session();
  } else if (screen_ == Screen::Unavailable) {
    // Try again now and then: a freed disk lets the kiosk take answers again.
    if (now - screen_since_ms_ >= settings_.thank_you_ms) {
      if (sink_.accepting_answers()) discard_session();
      else screen_since_ms_ = now;
    }
  }
}

int64_t Flow::ms_until_next_timer() const {
  const int64_t now = clock_.steady_ms();
  auto until = [&](int64_t deadline) { return std::max<int64_t>(0, deadline - now); };
  if (in_session()) {
    if (prompt_since_ms_) {
      // Wake each second to redraw the countdown.
      int64_t elapsed = now - *prompt_since_ms_;
      return std::min(until(*prompt_since_ms_ + settings_.idle_countdown_ms),
                      1000 - elapsed % 1000);
    }
    return until(last_activity_ms_ + settings_.idle_timeout_ms);
  }
  switch (screen_) {
    case Screen::Attract: {
      if (consultation_->languages.size() < 2 || settings_.attract_rotation_ms <= 0) return -1;
      const int64_t period = settings_.attract_rotation_ms;
      return period - (now - screen_since_ms_) % period;
    }
    case Screen::ThankYou:
    case Screen::Unavailable: return until(screen_since_ms_ + settings_.thank_you_ms);
    case Screen::StaffPin:
    case Screen::StaffHome: return until(last_activity_ms_ + settings_.staff_idle_ms);
    default: return -1;
  }
}

const std::string& Flow::attract_language() const {
  const auto& offered = consultation_->languages;
  if (offered.empty()) return settings_.default_language;
  if (screen_ != Screen::Attract || settings_.attract_rotation_ms <= 0) return offered.front();
  const int64_t turn = (clock_.steady_ms() - screen_since_ms_) / settings_.attract_rotation_ms;
  return offered[static_cast<size_t>(turn % static_cast<int64_t>(offered.size()))];
}

// ---------- consultation updates ----------

void Flow::replace_consultation(const Consultation& consultation) {
  pending_consultation_ = consultation;
  if (screen_ == Screen::Attract || screen_ == Screen::Unavailable) apply_pending_consultation();
}

void Flow::apply_pending_consultation() {
  if (!pending_consultation_) return;
  owned_consultation_ = std::move(pending_consultation_);
  pending_consultation_.reset();
  consultation_ = &*owned_consultation_;
}

}  // namespace kiosk
