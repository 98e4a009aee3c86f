// TLS served directly by kiosk-hub (httplib::SSLServer), checked by a verifying libcurl client.
#include <doctest/doctest.h>

#include <cstdlib>
#include "hub_test_support.h"

using namespace hubtest;

TEST_CASE("tls: the hub serves HTTPS with --tls-cert/--tls-key; clients verify it") {
  kiosk::testing::TempDir keys;
  const std::string cert = keys.file("cert.pem");
  const std::string key = keys.file("key.pem");
  const std::string make_cert =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert + " >/dev/null 2>&1";
  if (std::system(make_cert.c_str()) != 0) {
    MESSAGE("openssl command not available: TLS test skipped");
    return;
  }
  kiosk::hub::HubOptions options;
  options.tls_cert = cert;
  options.tls_key = key;
  RunningHub hub(options);
  const std::string url = hub.url("/api/v1/admin/kiosks");
  REQUIRE(url.starts_with("https://"));
  const auto verified = http("GET", url, "", hub.admin_token(), {}, cert);
  CHECK(verified.status == 200);
  CHECK(verified.body_json().contains("kiosks"));
  // Without the certificate as a trust anchor, verification fails: no HTTP answer at all.
  const auto unverified = http("GET", url, "", hub.admin_token());
  CHECK(unverified.status == 0);
  CHECK(!unverified.curl_error.empty());
  // Plain HTTP to the TLS port gets nothing useful either.
  std::string plain = url;
  plain.replace(0, 5, "http");
  CHECK(http("GET", plain, "", hub.admin_token()).status != 200);
}

TEST_CASE("tls: an unreadable certificate is reported, not served") {
  kiosk::testing::TempDir dir;
  std::string error;
  auto store = kiosk::hub::HubStore::open(dir.file("hub.db"), error);
  REQUIRE(store);
  kiosk::hub::HubOptions options;
  options.tls_cert = dir.file("missing-cert.pem");
  options.tls_key = dir.file("missing-key.pem");
  kiosk::hub::HubServer server(*store, options);
  CHECK_FALSE(server.ok());
  CHECK(server.error().find("TLS") != std::string::npos);
  options.tls_key.clear();
  kiosk::hub::HubServer half(*store, options);
  CHECK_FALSE(half.ok());
}
