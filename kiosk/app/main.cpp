// kiosk: the program. Parses the command line, then either runs the kiosk in an SDL
// window (fullscreen by default) or writes screenshots headless. Everything else lives
// in the libraries.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <SDL.h>
#include "core/config.h"
#include "core/consultation_loader.h"
#include "event_wait.h"
#include "kiosk_app.h"
#include "screen_tour.h"

namespace {

const char* kUsage =
    "Usage: kiosk [options]\n"
    "Runs the Community Kiosk: residents answer the consultation by touch.\n\n"
    "  --windowed            run in a window instead of fullscreen\n"
    "  --size WxH            window size with --windowed (default 1280x720)\n"
    "  --config FILE         settings file (JSON, see docs/configuration.md)\n"
    "  --consultation FILE   consultation to run (default: the bundled residents' conversation)\n"
    "  --database FILE       where answers are stored (default: ~/.local/share/community-kiosk/responses.db)\n"
    "  --kiosk-id ID         this kiosk's name in the stored answers\n"
    "  --screenshots DIR     no window: write a PNG of every screen into DIR/<language>/ and exit\n"
    "  --language CODE       with --screenshots: only this language (default: every one offered)\n"
    "  --first-frame-exit    exit after the first frame (start-up benchmark)\n"
    "  --help                this text\n\n"
    "Staff leave kiosk mode by holding the top-left corner for 3 seconds, then the staff PIN.\n";

struct Options {
  bool windowed = false;
  bool first_frame_exit = false;
  int width = 1280, height = 720;
  std::string config_path, consultation, database, kiosk_id, screenshots, language;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kiosk: %s needs a value\n", arg.c_str());
        return false;
      }
      out = argv[++i];
      return true;
    };
    if (arg == "--windowed") o.windowed = true;
    else if (arg == "--first-frame-exit") o.first_frame_exit = true;
    else if (arg == "--config") { if (!value(o.config_path)) return false; }
    else if (arg == "--size") {
      std::string size;
      if (!value(size)) return false;
      if (std::sscanf(size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240 ||
          o.width > 16384 || o.height > 16384) {
        std::fprintf(stderr, "kiosk: --size expects WIDTHxHEIGHT, e.g. 1920x1080\n");
        return false;
      }
    }
    else if (arg == "--consultation") { if (!value(o.consultation)) return false; }
    else if (arg == "--database") { if (!value(o.database)) return false; }
    else if (arg == "--kiosk-id") { if (!value(o.kiosk_id)) return false; }
    else if (arg == "--screenshots") { if (!value(o.screenshots)) return false; }
    else if (arg == "--language") { if (!value(o.language)) return false; }
    else if (arg == "--help" || arg == "-h") { std::fputs(kUsage, stdout); std::exit(0); }
    else {
      std::fprintf(stderr, "kiosk: unknown option %s\n\n%s", arg.c_str(), kUsage);
      return false;
    }
  }
  return true;
}

int64_t wall_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// With --first-frame-exit, the wall time at which each start-up phase ended, so the
// benchmark can say where the time goes.
struct StartupTrace {
  bool enabled = false;
  void mark(const char* phase) const {
    if (enabled) std::printf("phase-us %s %lld\n", phase, static_cast<long long>(wall_us()));
  }
};
StartupTrace g_trace;

