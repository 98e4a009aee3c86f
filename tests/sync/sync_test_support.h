// Helpers for the upload tests: the REAL kiosk-hub binary as a child process on 127.0.0.1
// (port 0), its admin API, and a fault-injecting TCP proxy to put between kiosk and hub.
#pragma once
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include "hub/hub_test_support.h"

namespace synctest {

using nlohmann::json;
using hubtest::http;

inline int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Waits (polling: this is the test, not the kiosk) until `done` or `timeout_ms`.
inline bool wait_until(const std::function<bool()>& done, int64_t timeout_ms) {
  const int64_t end = steady_ms() + timeout_ms;
  while (steady_ms() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// kiosk-hub, the real program, with generous rate limits, data in a temp dir.
class HubChild {
 public:
  HubChild() {
    admin_token_ = kiosk::hub::new_token();
    const std::string token_file = dir_.file("admin.token");
    const int fd = open(token_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || write(fd, admin_token_.data(), admin_token_.size()) != static_cast<ssize_t>(admin_token_.size()))
      throw std::runtime_error("cannot write the admin token");
    close(fd);
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    const std::string data = dir_.file("data");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      const int null_fd = open("/dev/null", O_WRONLY);
      dup2(null_fd, STDERR_FILENO);
      close(out[0]);
      execl(KIOSK_HUB_BINARY, KIOSK_HUB_BINARY, "--data", data.c_str(), "--listen", "127.0.0.1:0",
            "--admin-token-file", token_file.c_str(), "--kiosk-rate", "100000", "--kiosk-burst", "100000",
            "--admin-rate", "100000", "--admin-burst", "100000", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    const auto at = line.find("http://");
    if (at == std::string::npos) throw std::runtime_error("kiosk-hub did not start: " + line);
    url_ = line.substr(at);
    port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
  }
  ~HubChild() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  const std::string& url() const { return url_; }
  int port() const { return port_; }
  std::string db_path() const { return dir_.file("data") + "/hub.db"; }

  hubtest::HttpResult admin_post(const std::string& path, const std::string& body) {
    return http("POST", url_ + path, body, admin_token_);
  }
  void publish(const std::string& consultation_json) {
    const auto r = admin_post("/api/v1/admin/consultations", consultation_json);
    if (r.status != 201 && r.status != 200) throw std::runtime_error("publish failed: " + r.body);
  }
  std::string enrol(const std::string& id, const std::string& consultation) {
    const auto r = admin_post("/api/v1/admin/kiosks", json{{"id", id}, {"name", id}, {"consultation", consultation}}.dump());
    if (r.status != 201) throw std::runtime_error("enrol failed: " + r.body);
    return r.body_json()["token"];
  }
  // Every response the hub holds for `consultation`, in the order received.
  std::vector<json> export_all(const std::string& consultation) {
    std::vector<json> out;
    std::string after;
    for (;;) {
      const auto r = http("GET", url_ + "/api/v1/admin/responses?consultation=" + consultation + after, "", admin_token_);
      const json body = r.body_json();
      if (r.status != 200 || !body.is_object()) throw std::runtime_error("export failed: " + r.body);
      for (const auto& response : body["responses"]) out.push_back(response);
      if (!body.value("more", false)) return out;
      after = "&after=" + std::to_string(body["next_after"].get<int64_t>());
    }
  }

 private:
  kiosk::testing::TempDir dir_;
  std::string admin_token_;
  std::string url_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// A TCP proxy on 127.0.0.1 that forwards to the hub, or — one connection per scripted fault —
// misbehaves as a bad network or a captive portal would.
enum class Fault { Pass, Http500, Http503, Http429, CutForwarded, CutFake, Stall, Html200, WrongIds };

class FaultProxy {
 public:
  explicit FaultProxy(int hub_port, int stall_ms = 1500) : hub_port_(hub_port), stall_ms_(stall_ms) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listener_, 64) != 0)
      throw std::runtime_error("proxy: cannot listen");
    socklen_t len = sizeof addr;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~FaultProxy() {
    stopping_ = true;
    thread_.join();
    close(listener_);
    std::lock_guard lock(mutex_);
    for (auto& t : handlers_) t.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void script(std::vector<Fault> faults) {
    std::lock_guard lock(mutex_);
    for (Fault f : faults) script_.push_back(f);
  }
  size_t faults_left() {
    std::lock_guard lock(mutex_);
    return script_.size();
  }
  // (fault, when the connection was accepted, request line) for every connection so far.
  struct Served {
    Fault fault;
    int64_t at_ms;
    std::string request_line;
  };
  std::vector<Served> served() {
    std::lock_guard lock(mutex_);
    return served_;
  }

 private:
  static bool send_all(int fd, const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  static std::string read_request(int fd) {
    std::string in;
    char buffer[65536];
    size_t need = std::string::npos;
    while (need == std::string::npos || in.size() < need) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 5000) <= 0) break;
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      in.append(buffer, static_cast<size_t>(n));
      const auto end = in.find("\r\n\r\n");
      if (need == std::string::npos && end != std::string::npos) {
        size_t length = 0;
        std::string lower = in.substr(0, end);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (const auto cl = lower.find("content-length:"); cl != std::string::npos)
          length = std::stoul(lower.substr(cl + 15));
        need = end + 4 + length;
      }
    }
    return in;
  }
  static std::string reply(const std::string& status, const std::string& type, const std::string& body,
                           const std::string& extra = "") {
    return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extra + "Connection: close\r\n\r\n" + body;
  }
  std::string forward(const std::string& request) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(hub_port_));
    std::string out;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && send_all(fd, request)) {
      char buffer[65536];
      ssize_t n;
      while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) out.append(buffer, static_cast<size_t>(n));
    }
    close(fd);
    return out;
  }
  void handle(int fd, Fault fault, const std::string& request) {
    const std::string error_body = R"({"error":"injected fault","where":"body"})";
    switch (fault) {
      case Fault::Pass: send_all(fd, forward(request)); break;
      case Fault::Http500: send_all(fd, reply("500 Internal Server Error", "application/json", error_body)); break;
      case Fault::Http503:
        send_all(fd, reply("503 Service Unavailable", "application/json", error_body, "Retry-After: 1\r\n"));
        break;
      case Fault::Http429:
        send_all(fd, reply("429 Too Many Requests", "application/json", error_body, "Retry-After: 1\r\n"));
        break;
      case Fault::CutForwarded: {  // the hub stored the batch; its acknowledgement is cut off
        const std::string full = forward(request);
        const auto end = full.find("\r\n\r\n");
        const size_t cut = end == std::string::npos ? full.size() / 2 : end + 4 + (full.size() - end - 4) / 2;
        send_all(fd, full.substr(0, cut));
        break;
      }
      case Fault::CutFake: {
        std::string r = reply("200 OK", "application/json", std::string(1000, ' '));
        send_all(fd, r.substr(0, r.find("\r\n\r\n") + 4) + R"({"results":[)");
        break;
      }
      case Fault::Stall:
        for (int waited = 0; waited < stall_ms_ && !stopping_; waited += 50)
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        break;
      case Fault::Html200:
        send_all(fd, reply("200 OK", "text/html", "<html><body><h1>Welcome to Library Wi-Fi</h1>"
                                                  "<form>Accept the terms to continue</form></body></html>"));
        break;
      case Fault::WrongIds: {
        const auto body_at = request.find("\r\n\r\n");
        const json sent = json::parse(body_at == std::string::npos ? "" : request.substr(body_at + 4), nullptr, false);
        json results = json::array();
        if (sent.is_object() && sent.contains("responses"))
          for (size_t i = 0; i < sent["responses"].size(); ++i)
            results.push_back({{"id", kiosk::random_uuid()}, {"status", "accepted"}});
        send_all(fd, reply("200 OK", "application/json", json{{"results", results}}.dump()));
        break;
      }
    }
    shutdown(fd, SHUT_RDWR);
    close(fd);
  }
  void accept_loop() {
    while (!stopping_) {
      pollfd p{listener_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      const int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard lock(mutex_);
      handlers_.emplace_back([this, fd] {
        const int64_t at = steady_ms();
        const std::string request = read_request(fd);
        Fault fault = Fault::Pass;
        {
          std::lock_guard inner(mutex_);
          if (!script_.empty()) {
            fault = script_.front();
            script_.pop_front();
          }
          served_.push_back({fault, at, request.substr(0, request.find("\r\n"))});
        }
        handle(fd, fault, request);
      });
    }
  }

  int hub_port_;
  int stall_ms_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::deque<Fault> script_;
  std::vector<Served> served_;
  std::vector<std::thread> handlers_;
  std::thread thread_;
};

}  // namespace synctest
