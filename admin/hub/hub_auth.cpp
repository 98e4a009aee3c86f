#include "hub_auth.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include "hub_store.h"

namespace kiosk::hub {
namespace {

constexpr const char* kAdminHashKey = "admin_token_hash";
constexpr std::size_t kTokenBytes = 32;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string trim(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

bool file_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

// Writes `token` to a new file readable by its owner only. O_EXCL: never replaces a file.
bool write_new_secret(const std::string& path, const std::string& token, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot create " + path + ": " + std::strerror(errno);
    return false;
  }
  const std::string line = token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  if (!written) error = "cannot write " + path + ": " + std::strerror(errno);
  ::close(fd);
  if (!written) ::unlink(path.c_str());
  return written;
}

}  // namespace

std::string new_token() {
  if (sodium_init() < 0) return {};
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  return to_hex(bytes, sizeof bytes);
}

bool looks_like_token(const std::string& token) {
  return token.size() == kTokenBytes * 2 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string hash_token(const std::string& token) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

std::optional<std::string> bearer_token(const std::string& authorization) {
  const std::string value = trim(authorization);
  if (value.size() < 7) return std::nullopt;
  std::string scheme = value.substr(0, 7);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "bearer ") return std::nullopt;
  std::string token = trim(value.substr(7));
  if (token.empty()) return std::nullopt;
  return token;
}

AdminTokenSetup setup_admin_token(HubStore& store, const std::string& token_file,
                                  const std::string& default_file) {
  if (sodium_init() < 0) return {false, "libsodium failed to start"};
  const std::string file = token_file.empty() ? default_file : token_file;
  if (file_exists(file)) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return {false, "cannot read the admin token file " + file};
    const std::string token = trim(text.str());
    if (token.size() < 32)
      return {false, "the admin token in " + file + " is too short (at least 32 characters)"};
    if (const StoreError e = store.put_setting(kAdminHashKey, to_hex(
            reinterpret_cast<const unsigned char*>(hash_token(token).data()), crypto_generichash_BYTES)))
      return {false, e.message};
    struct stat info {};
    std::string note;
    if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
      note = " (warning: the file is readable by other users; chmod 600 it)";
    return {true, "admin token: from " + file + note};
  }
  if (!token_file.empty()) return {false, "the admin token file " + token_file + " does not exist"};
  if (store.setting(kAdminHashKey))
    return {true, "admin token: unchanged (its hash is in hub.db; " + default_file +
                      " was removed, put a new token there and restart to replace it)"};
  const std::string token = new_token();
  if (!looks_like_token(token)) return {false, "cannot generate a random admin token"};
  std::string error;
  if (!write_new_secret(file, token, error)) return {false, error};
  const std::string hash = hash_token(token);
  if (const StoreError e = store.put_setting(
          kAdminHashKey, to_hex(reinterpret_cast<const unsigned char*>(hash.data()), hash.size())))
    return {false, e.message};
  return {true, "admin token: new, written to " + file + " (readable by this user only)"};
}

bool is_admin_token(HubStore& store, const std::string& token) {
  const auto stored = store.setting(kAdminHashKey);
  if (!stored || stored->size() != crypto_generichash_BYTES * 2) return false;
  const std::string hash = hash_token(token);
  const std::string hex = to_hex(reinterpret_cast<const unsigned char*>(hash.data()), hash.size());
  return sodium_memcmp(hex.data(), stored->data(), hex.size()) == 0;
}

int RateLimiter::take(const std::string& key) { return take(key, Clock::now()); }

int RateLimiter::take(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (buckets_.size() > 10000) {
    // Forget callers whose bucket has refilled: they are indistinguishable from new ones.
    std::erase_if(buckets_, [&](const auto& item) {
      const double seconds = std::chrono::duration<double>(now - item.second.at).count();
      return item.second.tokens + seconds * rate_ >= burst_;
    });
  }
  auto [it, added] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (!added) {
    const double seconds = std::chrono::duration<double>(now - bucket.at).count();
    bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, seconds) * rate_);
    bucket.at = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / rate_)));
}

}  // namespace kiosk::hub
