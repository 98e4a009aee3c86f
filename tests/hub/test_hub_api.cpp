// The hub's API through a real HTTP client: enrol, publish, upload, idempotency, auth, export.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <filesystem>
#include "hub_test_support.h"
#include "support/sqlite_reader.h"

using namespace hubtest;

TEST_CASE("hub: first start writes an admin token file readable by its owner only") {
  RunningHub hub;
  struct stat info {};
  REQUIRE(stat((hub.dir() + "/admin-token").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(hub.admin_token().size() == 64);
  // Only a hash is kept in the database.
  kiosk::testing::SqliteReader db(hub.dir() + "/hub.db");
  CHECK(db.scalar("SELECT count(*) FROM settings WHERE value LIKE '%" + hub.admin_token() + "%'") == "0");
  CHECK(db.scalar("PRAGMA journal_mode") == "wal");
  CHECK(db.scalar("PRAGMA user_version") == std::to_string(kiosk::hub::HubStore::kSchemaVersion));
  CHECK(hub.get("/api/v1/health", "").status == 200);
}

TEST_CASE("hub: enrol, upload a batch, retry it, and export") {
  RunningHub hub;
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [kiosk_id, token] = hub.enrol("kiosk-corby");
  CHECK(kiosk::hub::looks_like_token(token));
  {
    kiosk::testing::SqliteReader db(hub.dir() + "/hub.db");
    CHECK(db.scalar("SELECT count(*) FROM kiosks WHERE token_hash = '" + token + "'") == "0");
  }

  std::vector<kiosk::Response> responses;
  for (int i = 0; i < 5; ++i) responses.push_back(good_response(kiosk_id));
  const std::string body = batch_of(responses);
  const auto first = hub.upload(token, body);
  REQUIRE(first.status == 200);
  CHECK(statuses(first) == std::vector<std::string>(5, "accepted"));
  CHECK(first.body_json()["results"][2]["id"] == responses[2].id);

  SUBCASE("a retried batch is acknowledged as duplicate and stored once") {
    const auto again = hub.upload(token, body);
    REQUIRE(again.status == 200);
    CHECK(statuses(again) == std::vector<std::string>(5, "duplicate"));
    CHECK(hub.store().count_responses() == 5);
    // The same content with keys in another order and spaces is still the same response.
    json reordered = json::parse(body);
    const std::string pretty = reordered.dump(4);
    CHECK(statuses(hub.upload(token, pretty)) == std::vector<std::string>(5, "duplicate"));
  }

  SUBCASE("same id, different content: rejected as a conflict, logged, never overwritten") {
    kiosk::Response changed = responses[1];
    changed.answers["rating"].number = 1;
    const auto r = hub.upload(token, batch_of({changed, good_response(kiosk_id)}));
    REQUIRE(r.status == 200);
    CHECK(statuses(r) == std::vector<std::string>{"rejected:conflict", "accepted"});
    kiosk::testing::SqliteReader db(hub.dir() + "/hub.db");
    CHECK(db.scalar("SELECT count(*) FROM conflicts WHERE response_id = '" + changed.id + "'") == "1");
    CHECK(db.scalar("SELECT json_extract(response_json, '$.answers.rating.number') FROM responses "
                    "WHERE id = '" + changed.id + "'") == "5");
    const auto conflicts = hub.get("/api/v1/admin/conflicts", hub.admin_token()).body_json();
    CHECK(conflicts["conflicts"][0]["id"] == changed.id);
  }

  SUBCASE("a repeat inside one batch is a duplicate of the first") {
    const kiosk::Response fresh = good_response(kiosk_id);
    CHECK(statuses(hub.upload(token, batch_of({fresh, fresh}))) ==
          std::vector<std::string>{"accepted", "duplicate"});
  }

  SUBCASE("export returns the wire form, paged") {
    const auto page1 = hub.get("/api/v1/admin/responses?consultation=every-type&limit=3", hub.admin_token());
    REQUIRE(page1.status == 200);
    const json one = page1.body_json();
    CHECK(one["count"] == 3);
    CHECK(one["more"] == true);
    const auto exported = kiosk::response_from_json(one["responses"][0]);
    REQUIRE(exported);
    CHECK(exported->id == responses[0].id);
    CHECK(exported->answers == responses[0].answers);
    const auto page2 = hub.get("/api/v1/admin/responses?consultation=every-type&limit=3&after=" +
                                   std::to_string(one["next_after"].get<int64_t>()),
                               hub.admin_token());
    const json two = page2.body_json();
    CHECK(two["count"] == 2);
    CHECK(two["more"] == false);
    CHECK(two["responses"][1]["id"] == responses[4].id);
    CHECK(hub.get("/api/v1/admin/responses", hub.admin_token()).status == 400);
    CHECK(hub.get("/api/v1/admin/responses?consultation=every-type&limit=x", hub.admin_token()).status == 400);
  }
}

TEST_CASE("hub: responses that do not fit are rejected one by one, the rest are stored") {
  RunningHub hub;
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  std::vector<json> list;
  list.push_back(kiosk::response_to_json(good_response(kiosk_id)));                  // 0 fine
  json other_kiosk = kiosk::response_to_json(good_response("kiosk-b"));              // 1 wrong kiosk
  list.push_back(other_kiosk);
  list.push_back(kiosk::response_to_json(good_response(kiosk_id, 99)));              // 2 unknown version
  json unknown_consultation = kiosk::response_to_json(good_response(kiosk_id));
  unknown_consultation["consultation_id"] = "nothing-here";
  list.push_back(unknown_consultation);                                              // 3
  json bad_option = kiosk::response_to_json(good_response(kiosk_id));
  bad_option["answers"]["single"]["choices"] = {"zzz"};
  list.push_back(bad_option);                                                        // 4
  json out_of_range = kiosk::response_to_json(good_response(kiosk_id));
  out_of_range["answers"]["scale"]["number"] = 42;
  list.push_back(out_of_range);                                                      // 5
  json too_long = kiosk::response_to_json(good_response(kiosk_id));
  too_long["answers"]["text"]["text"] = std::string(101, 'a');
  list.push_back(too_long);                                                          // 6
  json unknown_question = kiosk::response_to_json(good_response(kiosk_id));
  unknown_question["answers"]["q_unknown"] = {{"number", 1}};
  list.push_back(unknown_question);                                                  // 7
  list.push_back("not a response");                                                  // 8
  json wrong_type = kiosk::response_to_json(good_response(kiosk_id));
  wrong_type["started_at_ms"] = "yesterday";
  list.push_back(wrong_type);                                                        // 9
  list.push_back(kiosk::response_to_json(good_response(kiosk_id)));                  // 10 fine

  const auto r = hub.upload(token, batch(list));
  REQUIRE(r.status == 200);
  CHECK(statuses(r) == std::vector<std::string>{
                           "accepted", "rejected:wrong_kiosk", "rejected:unknown_consultation",
                           "rejected:unknown_consultation", "rejected:does_not_fit", "rejected:does_not_fit",
                           "rejected:does_not_fit", "rejected:does_not_fit", "rejected:malformed",
                           "rejected:malformed", "accepted"});
  const json results = r.body_json()["results"];
  CHECK(results[4]["where"] == "answers.single.choices[0]");
  CHECK(results[6]["where"] == "answers.text.text");
  CHECK(results[8]["id"].is_null());
  CHECK(results[9]["where"] == "started_at_ms");
  CHECK(r.body_json()["accepted"] == 2);
  CHECK(r.body_json()["rejected"] == 9);
  CHECK(hub.store().count_responses() == 2);
}

TEST_CASE("hub: who may do what") {
  RunningHub hub;
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [a_id, a_token] = hub.enrol("kiosk-a");
  const auto [b_id, b_token] = hub.enrol("kiosk-b");
  const std::string a_batch = batch_of({good_response(a_id)});

  SUBCASE("no token, a malformed header, an unknown token: 401") {
    const auto none = hub.upload("", a_batch);
    CHECK(none.status == 401);
    CHECK(none.header("www-authenticate") == "Bearer");
    CHECK(none.body_json()["where"] == "Authorization");
    CHECK(http("POST", hub.url("/api/v1/responses"), a_batch, "", {"Authorization: Basic abc"}).status == 401);
    CHECK(hub.upload(std::string(64, 'a'), a_batch).status == 401);
    CHECK(hub.get("/api/v1/admin/kiosks", "").status == 401);
    CHECK(hub.get("/api/v1/admin/kiosks", std::string(64, '0')).status == 401);
  }
  SUBCASE("another kiosk's token cannot upload this kiosk's responses") {
    const auto r = hub.upload(b_token, a_batch);
    REQUIRE(r.status == 200);
    CHECK(statuses(r) == std::vector<std::string>{"rejected:wrong_kiosk"});
    CHECK(hub.store().count_responses() == 0);
  }
  SUBCASE("a kiosk token on staff endpoints: 403") {
    CHECK(hub.get("/api/v1/admin/responses?consultation=every-type", a_token).status == 403);
    CHECK(hub.get("/api/v1/admin/kiosks", a_token).status == 403);
    CHECK(hub.post("/api/v1/admin/consultations", every_type_json(4), a_token).status == 403);
    CHECK(hub.post("/api/v1/admin/kiosks", R"({"consultation":"every-type"})", a_token).status == 403);
    CHECK(http("DELETE", hub.url("/api/v1/admin/kiosks/kiosk-b"), "", a_token).status == 403);
    CHECK(hub.store().list_consultations().size() == 1);
  }
  SUBCASE("the admin token is not a kiosk") {
    CHECK(hub.upload(hub.admin_token(), a_batch).status == 403);
    CHECK(hub.get("/api/v1/consultation", hub.admin_token()).status == 403);
  }
  SUBCASE("revoking takes effect on the next request; a new token restores the kiosk") {
    REQUIRE(hub.upload(a_token, a_batch).status == 200);
    const auto revoked = http("DELETE", hub.url("/api/v1/admin/kiosks/kiosk-a"), "", hub.admin_token());
    REQUIRE(revoked.status == 200);
    CHECK(revoked.body_json()["revoked"] == true);
    const auto refused = hub.upload(a_token, a_batch);
    CHECK(refused.status == 401);
    CHECK(refused.body_json()["error"].get<std::string>().find("revoked") != std::string::npos);
    CHECK(hub.get("/api/v1/consultation", a_token).status == 401);
    CHECK(hub.upload(b_token, batch_of({good_response(b_id)})).status == 200);  // others unaffected

    const json list = hub.get("/api/v1/admin/kiosks", hub.admin_token()).body_json();
    REQUIRE(list["kiosks"].size() == 2);
    CHECK(list["kiosks"][0]["id"] == "kiosk-a");
    CHECK(list["kiosks"][0]["revoked"] == true);
    CHECK(list["kiosks"][0]["responses_received"] == 1);
    CHECK(list["kiosks"][1]["revoked"] == false);
    CHECK(list["kiosks"][1]["last_seen_ms"].is_number());

    const auto reissued = hub.post("/api/v1/admin/kiosks/kiosk-a/token", "", hub.admin_token());
    REQUIRE(reissued.status == 200);
    const std::string new_token = reissued.body_json()["token"];
    CHECK(hub.upload(a_token, a_batch).status == 401);
    CHECK(statuses(hub.upload(new_token, a_batch)) == std::vector<std::string>{"duplicate"});
    CHECK(hub.post("/api/v1/admin/kiosks/nobody/revoke", "", hub.admin_token()).status == 404);
  }
  SUBCASE("enrolling the same id twice is refused") {
    CHECK(hub.post("/api/v1/admin/kiosks", R"({"id":"kiosk-a","consultation":"every-type"})", hub.admin_token())
              .status == 409);
    const auto generated = hub.post("/api/v1/admin/kiosks", R"({"consultation":"every-type"})", hub.admin_token());
    CHECK(generated.status == 201);
    CHECK(generated.body_json()["id"].get<std::string>().starts_with("kiosk-"));
  }
}

TEST_CASE("hub: publishing consultations, and kiosks fetching theirs with ETag") {
  RunningHub hub;
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  CHECK(hub.get("/api/v1/consultation", token).status == 404);  // nothing published yet

  SUBCASE("an invalid consultation is refused with every problem") {
    const auto r = hub.publish(read_file(std::string(KIOSK_TEST_DATA) + "/consultations/several-problems.json"));
    CHECK(r.status == 422);
    const json body = r.body_json();
    CHECK(body["problems"].size() > 1);
    CHECK(body["problems"][0].contains("where"));
    CHECK(body["problems"][0].contains("message"));
    CHECK(hub.publish("{ not json").status == 422);
    CHECK(hub.store().list_consultations().empty());
  }

  REQUIRE(hub.publish(every_type_json(3)).status == 201);
  const auto first = hub.get("/api/v1/consultation", token);
  REQUIRE(first.status == 200);
  CHECK(first.body == every_type_json(3));  // the bytes as published
  const std::string etag = first.header("etag");
  REQUIRE(!etag.empty());
  CHECK(hub.get("/api/v1/consultation", token, {"If-None-Match: " + etag}).status == 304);
  CHECK(hub.get("/api/v1/consultation", token, {"If-None-Match: W/" + etag}).status == 304);
  CHECK(hub.get("/api/v1/consultation", token, {"If-None-Match: \"other\""}).status == 200);

  SUBCASE("versions must increase; republishing the same bytes is harmless") {
    CHECK(hub.publish(every_type_json(3)).status == 200);
    const auto older = hub.publish(every_type_json(2));
    CHECK(older.status == 409);
    CHECK(older.body_json()["where"] == "version");
    json same_version = json::parse(every_type_json(3));
    same_version["title"]["en"] = "Changed";
    CHECK(hub.publish(same_version.dump()).status == 409);
  }

  SUBCASE("a new version changes the ETag; kiosks get the latest; old versions still accept answers") {
    REQUIRE(hub.publish(every_type_json(4)).status == 201);
    const auto second = hub.get("/api/v1/consultation", token, {"If-None-Match: " + etag});
    REQUIRE(second.status == 200);
    CHECK(second.header("etag") != etag);
    CHECK(second.header("x-consultation-version") == "4");
    CHECK(statuses(hub.upload(token, batch_of({good_response(kiosk_id, 3), good_response(kiosk_id, 4)}))) ==
          std::vector<std::string>{"accepted", "accepted"});
    const json list = hub.get("/api/v1/admin/consultations", hub.admin_token()).body_json();
    CHECK(list["consultations"].size() == 2);
    CHECK(hub.get("/api/v1/admin/consultations/every-type?version=3", hub.admin_token()).body == every_type_json(3));
  }

  SUBCASE("heartbeat: recorded, visible to staff, says which version is current") {
    const auto hb = hub.post("/api/v1/heartbeat",
                             R"({"app_version":"0.1.0","consultation_id":"every-type","consultation_version":3,
                                 "waiting":12,"free_disk_bytes":123456789,"last_error":""})",
                             token);
    REQUIRE(hb.status == 200);
    CHECK(hb.body_json()["consultation"]["version"] == 3);
    const json kiosks = hub.get("/api/v1/admin/kiosks", hub.admin_token()).body_json();
    CHECK(kiosks["kiosks"][0]["waiting"] == 12);
    CHECK(kiosks["kiosks"][0]["heartbeat"]["free_disk_bytes"] == 123456789);
    CHECK(hub.post("/api/v1/heartbeat", R"({"waiting":-1})", token).status == 400);
    CHECK(hub.post("/api/v1/heartbeat", R"({"app_version":7})", token).status == 400);
    CHECK(hub.post("/api/v1/heartbeat", R"([1,2])", token).status == 400);
  }
}

