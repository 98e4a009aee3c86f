#include "kiosk_app.h"
#include <algorithm>
#include <atomic>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include "core/consultation_loader.h"
#include "core/i18n.h"
#include "core/sync/hub_consultation.h"
#include "ui/theme.h"

namespace kiosk {

namespace {
// ImGui needs a frame or two after a change to settle (popups, layout measured last frame).
constexpr int kSettleFrames = 3;
std::atomic<Uint32> g_wake_event_type{0};

void push_wake_event() {
  const Uint32 type = g_wake_event_type.load();
  if (type == 0) return;
  SDL_Event event{};
  event.type = type;
  SDL_PushEvent(&event);  // thread-safe; the main loop's SDL_WaitEvent returns
}

std::string wall_time_text(int64_t wall_ms) {
  const std::time_t seconds = static_cast<std::time_t>(wall_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[64];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}
}  // namespace

void KioskApp::set_wake_event_type(Uint32 type) { g_wake_event_type = type; }
Uint32 KioskApp::wake_event_type() { return g_wake_event_type.load(); }

KioskApp::KioskApp(const KioskConfig& config, const Clock& clock) : config_(config), clock_(clock) {}

std::unique_ptr<KioskApp> KioskApp::create(const KioskConfig& config, const Clock& clock, std::string& error) {
  std::unique_ptr<KioskApp> app(new KioskApp(config, clock));
  LoadResult loaded = load_consultation_file(config.consultation_path);
  if (!loaded.ok()) {
    error = "The consultation " + config.consultation_path + " cannot be used:";
    for (const auto& problem : loaded.problems) error += "\n  " + problem.to_string();
    return nullptr;
  }
  app->consultation_ = std::move(*loaded.consultation);
  app->store_ = ResponseStore::open(config.database_path, clock);
  if (app->store_->health() != StoreHealth::Ok)
    std::fprintf(stderr, "kiosk: store %s: %s\n", config.database_path.c_str(),
                 app->store_->health_message().c_str());
  std::string hub_etag;
  if (config.upload_configured()) {
    // The hub is in charge of this kiosk's consultation: run the one it sent last, even
    // before the network is back after a restart.
    std::string problem;
    if (auto saved = sync::saved_hub_consultation(*app->store_, app->consultation_, config.hub_url, problem)) {
      app->consultation_ = std::move(saved->consultation);
      hub_etag = saved->etag;
      std::fprintf(stderr, "kiosk: running consultation %s version %d, received from the hub earlier\n",
                   app->consultation_.id.c_str(), app->consultation_.version);
    } else if (!problem.empty()) {
      std::fprintf(stderr, "kiosk: %s\n", problem.c_str());
    }
    sync::UploaderConfig upload;
    upload.hub_url = config.hub_url;
    upload.token = config.hub_token;
    upload.ca_file = config.ca_file;
    upload.proxy = config.proxy;
    upload.database_path = config.database_path;
    upload.keep_sent_days = config.keep_sent_days;
    upload.consultation_id = app->consultation_.id;
    upload.consultation_version = app->consultation_.version;
    upload.consultation_etag = hub_etag;
    app->uploader_ = std::make_unique<sync::Uploader>(upload, clock, push_wake_event);
    app->uploader_->start();
  }
  app->pin_ = std::make_unique<StaffPin>(*app->store_, clock);
  app->flow_ = std::make_unique<Flow>(app->consultation_, clock, *app, *app->pin_, config.kiosk_id, config.flow);
  app->text_ = text::make_text_engine();
  app->ui_ = std::make_unique<ui::KioskUi>(*app->text_);
  app->imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(app->imgui_);
  ImGui::GetIO().IniFilename = nullptr;  // nothing about a session is written to disk
  ImGui::GetIO().LogFilename = nullptr;
  return app;
}

KioskApp::~KioskApp() {
  if (uploader_) uploader_->stop();
  if (imgui_) {
    ImGui::SetCurrentContext(imgui_);
    if (renderer_) ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext(imgui_);
  }
}

bool KioskApp::attach_renderer(SDL_Renderer* renderer, int width, int height) {
  ImGui::SetCurrentContext(imgui_);
  renderer_ = renderer;
  resize(width, height);
  text_->attach_renderer(renderer);
  if (!text_->load_fonts(scale_)) return false;
  return ImGui_ImplSDLRenderer_Init(renderer);
}

void KioskApp::resize(int width, int height) {
  width_ = width;
  height_ = height;
  // Layout is designed at 1080p and scales with the screen's height (and width, if narrower).
  scale_ = std::min(height / 1080.0f, width / 1920.0f);
  ImGui::SetCurrentContext(imgui_);
  ui::apply_imgui_style(scale_);
  settle_frames_ = kSettleFrames;
}

void KioskApp::push_pointer(const ui::PointerEvent& event) {
  pointer_.push(event);
  flow_->touch();
  settle_frames_ = kSettleFrames;
}

void KioskApp::handle_sdl_event(const SDL_Event& e) {
  using Kind = ui::PointerEvent::Kind;
  switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: {
      const ImVec2 at(e.tfinger.x * width_, e.tfinger.y * height_);
      Kind kind = e.type == SDL_FINGERDOWN ? Kind::Down : e.type == SDL_FINGERUP ? Kind::Up : Kind::Move;
      push_pointer({kind, at, true});
      break;
    }
    // SDL also turns touches into mouse events; those carry SDL_TOUCH_MOUSEID and are
    // skipped, so one finger is one pointer.
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT)
        push_pointer({e.type == SDL_MOUSEBUTTONDOWN ? Kind::Down : Kind::Up,
                      ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y)), false});
      break;
    case SDL_MOUSEMOTION:
      if (e.motion.which != SDL_TOUCH_MOUSEID)
        push_pointer({Kind::Move, ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y)), false});
      break;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) resize(e.window.data1, e.window.data2);
      settle_frames_ = kSettleFrames;
      break;
    default: break;
  }
}

