// Small key/value settings kept durably beside the responses (PIN hash, lockout state).
#pragma once
#include <optional>
#include <string>

namespace kiosk {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual std::optional<std::string> get_setting(const std::string& key) = 0;
  virtual bool put_setting(const std::string& key, const std::string& value) = 0;  // false on failure
};

}  // namespace kiosk
