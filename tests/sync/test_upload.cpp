// Issue 4, kiosk upload: every response reaches the real kiosk-hub exactly once with the same
// answers — directly, through a proxy injecting faults, and with the uploader killed mid-upload.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include "app/headless.h"
#include "app/scripted_resident.h"
#include "core/config.h"
#include "core/consultation_loader.h"
#include "core/response_store.h"
#include "core/sync/hub_consultation.h"
#include "core/sync/uploader.h"
#include "support/sqlite_reader.h"
#include "sync_test_support.h"

using namespace synctest;
using kiosk::testing::SqliteReader;
using kiosk::testing::TempDir;

namespace {

std::string bundled_consultation_path() { return kiosk::default_config().consultation_path; }

// Every response stored on the kiosk (waiting or sent), by id, in upload form.
std::map<std::string, json> local_responses(const std::string& db_path) {
  std::map<std::string, json> out;
  kiosk::SystemClock clock;
  auto store = kiosk::ResponseStore::open(db_path, clock);
  SqliteReader db(db_path);
  for (const auto& row : db.rows("SELECT id FROM responses WHERE status IN ('waiting', 'sent')")) {
    auto r = store->find(row[0]);
    REQUIRE(r.has_value());
    out[row[0]] = kiosk::response_to_json(*r);
  }
  return out;
}

// The hub holds exactly the local responses, each once, with identical content.
void check_exactly_once(HubChild& hub, const std::map<std::string, json>& local,
                        const std::vector<std::string>& consultations) {
  std::map<std::string, int> seen;
  size_t total = 0;
  for (const auto& c : consultations) {
    for (const json& r : hub.export_all(c)) {
      ++total;
      const std::string id = r["id"];
      ++seen[id];
      auto it = local.find(id);
      REQUIRE_MESSAGE(it != local.end(), "the hub holds " << id << " which the kiosk never stored");
      const auto hub_model = kiosk::response_from_json(r);
      REQUIRE(hub_model.has_value());
      CHECK(kiosk::response_to_json(*hub_model) == it->second);
    }
  }
  CHECK(total == local.size());
  for (const auto& [id, count] : seen) CHECK_MESSAGE(count == 1, id << " stored " << count << " times");
  for (const auto& [id, r] : local) CHECK_MESSAGE(seen.count(id) == 1, id << " never reached the hub");
}

void fill(const std::string& db_path, const std::string& kiosk_id, int count) {
  kiosk::SystemClock clock;
  auto store = kiosk::ResponseStore::open(db_path, clock);
  for (int i = 0; i < count; ++i) {
    kiosk::Response r = hubtest::good_response(kiosk_id);
    r.answers["text"].text = "Answer " + std::to_string(i) + " — zażółć gęślą jaźń";
    REQUIRE(store->submit(r).ok);
  }
}

kiosk::sync::UploaderConfig fast_config(const std::string& url, const std::string& token, const std::string& db) {
  kiosk::sync::UploaderConfig c;
  c.hub_url = url;
  c.token = token;
  c.database_path = db;
  c.backoff_initial_ms = 100;
  c.backoff_cap_ms = 1000;
  c.connect_timeout_ms = 1000;
  c.total_timeout_ms = 1000;
  c.consultation_id = "every-type";
  c.consultation_version = 3;
  return c;
}

std::string integrity(const std::string& path) {
  SqliteReader db(path);
  return db.scalar("PRAGMA integrity_check");
}

}  // namespace

