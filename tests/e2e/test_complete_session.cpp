// A resident completes the bundled consultation by touch; the SQLite file holds every answer.
#include "e2e_fixture.h"
#include "core/consultation_loader.h"
#include "core/uuid.h"

using namespace kiosk;
using namespace kiosk::testing;

TEST_CASE("e2e: the bundled consultation validates") {
  LoadResult loaded = load_consultation_file(default_config().consultation_path);
  for (const auto& p : loaded.problems) INFO(p.to_string());
  CHECK(loaded.ok());
}

TEST_CASE("e2e: a resident completes the bundled consultation by touch and every answer is stored") {
  KioskFixture f;
  for (int variant = 0; variant < 3; ++variant) {
    CAPTURE(variant);
    ScriptedResident resident(f.kiosk, variant);
    const int64_t started = f.clock.wall_ms();
    REQUIRE_MESSAGE(resident.complete_session(), resident.error());
    CHECK(f.kiosk.flow().screen() == Screen::ThankYou);
    const std::string id = f.kiosk.flow().last_submitted_id();
    CHECK(looks_like_uuid(id));

    // Read the file as an outsider: one row with every answer the resident gave.
    SqliteReader db(f.config.database_path);
    REQUIRE(db.ok());
    auto rows = db.rows("SELECT consultation_id, consultation_version, kiosk_id, language, started_at_ms, "
                        "submitted_at_ms, answers_json, status FROM responses WHERE id = '" + id + "'");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "residents-conversation");
    CHECK(std::stoi(rows[0][1]) == f.kiosk.flow().consultation().version);
    CHECK(rows[0][2] == "kiosk-test");
    CHECK(rows[0][3] == "en");
    CHECK(std::stoll(rows[0][4]) >= started);
    CHECK(std::stoll(rows[0][5]) >= std::stoll(rows[0][4]));
    CHECK(rows[0][7] == "waiting");
    auto stored = answers_from_json(nlohmann::json::parse(rows[0][6]));
    REQUIRE(stored.has_value());
    CHECK(stored->size() == resident.expected().size());
    for (const auto& [question_id, expected] : resident.expected()) {
      CAPTURE(question_id);
      REQUIRE(stored->count(question_id) == 1);
      CHECK(stored->at(question_id) == expected);
    }
    CHECK(db.scalar("SELECT COUNT(*) FROM responses") == std::to_string(variant + 1));

    // The thank-you screen returns to attract, empty, for the next person.
    REQUIRE(f.kiosk.tap("finish"));
    CHECK(f.kiosk.flow().screen() == Screen::Attract);
    CHECK(f.kiosk.flow().answers().empty());
  }
}

TEST_CASE("e2e: every answer the resident gave survives Back and Change on the review screen") {
  KioskFixture f;
  f.start_session();
  const Question* rating = f.skip_to(QuestionType::Rating);
  REQUIRE(rating);
  REQUIRE(f.kiosk.tap("rating:" + rating->id + ":2"));
  REQUIRE(f.kiosk.tap("back"));
  REQUIRE(f.kiosk.tap("next"));
  CHECK(f.kiosk.flow().answer_for(rating->id)->number == 2);
  f.walk_to_review();
  REQUIRE(f.kiosk.tap("change:" + rating->id));
  REQUIRE(f.kiosk.tap("rating:" + rating->id + ":5"));
  REQUIRE(f.kiosk.tap("next"));
  CHECK(f.kiosk.flow().screen() == Screen::Review);
  REQUIRE(f.kiosk.tap("next"));
  REQUIRE(f.kiosk.flow().screen() == Screen::ThankYou);
  SqliteReader db(f.config.database_path);
  auto stored = answers_from_json(nlohmann::json::parse(db.scalar("SELECT answers_json FROM responses")));
  REQUIRE(stored.has_value());
  CHECK(stored->at(rating->id).number == 5);
}
