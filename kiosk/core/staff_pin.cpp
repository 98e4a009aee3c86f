#include "staff_pin.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>

namespace kiosk {
namespace {

constexpr const char* kHashKey = "staff_pin_hash";
constexpr const char* kFailuresKey = "staff_pin_failures";
constexpr const char* kLockedUntilKey = "staff_pin_locked_until_ms";  // wall clock: survives restarts

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;  // once, thread-safe
  return ready;
}

int64_t read_int(SettingsStore& settings, const char* key) {
  int64_t value = 0;
  if (auto text = settings.get_setting(key))
    std::from_chars(text->data(), text->data() + text->size(), value);
  return value;
}

bool write_int(SettingsStore& settings, const char* key, int64_t value) {
  return settings.put_setting(key, std::to_string(value));
}

// The PIN is only ever read in place (never copied), so there is no copy to wipe.
bool matches(const std::string& hash, const std::string& pin) {
  return StaffPin::is_valid_pin(pin) && sodium_ready() &&
         crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace

StaffPin::StaffPin(SettingsStore& settings, const Clock& clock)
    : settings_(settings), clock_(clock) {}

bool StaffPin::is_valid_pin(const std::string& pin) {
  return pin.size() >= 4 && pin.size() <= 8 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StaffPin::is_set() {
  const auto hash = settings_.get_setting(kHashKey);
  return hash && !hash->empty();
}

bool StaffPin::set(const std::string& pin) {
  if (!is_valid_pin(pin) || !sodium_ready()) return false;
  char hash[crypto_pwhash_STRBYTES];
  // Argon2id named explicitly: the library default could change between versions.
  if (crypto_pwhash_str_alg(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return false;  // out of memory
  return settings_.put_setting(kHashKey, hash);
}

int64_t StaffPin::locked_for_ms() {
  const int64_t now = clock_.wall_ms();
  const int64_t remaining = read_int(settings_, kLockedUntilKey) - now;
  if (remaining <= kLockoutMs) return std::max<int64_t>(remaining, 0);
  // The wall clock was set back: restart the lockout from now rather than wait for the
  // clock to catch up with the old deadline.
  write_int(settings_, kLockedUntilKey, now + kLockoutMs);
  return kLockoutMs;
}

StaffPin::CheckResult StaffPin::check(const std::string& pin) {
  if (const int64_t locked = locked_for_ms(); locked > 0) return {Outcome::LockedOut, 0, locked};
  const auto hash = settings_.get_setting(kHashKey);
  if (!hash || hash->empty()) return {Outcome::NotSet, kMaxTries, 0};
  if (matches(*hash, pin)) {
    write_int(settings_, kFailuresKey, 0);
    return {Outcome::Accepted, kMaxTries, 0};
  }
  const int64_t failures = std::max<int64_t>(read_int(settings_, kFailuresKey), 0) + 1;
  if (failures < kMaxTries) {
    write_int(settings_, kFailuresKey, failures);
    return {Outcome::Wrong, static_cast<int>(kMaxTries - failures), 0};
  }
  // Deadline first: a power cut between the two writes leaves the pad locked, not open.
  // The failure count restarts now, so tries are fresh once the lockout runs out.
  write_int(settings_, kLockedUntilKey, clock_.wall_ms() + kLockoutMs);
  write_int(settings_, kFailuresKey, 0);
  return {Outcome::LockedOut, 0, kLockoutMs};
}

}  // namespace kiosk
