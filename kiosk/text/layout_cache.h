// Finished layouts keyed by everything that shapes them, so a steady-state frame (the same
// screen drawn again) shapes nothing. Least recently used entries go first.
#pragma once
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include "layout.h"

namespace kiosk::text {

struct LayoutKey {
  std::string_view text;
  int pixel_size;
  bool bold;
  int wrap_width;  // whole pixels; 0 = no wrapping
  std::string_view language;
  bool operator==(const LayoutKey&) const = default;
};

class LayoutCache {
 public:
  explicit LayoutCache(size_t capacity = 4096) : capacity_(capacity) {}
  // The cached layout, or null (a miss).
  std::shared_ptr<const TextLayout> find(const LayoutKey& key);
  void insert(const LayoutKey& key, std::shared_ptr<const TextLayout> layout);
  void clear();
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string text, language;  // own the strings the map's key views point into
    LayoutKey key;
    std::shared_ptr<const TextLayout> layout;
  };
  struct Hash {
    size_t operator()(const LayoutKey& k) const;
  };
  using Order = std::list<Entry>;  // front: most recently used; nodes never move in memory
  Order order_;
  std::unordered_map<LayoutKey, Order::iterator, Hash> entries_;
  size_t capacity_;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace kiosk::text
