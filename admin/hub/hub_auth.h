// Who is calling, and how often: bearer tokens (kiosk and admin) and per-caller rate limits.
//
// Tokens are 32 random bytes from libsodium, sent as 64 hex characters in
// "Authorization: Bearer <token>". The hub keeps only a hash of each (BLAKE2b-256, libsodium's
// crypto_generichash). Why not a password hash such as Argon2: those are slow on purpose so
// that guessing a low-entropy password from its hash is expensive. A 256-bit random token
// cannot be guessed however fast the hash is, so a fast hash loses nothing, and it lets the hub
// look a kiosk up by its hash on every request (an index lookup, no per-request 100 ms burn).
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::hub {

class HubStore;

// 64 lower-case hex characters (32 random bytes).
std::string new_token();
bool looks_like_token(const std::string& token);
// 32 raw bytes.
std::string hash_token(const std::string& token);
// The token in an "Authorization: Bearer <token>" header value; nullopt if not that form.
std::optional<std::string> bearer_token(const std::string& authorization);

struct AdminTokenSetup {
  bool ok = false;
  std::string message;  // what happened, for the console (never the token itself)
};

// Makes sure the hub has an admin token (docs/hub-api.md, "Admin token"):
// - `token_file` given (or DIR/admin-token present): its token becomes the admin token;
// - otherwise, if hub.db already holds an admin token hash, that stays;
// - otherwise a new token is generated and written to `default_file` (mode 0600).
// Only the hash is kept in hub.db.
AdminTokenSetup setup_admin_token(HubStore& store, const std::string& token_file,
                                  const std::string& default_file);
// Constant-time comparison of the hash of `token` with the stored admin hash.
bool is_admin_token(HubStore& store, const std::string& token);

// A token bucket per caller key ("kiosk:<id>", "admin", "ip:<address>"): `burst` requests at
// once, refilled at `per_second`. Thread-safe.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}
  // 0 when the request may go ahead; otherwise the whole seconds to wait (Retry-After).
  int take(const std::string& key);
  int take(const std::string& key, Clock::time_point now);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at;
  };
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
  double rate_;
  double burst_;
};

}  // namespace kiosk::hub
