#include "screenshot.h"
#include <stb_image_write.h>

namespace kiosk {

bool write_png(SDL_Surface* surface, const std::string& path, std::string& error) {
  // RGBA bytes in memory order, whatever the surface's own format.
  SDL_Surface* rgba = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ABGR8888, 0);
  if (!rgba) {
    error = SDL_GetError();
    return false;
  }
  const int ok = stbi_write_png(path.c_str(), rgba->w, rgba->h, 4, rgba->pixels, rgba->pitch);
  SDL_FreeSurface(rgba);
  if (!ok) error = "cannot write " + path;
  return ok != 0;
}

}  // namespace kiosk
