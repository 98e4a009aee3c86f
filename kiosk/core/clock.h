// Time, injected so flows and lockouts are tested without sleeping.
#pragma once
#include <chrono>
#include <cstdint>

namespace kiosk {

// Milliseconds. steady for timeouts, wall for timestamps stored with responses.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t steady_ms() const = 0;
  virtual int64_t wall_ms() const = 0;  // Unix epoch milliseconds
};

class SystemClock final : public Clock {
 public:
  int64_t steady_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }
  int64_t wall_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// A clock tests move by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t wall_start_ms = 1'700'000'000'000) : wall_start_(wall_start_ms) {}
  int64_t steady_ms() const override { return now_; }
  int64_t wall_ms() const override { return wall_start_ + now_; }
  void advance_ms(int64_t ms) { now_ += ms; }
 private:
  int64_t now_ = 0;
  int64_t wall_start_;
};

}  // namespace kiosk