// What is on screen, in two parts: the layout (screen, question, prompt, language) and the
// text that timers change in place (the countdown, the rotating invitation).
std::string KioskApp::flow_signature() const {
  const Flow& f = *flow_;
  const Question* q = f.current_question();
  return std::to_string(static_cast<int>(f.screen())) + "/" + (q ? q->id : "") + "/" +
         std::to_string(f.session_number()) + "/" + (f.still_there_prompt() ? "p" : "") + "/" + f.language() +
         "|" + std::to_string(f.prompt_seconds_left()) + "/" + f.attract_language();
}

void KioskApp::update_timers() {
  const int64_t now = clock_.steady_ms();
  const ImVec2 corner(160 * scale_, 160 * scale_);
  if (pointer_.corner_held(now, corner, kStaffHoldMs)) flow_->staff_gesture();
  flow_->tick();
  poll_uploader();
  if (flow_->screen() == Screen::StaffHome && last_signature_.rfind(std::to_string(static_cast<int>(Screen::StaffHome)) + "/", 0) != 0)
    refresh_staff_status();
  std::string signature = flow_signature();
  if (signature != last_signature_) {
    // A new layout needs a few frames to settle; text changed in place by a timer needs one
    // (an idle kiosk then draws one frame per countdown second or invitation, no more).
    const bool layout_changed = signature.substr(0, signature.find('|')) !=
                                last_signature_.substr(0, last_signature_.find('|'));
    last_signature_ = signature;
    settle_frames_ = std::max(settle_frames_, layout_changed ? kSettleFrames : 1);
  }
}

bool KioskApp::wants_frame() const { return settle_frames_ > 0 || pointer_.has_pending(); }

