// Waiting for the next SDL event without burning CPU on drivers where SDL cannot block.
#pragma once
#include <SDL.h>

namespace kiosk {

// SDL 2.26 sleeps in the kernel while waiting for events only with X11 and Wayland; with other
// drivers (KMSDRM on a bare console, offscreen) SDL_WaitEventTimeout polls every 1 ms, 1-2 % of
// a core on an idle kiosk.
bool video_driver_blocks(const char* driver);

// The next event, waiting at most timeout_ms (-1: until one comes, 0: not at all). Where SDL
// cannot block, it looks every 30 ms instead: ~0.15 % of a core, and a touch on an idle screen
// waits at most 30 ms to be seen (once it is, frames follow without waiting).
bool wait_for_event(SDL_Event& event, int timeout_ms, bool driver_blocks);

}  // namespace kiosk
