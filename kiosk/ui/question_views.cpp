#include "question_views.h"
#include <algorithm>
#include <cmath>
#include "core/i18n.h"

namespace kiosk::ui {

using i18n::tr;

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Answer current_answer(const Flow& flow, const Question& q) {
  const Answer* a = flow.answer_for(q.id);
  return a ? *a : Answer{};
}

const Option* other_option(const Question& q) {
  for (const auto& o : q.options)
    if (o.is_other) return &o;
  return nullptr;
}

// Applies a tap on an option to the answer, by question type.
Answer toggle_option(const Question& q, Answer answer, const Option& option) {
  const bool selected = contains(answer.choices, option.id);
  switch (q.type) {
    case QuestionType::MultipleChoice: {
      if (selected) {
        answer.choices.erase(std::find(answer.choices.begin(), answer.choices.end(), option.id));
        break;
      }
      // "Prefer not to say" stands alone; choosing anything else clears it.
      if (option.is_prefer_not_to_say) answer.choices.clear();
      std::erase_if(answer.choices, [&](const std::string& id) {
        return std::any_of(q.options.begin(), q.options.end(), [&](const Option& o) {
          return o.id == id && o.is_prefer_not_to_say;
        });
      });
      if (q.max_select > 0 && static_cast<int>(answer.choices.size()) >= q.max_select) break;
      answer.choices.push_back(option.id);
      break;
    }
    case QuestionType::Ranking:
      if (selected)
        answer.choices.erase(std::find(answer.choices.begin(), answer.choices.end(), option.id));
      else if (static_cast<int>(answer.choices.size()) < q.rank_count)
        answer.choices.push_back(option.id);
      break;
    default:  // single choice, area, consent: one at a time; tapping it again clears it
      answer.choices = selected ? std::vector<std::string>{} : std::vector<std::string>{option.id};
      break;
  }
  const Option* other = other_option(q);
  if (!other || !contains(answer.choices, other->id)) answer.text.clear();
  return answer;
}

float draw_title(UiContext& ui, const Question& q, const BodyArea& body, bool compact) {
  const Theme& t = ui.theme;
  // With the keyboard on screen, a smaller title leaves the keys their room.
  const float title_size = compact ? t.title_size * 0.75f : t.title_size;
  const float help_size = compact ? t.small_size : t.body_size;
  ImDrawList* list = ImGui::GetWindowDrawList();
  const text::Align align = text::Align::Start;  // reading start: the right in RTL
  float y = body.min.y;
  y += ui.text.draw(list, ImVec2(body.min.x, y), localized(q.title, ui.language),
                    ui.style(title_size, t.text, text::Weight::Bold), body.width(), align, ui.language).y;
  const std::string& help = localized(q.help, ui.language);
  if (!help.empty())
    y += ui.px(10) + ui.text.draw(list, ImVec2(body.min.x, y + ui.px(10)), help,
                                  ui.style(help_size, t.muted_text), body.width(), align, ui.language).y;
  return y + ui.px(30);
}

struct Row {
  std::string id;
  std::string label;
  bool selected;
  Mark mark;
  int rank;
  const Option* option;
};

// Lays rows out in one column, or two when there are many, scrolling when they overflow.
// Returns the option tapped, if any.
const Option* draw_rows(UiContext& ui, const std::string& region_id, const std::vector<Row>& rows,
                        ImVec2 pos, ImVec2 size) {
  const Theme& t = ui.theme;
  const int columns = rows.size() > 5 ? 2 : 1;
  const float gap = ui.px(t.row_gap);
  const float scrollbar = ImGui::GetStyle().ScrollbarSize + ui.px(8);
  const float col_w = (size.x - scrollbar - gap * (columns - 1)) / columns;
  const text::Style style = ui.style(t.body_size, t.text, text::Weight::Bold);
  const bool rtl = ui.text.is_right_to_left(ui.language);
  const Option* tapped = nullptr;
  begin_scroll_region(ui, region_id, pos, size);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = 0;
  for (size_t i = 0; i < rows.size(); i += columns) {
    float h = ui.px(t.row_height);
    for (int c = 0; c < columns && i + c < rows.size(); ++c)
      h = std::max(h, ui.text.measure(rows[i + c].label, style, col_w - ui.px(120), ui.language).y + ui.px(36));
    for (int c = 0; c < columns && i + c < rows.size(); ++c) {
      const Row& row = rows[i + c];
      const int column = rtl ? columns - 1 - c : c;
      ImVec2 at(origin.x + column * (col_w + gap), origin.y + y);
      if (option_row(ui, row.id, row.label, at, ImVec2(col_w, h), row.selected, row.mark, row.rank))
        tapped = row.option;
    }
    y += h + gap;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + y - gap));
  ImGui::Dummy(ImVec2(1, 1));
  end_scroll_region(ui);
  return tapped;
}