int KioskApp::wait_timeout_ms() const {
  if (wants_frame()) return 0;
  int64_t wait = flow_->ms_until_next_timer();
  int64_t hold = pointer_.ms_until_corner_hold(clock_.steady_ms(), kStaffHoldMs);
  if (hold >= 0) wait = wait < 0 ? hold : std::min(wait, hold);
  if (wait < 0) return -1;
  return static_cast<int>(std::min<int64_t>(wait, 60'000)) + 1;  // +1: wake just after, not before
}

void KioskApp::frame() {
  if (frames_drawn_ == 1) {
    // UI catalogs load once the first frame is on the screen (the frame before this one was
    // presented), so start-up shows the kiosk first. A broken catalog is reported and its
    // language falls back to English.
    const i18n::LoadReport catalogs = i18n::load_catalogs();
    for (const auto& problem : catalogs.problems) std::fprintf(stderr, "kiosk: %s\n", problem.c_str());
  }
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  const int64_t now = clock_.steady_ms();
  io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
  io.DeltaTime = std::clamp((now - last_frame_ms_) / 1000.0f, 1.0f / 120.0f, 0.5f);
  last_frame_ms_ = now;
  pointer_.apply(io);
  const auto started = std::chrono::steady_clock::now();
  update_timers();
  // Each session reads its own catalog; staff screens stay in English.
  const bool staff = flow_->screen() == Screen::StaffPin || flow_->screen() == Screen::StaffHome;
  i18n::set_language(staff ? "en" : flow_->language());
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui::NewFrame();
  ui_->build(*flow_, staff_status_, scale_);
  ImGui::Render();
  update_timers();  // a tap may have changed the screen: draw the new one in the next frames
  const auto built = std::chrono::steady_clock::now();
  if (rasterize_) {
    const ImU32 bg = ui_->theme().background;
    SDL_SetRenderDrawColor(renderer_, bg & 0xFF, (bg >> 8) & 0xFF, (bg >> 16) & 0xFF, 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  }
  if (settle_frames_ > 0) --settle_frames_;
  ++frames_drawn_;
  if (frame_observer_) {
    using ms = std::chrono::duration<double, std::milli>;
    frame_observer_({ms(built - started).count(), ms(std::chrono::steady_clock::now() - built).count()});
  }
}

SubmitResult KioskApp::submit(const Response& response) {
  SubmitResult result = store_->submit(response);
  if (!result.ok) std::fprintf(stderr, "kiosk: could not store a response: %s\n", result.error.c_str());
  else if (uploader_) uploader_->notify();  // upload it now
  return result;
}

void KioskApp::abandoned(const Response& response) { store_->record_abandoned(response); }

bool KioskApp::accepting_answers() { return store_->health() != StoreHealth::Unavailable; }

// Each frame: a newer consultation from the hub (the Flow switches between residents), and
// fresher upload status for the staff screen.
void KioskApp::poll_uploader() {
  if (!uploader_) return;
  if (std::optional<Consultation> fresh = uploader_->take_consultation()) {
    std::fprintf(stderr, "kiosk: consultation %s version %d received from the hub\n", fresh->id.c_str(), fresh->version);
    flow_->replace_consultation(*fresh);
    settle_frames_ = std::max(settle_frames_, kSettleFrames);
  }
  if (flow_->screen() == Screen::StaffHome) {
    const uint64_t generation = uploader_->status().generation;
    if (generation != upload_generation_) {
      upload_generation_ = generation;
      refresh_staff_status();
      settle_frames_ = std::max(settle_frames_, kSettleFrames);
    }
  }
}

void KioskApp::refresh_staff_status() {
  ui::StaffStatus& s = staff_status_;
  s.stored = store_->count_stored();
  s.waiting = store_->count_waiting();
  s.dead_letters = store_->count_dead_letters();
  switch (store_->health()) {
    case StoreHealth::Ok: s.store_state = i18n::tr("Working"); break;
    case StoreHealth::Recovered: s.store_state = std::string(i18n::tr("Recovered:")) + " " + store_->health_message(); break;
    case StoreHealth::Unavailable:
      s.store_state = std::string(i18n::tr("Not taking answers:")) + " " + store_->health_message();
      break;
  }
  s.database_path = store_->path();
  const Consultation& c = flow_->consultation();
  s.consultation = localized(c.title, "en") + " (" + c.id + ", version " + std::to_string(c.version) + ")";
  s.kiosk_id = config_.kiosk_id;
  s.text_engine = text_->describe();
  if (!uploader_) {
    s.upload_state = "not configured";
    s.last_upload = "-";
  } else {
    const sync::UploadStatus upload = uploader_->status();
    upload_generation_ = upload.generation;
    s.upload_state = sync::describe(upload) + " (" + config_.hub_url + ")";
    s.last_upload = upload.last_upload_wall_ms > 0 ? wall_time_text(upload.last_upload_wall_ms) : "never";
  }
  s.recent_events.clear();
  for (const auto& event : store_->recent_events(5))
    s.recent_events.push_back(event.kind + ": " + event.message);
}

}  // namespace kiosk
