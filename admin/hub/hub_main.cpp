// kiosk-hub: the council's collection server (docs/hub-api.md). Arguments only; the work is
// in kiosk_hub_lib (hub_api, hub_store, hub_auth, response_validation).
//
//   kiosk-hub --data DIR --listen 127.0.0.1:8080 [--tls-cert F --tls-key F] [--admin-token-file F]
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include "hub_api.h"
#include "hub_auth.h"
#include "hub_store.h"

namespace {

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0" (0: any free port). False if not that form.
bool split_listen(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string digits = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos)
    return false;
  port = std::stoi(digits);
  return port <= 65535;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kiosk-hub: collects Community Kiosk responses (API: docs/hub-api.md)"};
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  std::string admin_token_file;
  kiosk::hub::HubOptions options;
  app.add_option("--data", data_dir, "Directory for hub.db (and admin-token on first start)")->required();
  app.add_option("--listen", listen, "Address:port to listen on (port 0 = any free port)")
      ->capture_default_str();
  app.add_option("--tls-cert", options.tls_cert, "PEM certificate chain: serve HTTPS directly")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", options.tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
  app.add_option("--admin-token-file", admin_token_file,
                 "File holding the admin token (default: DIR/admin-token, created on first start)");
  app.add_option("--threads", options.threads, "Worker threads")->capture_default_str()->check(CLI::Range(2, 512));
  app.add_option("--kiosk-rate", options.kiosk_rate, "Requests per second allowed per kiosk")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--kiosk-burst", options.kiosk_burst, "Burst of requests allowed per kiosk")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--admin-rate", options.admin_rate, "Requests per second allowed for the admin token")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--admin-burst", options.admin_burst, "Burst for the admin token")
      ->capture_default_str()->check(CLI::PositiveNumber);
  std::size_t max_body_mib = options.max_body_bytes / (1024 * 1024);
  app.add_option("--max-body-mib", max_body_mib, "Largest request body, in MiB (larger: 413)")
      ->capture_default_str()->check(CLI::Range(1, 1024));
  app.add_flag("--log-requests", options.log_requests, "Log every request to stderr");
  CLI11_PARSE(app, argc, argv);
  options.max_body_bytes = max_body_mib * 1024 * 1024;
  // hub.db holds residents' answers and admin-token a secret: nothing for other users.
  umask(077);

  std::string host;
  int port = 0;
  if (!split_listen(listen, host, port)) {
    std::fprintf(stderr, "kiosk-hub: --listen must look like 127.0.0.1:8080, not \"%s\"\n", listen.c_str());
    return 2;
  }

  // SIGINT/SIGTERM are taken by a thread that stops the server cleanly (stop() is not
  // async-signal-safe, so no signal handler calls it). Blocked before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  std::string error;
  auto store = kiosk::hub::HubStore::open((std::filesystem::path(data_dir) / "hub.db").string(), error);
  if (!store) {
    std::fprintf(stderr, "kiosk-hub: %s\n", error.c_str());
    return 1;
  }
  const auto admin = kiosk::hub::setup_admin_token(
      *store, admin_token_file, (std::filesystem::path(data_dir) / "admin-token").string());
  if (!admin.ok) {
    std::fprintf(stderr, "kiosk-hub: %s\n", admin.message.c_str());
    return 1;
  }
  std::fprintf(stderr, "kiosk-hub: %s\n", admin.message.c_str());

  kiosk::hub::HubServer server(*store, options);
  if (!server.ok()) {
    std::fprintf(stderr, "kiosk-hub: %s\n", server.error().c_str());
    return 1;
  }
  const int bound = server.bind(host, port);
  if (bound < 0) {
    std::fprintf(stderr, "kiosk-hub: cannot listen on %s\n", listen.c_str());
    return 1;
  }
  const bool bracket = host.find(':') != std::string::npos;
  // On stdout, one line, so scripts and tests can learn the port when they asked for 0.
  std::printf("kiosk-hub listening on %s://%s%s%s:%d\n", server.tls() ? "https" : "http",
              bracket ? "[" : "", host.c_str(), bracket ? "]" : "", bound);
  std::fflush(stdout);

  std::atomic<bool> signalled{false};
  std::atomic<bool> done{false};
  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (!done) {
      signalled = true;
      std::fprintf(stderr, "kiosk-hub: stopping (signal %d)\n", signal_number);
    }
    server.stop();
  });
  const bool served = server.listen();
  // listen() ended without a signal (e.g. the socket failed): wake the stopper to join it.
  done = true;
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return served ? 0 : 1;
}
