// ResponseStore against real SQLite files, one fresh temporary directory per test.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/response_store.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char pattern[] = "/tmp/kiosk-store-test-XXXXXX";
    const char* made = mkdtemp(pattern);
    REQUIRE(made != nullptr);
    path = made;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path + "/" + name; }
};

Response sample_response(const std::string& id, long long submitted_at_ms = 1'700'000'100'000) {
  Response r;
  r.id = id;
  r.consultation_id = "library-hours";
  r.consultation_version = 3;
  r.kiosk_id = "kiosk-central-1";
  r.language = "ur";
  r.started_at_ms = submitted_at_ms - 60'000;
  r.submitted_at_ms = submitted_at_ms;
  r.answers["q1"].choices = {"evenings", "weekends"};
  r.answers["q2"].number = 4;
  r.answers["q3"].text = "زیادہ کتابیں — more books";
  r.answers["consent"].choices = {"agreed"};
  return r;
}

void check_same(const Response& got, const Response& want) {
  CHECK(got.id == want.id);
  CHECK(got.consultation_id == want.consultation_id);
  CHECK(got.consultation_version == want.consultation_version);
  CHECK(got.kiosk_id == want.kiosk_id);
  CHECK(got.language == want.language);
  CHECK(got.started_at_ms == want.started_at_ms);
  CHECK(got.submitted_at_ms == want.submitted_at_ms);
  CHECK(got.answers == want.answers);
}

// Reads one value through a separate connection, as another process would see the file.
std::string query_file(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

void overwrite(const std::string& path, std::streamoff from) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(file.good());
  file.seekp(from);
  const std::string garbage(8192, '\x5a');
  file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

}  // namespace

TEST_CASE("ResponseStore: creates its folder and the schema at the current version") {
  TempDir dir;
  ManualClock clock;
  const std::string path = dir.file("nested/deeper/responses.db");
  auto store = ResponseStore::open(path, clock);
  REQUIRE(store);
  CHECK(store->health() == StoreHealth::Ok);
  CHECK(store->path() == path);
  CHECK(store->count_stored() == 0);

  CHECK(query_file(path, "PRAGMA user_version") == std::to_string(ResponseStore::kSchemaVersion));
  for (const char* table : {"responses", "dead_letters", "events", "settings"})
    CHECK(query_file(path, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") +
                               table + "'") == "1");
}

TEST_CASE("ResponseStore: WAL, synchronous FULL and foreign keys are on") {
  TempDir dir;
  ManualClock clock;
  const std::string path = dir.file("responses.db");
  auto store = ResponseStore::open(path, clock);
  CHECK(query_file(path, "PRAGMA journal_mode") == "wal");  // persistent, so seen from outside
  CHECK(store->pragma_for_test("synchronous") == "2");      // per connection: FULL
  CHECK(store->pragma_for_test("foreign_keys") == "1");
  CHECK(store->pragma_for_test("busy_timeout") != "0");
}

TEST_CASE("ResponseStore: a submitted response reads back field for field") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  const Response sent = sample_response("6f1c2a9e-0000-4000-8000-000000000001");

  const SubmitResult result = store->submit(sent);
  CHECK(result.ok);
  CHECK(result.error.empty());
  CHECK(store->count_stored() == 1);
  CHECK(store->count_waiting() == 1);
  const auto found = store->find(sent.id);
  REQUIRE(found);
  check_same(*found, sent);
  CHECK_FALSE(store->find("no-such-id"));
}

TEST_CASE("ResponseStore: a duplicate id is refused and the original kept") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  const Response original = sample_response("dup-id");
  REQUIRE(store->submit(original).ok);

  Response impostor = sample_response("dup-id");
  impostor.language = "pl";
  impostor.answers.clear();
  const SubmitResult result = store->submit(impostor);
  CHECK_FALSE(result.ok);
  CHECK(result.error.find("dup-id") != std::string::npos);
  CHECK(store->health() == StoreHealth::Ok);  // one bad request, not a broken store
  CHECK(store->count_stored() == 1);
  check_same(*store->find("dup-id"), original);
}

