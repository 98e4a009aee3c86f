#pragma once
#include <string>
#include <SDL.h>

namespace kiosk {
// Writes an SDL surface (any pixel format) as a PNG. Returns false with `error` on failure.
bool write_png(SDL_Surface* surface, const std::string& path, std::string& error);
}  // namespace kiosk
