// The screens around the questions: attract, intro, privacy, review, thank you, sorry,
// and the "Are you still there?" prompt.
#pragma once
#include "core/flow.h"
#include "question_views.h"

namespace kiosk::ui {

void draw_attract(UiContext& ui, Flow& flow);
void draw_language_choice(UiContext& ui, Flow& flow);
void draw_intro(UiContext& ui, Flow& flow);
void draw_privacy(UiContext& ui, Flow& flow);
void draw_question_screen(UiContext& ui, Flow& flow, SessionUiState& state);
void draw_review(UiContext& ui, Flow& flow);
void draw_thank_you(UiContext& ui, Flow& flow);
void draw_unavailable(UiContext& ui, Flow& flow);
void draw_still_there(UiContext& ui, Flow& flow);

// A short, readable summary of an answer, for the review screen.
std::string summarize_answer(const Question& question, const Answer* answer, const std::string& language);

}  // namespace kiosk::ui