void draw_choices(UiContext& ui, Flow& flow, const Question& q, SessionUiState& state, ImVec2 pos,
                  ImVec2 size) {
  Answer answer = current_answer(flow, q);
  const Mark mark = q.type == QuestionType::MultipleChoice ? Mark::Check
                    : q.type == QuestionType::Ranking      ? Mark::Rank
                                                           : Mark::Radio;
  std::vector<Row> rows;
  const Option* other = other_option(q);
  const bool other_selected = other && contains(answer.choices, other->id);
  for (const auto& option : q.options) {
    auto at = std::find(answer.choices.begin(), answer.choices.end(), option.id);
    const bool selected = at != answer.choices.end();
    std::string label = localized(option.label, ui.language);
    rows.push_back({"option:" + q.id + ":" + option.id, label, selected, mark,
                    selected ? static_cast<int>(at - answer.choices.begin()) + 1 : 0, &option});
  }
  // When "Other" is chosen, a box below the list shows (and edits) what was typed.
  const float box_h = other_selected ? ui.px(130) : 0.0f;
  const float list_h = size.y - (other_selected ? box_h + ui.px(20) : 0.0f);
  if (const Option* tapped = draw_rows(ui, "list:" + q.id, rows, pos, ImVec2(size.x, list_h))) {
    Answer updated = toggle_option(q, answer, *tapped);
    const bool now_other = tapped->is_other && contains(updated.choices, tapped->id);
    flow.set_answer(q.id, updated);
    if (now_other) state.keyboard_for = q.id;  // say what "Other" means straight away
  }
  if (other_selected) {
    if (draw_text_box(ui, "other_text:" + q.id, answer.text, q.max_length,
                      ImVec2(pos.x, pos.y + list_h + ui.px(20)), ImVec2(size.x, box_h), false,
                      tr("Tap here to say what you mean")))
      state.keyboard_for = q.id;
  }
}

// Five faces from very unhappy to very happy, drawn, so they need no font or image.
void draw_face(ImDrawList* list, ImVec2 center, float radius, int mood, ImU32 color, float thickness) {
  list->AddCircle(center, radius, color, 48, thickness);
  const float eye_dx = radius * 0.35f, eye_y = center.y - radius * 0.25f;
  list->AddCircleFilled(ImVec2(center.x - eye_dx, eye_y), radius * 0.09f, color);
  list->AddCircleFilled(ImVec2(center.x + eye_dx, eye_y), radius * 0.09f, color);
  const float curve = (mood - 3) * 0.12f * radius;  // -2..+2 -> frown..smile
  const float mouth_y = center.y + radius * 0.35f;
  const float half = radius * 0.45f;
  list->AddBezierQuadratic(ImVec2(center.x - half, mouth_y - curve * 0.5f),
                           ImVec2(center.x, mouth_y + curve * 1.5f),
                           ImVec2(center.x + half, mouth_y - curve * 0.5f), color, thickness, 24);
}

