// doctest main for kiosk_sync_tests: libcurl is initialised once, before any thread starts.
#define DOCTEST_CONFIG_IMPLEMENT
#include <curl/curl.h>
#include <doctest/doctest.h>
#include <csignal>

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::signal(SIGPIPE, SIG_IGN);
  doctest::Context context(argc, argv);
  const int result = context.run();
  curl_global_cleanup();
  return result;
}
