#include "resident_screens.h"
#include <algorithm>
#include "core/i18n.h"
#include "core/languages.h"

namespace kiosk::ui {

using i18n::tr;

namespace {

// Reading start: the left in LTR, the right in RTL (the text engine mirrors it).
text::Align start_align(const UiContext&) { return text::Align::Start; }

// A titled page of running text (intro, privacy), scrolling if it is long.
void draw_text_page(UiContext& ui, const std::string& region, const std::string& heading,
                    const std::string& body_text, const BodyArea& body) {
  const Theme& t = ui.theme;
  begin_scroll_region(ui, region, body.min, ImVec2(body.width(), body.height()));
  const float width = body.width() - ImGui::GetStyle().ScrollbarSize - ui.px(10);
  paragraph(ui, heading, ui.style(t.title_size, t.text, text::Weight::Bold), width, start_align(ui));
  ImGui::Dummy(ImVec2(1, ui.px(24)));
  paragraph(ui, body_text, ui.style(t.body_size, t.text), width, start_align(ui));
  end_scroll_region(ui);
}

}  // namespace

void draw_attract(UiContext& ui, Flow& flow) {
  const Theme& t = ui.theme;
  ImDrawList* list = ImGui::GetWindowDrawList();
  // The whole screen is the start button.
  if (hit_area(ui, "start", ImVec2(0, 0), ui.display)) flow.begin();
  list->AddRectFilled(ImVec2(0, 0), ImVec2(ui.display.x, ui.px(16)), t.primary);
  const Consultation& c = flow.consultation();
  // The invitation takes turns in each language the consultation offers, each in its own
  // script and direction; the title and hint stay in the first language.
  UiContext english = ui;
  english.language = c.languages.empty() ? "en" : c.languages.front();
  draw_centered_message(english, localized(c.title, english.language),
                        tr("It takes about two minutes. You do not need to give your name."), ui.px(260));
  const std::string& invite_language = flow.attract_language();
  UiContext invite = ui;
  invite.language = invite_language;
  const std::string invitation = i18n::touch_to_start(invite_language);
  const ImVec2 size(ui.px(1000), ui.px(160));
  const ImVec2 pos((ui.display.x - size.x) * 0.5f, ui.px(640));
  list->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.primary, ui.px(80));
  text::Style style = ui.style(56, t.on_primary, text::Weight::Bold);
  ImVec2 label = ui.text.measure(invitation, style, size.x - ui.px(60), invite_language);
  ui.text.draw(list, ImVec2(pos.x + ui.px(30), pos.y + (size.y - label.y) * 0.5f), invitation, style,
               size.x - ui.px(60), text::Align::Center, invite_language);
  // Every language on offer, by its own name, so residents see theirs is there.
  if (c.languages.size() > 1) {
    std::string names;
    for (const auto& code : c.languages) names += (names.empty() ? "" : "   ·   ") + i18n::native_name(code);
    const float width = ui.display.x - ui.px(2 * t.margin);
    ui.text.draw(list, ImVec2(ui.px(t.margin), ui.px(880)), names, ui.style(t.small_size, t.muted_text), width,
                 text::Align::Center, "en");
  }
}

void draw_language_choice(UiContext& ui, Flow& flow) {
  const Theme& t = ui.theme;
  const Consultation& c = flow.consultation();
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float margin = ui.px(t.margin);
  const float width = ui.display.x - 2 * margin;
  // The heading is bilingual while no language is chosen: English and the current one.
  ui.text.draw(list, ImVec2(margin, ui.px(60)), tr("Choose your language"),
               ui.style(t.title_size, t.text, text::Weight::Bold), width, text::Align::Center, ui.language);
  // Names in their own script, never flags: a flag is a country, not a language.
  const int columns = 4;
  const float gap = ui.px(28);
  const ImVec2 size((width - gap * (columns - 1)) / columns, ui.px(140));
  const float top = ui.px(200);
  int index = 0;
  for (const auto& code : c.languages) {
    const int row = index / columns, column = index % columns;
    const ImVec2 at(margin + column * (size.x + gap), top + row * (size.y + gap));
    UiContext own = ui;
    own.language = code;
    const bool current = code == flow.language();
    if (button(own, "lang:" + code, i18n::native_name(code), at, size,
               current ? ButtonKind::Primary : ButtonKind::Secondary))
      flow.set_language(code);
    ++index;
  }
  FooterResult f = draw_footer(ui, tr("Back"), "", false);
  if (f.back) flow.back();
}