void draw_rating(UiContext& ui, Flow& flow, const Question& q, ImVec2 pos, ImVec2 size) {
  const Theme& t = ui.theme;
  Answer answer = current_answer(flow, q);
  const float gap = ui.px(24);
  const float tile_w = (size.x - 4 * gap) / 5.0f;
  const float tile_h = std::min(size.y, ui.px(380));
  const bool rtl = ui.text.is_right_to_left(ui.language);
  ImDrawList* list = ImGui::GetWindowDrawList();
  for (int i = 0; i < 5; ++i) {
    const int value = i + 1;
    const int column = rtl ? 4 - i : i;
    ImVec2 at(pos.x + column * (tile_w + gap), pos.y);
    const std::string id = "rating:" + q.id + ":" + std::to_string(value);
    const bool selected = answer.number == value;
    const bool tapped = hit_area(ui, id, at, ImVec2(tile_w, tile_h));
    ImVec2 max(at.x + tile_w, at.y + tile_h);
    list->AddRectFilled(at, max, selected ? t.selected_fill : t.surface, ui.px(t.corner_radius));
    list->AddRect(at, max, selected ? t.selected_border : t.border, ui.px(t.corner_radius), 0,
                  ui.px(selected ? t.selected_border_width : t.border_width));
    const float r = std::min(tile_w, tile_h) * 0.26f;
    draw_face(list, ImVec2(at.x + tile_w * 0.5f, at.y + ui.px(30) + r), r, value,
              selected ? t.primary : t.text, ui.px(6));
    const std::string label = i < static_cast<int>(q.rating_labels.size())
                                  ? localized(q.rating_labels[i], ui.language) : std::to_string(value);
    ui.text.draw(list, ImVec2(at.x + ui.px(10), at.y + ui.px(60) + 2 * r), label,
                 ui.style(t.small_size + 2, t.text, selected ? text::Weight::Bold : text::Weight::Regular),
                 tile_w - ui.px(20), text::Align::Center, ui.language);
    if (tapped) {
      Answer updated;
      if (!selected) updated.number = value;
      flow.set_answer(q.id, updated);
    }
  }
}

void draw_scale(UiContext& ui, Flow& flow, const Question& q, ImVec2 pos, ImVec2 size) {
  const Theme& t = ui.theme;
  Answer answer = current_answer(flow, q);
  const float gap = ui.px(14);
  const float tile_w = (size.x - 10 * gap) / 11.0f;
  const float tile_h = ui.px(150);
  const bool rtl = ui.text.is_right_to_left(ui.language);
  ImDrawList* list = ImGui::GetWindowDrawList();
  for (int value = 0; value <= 10; ++value) {
    const int column = rtl ? 10 - value : value;
    ImVec2 at(pos.x + column * (tile_w + gap), pos.y);
    const std::string id = "scale:" + q.id + ":" + std::to_string(value);
    const bool selected = answer.number == value;
    const bool tapped = hit_area(ui, id, at, ImVec2(tile_w, tile_h));
    ImVec2 max(at.x + tile_w, at.y + tile_h);
    list->AddRectFilled(at, max, selected ? t.primary : t.surface, ui.px(t.corner_radius));
    list->AddRect(at, max, selected ? t.primary : t.border, ui.px(t.corner_radius), 0, ui.px(t.border_width));
    const std::string number = std::to_string(value);
    text::Style style = ui.style(56, selected ? t.on_primary : t.text, text::Weight::Bold);
    ImVec2 number_size = ui.text.measure(number, style, 0, ui.language);
    ui.text.draw(list, ImVec2(at.x, at.y + (tile_h - number_size.y) * 0.5f), number, style, tile_w,
                 text::Align::Center, ui.language);
    if (tapped) {
      Answer updated;
      if (!selected) updated.number = value;
      flow.set_answer(q.id, updated);
    }
  }
  // The labelled ends sit under 0 and under 10.
  const float label_y = pos.y + tile_h + ui.px(20);
  const float label_w = size.x * 0.45f;
  text::Style style = ui.style(t.body_size, t.muted_text, text::Weight::Bold);
  const std::string low = "0 = " + localized(q.low_label, ui.language);
  const std::string high = "10 = " + localized(q.high_label, ui.language);
  ui.text.draw(list, ImVec2(rtl ? pos.x + size.x - label_w : pos.x, label_y), low, style, label_w,
               text::Align::Start, ui.language);
  ui.text.draw(list, ImVec2(rtl ? pos.x : pos.x + size.x - label_w, label_y), high, style, label_w,
               text::Align::End, ui.language);
}

