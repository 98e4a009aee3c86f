#include "config.h"
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <nlohmann/json.hpp>

namespace kiosk {

namespace fs = std::filesystem;

std::string assets_dir() {
  if (const char* env = std::getenv("KIOSK_ASSETS"); env && *env) return env;
  if (fs::exists("/usr/share/community-kiosk/consultations")) return "/usr/share/community-kiosk";
  return KIOSK_SOURCE_ASSETS;
}

static std::string default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/community-kiosk";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/community-kiosk";
  return "kiosk-data";
}

KioskConfig default_config() {
  KioskConfig config;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  config.kiosk_id = std::string("kiosk-") + (host[0] ? host : "local");
  config.data_dir = default_data_dir();
  config.database_path = config.data_dir + "/responses.db";
  config.consultation_path = assets_dir() + "/consultations/residents-conversation.json";
  return config;
}

namespace {

using nlohmann::json;

// Reads one optional key with a type and range check, recording a problem naming the key.
struct Reader {
  const json& object;
  const std::string& file;
  std::vector<std::string>& problems;

  void problem(const std::string& key, const std::string& message) {
    problems.push_back(file + ": " + key + ": " + message);
  }
  void text(const char* key, std::string& out) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_string() || it->get<std::string>().empty())
      problem(key, "expected a non-empty string");
    else
      out = it->get<std::string>();
  }
  void seconds(const char* key, int64_t& out_ms, int64_t min_s, int64_t max_s) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_number_integer() || it->get<int64_t>() < min_s || it->get<int64_t>() > max_s)
      problem(key, "expected whole seconds from " + std::to_string(min_s) + " to " +
                       std::to_string(max_s));
    else
      out_ms = it->get<int64_t>() * 1000;
  }
  void flag(const char* key, bool& out) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_boolean()) problem(key, "expected true or false");
    else out = it->get<bool>();
  }
};

const char* kKnownKeys[] = {"kiosk_id", "data_dir", "database", "consultation",
                            "idle_timeout_seconds", "idle_countdown_seconds",
                            "thank_you_seconds", "keep_abandoned", "attract_rotation_seconds", "hub_url", "hub_token",
                            "hub_token_file", "ca_file", "proxy", "keep_sent_days"};

}  // namespace

ConfigResult load_config(const std::string& path, bool must_exist) {
  ConfigResult result{default_config(), {}};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (must_exist) result.problems.push_back(path + ": cannot be read");
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  // nlohmann stops at a NUL byte as if the input ended there: a file with one is damaged.
  json doc = bytes.find('\0') == std::string::npos ? json::parse(bytes, nullptr, false)
                                                    : json(json::value_t::discarded);
  if (doc.is_discarded() || !doc.is_object()) {
    result.problems.push_back(path + ": not a JSON object (see docs/configuration.md)");
    return result;
  }
  for (const auto& [key, value] : doc.items()) {
    bool known = false;
    for (const char* k : kKnownKeys) known = known || key == k;
    if (!known) result.problems.push_back(path + ": " + key + ": unknown setting");
  }
  KioskConfig& c = result.config;
  Reader r{doc, path, result.problems};
  r.text("kiosk_id", c.kiosk_id);
  bool data_dir_given = doc.contains("data_dir");
  r.text("data_dir", c.data_dir);
  if (data_dir_given) c.database_path = c.data_dir + "/responses.db";
  r.text("database", c.database_path);
  r.text("consultation", c.consultation_path);
  r.seconds("idle_timeout_seconds", c.flow.idle_timeout_ms, 10, 3600);
  r.seconds("idle_countdown_seconds", c.flow.idle_countdown_ms, 5, 120);
  r.seconds("thank_you_seconds", c.flow.thank_you_ms, 3, 120);
  r.flag("keep_abandoned", c.flow.keep_abandoned);
  r.seconds("attract_rotation_seconds", c.flow.attract_rotation_ms, 0, 600);

  r.text("hub_url", c.hub_url);
  if (!c.hub_url.empty() && c.hub_url.rfind("https://", 0) != 0 && c.hub_url.rfind("http://", 0) != 0) {
    r.problem("hub_url", "expected an https:// address (http:// only for a hub on this machine)");
    c.hub_url.clear();
  }
  r.text("hub_token", c.hub_token);
  std::string token_file;
  r.text("hub_token_file", token_file);
  if (!token_file.empty()) {
    if (doc.contains("hub_token")) r.problem("hub_token_file", "give hub_token or hub_token_file, not both");
    std::ifstream token_in(token_file, std::ios::binary);
    std::stringstream token;
    token << token_in.rdbuf();
    std::string t = token.str();
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(0, 1);
    if (!token_in || t.empty()) r.problem("hub_token_file", token_file + " cannot be read or is empty");
    else c.hub_token = t;
  }
  if (!c.hub_url.empty() && c.hub_token.empty())
    r.problem("hub_url", "needs hub_token or hub_token_file (the token shown when the kiosk was enrolled)");
  r.text("ca_file", c.ca_file);
  r.text("proxy", c.proxy);
  if (auto it = doc.find("keep_sent_days"); it != doc.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 3650)
      r.problem("keep_sent_days", "expected whole days from 1 to 3650");
    else
      c.keep_sent_days = static_cast<int>(it->get<int64_t>());
  }
  return result;
}

}  // namespace kiosk