TEST_CASE("ResponseStore: a reopened store keeps its data") {
  TempDir dir;
  ManualClock clock;
  const std::string path = dir.file("responses.db");
  const Response sent = sample_response("kept-id");
  {
    auto store = ResponseStore::open(path, clock);
    REQUIRE(store->submit(sent).ok);
    REQUIRE(store->put_setting("kiosk_name", "Central Library"));
  }
  auto store = ResponseStore::open(path, clock);
  CHECK(store->health() == StoreHealth::Ok);
  REQUIRE(store->find("kept-id"));
  check_same(*store->find("kept-id"), sent);
  CHECK(store->get_setting("kiosk_name") == "Central Library");
}

TEST_CASE("ResponseStore: a damaged file is moved aside and a fresh one started") {
  TempDir dir;
  ManualClock clock;
  const std::string path = dir.file("responses.db");
  {
    auto store = ResponseStore::open(path, clock);
    for (int i = 0; i < 20; ++i) REQUIRE(store->submit(sample_response("old-" + std::to_string(i))).ok);
  }
  SUBCASE("garbage over the header") { overwrite(path, 0); }
  SUBCASE("garbage over the pages after the header") { overwrite(path, 4096); }
  const auto damaged_size = fs::file_size(path);

  auto store = ResponseStore::open(path, clock);
  CHECK(store->health() == StoreHealth::Recovered);
  const std::string aside = path + ".damaged-" + std::to_string(clock.wall_ms());
  REQUIRE(fs::exists(aside));
  CHECK(fs::file_size(aside) == damaged_size);  // kept whole for salvage
  CHECK(store->health_message().find(aside) != std::string::npos);

  CHECK(store->count_stored() == 0);
  CHECK(store->submit(sample_response("new-id")).ok);
  CHECK(store->find("new-id"));
  const auto events = store->recent_events(10);
  REQUIRE_FALSE(events.empty());
  CHECK(events.front().kind == "recovered");
  CHECK(events.front().message.find(aside) != std::string::npos);
  CHECK(events.front().at_ms == clock.wall_ms());
}

TEST_CASE("ResponseStore: an unusable location makes it Unavailable, without crashing") {
  TempDir dir;
  ManualClock clock;
  std::ofstream(dir.file("file.txt")) << "not a folder";
  // Tests run as root, where chmod cannot stop writes; a file in the way of the folder can.
  auto store = ResponseStore::open(dir.file("file.txt/responses.db"), clock);
  REQUIRE(store);
  CHECK(store->health() == StoreHealth::Unavailable);
  CHECK_FALSE(store->health_message().empty());

  const SubmitResult result = store->submit(sample_response("lost-id"));
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.error.empty());
  CHECK(store->count_stored() == 0);
  CHECK_FALSE(store->find("lost-id"));
  CHECK(store->waiting(10).empty());
  CHECK_FALSE(store->mark_sent({"lost-id"}));
  CHECK_FALSE(store->put_setting("k", "v"));
  CHECK_FALSE(store->get_setting("k"));
  CHECK(store->recent_events(10).empty());
}

TEST_CASE("ResponseStore: a full disk fails the submit cleanly, with no partial row") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  REQUIRE(store->submit(sample_response("before-full")).ok);
  // Cap the file at its current size: the next write needing a new page gets SQLITE_FULL.
  const std::string pages = store->pragma_for_test("page_count");
  REQUIRE(store->pragma_for_test("max_page_count = " + pages) == pages);

  Response big = sample_response("too-big");
  big.answers["q3"].text = std::string(64 * 1024, 'x');
  const SubmitResult result = store->submit(big);
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.error.empty());
  CHECK(store->health() == StoreHealth::Unavailable);
  CHECK(store->health_message().find("full") != std::string::npos);
  CHECK_FALSE(store->find("too-big"));
  CHECK(store->count_stored() == 1);
  CHECK(store->find("before-full"));
}

