// The kiosk's settings file: defaults, overrides, and bad values reported with file and key.
#include <doctest/doctest.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>
#include "core/config.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("kiosk-config-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path file = path / name;
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    return file.string();
  }
  fs::path path;
};

// Sets (or unsets) an environment variable for one scope.
struct ScopedEnv {
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }
  const char* name_;
  std::optional<std::string> old_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The one problem reported, which must name the file and the key.
void check_one_problem(const ConfigResult& r, const std::string& file, const std::string& key) {
  REQUIRE(r.problems.size() == 1);
  CAPTURE(r.problems[0]);
  CHECK(r.problems[0].rfind(file + ": " + key + ": ", 0) == 0);
}

}  // namespace

TEST_CASE("config: defaults") {
  ScopedEnv xdg("XDG_DATA_HOME", "/tmp/xdg-data-for-test");
  const KioskConfig c = default_config();
  CHECK(c.kiosk_id.rfind("kiosk-", 0) == 0);
  CHECK(c.kiosk_id.size() > std::string("kiosk-").size());
  CHECK(c.data_dir == "/tmp/xdg-data-for-test/community-kiosk");
  CHECK(c.database_path == "/tmp/xdg-data-for-test/community-kiosk/responses.db");
  CHECK(contains(c.consultation_path, "/consultations/residents-conversation.json"));
  CHECK(c.flow.idle_timeout_ms == 60'000);
  CHECK(c.flow.idle_countdown_ms == 15'000);
  CHECK(c.flow.thank_you_ms == 10'000);
  CHECK(c.flow.staff_idle_ms == 120'000);
  CHECK(c.flow.default_language == "en");
  CHECK_FALSE(c.flow.keep_abandoned);
}

TEST_CASE("config: default data dir falls back to HOME, then a relative dir") {
  ScopedEnv xdg("XDG_DATA_HOME", nullptr);
  SUBCASE("home") {
    ScopedEnv home("HOME", "/home/librarian");
    CHECK(default_config().data_dir == "/home/librarian/.local/share/community-kiosk");
  }
  SUBCASE("neither") {
    ScopedEnv home("HOME", nullptr);
    const KioskConfig c = default_config();
    CHECK_FALSE(c.data_dir.empty());
    CHECK(c.database_path == c.data_dir + "/responses.db");
  }
  SUBCASE("empty XDG_DATA_HOME is ignored") {
    ScopedEnv empty("XDG_DATA_HOME", "");
    ScopedEnv home("HOME", "/home/x");
    CHECK(default_config().data_dir == "/home/x/.local/share/community-kiosk");
  }
}

TEST_CASE("config: KIOSK_ASSETS points the bundled consultation elsewhere") {
  ScopedEnv assets("KIOSK_ASSETS", "/opt/kiosk-assets");
  CHECK(assets_dir() == "/opt/kiosk-assets");
  CHECK(default_config().consultation_path ==
        "/opt/kiosk-assets/consultations/residents-conversation.json");
}

TEST_CASE("config: a missing file is fine unless it must exist") {
  TempDir dir;
  const std::string missing = (dir.path / "nope.json").string();
  ConfigResult optional = load_config(missing, false);
  CHECK(optional.problems.empty());
  CHECK(optional.config.flow.idle_timeout_ms == 60'000);

  ConfigResult required = load_config(missing, true);
  REQUIRE(required.problems.size() == 1);
  CHECK(required.problems[0].rfind(missing + ": ", 0) == 0);
  CHECK(required.config.flow.idle_timeout_ms == 60'000);  // still usable defaults
}

TEST_CASE("config: every key overrides its default") {
  TempDir dir;
  const std::string file = dir.write("kiosk.json", R"({
    "kiosk_id": "corby-library-1",
    "data_dir": "/var/lib/kiosk",
    "consultation": "/etc/kiosk/consultation.json",
    "idle_timeout_seconds": 90,
    "idle_countdown_seconds": 20,
    "thank_you_seconds": 5,
    "keep_abandoned": true
  })");
  const ConfigResult r = load_config(file, true);
  CHECK(r.problems.empty());
  CHECK(r.config.kiosk_id == "corby-library-1");
  CHECK(r.config.data_dir == "/var/lib/kiosk");
  CHECK(r.config.database_path == "/var/lib/kiosk/responses.db");  // follows data_dir
  CHECK(r.config.consultation_path == "/etc/kiosk/consultation.json");
  CHECK(r.config.flow.idle_timeout_ms == 90'000);
  CHECK(r.config.flow.idle_countdown_ms == 20'000);
  CHECK(r.config.flow.thank_you_ms == 5'000);
  CHECK(r.config.flow.keep_abandoned);
}

TEST_CASE("config: an explicit database wins over data_dir, in any order") {
  TempDir dir;
  for (const char* body :
       {R"({"database": "/srv/r.db", "data_dir": "/var/lib/kiosk"})",
        R"({"data_dir": "/var/lib/kiosk", "database": "/srv/r.db"})"}) {
    CAPTURE(std::string(body));
    const ConfigResult r = load_config(dir.write("k.json", body), true);
    CHECK(r.problems.empty());
    CHECK(r.config.database_path == "/srv/r.db");
    CHECK(r.config.data_dir == "/var/lib/kiosk");
  }
}

TEST_CASE("config: partial file keeps the other defaults; empty object is fine") {
  TempDir dir;
  const ConfigResult partial = load_config(dir.write("k.json", R"({"thank_you_seconds": 30})"), true);
  CHECK(partial.problems.empty());
  CHECK(partial.config.flow.thank_you_ms == 30'000);
  CHECK(partial.config.flow.idle_timeout_ms == 60'000);
  CHECK(partial.config.flow.idle_countdown_ms == 15'000);

  const ConfigResult empty = load_config(dir.write("e.json", "{}"), true);
  CHECK(empty.problems.empty());
}

TEST_CASE("config: a UTF-8 byte order mark is accepted") {
  TempDir dir;
  const ConfigResult r = load_config(dir.write("bom.json", "\xEF\xBB\xBF{\"kiosk_id\": \"k1\"}"), true);
  CHECK(r.problems.empty());
  CHECK(r.config.kiosk_id == "k1");
}

TEST_CASE("config: an unknown key is reported with file and key") {
  TempDir dir;
  const std::string file =
      dir.write("k.json", R"({"idle_timeout_secs": 30, "thank_you_seconds": 20})");
  const ConfigResult r = load_config(file, true);
  check_one_problem(r, file, "idle_timeout_secs");
  CHECK(r.config.flow.idle_timeout_ms == 60'000);  // the typo changed nothing
  CHECK(r.config.flow.thank_you_ms == 20'000);     // good keys still apply
}

TEST_CASE("config: wrong types are reported with file and key, default kept") {
  TempDir dir;
  struct Case {
    const char* body;
    const char* key;
  };
  const Case cases[] = {
      {R"({"idle_timeout_seconds": "60"})", "idle_timeout_seconds"},
      {R"({"idle_timeout_seconds": 60.5})", "idle_timeout_seconds"},
      {R"({"idle_countdown_seconds": true})", "idle_countdown_seconds"},
      {R"({"thank_you_seconds": null})", "thank_you_seconds"},
      {R"({"thank_you_seconds": [10]})", "thank_you_seconds"},
      {R"({"kiosk_id": 42})", "kiosk_id"},
      {R"({"kiosk_id": ""})", "kiosk_id"},
      {R"({"data_dir": {"path": "/x"}})", "data_dir"},
      {R"({"database": false})", "database"},
      {R"({"consultation": ["a.json"]})", "consultation"},
      {R"({"keep_abandoned": "yes"})", "keep_abandoned"},
      {R"({"keep_abandoned": 1})", "keep_abandoned"},
  };
  const KioskConfig defaults = default_config();
  for (const Case& c : cases) {
    CAPTURE(std::string(c.body));
    const std::string file = dir.write("k.json", c.body);
    const ConfigResult r = load_config(file, true);
    check_one_problem(r, file, c.key);
    CHECK(r.config.kiosk_id == defaults.kiosk_id);
    CHECK(r.config.data_dir == defaults.data_dir);
    CHECK(r.config.database_path == defaults.database_path);
    CHECK(r.config.consultation_path == defaults.consultation_path);
    CHECK(r.config.flow.idle_timeout_ms == defaults.flow.idle_timeout_ms);
    CHECK(r.config.flow.idle_countdown_ms == defaults.flow.idle_countdown_ms);
    CHECK(r.config.flow.thank_you_ms == defaults.flow.thank_you_ms);
    CHECK(r.config.flow.keep_abandoned == defaults.flow.keep_abandoned);
  }
}

TEST_CASE("config: out-of-range values are reported with file and key") {
  TempDir dir;
  struct Case {
    const char* key;
    long long value;
    bool ok;
  };
  const Case cases[] = {
      {"idle_timeout_seconds", 9, false},    {"idle_timeout_seconds", 10, true},
      {"idle_timeout_seconds", 3600, true},  {"idle_timeout_seconds", 3601, false},
      {"idle_timeout_seconds", -60, false},  {"idle_timeout_seconds", 0, false},
      {"idle_countdown_seconds", 4, false},  {"idle_countdown_seconds", 5, true},
      {"idle_countdown_seconds", 120, true}, {"idle_countdown_seconds", 121, false},
      {"thank_you_seconds", 2, false},       {"thank_you_seconds", 3, true},
      {"thank_you_seconds", 120, true},      {"thank_you_seconds", 121, false},
      {"thank_you_seconds", 9'000'000'000'000'000'000LL, false},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.key));
    CAPTURE(c.value);
    const std::string file =
        dir.write("k.json", std::string("{\"") + c.key + "\": " + std::to_string(c.value) + "}");
    const ConfigResult r = load_config(file, true);
    if (c.ok) {
      CHECK(r.problems.empty());
    } else {
      check_one_problem(r, file, c.key);
    }
  }
  // A value too big even for 64 bits is refused, not wrapped.
  const std::string huge = dir.write("h.json", R"({"idle_timeout_seconds": 18446744073709551615})");
  const ConfigResult r = load_config(huge, true);
  check_one_problem(r, huge, "idle_timeout_seconds");
  CHECK(r.config.flow.idle_timeout_ms == 60'000);
}

TEST_CASE("config: several problems are all reported at once") {
  TempDir dir;
  const std::string file = dir.write(
      "k.json", R"({"colour": "blue", "idle_timeout_seconds": 1, "keep_abandoned": "no", "kiosk_id": "ok-1"})");
  const ConfigResult r = load_config(file, true);
  REQUIRE(r.problems.size() == 3);
  std::string all;
  for (const auto& p : r.problems) {
    CHECK(p.rfind(file + ": ", 0) == 0);
    all += p + "\n";
  }
  CHECK(contains(all, ": colour: "));
  CHECK(contains(all, ": idle_timeout_seconds: "));
  CHECK(contains(all, ": keep_abandoned: "));
  CHECK(r.config.kiosk_id == "ok-1");
}

TEST_CASE("config: a file that is not a JSON object is reported with the file") {
  TempDir dir;
  for (const std::string& body :
       {std::string("{\"kiosk_id\": "), std::string("[1, 2]"), std::string("\"text\""),
        std::string(""), std::string("kiosk_id = 3"), std::string("{\"kiosk_id\": \"\xC3\x28\"}"),
        std::string("{\"kiosk_id\":\"x\"}\0garbage", 24)}) {
    CAPTURE(std::string(body));
    const std::string file = dir.write("bad.json", body);
    const ConfigResult r = load_config(file, true);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].rfind(file + ": ", 0) == 0);
    CHECK(r.config.flow.idle_timeout_ms == 60'000);
  }
}

TEST_CASE("config: a directory in place of the file is reported, not a crash") {
  TempDir dir;
  const std::string path = dir.path.string();
  const ConfigResult r = load_config(path, true);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].rfind(path + ": ", 0) == 0);
}