int run_window(const kiosk::KioskConfig& config, const Options& options) {
  // The software renderer draws straight into the window's framebuffer (X11 shared memory).
  // Left to itself SDL 2.26 would back that framebuffer with an OpenGL texture, loading
  // libGL/llvmpipe first: ~60 ms of start-up and a texture upload on every present.
  const char* render_driver = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
  if (render_driver && SDL_strcasecmp(render_driver, "software") == 0)
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  // The kiosk takes no typed text from a physical keyboard (its own touch keyboard makes the
  // characters), so Xlib need not parse the locale's Compose table when SDL opens its input
  // method: that file costs ~18 ms of start-up. An XCOMPOSEFILE in the environment still wins.
  setenv("XCOMPOSEFILE", "/dev/null", 0);
  // Only video (and its events): a joystick subsystem would force polling.
  const bool have_video = SDL_Init(SDL_INIT_VIDEO) == 0;
  g_trace.mark("sdl-init");
  // With no display SDL 2.26 falls back to its invisible "offscreen" driver; a kiosk nobody
  // can see is no use, unless that driver was asked for (benchmarks, tests).
  const char* driver = have_video ? SDL_GetCurrentVideoDriver() : nullptr;
  const char* requested = std::getenv("SDL_VIDEODRIVER");
  const bool invisible = driver && (std::strcmp(driver, "offscreen") == 0 || std::strcmp(driver, "dummy") == 0) &&
                         !(requested && std::strcmp(requested, driver) == 0);
  if (!have_video || invisible) {
    std::fprintf(stderr,
                 "kiosk: no display available (%s).\n"
                 "  To see the kiosk without a screen, write screenshots of every screen:\n"
                 "    kiosk --screenshots docs/screenshots --language en\n"
                 "  or run it in a virtual display:\n"
                 "    xvfb-run -a -s '-screen 0 1920x1080x24' kiosk --windowed --size 1920x1080\n",
                 have_video ? "no X11 or Wayland display to open a window on" : SDL_GetError());
    SDL_Quit();
    return 2;
  }
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  const Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (options.windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP);
  SDL_Window* window = SDL_CreateWindow("Community Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                        options.windowed ? options.width : 1920, options.windowed ? options.height : 1080, flags);
  g_trace.mark("window");
  SDL_Renderer* renderer = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC) : nullptr;
  if (!renderer && window) {
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");  // no GPU renderer, so no GPU framebuffer
    renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  }
  g_trace.mark("renderer");
  if (!renderer) {
    std::fprintf(stderr, "kiosk: cannot open a window: %s\n", SDL_GetError());
    SDL_Quit();
    return 2;
  }
  if (!options.windowed) SDL_ShowCursor(SDL_DISABLE);
  // The upload thread wakes this loop with its own event (a new consultation, new status).
  const Uint32 wake_type = SDL_RegisterEvents(1);
  if (wake_type != static_cast<Uint32>(-1)) kiosk::KioskApp::set_wake_event_type(wake_type);
  kiosk::SystemClock clock;
  std::string error;
  auto app = kiosk::KioskApp::create(config, clock, error);
  g_trace.mark("consultation-store-text");
  int width = 0, height = 0;
  SDL_GetRendererOutputSize(renderer, &width, &height);
  if (!app || !app->attach_renderer(renderer, width, height)) {
    std::fprintf(stderr, "kiosk: %s\n", error.empty() ? "cannot start the UI" : error.c_str());
    SDL_Quit();
    return 1;
  }
  g_trace.mark("fonts");
  const bool driver_blocks = kiosk::video_driver_blocks(SDL_GetCurrentVideoDriver());
  bool running = true;
  bool first = true;
  while (running && !app->exit_requested()) {
    // Idle-aware: sleep until input or the next timer; draw only when something changed.
    SDL_Event event;
    bool got = kiosk::wait_for_event(event, app->wait_timeout_ms(), driver_blocks);
    while (got) {
      if (event.type == SDL_QUIT) running = false;
      else if (event.type == kiosk::KioskApp::wake_event_type()) {}  // update_timers() below polls the uploader
      else if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE && options.windowed) running = false;
      else app->handle_sdl_event(event);
      got = SDL_PollEvent(&event) == 1;
    }
    app->update_timers();
    if (app->wants_frame() || first) {
      if (first) SDL_GetRendererOutputSize(renderer, &width, &height), app->resize(width, height);
      app->frame();
      if (first) g_trace.mark("first-frame-drawn");
      SDL_RenderPresent(renderer);
      if (first && options.first_frame_exit) {
        std::printf("first-frame-us %lld\n", static_cast<long long>(wall_us()));
        std::fflush(stdout);
        break;
      }
      first = false;
    }
  }
  app.reset();
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}

// Every screen in every language (or one), rendered headless into DIR/<language>/.
int write_screenshots(const kiosk::KioskConfig& config, const Options& options) {
  kiosk::LoadResult loaded = kiosk::load_consultation_file(config.consultation_path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "kiosk: %s cannot be used\n", config.consultation_path.c_str());
    return 1;
  }
  std::vector<std::string> languages = loaded.consultation->languages;
  if (!options.language.empty()) languages = {options.language};
  for (const auto& language : languages) {
    std::string error;
    const std::string dir = options.screenshots + "/" + language;
    if (!kiosk::run_screen_tour(config, language, kiosk::png_writer(dir), error)) {
      std::fprintf(stderr, "kiosk: screenshots in %s: %s\n", language.c_str(), error.c_str());
      return 1;
    }
    std::printf("kiosk: wrote screenshots of every screen to %s\n", dir.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) return 64;
  g_trace.enabled = options.first_frame_exit;
  g_trace.mark("main");
  kiosk::ConfigResult loaded = kiosk::load_config(options.config_path, !options.config_path.empty());
  for (const auto& problem : loaded.problems) std::fprintf(stderr, "kiosk: %s\n", problem.c_str());
  if (!loaded.problems.empty()) return 78;
  kiosk::KioskConfig config = loaded.config;
  if (!options.consultation.empty()) config.consultation_path = options.consultation;
  if (!options.database.empty()) config.database_path = options.database;
  if (!options.kiosk_id.empty()) config.kiosk_id = options.kiosk_id;

  if (!options.screenshots.empty()) return write_screenshots(config, options);
  return run_window(config, options);
}
