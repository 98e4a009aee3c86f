// libcurl, opened by the upload thread when it starts instead of being linked into the kiosk.
// Linked, libcurl and its ~30 dependent libraries (TLS, Kerberos, LDAP, SSH...) cost ~17 ms
// of dynamic linking before the first frame of every start-up; opened here, that happens on
// the upload thread while the screen is already drawing, and a kiosk without a hub never
// pays it. The types and prototypes still come from <curl/curl.h>.
#pragma once
#include <string>
#include <curl/curl.h>

namespace kiosk::sync {

struct CurlLibrary {
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// The process's libcurl (libcurl.so.4), opened and globally initialised once (thread-safe), or
// nullptr with `error` saying why (e.g. "libcurl.so.4: cannot open shared object file").
const CurlLibrary* curl_library(std::string& error);

// Opens the named library and resolves every function; false with `error` naming the library
// and what is missing. (curl_library() uses it; tests use it with a library that is absent.)
bool open_curl_library(const char* soname, CurlLibrary& api, std::string& error);

}  // namespace kiosk::sync
