// Walks through every screen of the kiosk headless and writes a PNG of each: the command
// behind `kiosk --screenshots DIR` and docs/screenshots.
#pragma once
#include <string>
#include "core/config.h"

namespace kiosk {

// Uses a throwaway database inside `dir`'s parent temp area, never the kiosk's real one.
bool run_screen_tour(const KioskConfig& config, const std::string& dir, std::string& error);

}  // namespace kiosk
