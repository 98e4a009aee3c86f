#include "layout_cache.h"
#include <functional>

namespace kiosk::text {

size_t LayoutCache::Hash::operator()(const LayoutKey& k) const {
  size_t h = std::hash<std::string_view>()(k.text);
  auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(std::hash<std::string_view>()(k.language));
  mix(static_cast<size_t>(k.pixel_size) * 2 + (k.bold ? 1 : 0));
  mix(static_cast<size_t>(k.wrap_width));
  return h;
}

std::shared_ptr<const TextLayout> LayoutCache::find(const LayoutKey& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);  // most recently used to the front
  return it->second->layout;
}

void LayoutCache::insert(const LayoutKey& key, std::shared_ptr<const TextLayout> layout) {
  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second->layout = std::move(layout);
    return;
  }
  order_.push_front(Entry{std::string(key.text), std::string(key.language), key, std::move(layout)});
  Entry& entry = order_.front();
  entry.key.text = entry.text;
  entry.key.language = entry.language;
  entries_.emplace(entry.key, order_.begin());
  while (entries_.size() > capacity_) {
    entries_.erase(order_.back().key);
    order_.pop_back();
  }
}

void LayoutCache::clear() {
  entries_.clear();
  order_.clear();
}

}  // namespace kiosk::text
