// The hub's HTTP API (/api/v1/..., documented in docs/hub-api.md) on a cpp-httplib server,
// plain HTTP or TLS. Tests run it in-process; kiosk-hub (hub_main.cpp) only parses arguments.
//
// Robustness rules every route follows: hostile input gets a 4xx with a JSON body
// {"error": "...", "where": "..."} and the server carries on; nothing a client sends can make a
// handler throw past the exception handler (which answers 500 the same way). Constructing a
// HubServer ignores SIGPIPE for the process: a client hanging up mid-reply must not kill it.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace kiosk::hub {

class HubStore;

struct HubOptions {
  std::size_t max_body_bytes = 8 * 1024 * 1024;  // larger bodies: 413
  int max_batch = 1000;           // responses in one upload; more: 413
  int max_depth = 32;             // JSON nesting in request bodies; a response needs 5
  // Token buckets (requests per second, burst), per kiosk, for the admin token, and per client
  // address for requests whose token is missing or wrong.
  double kiosk_rate = 10, kiosk_burst = 60;
  double admin_rate = 50, admin_burst = 200;
  double anonymous_rate = 2, anonymous_burst = 20;
  int threads = 16;               // worker threads (each holds one connection at a time)
  int keep_alive_requests = 1;    // requests per connection; 1 = close after each reply
  bool log_requests = false;      // one stderr line per request; errors are always logged
  std::string tls_cert;           // both set: HTTPS (httplib::SSLServer); both empty: HTTP
  std::string tls_key;
};

class HubServer {
 public:
  // `store` must outlive the server.
  HubServer(HubStore& store, HubOptions options);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  // False when TLS files could not be loaded (error() says why).
  bool ok() const;
  const std::string& error() const;
  bool tls() const;

  // Binds `host`:`port` (port 0: any free port). Returns the bound port, or -1.
  int bind(const std::string& host, int port);
  // Serves until stop(); returns false if it could not.
  bool listen();
  void stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::hub
