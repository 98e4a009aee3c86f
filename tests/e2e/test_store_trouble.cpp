// When storage fails the kiosk says so, never pretends to take answers, and never crash-loops.
#include <fstream>
#include "core/uuid.h"
#include "e2e_fixture.h"

using namespace kiosk;
using namespace kiosk::testing;

TEST_CASE("e2e: a kiosk that cannot store answers says sorry instead of taking them") {
  TempDir dir;
  ManualClock clock;
  KioskConfig config = test_config(dir);
  { std::ofstream(dir.file("blocker")) << "a file where a folder should be"; }
  config.database_path = dir.file("blocker/responses.db");
  HeadlessKiosk kiosk(config, clock);
  REQUIRE_MESSAGE(kiosk.ok(), kiosk.error());
  CHECK(kiosk.flow().screen() == Screen::Unavailable);
  CHECK_FALSE(kiosk.has("start"));
}

TEST_CASE("e2e: a damaged database is moved aside and the kiosk carries on") {
  TempDir dir;
  ManualClock clock;
  KioskConfig config = test_config(dir);
  { std::ofstream(config.database_path, std::ios::binary) << std::string(8192, '\x5a'); }
  HeadlessKiosk kiosk(config, clock);
  REQUIRE_MESSAGE(kiosk.ok(), kiosk.error());
  CHECK(kiosk.app().store().health() == StoreHealth::Recovered);
  bool moved_aside = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    moved_aside = moved_aside || entry.path().filename().string().find("damaged") != std::string::npos;
  CHECK(moved_aside);
  ScriptedResident resident(kiosk);
  REQUIRE_MESSAGE(resident.complete_session(), resident.error());
  CHECK(kiosk.app().store().count_stored() == 1);
}

TEST_CASE("e2e: a full disk at submit shows sorry and stores no partial answer") {
  KioskFixture f;
  f.start_session();
  for (int i = 0; i < 40 && f.kiosk.flow().screen() == Screen::Question; ++i) {
    const Question* q = f.kiosk.flow().current_question();
    if (q->type == QuestionType::Scale) REQUIRE(f.kiosk.tap("scale:" + q->id + ":5"));
    f.next_past_current();
  }
  REQUIRE(f.kiosk.flow().screen() == Screen::Review);
  // The disk fills while the resident checks their answers: cap the file at its size and
  // use up its free pages, so the next write fails as it would on a full disk.
  ResponseStore& store = f.kiosk.app().store();
  store.pragma_for_test("max_page_count = " + store.pragma_for_test("page_count"));
  for (size_t size : {2000u, 400u, 80u, 10u, 0u}) {
    for (int i = 0; i < 5000; ++i) {
      Response filler{random_uuid(), "filler", 1, "filler", "en", 0, 0, {}};
      if (size > 0) filler.answers["x"].text = std::string(size, 'x');
      if (!store.submit(filler).ok) break;
    }
  }
  REQUIRE(f.kiosk.tap("next"));  // Send my answers
  CHECK(f.kiosk.flow().screen() == Screen::Unavailable);
  CHECK(f.kiosk.flow().answers().empty());
  SqliteReader db(f.config.database_path);
  CHECK(db.scalar("SELECT COUNT(*) FROM responses WHERE kiosk_id <> 'filler'") == "0");
}