// The way back to the language choice, on every resident screen: the current language's
// own name beside a drawn globe, in the header's far corner.
void draw_language_button(UiContext& ui, Flow& flow) {
  if (flow.consultation().languages.size() < 2) return;
  const Theme& t = ui.theme;
  const bool rtl = ui.text.is_right_to_left(ui.language);
  const ImVec2 size(ui.px(330), ui.px(76));
  const ImVec2 pos(rtl ? ui.px(t.margin) : ui.display.x - ui.px(t.margin) - size.x, ui.px(14));
  const bool tapped = hit_area(ui, "language", pos, size);
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.surface, ui.px(38));
  list->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.primary, ui.px(38), 0, ui.px(t.border_width));
  const ImVec2 globe(pos.x + ui.px(44), pos.y + size.y * 0.5f);
  const float r = ui.px(20);
  list->AddCircle(globe, r, t.primary, 32, ui.px(3));
  list->AddLine(ImVec2(globe.x - r, globe.y), ImVec2(globe.x + r, globe.y), t.primary, ui.px(2));
  list->AddBezierQuadratic(ImVec2(globe.x, globe.y - r), ImVec2(globe.x - r * 1.1f, globe.y), ImVec2(globe.x, globe.y + r),
                           t.primary, ui.px(2));
  list->AddBezierQuadratic(ImVec2(globe.x, globe.y - r), ImVec2(globe.x + r * 1.1f, globe.y), ImVec2(globe.x, globe.y + r),
                           t.primary, ui.px(2));
  text::Style style = ui.style(t.small_size, t.primary, text::Weight::Bold);
  const std::string name = i18n::native_name(flow.language());
  const float text_w = size.x - ui.px(90);
  ImVec2 label = ui.text.measure(name, style, text_w, ui.language);
  ui.text.draw(list, ImVec2(pos.x + ui.px(76), pos.y + (size.y - label.y) * 0.5f), name, style, text_w,
               text::Align::Center, ui.language);
  if (tapped) flow.open_language_picker();
}

void draw_intro(UiContext& ui, Flow& flow) {
  const Consultation& c = flow.consultation();
  BodyArea body = draw_header(ui, localized(c.title, ui.language), 0, 0);
  draw_language_button(ui, flow);
  draw_text_page(ui, "page:intro", localized(c.title, ui.language), localized(c.intro, ui.language), body);
  FooterResult f = draw_footer(ui, tr("Back"), tr("Next"), true);
  if (f.back) flow.back();
  if (f.next) flow.next();
}

void draw_privacy(UiContext& ui, Flow& flow) {
  const Consultation& c = flow.consultation();
  BodyArea body = draw_header(ui, localized(c.title, ui.language), 0, 0);
  draw_language_button(ui, flow);
  draw_text_page(ui, "page:privacy", tr("Your privacy"), localized(c.privacy, ui.language), body);
  FooterResult f = draw_footer(ui, tr("Back"), tr("Start"), true);
  if (f.back) flow.back();
  if (f.next) flow.next();
}

void draw_question_screen(UiContext& ui, Flow& flow, SessionUiState& state) {
  const Question* q = flow.current_question();
  if (!q) return;
  BodyArea body = draw_header(ui, localized(flow.consultation().title, ui.language),
                              flow.progress_position(), flow.progress_total());
  draw_language_button(ui, flow);
  draw_question(ui, flow, *q, state, body);
  const Answer* a = flow.answer_for(q->id);
  const bool answered = a && !a->empty();
  // An optional question left blank is skipped with the same button, which says so.
  const char* next_label = answered || q->type == QuestionType::Info ? tr("Next") : tr("Skip");
  FooterResult f = draw_footer(ui, tr("Back"), next_label, flow.can_go_next(), flow.why_not_next());
  if (f.back) flow.back();
  if (f.next) flow.next();
}

std::string summarize_answer(const Question& q, const Answer* a, const std::string& language) {
  if (!a || a->empty()) return tr("Not answered");
  std::string out;
  auto append = [&](const std::string& part) {
    // TRANSLATORS: goes between the choices listed on the review screen (Arabic script: "، ").
    if (!out.empty()) out += q.type == QuestionType::Ranking ? "\n" : tr(", ");
    out += part;
  };
  int rank = 1;
  for (const auto& choice : a->choices) {
    std::string label = choice;
    if (choice == "agreed") label = tr("Yes, I am happy to answer");
    if (choice == "declined") label = tr("No, skip these questions");
    for (const auto& option : q.options)
      if (option.id == choice) label = localized(option.label, language);
    if (q.type == QuestionType::Ranking) label = left_to_right(std::to_string(rank++) + ".") + " " + label;
    append(label);
  }
  if (a->number) {
    if (q.type == QuestionType::Rating && *a->number >= 1 && *a->number <= 5 &&
        q.rating_labels.size() == 5)
      append(localized(q.rating_labels[*a->number - 1], language));
    else
      append(left_to_right(std::to_string(*a->number) + " / 10"));
  }
  if (!a->text.empty()) append(own_direction(a->text));  // typed text keeps its own direction
  return out;
}

