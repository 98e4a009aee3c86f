#include "curl_library.h"
#include <mutex>
#include <dlfcn.h>

namespace kiosk::sync {

namespace {
template <typename Function>
bool resolve(void* handle, const char* soname, const char* name, Function& out, std::string& error) {
  out = reinterpret_cast<Function>(dlsym(handle, name));
  if (!out && error.empty()) error = std::string(soname) + " has no " + name;
  return out != nullptr;
}
}  // namespace

bool open_curl_library(const char* soname, CurlLibrary& a, std::string& error) {
  error.clear();
  // Never closed: libcurl keeps global state (TLS, resolver) for the life of the process.
  void* handle = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    error = why ? why : std::string(soname) + " cannot be opened";
    return false;
  }
  decltype(&::curl_global_init) global_init = nullptr;
  bool ok = resolve(handle, soname, "curl_global_init", global_init, error);
  ok &= resolve(handle, soname, "curl_easy_init", a.easy_init, error);
  ok &= resolve(handle, soname, "curl_easy_setopt", a.easy_setopt, error);
  ok &= resolve(handle, soname, "curl_easy_perform", a.easy_perform, error);
  ok &= resolve(handle, soname, "curl_easy_getinfo", a.easy_getinfo, error);
  ok &= resolve(handle, soname, "curl_easy_strerror", a.easy_strerror, error);
  ok &= resolve(handle, soname, "curl_easy_cleanup", a.easy_cleanup, error);
  ok &= resolve(handle, soname, "curl_slist_append", a.slist_append, error);
  ok &= resolve(handle, soname, "curl_slist_free_all", a.slist_free_all, error);
  if (ok && global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    error = std::string(soname) + " could not initialise";
    ok = false;
  }
  return ok;
}

const CurlLibrary* curl_library(std::string& error) {
  static std::once_flag once;
  static CurlLibrary api{};
  static std::string failure;
  static bool opened = false;
  std::call_once(once, [] { opened = open_curl_library("libcurl.so.4", api, failure); });
  error = failure;
  return opened ? &api : nullptr;
}

}  // namespace kiosk::sync