TEST_CASE("hub: admin token setup — generated once, or taken from a file; only its hash kept") {
  kiosk::testing::TempDir dir;
  std::string error;
  auto store = kiosk::hub::HubStore::open(dir.file("hub.db"), error);
  REQUIRE(store);
  const std::string default_file = dir.file("admin-token");
  const auto first = kiosk::hub::setup_admin_token(*store, "", default_file);
  REQUIRE(first.ok);
  std::string token = read_file(default_file);
  token.pop_back();  // the newline
  CHECK(kiosk::hub::is_admin_token(*store, token));
  CHECK_FALSE(kiosk::hub::is_admin_token(*store, token + "x"));
  // Staff took the file away: the hash in hub.db still works, nothing new is generated.
  std::filesystem::remove(default_file);
  CHECK(kiosk::hub::setup_admin_token(*store, "", default_file).ok);
  CHECK_FALSE(std::filesystem::exists(default_file));
  CHECK(kiosk::hub::is_admin_token(*store, token));
  // A named file replaces it; a short or missing one is an error.
  const std::string named = dir.file("named-token");
  std::ofstream(named) << "  a-long-enough-admin-token-of-40-characters!  \n";
  CHECK(kiosk::hub::setup_admin_token(*store, named, default_file).ok);
  CHECK(kiosk::hub::is_admin_token(*store, "a-long-enough-admin-token-of-40-characters!"));
  CHECK_FALSE(kiosk::hub::is_admin_token(*store, token));
  std::ofstream(named) << "short";
  CHECK_FALSE(kiosk::hub::setup_admin_token(*store, named, default_file).ok);
  CHECK_FALSE(kiosk::hub::setup_admin_token(*store, dir.file("absent"), default_file).ok);
}