void draw_review(UiContext& ui, Flow& flow) {
  const Theme& t = ui.theme;
  const Consultation& c = flow.consultation();
  BodyArea body = draw_header(ui, localized(c.title, ui.language), 0, 0);
  draw_language_button(ui, flow);
  ImDrawList* list = ImGui::GetWindowDrawList();
  float y = body.min.y;
  y += ui.text.draw(list, body.min, tr("Check your answers"),
                    ui.style(t.title_size, t.text, text::Weight::Bold), body.width(), start_align(ui),
                    ui.language).y + ui.px(20);
  begin_scroll_region(ui, "list:review", ImVec2(body.min.x, y), ImVec2(body.width(), body.max.y - y));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = body.width() - ImGui::GetStyle().ScrollbarSize - ui.px(10);
  const float change_w = ui.px(240);
  const float text_w = width - change_w - ui.px(40);
  const bool rtl = ui.text.is_right_to_left(ui.language);
  float row_y = 0;
  std::string change_request;
  for (const Question* q : flow.visible_questions()) {
    if (q->type == QuestionType::Info) continue;
    ImDrawList* rows = ImGui::GetWindowDrawList();
    const float text_x = rtl ? origin.x + change_w + ui.px(40) : origin.x;
    ImVec2 at(text_x, origin.y + row_y + ui.px(16));
    float h = ui.text.draw(rows, at, localized(q->title, ui.language),
                           ui.style(t.small_size, t.muted_text, text::Weight::Bold), text_w,
                           start_align(ui), ui.language).y;
    h += ui.text.draw(rows, ImVec2(at.x, at.y + h + ui.px(6)),
                      summarize_answer(*q, flow.answer_for(q->id), ui.language),
                      ui.style(t.body_size - 4, t.text), text_w, start_align(ui), ui.language).y;
    h = std::max(h + ui.px(38), ui.px(120));
    const float button_x = rtl ? origin.x : origin.x + width - change_w;
    if (button(ui, "change:" + q->id, tr("Change"), ImVec2(button_x, origin.y + row_y + (h - ui.px(90)) * 0.5f),
               ImVec2(change_w, ui.px(90)), ButtonKind::Secondary))
      change_request = q->id;
    rows->AddLine(ImVec2(origin.x, origin.y + row_y + h), ImVec2(origin.x + width, origin.y + row_y + h),
                  t.disabled_fill, ui.px(2));
    row_y += h;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + row_y));
  ImGui::Dummy(ImVec2(1, 1));
  end_scroll_region(ui);
  FooterResult f = draw_footer(ui, tr("Back"), tr("Send my answers"), true);
  if (!change_request.empty()) flow.change_answer_from_review(change_request);
  else if (f.back) flow.back();
  else if (f.next) flow.submit();
}

void draw_thank_you(UiContext& ui, Flow& flow) {
  const Consultation& c = flow.consultation();
  draw_centered_message(ui, tr("Thank you"), localized(c.thank_you, ui.language), ui.px(220));
  const ImVec2 size(ui.px(500), ui.px(120));
  if (button(ui, "finish", tr("Finish"), ImVec2((ui.display.x - size.x) * 0.5f, ui.px(800)), size,
             ButtonKind::Primary))
    flow.finish();
}

void draw_unavailable(UiContext& ui, Flow&) {
  draw_centered_message(ui, tr("Sorry, this kiosk can't take answers right now"),
                        tr("Please ask a member of library staff for help, or try again later."),
                        ui.px(320));
}

void draw_still_there(UiContext& ui, Flow& flow) {
  const Theme& t = ui.theme;
  // A full-screen, top-most window: it takes every touch, so nothing underneath can be
  // pressed while the question is asked.
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ui.display);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##still_there", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground);
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(ImVec2(0, 0), ui.display, t.overlay);
  const ImVec2 size(ui.px(1100), ui.px(560));
  const ImVec2 pos((ui.display.x - size.x) * 0.5f, (ui.display.y - size.y) * 0.5f);
  list->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.surface, ui.px(24));
  const float inner = size.x - ui.px(120);
  float y = pos.y + ui.px(60);
  y += ui.text.draw(list, ImVec2(pos.x + ui.px(60), y), tr("Are you still there?"),
                    ui.style(t.title_size, t.text, text::Weight::Bold), inner, text::Align::Center,
                    ui.language).y + ui.px(24);
  const std::string countdown =
      i18n::trn("Your answers will be cleared in %d second, so the next person cannot see them.",
                "Your answers will be cleared in %d seconds, so the next person cannot see them.",
                static_cast<long>(flow.prompt_seconds_left()));
  ui.text.draw(list, ImVec2(pos.x + ui.px(60), y), countdown, ui.style(t.body_size, t.text), inner,
               text::Align::Center, ui.language);
  const ImVec2 button_size(ui.px(560), ui.px(130));
  const ImVec2 button_pos(pos.x + (size.x - button_size.x) * 0.5f, pos.y + size.y - button_size.y - ui.px(50));
  if (button(ui, "still_here", tr("I'm still here"), button_pos, button_size, ButtonKind::Primary))
    flow.still_here();
  ImGui::End();
}

}  // namespace kiosk::ui
