// Walks through every kind of screen of the kiosk headless, in one language, and hands each
// rendered screen to a sink: `kiosk --screenshots DIR` writes PNGs (docs/screenshots), the
// golden test compares them with the committed ones.
#pragma once
#include <functional>
#include <string>
#include <SDL.h>
#include "core/config.h"

namespace kiosk {

// `name` is stable across runs and machines, e.g. "05-question-rating".
using ScreenSink = std::function<bool(const std::string& name, SDL_Surface* surface, std::string& error)>;

// Uses a throwaway database, never the kiosk's real one, and a hand-moved clock, so every run
// draws the same pixels.
bool run_screen_tour(const KioskConfig& config, const std::string& language, const ScreenSink& sink,
                     std::string& error);

// The sink that writes `<dir>/<name>.png`.
ScreenSink png_writer(const std::string& dir);

}  // namespace kiosk