TEST_CASE("hub: reassigning a kiosk changes the consultation it fetches") {
  RunningHub hub;
  REQUIRE(hub.publish(every_type_json()).status == 201);
  REQUIRE(hub.publish(read_file(std::string(KIOSK_TEST_DATA) + "/consultations/minimal.json")).status == 201);
  const std::string minimal_id = json::parse(read_file(std::string(KIOSK_TEST_DATA) + "/consultations/minimal.json"))["id"];
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  CHECK(hub.get("/api/v1/consultation", token).header("x-consultation-id") == "every-type");
  CHECK(hub.post("/api/v1/admin/kiosks/kiosk-a/consultation", json{{"consultation", minimal_id}}.dump(),
                 hub.admin_token()).status == 200);
  CHECK(hub.get("/api/v1/consultation", token).header("x-consultation-id") == minimal_id);
  CHECK(hub.post("/api/v1/admin/kiosks/kiosk-a/consultation", R"({"consultation":"Bad Id"})", hub.admin_token())
            .status == 400);
  CHECK(hub.post("/api/v1/admin/kiosks/nobody/consultation", R"({"consultation":"x"})", hub.admin_token())
            .status == 404);
  CHECK(hub.get("/api/v1/admin/consultations/nothing", hub.admin_token()).status == 404);
}