void draw_consent(UiContext& ui, Flow& flow, const Question& q, ImVec2 pos, ImVec2 size) {
  Answer answer = current_answer(flow, q);
  const char* ids[] = {"agreed", "declined"};
  const char* labels[] = {tr("Yes, I am happy to answer"), tr("No, skip these questions")};
  const float h = ui.px(ui.theme.row_height + 10);
  for (int i = 0; i < 2; ++i) {
    const bool selected = contains(answer.choices, ids[i]);
    ImVec2 at(pos.x, pos.y + i * (h + ui.px(ui.theme.row_gap)));
    if (option_row(ui, "consent:" + q.id + ":" + ids[i], labels[i], at, ImVec2(size.x, h), selected,
                   Mark::Radio)) {
      Answer updated;
      if (!selected) updated.choices = {ids[i]};
      flow.set_answer(q.id, updated);
    }
  }
}

// Free text, and the text of an "Other" option: a box and the keyboard under it.
void draw_typing(UiContext& ui, Flow& flow, const Question& q, SessionUiState& state, ImVec2 pos,
                 ImVec2 size, bool for_other) {
  Answer answer = current_answer(flow, q);
  // The keyboard takes what it can up to its full size, leaving the box room for a line of
  // text in this language's script (Nastaliq lines are tall) and the count.
  const float gap = ui.px(24);
  const float line_h = ui.text.measure("|", ui.style(ui.theme.body_size, ui.theme.text), size.x, ui.language).y;
  const float box_min = std::max(ui.px(100), line_h + ui.px(24 + 48));
  const float keyboard_h = std::clamp(size.y - box_min - gap, keyboard_min_height(ui), keyboard_max_height(ui));
  // Short of room (a long title in a tall script), the box gives way, not the keys.
  const float box_h = std::max(ui.px(64), size.y - keyboard_h - gap);
  const std::string placeholder = for_other ? tr("Please say what you mean") : tr("Type your answer here");
  draw_text_box(ui, "textbox:" + q.id, answer.text, q.max_length, pos, ImVec2(size.x, box_h), true,
                placeholder);
  std::string text = answer.text;
  KeyboardAction action = draw_keyboard(ui, state.keyboard, text, q.max_length,
                                        ImVec2(pos.x, pos.y + box_h + gap), size.x, keyboard_h);
  if (action == KeyboardAction::Typed) {
    answer.text = text;
    flow.set_answer(q.id, answer);
  }
  if (action == KeyboardAction::Done && for_other) state.keyboard_for.clear();
}

}  // namespace

void draw_question(UiContext& ui, Flow& flow, const Question& q, SessionUiState& state,
                   const BodyArea& body) {
  const bool typing_other = state.keyboard_for == q.id && q.type != QuestionType::FreeText;
  const float top = draw_title(ui, q, body, typing_other || q.type == QuestionType::FreeText);
  const ImVec2 pos(body.min.x, top);
  const ImVec2 size(body.width(), body.max.y - top);
  if (typing_other) {
    draw_typing(ui, flow, q, state, pos, size, true);
    return;
  }
  switch (q.type) {
    case QuestionType::Info: break;
    case QuestionType::Consent: draw_consent(ui, flow, q, pos, size); break;
    case QuestionType::SingleChoice:
    case QuestionType::MultipleChoice:
    case QuestionType::Ranking:
    case QuestionType::Area: draw_choices(ui, flow, q, state, pos, size); break;
    case QuestionType::Rating: draw_rating(ui, flow, q, pos, size); break;
    case QuestionType::Scale: draw_scale(ui, flow, q, pos, size); break;
    case QuestionType::FreeText: draw_typing(ui, flow, q, state, pos, size, false); break;
  }
}

}  // namespace kiosk::ui