TEST_CASE("ResponseStore: upload queue — waiting, mark_sent and purge") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  // Timestamps run backwards (a clock fix): the queue still follows the order of saving.
  long long stamp = 1'700'000'900'000;
  for (const char* id : {"first", "second", "third"})
    REQUIRE(store->submit(sample_response(id, stamp -= 1000)).ok);

  auto batch = store->waiting(2);
  REQUIRE(batch.size() == 2);
  CHECK(batch[0].id == "first");
  CHECK(batch[1].id == "second");

  clock.advance_ms(1000);
  const int64_t sent_at = clock.wall_ms();
  CHECK(store->mark_sent({"first", "second", "unknown-id"}));
  CHECK(store->count_waiting() == 1);
  CHECK(store->count_stored() == 3);  // kept until purged
  CHECK(query_file(store->path(), "SELECT sent_at_ms FROM responses WHERE id = 'first'") ==
        std::to_string(sent_at));
  batch = store->waiting(10);
  REQUIRE(batch.size() == 1);
  CHECK(batch[0].id == "third");

  CHECK(store->purge_sent_older_than(sent_at) == 0);  // strictly older only
  CHECK(store->purge_sent_older_than(sent_at + 1) == 2);
  CHECK(store->count_stored() == 1);
  CHECK(store->find("third"));
}

TEST_CASE("ResponseStore: dead_letter moves a rejected row where staff can see it") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  const Response rejected = sample_response("rejected-id");
  REQUIRE(store->submit(rejected).ok);
  REQUIRE(store->submit(sample_response("fine-id")).ok);

  CHECK(store->dead_letter("rejected-id", "hub said 422: unknown consultation"));
  CHECK(store->count_dead_letters() == 1);
  CHECK_FALSE(store->find("rejected-id"));
  CHECK(store->count_waiting() == 1);

  const std::string json_text =
      query_file(store->path(), "SELECT response_json FROM dead_letters WHERE id = 'rejected-id'");
  const auto kept = response_from_json(nlohmann::json::parse(json_text, nullptr, false));
  REQUIRE(kept);
  check_same(*kept, rejected);
  CHECK(query_file(store->path(), "SELECT reason FROM dead_letters") ==
        "hub said 422: unknown consultation");

  CHECK_FALSE(store->dead_letter("no-such-id", "whatever"));
  CHECK(store->count_dead_letters() == 1);
}

TEST_CASE("ResponseStore: abandoned sessions are kept apart from submitted ones") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  CHECK(store->record_abandoned(sample_response("walked-away")).ok);
  CHECK(store->find("walked-away"));
  CHECK(store->count_stored() == 0);
  CHECK(store->count_waiting() == 0);
  CHECK(store->waiting(10).empty());
}

TEST_CASE("ResponseStore: settings round trip") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  CHECK_FALSE(store->get_setting("missing"));
  CHECK(store->put_setting("language", "bn"));
  CHECK(store->get_setting("language") == "bn");
  CHECK(store->put_setting("language", "ar"));
  CHECK(store->get_setting("language") == "ar");
  CHECK(store->put_setting("empty", ""));
  CHECK(store->get_setting("empty") == "");
}

TEST_CASE("ResponseStore: events come back newest first") {
  TempDir dir;
  ManualClock clock;
  auto store = ResponseStore::open(dir.file("responses.db"), clock);
  store->log_event("opened", "one");
  clock.advance_ms(10);
  store->log_event("upload", "two");
  clock.advance_ms(10);
  store->log_event("upload", "three");

  const auto events = store->recent_events(2);
  REQUIRE(events.size() == 2);
  CHECK(events[0].message == "three");
  CHECK(events[0].at_ms == clock.wall_ms());
  CHECK(events[1].message == "two");
  CHECK(events[1].kind == "upload");
  CHECK(store->recent_events(10).size() == 3);
}

TEST_CASE("ResponseStore: a file from a newer kiosk version is left untouched") {
  TempDir dir;
  ManualClock clock;
  const std::string path = dir.file("responses.db");
  {
    auto store = ResponseStore::open(path, clock);
    REQUIRE(store->submit(sample_response("future-kept")).ok);
    store->pragma_for_test("user_version = 99");
  }
  auto store = ResponseStore::open(path, clock);
  CHECK(store->health() == StoreHealth::Unavailable);
  CHECK(store->health_message().find("newer") != std::string::npos);
  CHECK_FALSE(store->submit(sample_response("not-saved")).ok);
  store.reset();
  CHECK(query_file(path, "PRAGMA user_version") == "99");
  CHECK(query_file(path, "SELECT count(*) FROM responses") == "1");
}
