#include "event_wait.h"
#include <algorithm>
#include <cstring>

namespace kiosk {

bool video_driver_blocks(const char* driver) {
  return driver && (std::strcmp(driver, "x11") == 0 || std::strcmp(driver, "wayland") == 0);
}

bool wait_for_event(SDL_Event& event, int timeout_ms, bool driver_blocks) {
  if (timeout_ms == 0) return SDL_PollEvent(&event) == 1;
  if (driver_blocks) return timeout_ms < 0 ? SDL_WaitEvent(&event) == 1 : SDL_WaitEventTimeout(&event, timeout_ms) == 1;
  constexpr Uint64 kLookMs = 30;
  const Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(timeout_ms);
  for (;;) {
    if (SDL_PollEvent(&event) == 1) return true;
    const Uint64 now = SDL_GetTicks64();
    if (timeout_ms > 0 && now >= deadline) return false;
    const Uint64 left = timeout_ms > 0 ? deadline - now : kLookMs;
    SDL_Delay(static_cast<Uint32>(std::min(left, kLookMs)));
  }
}

}  // namespace kiosk
