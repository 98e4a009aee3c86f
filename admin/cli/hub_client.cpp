#include "hub_client.h"

#include <curl/curl.h>

#include <fstream>
#include <sstream>
#include "commands.h"
#include "core/whitespace.h"

namespace kiosk::admin {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

bool is_loopback_http(const std::string& url) {
  for (const char* prefix : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    const std::string p = prefix;
    if (url.rfind(p, 0) == 0 && (url.size() == p.size() || url[p.size()] == ':' || url[p.size()] == '/'))
      return true;
  }
  return false;
}

}  // namespace

void add_hub_options(CLI::App& cmd, HubOptions& options) {
  cmd.add_option("--hub", options.hub_url, "hub address, e.g. https://hub.example.org (env KIOSK_HUB_URL)")
      ->envname("KIOSK_HUB_URL")
      ->group("Hub connection");
  cmd.add_option("--token-file", options.token_file,
                 "file holding the hub's admin token (env KIOSK_ADMIN_TOKEN_FILE)")
      ->envname("KIOSK_ADMIN_TOKEN_FILE")
      ->group("Hub connection");
  cmd.add_option("--ca-file", options.ca_file,
                 "PEM file of the certificate authority to trust for the hub (default: the system's)")
      ->check(CLI::ExistingFile)
      ->group("Hub connection");
}

std::unique_ptr<HubClient> HubClient::connect(const HubOptions& options, std::string& error) {
  if (options.hub_url.empty()) {
    error = "--hub: no hub address (give --hub URL or set KIOSK_HUB_URL)";
    return nullptr;
  }
  std::string url = options.hub_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("https://", 0) != 0 && !is_loopback_http(url)) {
    error = "--hub " + options.hub_url +
            ": use https:// (plain http:// is allowed only to 127.0.0.1/localhost, e.g. a local nginx)";
    return nullptr;
  }
  if (options.token_file.empty()) {
    error = "--token-file: no admin token file (give --token-file FILE or set KIOSK_ADMIN_TOKEN_FILE)";
    return nullptr;
  }
  std::ifstream in(options.token_file, std::ios::binary);
  if (!in) {
    error = options.token_file + ": cannot read the admin token file";
    return nullptr;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string token = trim_whitespace(text.str());
  if (token.empty() || token.find_first_of(" \t\r\n") != std::string::npos) {
    error = options.token_file + ": expected one admin token (the hub's DIR/admin-token)";
    return nullptr;
  }
  auto client = std::unique_ptr<HubClient>(new HubClient());
  client->base_url_ = url;
  client->token_ = token;
  client->ca_file_ = options.ca_file;
  return client;
}

HubReply HubClient::request(const std::string& method, const std::string& path, const std::string* body) const {
  HubReply reply;
  CURL* curl = curl_easy_init();
  if (!curl) {
    reply.transport_error = "cannot initialise libcurl";
    return reply;
  }
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (body) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  if (method != "GET" && method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // never resend the token elsewhere
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    reply.json = nlohmann::json::parse(reply.body, nullptr, false);
  } else {
    reply.transport_error = curl_easy_strerror(rc);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return reply;
}

HubReply HubClient::get(const std::string& path) const { return request("GET", path, nullptr); }
HubReply HubClient::post(const std::string& path, const std::string& json_body) const {
  return request("POST", path, &json_body);
}
HubReply HubClient::del(const std::string& path) const { return request("DELETE", path, nullptr); }

std::string describe_failure(const std::string& what, const HubReply& reply) {
  if (reply.status == 0) return what + ": no answer from the hub: " + reply.transport_error;
  std::string out = what + ": HTTP " + std::to_string(reply.status);
  if (reply.json.is_object()) {
    if (reply.json.contains("error") && reply.json["error"].is_string())
      out += ": " + reply.json["error"].get<std::string>();
    if (reply.json.contains("where") && reply.json["where"].is_string())
      out += " (where: " + reply.json["where"].get<std::string>() + ")";
  } else if (!reply.body.empty()) {
    out += ": not a kiosk-hub answer (body is not JSON: is --hub right?)";
  }
  return out;
}

int exit_code_for(const HubReply& reply) {
  if (reply.status == 0 || reply.status == 429 || reply.status >= 500) return kUnavailable;
  return kInvalid;
}

std::string url_encode(const std::string& text) {
  // libcurl keeps ALPHA DIGIT - . _ ~ and percent-encodes every other byte (RFC 3986).
  char* escaped = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  if (!escaped) return "";
  std::string out(escaped);
  curl_free(escaped);
  return out;
}

}  // namespace kiosk::admin
