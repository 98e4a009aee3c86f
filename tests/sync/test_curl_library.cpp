// The kiosk opens libcurl at run time (kiosk/core/sync/curl_library.h): the real library
// resolves completely, and a missing one is a clear error, never a crash.
#include <doctest/doctest.h>

#include <string>
#include "core/sync/curl_library.h"

using kiosk::sync::CurlLibrary;

TEST_CASE("curl library: the installed libcurl opens once and every function resolves") {
  std::string error;
  const CurlLibrary* api = kiosk::sync::curl_library(error);
  REQUIRE_MESSAGE(api != nullptr, error);
  CHECK(error.empty());
  CHECK(api == kiosk::sync::curl_library(error));  // the same library, opened once
  CURL* curl = api->easy_init();
  REQUIRE(curl != nullptr);
  CHECK(api->easy_setopt(curl, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK);
  CHECK(std::string(api->easy_strerror(CURLE_COULDNT_CONNECT)).find("connect") != std::string::npos);
  curl_slist* headers = api->slist_append(nullptr, "Accept: application/json");
  CHECK(headers != nullptr);
  api->slist_free_all(headers);
  api->easy_cleanup(curl);
}

TEST_CASE("curl library: a library that is not there is an error naming it") {
  CurlLibrary api{};
  std::string error;
  CHECK_FALSE(kiosk::sync::open_curl_library("libcurl-not-installed.so.4", api, error));
  CHECK(error.find("libcurl-not-installed.so.4") != std::string::npos);
}

TEST_CASE("curl library: a library without curl's functions is an error naming the first missing one") {
  CurlLibrary api{};
  std::string error;
  CHECK_FALSE(kiosk::sync::open_curl_library("libz.so.1", api, error));
  CHECK(error == "libz.so.1 has no curl_global_init");
}
