// The staff PIN: stored only as an Argon2id hash (libsodium crypto_pwhash_str);
// 5 wrong tries lock the pad for 5 minutes. State lives in a SettingsStore so a
// restart does not reset the lockout.
#pragma once
#include <cstdint>
#include <string>
#include "clock.h"
#include "settings_store.h"

namespace kiosk {

class StaffPin {
 public:
  static constexpr int kMaxTries = 5;
  static constexpr int64_t kLockoutMs = 5 * 60 * 1000;

  StaffPin(SettingsStore& settings, const Clock& clock);

  bool is_set();
  // 4 to 8 digits. Returns false (and changes nothing) for anything else or on storage failure.
  bool set(const std::string& pin);
  static bool is_valid_pin(const std::string& pin);

  enum class Outcome { Accepted, Wrong, LockedOut, NotSet };
  struct CheckResult {
    Outcome outcome = Outcome::Wrong;
    int tries_left = 0;           // after this try
    int64_t locked_for_ms = 0;    // remaining lockout, when LockedOut
  };
  // The try that uses up the last one returns LockedOut (locked_for_ms == kLockoutMs).
  CheckResult check(const std::string& pin);
  int64_t locked_for_ms();        // 0 when not locked

 private:
  SettingsStore& settings_;
  const Clock& clock_;
};

}  // namespace kiosk
