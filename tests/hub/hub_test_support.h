// Helpers for the hub tests: a real kiosk-hub served in-process on 127.0.0.1 (any free port),
// a small libcurl client (a real HTTP client, like the kiosk's), and response builders.
#pragma once
#include <curl/curl.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include "core/answer.h"
#include "core/uuid.h"
#include "hub_api.h"
#include "hub_auth.h"
#include "hub_store.h"
#include "support/temp_dir.h"

namespace hubtest {

using nlohmann::json;

struct HttpResult {
  long status = 0;            // 0: no HTTP answer at all (curl_error says why)
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string curl_error;
  json body_json() const { return json::parse(body, nullptr, false); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline size_t collect_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

inline size_t collect_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    (*static_cast<std::map<std::string, std::string>*>(out))[name] =
        first == std::string::npos ? "" : value.substr(first, last - first + 1);
  }
  return size * count;
}

// One request on a fresh connection. `body` is sent for POST (and any method when not empty);
// `token` "" = no Authorization header; `headers` are extra "Name: value" lines; `ca_file` for https.
inline HttpResult http(const std::string& method, const std::string& url, const std::string& body = "",
                       const std::string& token = "", const std::vector<std::string>& extra_headers = {},
                       const std::string& ca_file = "") {
  HttpResult result;
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  for (const auto& h : extra_headers) headers = curl_slist_append(headers, h.c_str());
  if (method == "POST" || !body.empty()) {
    bool typed = false;
    for (const auto& h : extra_headers) typed = typed || h.rfind("Content-Type:", 0) == 0;
    if (!typed) headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  if (method != "GET" && method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  else
    result.curl_error = curl_easy_strerror(rc);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// tests/data/consultations/every-type.json: every question type, languages en + pl, version 3.
inline std::string every_type_json(int version = 3) {
  json c = json::parse(read_file(std::string(KIOSK_TEST_DATA) + "/consultations/every-type.json"));
  c["version"] = version;
  return c.dump(2);
}

// A response to every-type that fits it.
inline kiosk::Response good_response(const std::string& kiosk_id, int version = 3) {
  kiosk::Response r;
  r.id = kiosk::random_uuid();
  r.consultation_id = "every-type";
  r.consultation_version = version;
  r.kiosk_id = kiosk_id;
  r.language = "en";
  r.started_at_ms = 1'700'000'000'000;
  r.submitted_at_ms = 1'700'000'090'000;
  r.answers["consent"].choices = {"agreed"};
  r.answers["single"].choices = {"b"};
  r.answers["single"].text = "Because";
  r.answers["multi"].choices = {"a", "b"};
  r.answers["rating"].number = 5;
  r.answers["scale"].number = 10;
  r.answers["text"].text = "More benches, please";
  r.answers["rank"].choices = {"x", "z"};
  r.answers["area"].choices = {"corby"};
  return r;
}

inline std::string batch(const std::vector<json>& responses) { return json{{"responses", responses}}.dump(); }
inline std::string batch_of(const std::vector<kiosk::Response>& responses) {
  std::vector<json> list;
  for (const auto& r : responses) list.push_back(kiosk::response_to_json(r));
  return batch(list);
}

// A real hub on 127.0.0.1, served by a background thread, with its data in a temp dir.
class RunningHub {
 public:
  explicit RunningHub(kiosk::hub::HubOptions options = {}) {
    std::string error;
    store_ = kiosk::hub::HubStore::open(dir_.file("hub.db"), error);
    if (!store_) throw std::runtime_error(error);
    const auto admin = kiosk::hub::setup_admin_token(*store_, "", dir_.file("admin-token"));
    if (!admin.ok) throw std::runtime_error(admin.message);
    admin_token_ = read_file(dir_.file("admin-token"));
    while (!admin_token_.empty() && std::isspace(static_cast<unsigned char>(admin_token_.back())))
      admin_token_.pop_back();
    server_ = std::make_unique<kiosk::hub::HubServer>(*store_, options);
    if (!server_->ok()) throw std::runtime_error(server_->error());
    port_ = server_->bind("127.0.0.1", 0);
    if (port_ <= 0) throw std::runtime_error("cannot bind");
    thread_ = std::thread([this] { server_->listen(); });
    for (int i = 0; i < 200 && !server_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~RunningHub() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string url(const std::string& path) const {
    return (server_->tls() ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) + path;
  }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& dir() const { return dir_.path(); }
  kiosk::hub::HubStore& store() { return *store_; }

  HttpResult get(const std::string& path, const std::string& token, std::vector<std::string> headers = {}) {
    return http("GET", url(path), "", token, headers);
  }
  HttpResult post(const std::string& path, const std::string& body, const std::string& token) {
    return http("POST", url(path), body, token);
  }

  HttpResult publish(const std::string& consultation_json) {
    return post("/api/v1/admin/consultations", consultation_json, admin_token_);
  }
  // Enrols a kiosk; returns {id, token}.
  std::pair<std::string, std::string> enrol(const std::string& id, const std::string& consultation = "every-type") {
    const auto r = post("/api/v1/admin/kiosks", json{{"id", id}, {"name", id}, {"consultation", consultation}}.dump(),
                        admin_token_);
    const json body = r.body_json();
    if (r.status != 201) throw std::runtime_error("enrol failed: " + r.body);
    return {body["id"], body["token"]};
  }
  HttpResult upload(const std::string& token, const std::string& body) {
    return post("/api/v1/responses", body, token);
  }

 private:
  kiosk::testing::TempDir dir_;
  std::unique_ptr<kiosk::hub::HubStore> store_;
  std::unique_ptr<kiosk::hub::HubServer> server_;
  std::thread thread_;
  std::string admin_token_;
  int port_ = 0;
};

// The statuses of an upload's results, in order ("accepted", "duplicate", "rejected:<reason>").
inline std::vector<std::string> statuses(const HttpResult& r) {
  std::vector<std::string> out;
  const json body = r.body_json();
  if (!body.is_object() || !body.contains("results")) return out;
  for (const auto& result : body["results"]) {
    std::string s = result.value("status", "?");
    if (s == "rejected") s += ":" + result.value("reason", "?");
    out.push_back(s);
  }
  return out;
}

}  // namespace hubtest
