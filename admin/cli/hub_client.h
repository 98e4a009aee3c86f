// kiosk-admin's connection to kiosk-hub (docs/hub-api.md): libcurl, certificate verification
// always on (plain http:// only to this machine, e.g. a hub behind a local nginx).
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace kiosk::admin {

// --hub / --token-file / --ca-file, filled by CLI11 (with env KIOSK_HUB_URL, KIOSK_ADMIN_TOKEN_FILE).
struct HubOptions {
  std::string hub_url;
  std::string token_file;
  std::string ca_file;
};

// Adds --hub, --token-file and --ca-file to a subcommand.
void add_hub_options(CLI::App& cmd, HubOptions& options);

struct HubReply {
  long status = 0;        // 0: no HTTP answer (transport_error says why)
  std::string transport_error;
  std::string body;
  nlohmann::json json;    // discarded value when the body is not JSON
  bool ok() const { return status >= 200 && status < 300; }
};

class HubClient {
 public:
  // Checks the options and reads the token; on failure returns null and sets `error`.
  static std::unique_ptr<HubClient> connect(const HubOptions& options, std::string& error);

  HubReply get(const std::string& path) const;
  HubReply post(const std::string& path, const std::string& json_body) const;
  HubReply del(const std::string& path) const;

  const std::string& base_url() const { return base_url_; }

 private:
  HubReply request(const std::string& method, const std::string& path, const std::string* body) const;
  std::string base_url_;  // without trailing '/'
  std::string token_;
  std::string ca_file_;
};

// "https://hub/api/v1/...: HTTP 422: <error> (where: <where>)", or the transport error.
std::string describe_failure(const std::string& what, const HubReply& reply);
// The exit code for a failed reply: no answer, 429 or 5xx -> kUnavailable; otherwise kInvalid.
int exit_code_for(const HubReply& reply);
// Percent-encodes one path segment or query value.
std::string url_encode(const std::string& text);

}  // namespace kiosk::admin