TEST_CASE("upload: 200 stored and 3 touch-screen responses reach the real hub exactly once, answers intact") {
  HubChild hub;
  hub.publish(hubtest::every_type_json());
  hub.publish(hubtest::read_file(bundled_consultation_path()));
  const std::string token = hub.enrol("kiosk-sync", "residents-conversation");

  TempDir dir;
  kiosk::KioskConfig config = kiosk::default_config();
  config.kiosk_id = "kiosk-sync";
  config.data_dir = dir.path();
  config.database_path = dir.file("responses.db");
  config.hub_url = hub.url();
  config.hub_token = token;
  kiosk::SystemClock clock;
  kiosk::HeadlessKiosk kiosk(config, clock);
  REQUIRE_MESSAGE(kiosk.ok(), kiosk.error());
  REQUIRE(kiosk.app().uploader() != nullptr);

  fill(config.database_path, "kiosk-sync", 200);
  kiosk.app().uploader()->notify();
  for (int variant = 0; variant < 3; ++variant) {
    kiosk::ScriptedResident resident(kiosk, variant);
    REQUIRE_MESSAGE(resident.complete_session(), resident.error());
    REQUIRE(kiosk.tap("finish"));
  }
  auto store = kiosk::ResponseStore::open(config.database_path, clock);
  REQUIRE(wait_until([&] { return store->count_waiting() == 0; }, 30'000));
  CHECK(store->count_stored() == 203);
  CHECK(store->count_dead_letters() == 0);
  const auto status = kiosk.app().uploader()->status();
  CHECK(status.state == kiosk::sync::ConnectionState::Ok);
  CHECK(status.last_upload_wall_ms > 0);
  check_exactly_once(hub, local_responses(config.database_path), {"every-type", "residents-conversation"});
}

TEST_CASE("upload: without hub_url the kiosk does not upload and says so") {
  TempDir dir;
  kiosk::KioskConfig config = kiosk::default_config();
  config.database_path = dir.file("responses.db");
  kiosk::SystemClock clock;
  kiosk::HeadlessKiosk kiosk(config, clock);
  REQUIRE(kiosk.ok());
  CHECK(kiosk.app().uploader() == nullptr);
}

TEST_CASE("upload: through 500, 503, 429, cut-off replies, a stall and a captive portal, every response arrives once") {
  HubChild hub;
  hub.publish(hubtest::every_type_json());
  const std::string token = hub.enrol("kiosk-faults", "every-type");
  FaultProxy proxy(hub.port());
  proxy.script({Fault::Http500, Fault::Http503, Fault::Http429, Fault::CutForwarded, Fault::Stall, Fault::Html200,
                Fault::WrongIds, Fault::CutFake, Fault::CutForwarded, Fault::Html200});
  TempDir dir;
  const std::string db = dir.file("responses.db");
  fill(db, "kiosk-faults", 300);
  kiosk::SystemClock clock;
  kiosk::sync::UploaderConfig config = fast_config(proxy.url(), token, db);
  config.batch_size = 50;
  kiosk::sync::Uploader uploader(config, clock);
  uploader.start();
  auto store = kiosk::ResponseStore::open(db, clock);
  REQUIRE(wait_until([&] { return proxy.faults_left() == 0 && store->count_waiting() == 0; }, 60'000));
  const auto status = uploader.status();
  CHECK(status.failures >= 8);
  CHECK(status.state == kiosk::sync::ConnectionState::Ok);
  // Retry-After: 1 was honoured: nothing came within a second after a 503 or a 429.
  const auto served = proxy.served();
  for (size_t i = 0; i + 1 < served.size(); ++i)
    if (served[i].fault == Fault::Http503 || served[i].fault == Fault::Http429)
      CHECK(served[i + 1].at_ms - served[i].at_ms >= 950);
  uploader.stop();
  CHECK(store->count_dead_letters() == 0);
  check_exactly_once(hub, local_responses(db), {"every-type"});
}

TEST_CASE("upload: killed with SIGKILL 50 times mid-upload, the hub still holds every response exactly once") {
  HubChild hub;
  hub.publish(hubtest::every_type_json());
  const std::string token = hub.enrol("kiosk-kill", "every-type");
  TempDir dir;
  const std::string db = dir.file("responses.db");
  fill(db, "kiosk-kill", 100);
  std::mt19937 random(4);
  const auto spawn = [&](bool drain) {
    const pid_t pid = fork();
    if (pid == 0) {
      execl(SYNC_UPLOAD_CHILD, SYNC_UPLOAD_CHILD, db.c_str(), hub.url().c_str(), token.c_str(), "10",
            drain ? "--drain" : static_cast<char*>(nullptr), static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  };
  for (int run = 0; run < 50; ++run) {
    fill(db, "kiosk-kill", 20);
    const pid_t child = spawn(false);
    REQUIRE(child > 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(10 + random() % 150));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
  }
  const size_t before_drain = hub.export_all("every-type").size();
  CHECK(before_drain > 0);  // the killed runs did upload (so kills landed mid-upload too)
  MESSAGE("uploaded by the 50 killed runs: " << before_drain << " of 1100");
  const pid_t last = spawn(true);
  int status = 0;
  waitpid(last, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto local = local_responses(db);
  CHECK(local.size() == 1100);
  check_exactly_once(hub, local, {"every-type"});
  CHECK(integrity(db) == "ok");
  hub.stop();
  CHECK(integrity(hub.db_path()) == "ok");
}

TEST_CASE("upload: a consultation published on the hub reaches the kiosk's mailbox and wakes the app") {
  HubChild hub;
  hub.publish(hubtest::every_type_json(3));
  const std::string token = hub.enrol("kiosk-pull", "every-type");
  TempDir dir;
  const std::string db = dir.file("responses.db");
  kiosk::SystemClock clock;
  kiosk::sync::UploaderConfig config = fast_config(hub.url(), token, db);
  config.heartbeat_interval_ms = 200;
  std::atomic<int> wakes{0};
  kiosk::sync::Uploader uploader(config, clock, [&] { ++wakes; });
  uploader.start();
  REQUIRE(wait_until([&] { return uploader.status().state == kiosk::sync::ConnectionState::Ok; }, 5'000));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK_FALSE(uploader.take_consultation().has_value());  // version 3 is what the kiosk runs
  const int wakes_before = wakes;
  hub.publish(hubtest::every_type_json(4));
  std::optional<kiosk::Consultation> fresh;
  REQUIRE(wait_until([&] { return (fresh = uploader.take_consultation()).has_value(); }, 5'000));
  CHECK(fresh->id == "every-type");
  CHECK(fresh->version == 4);
  CHECK(wakes > wakes_before);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK_FALSE(uploader.take_consultation().has_value());  // handed over once
}

TEST_CASE("upload: the hub's consultation is kept, and a kiosk restarted while the hub is down runs it") {
  TempDir dir;
  kiosk::KioskConfig config = kiosk::default_config();
  std::ofstream(dir.file("installed.json")) << hubtest::every_type_json(3);
  config.consultation_path = dir.file("installed.json");
  config.kiosk_id = "kiosk-restart";
  config.data_dir = dir.path();
  config.database_path = dir.file("responses.db");
  kiosk::SystemClock clock;
  {
    HubChild hub;
    hub.publish(hubtest::every_type_json(5));
    config.hub_url = hub.url();
    config.hub_token = hub.enrol("kiosk-restart", "every-type");
    kiosk::HeadlessKiosk kiosk(config, clock);
    REQUIRE_MESSAGE(kiosk.ok(), kiosk.error());
    REQUIRE(wait_until([&] { kiosk.frame(); return kiosk.flow().consultation().version == 5; }, 10'000));
  }  // the hub stops: the network is down from here on

  kiosk::HeadlessKiosk restarted(config, clock);
  REQUIRE_MESSAGE(restarted.ok(), restarted.error());
  CHECK(restarted.flow().consultation().id == "every-type");
  CHECK(restarted.flow().consultation().version == 5);

  // Staff install a newer version of the same consultation by hand: the newer one runs.
  std::ofstream(dir.file("installed.json"), std::ios::trunc) << hubtest::every_type_json(6);
  kiosk::HeadlessKiosk reinstalled(config, clock);
  REQUIRE_MESSAGE(reinstalled.ok(), reinstalled.error());
  CHECK(reinstalled.flow().consultation().version == 6);
}

TEST_CASE("upload: a saved hub consultation that no longer validates is reported and not run") {
  const std::string kHub = "https://hub.example.org";
  TempDir dir;
  kiosk::SystemClock clock;
  auto store = kiosk::ResponseStore::open(dir.file("responses.db"), clock);
  const kiosk::LoadResult installed = kiosk::load_consultation(hubtest::every_type_json(3));
  REQUIRE(installed.ok());
  std::string problem;
  CHECK_FALSE(kiosk::sync::saved_hub_consultation(*store, *installed.consultation, kHub, problem).has_value());
  CHECK(problem.empty());  // nothing saved yet

  REQUIRE(kiosk::sync::save_hub_consultation(*store, R"({"format": 1, "id": "broken"})", "\"etag-1\"", kHub));
  CHECK_FALSE(kiosk::sync::saved_hub_consultation(*store, *installed.consultation, kHub, problem).has_value());
  CHECK(problem.find("the consultation saved from the hub cannot be used: ") == 0);

  REQUIRE(kiosk::sync::save_hub_consultation(*store, hubtest::every_type_json(2), "\"etag-2\"", kHub));
  CHECK_FALSE(kiosk::sync::saved_hub_consultation(*store, *installed.consultation, kHub, problem).has_value());
  CHECK(problem.empty());  // older than what is installed: kept, not run

  REQUIRE(kiosk::sync::save_hub_consultation(*store, hubtest::every_type_json(4), "\"etag-4\"", kHub));
  const auto saved = kiosk::sync::saved_hub_consultation(*store, *installed.consultation, kHub, problem);
  REQUIRE(saved.has_value());
  CHECK(saved->consultation.version == 4);
  CHECK(saved->etag == "\"etag-4\"");
  // Moved to another hub: what the old hub sent is not run.
  CHECK_FALSE(kiosk::sync::saved_hub_consultation(*store, *installed.consultation, "https://new-hub.example.org",
                                                  problem).has_value());
}

TEST_CASE("upload: configuration keys hub_url, hub_token_file, ca_file, proxy, keep_sent_days") {
  TempDir dir;
  {
    std::ofstream(dir.file("token")) << "  abc123token\n";
    std::ofstream(dir.file("kiosk.json")) << json{{"hub_url", "https://hub.example.org"},
                                                   {"hub_token_file", dir.file("token")},
                                                   {"ca_file", "/etc/ssl/council.pem"},
                                                   {"proxy", "http://proxy:3128"},
                                                   {"keep_sent_days", 7}}.dump();
  }
  const kiosk::ConfigResult loaded = kiosk::load_config(dir.file("kiosk.json"), true);
  CHECK(loaded.problems.empty());
  CHECK(loaded.config.upload_configured());
  CHECK(loaded.config.hub_token == "abc123token");
  CHECK(loaded.config.ca_file == "/etc/ssl/council.pem");
  CHECK(loaded.config.proxy == "http://proxy:3128");
  CHECK(loaded.config.keep_sent_days == 7);
  CHECK_FALSE(kiosk::default_config().upload_configured());
  CHECK(kiosk::default_config().keep_sent_days == 30);

  std::ofstream(dir.file("bad.json")) << R"({"hub_url": "ftp://x", "keep_sent_days": 0})";
  CHECK(kiosk::load_config(dir.file("bad.json"), true).problems.size() == 2);
  std::ofstream(dir.file("no-token.json")) << R"({"hub_url": "https://hub.example.org"})";
  CHECK(kiosk::load_config(dir.file("no-token.json"), true).problems.size() == 1);
}
