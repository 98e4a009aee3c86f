// A headless frame: SDL software renderer on a surface, an ImGui context with the
// SDL_Renderer backend, and the text engine drawing through it (as kiosk/app/headless.cpp).
#pragma once
#include <string>
#include <vector>
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include "text/shaping_engine.h"

namespace kiosk::text::testing {

class RenderFixture {
 public:
  RenderFixture(int width, int height, int atlas_page = 1024, int atlas_pages = 4)
      : engine(atlas_page, atlas_pages), width_(width), height_(height) {
    surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer_ = surface_ ? SDL_CreateSoftwareRenderer(surface_) : nullptr;
    context_ = ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    if (renderer_) ImGui_ImplSDLRenderer_Init(renderer_);
    engine.attach_renderer(renderer_);
  }
  ~RenderFixture() {
    engine.attach_renderer(nullptr);  // textures go before their renderer
    if (renderer_) ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext(context_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (surface_) SDL_FreeSurface(surface_);
  }
  bool ok() const { return renderer_ != nullptr; }

  ImDrawList* begin_frame() {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    return ImGui::GetBackgroundDrawList();
  }
  // Renders on white and returns the pixels as RGBA rows.
  std::vector<uint8_t> end_frame() {
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer_, 255, 255, 255, 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(renderer_);
    std::vector<uint8_t> rgba(static_cast<size_t>(width_) * static_cast<size_t>(height_) * 4);
    SDL_ConvertPixels(width_, height_, surface_->format->format, surface_->pixels, surface_->pitch,
                      SDL_PIXELFORMAT_RGBA32, rgba.data(), width_ * 4);
    return rgba;
  }

  ShapingTextEngine engine;

 private:
  int width_, height_;
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  ImGuiContext* context_ = nullptr;
};

}  // namespace kiosk::text::testing
