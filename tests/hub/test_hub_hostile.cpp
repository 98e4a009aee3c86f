// Hostile input: every bad request gets a 4xx with a JSON error, and the hub keeps serving.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include "hub_test_support.h"

using namespace hubtest;

namespace {

bool is_json_error(const HttpResult& r) {
  const json body = r.body_json();
  return body.is_object() && body.contains("error") && body.contains("where");
}

// Sends raw bytes on a fresh TCP connection and reads whatever comes back.
std::string raw_exchange(int port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    (void)!write(fd, bytes.data(), bytes.size());
    shutdown(fd, SHUT_WR);
    timeval timeout{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) reply.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return reply;
}

int port_of(const RunningHub& hub) { return std::stoi(hub.url("").substr(hub.url("").rfind(':') + 1)); }

}  // namespace

TEST_CASE("hostile: an oversized body gets 413, and the next good request still works") {
  RunningHub hub;
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  const std::string huge = "{\"responses\":[\"" + std::string(9 * 1024 * 1024, 'x') + "\"]}";
  const auto big = hub.upload(token, huge);
  CHECK(big.status == 413);
  CHECK(is_json_error(big));
  const auto good = hub.upload(token, batch_of({good_response(kiosk_id)}));
  CHECK(good.status == 200);
  CHECK(statuses(good) == std::vector<std::string>{"accepted"});

  SUBCASE("too many responses in one batch: 413, nothing stored") {
    std::vector<kiosk::Response> many;
    for (int i = 0; i < 1001; ++i) many.push_back(good_response(kiosk_id));
    const auto r = hub.upload(token, batch_of(many));
    CHECK(r.status == 413);
    CHECK(r.body_json()["where"] == "responses");
    CHECK(hub.store().count_responses() == 1);
  }
}

TEST_CASE("hostile: malformed and deeply nested JSON, wrong types -> 400 with where") {
  RunningHub hub;
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "body"},
      {"   ", "body"},
      {"{\"responses\": [", "body, byte"},
      {"{\"responses\": [1,]}", "body, byte"},
      {"\xff\xfe{}", "body, byte"},
      {"{\"responses\": [\"\xc3\x28\"]}", "body, byte"},  // invalid UTF-8 inside a string
      {std::string(100000, '[') + std::string(100000, ']'), "body"},
      {"{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}", "body"},
      {"[]", "body"},
      {"{}", "responses"},
      {"{\"responses\": {}}", "responses"},
      {"{\"responses\": null}", "responses"},
      {"12345678901234567890123456789012345678901234567890", "body"},
  };
  for (const auto& [body, where] : cases) {
    CAPTURE(body.substr(0, 60));
    const auto r = hub.upload(token, body);
    CHECK(r.status == 400);
    REQUIRE(is_json_error(r));
    CHECK(r.body_json()["where"].get<std::string>().starts_with(where));
  }
  // Still serving.
  CHECK(statuses(hub.upload(token, batch_of({good_response(kiosk_id)}))) == std::vector<std::string>{"accepted"});
}

TEST_CASE("hostile: a body that is not sent as JSON gets 415, whatever its size") {
  RunningHub hub;
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  for (const std::string type : {"Content-Type: application/x-www-form-urlencoded", "Content-Type: text/plain"}) {
    const auto r = http("POST", hub.url("/api/v1/heartbeat"), std::string(20000, ' ') + "{}", token, {type});
    CHECK(r.status == 415);
    CHECK(is_json_error(r));
  }
  CHECK(http("POST", hub.url("/api/v1/heartbeat"), "{}", token, {"Content-Type: application/json; charset=utf-8"})
            .status == 200);
}

TEST_CASE("hostile: random bytes and broken HTTP never take the hub down") {
  kiosk::hub::HubOptions options;
  options.kiosk_burst = 1000;
  options.kiosk_rate = 1000;
  RunningHub hub(options);
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [kiosk_id, token] = hub.enrol("kiosk-a");
  std::mt19937 random(1234);
  const std::string valid = batch_of({good_response(kiosk_id), good_response(kiosk_id)});
  for (int i = 0; i < 200; ++i) {
    std::string body = valid;
    // Flip, drop or insert a few bytes of a valid batch: mostly broken JSON, sometimes a wrong value.
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = random() % body.size();
      switch (random() % 3) {
        case 0: body[at] = static_cast<char>(random() % 256); break;
        case 1: body.erase(at, 1 + random() % 8); break;
        default: body.insert(at, 1, "{}[]\",:0\\"[random() % 9]); break;
      }
    }
    const auto r = hub.upload(token, body);
    CAPTURE(body);
    CHECK((r.status == 200 || r.status == 400));
    if (r.status == 400) CHECK(is_json_error(r));
  }
  // Broken HTTP on raw sockets.
  const int port = port_of(hub);
  raw_exchange(port, "garbage\r\n\r\n");
  raw_exchange(port, "POST /api/v1/responses HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n");
  raw_exchange(port, "POST /api/v1/responses HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort");
  raw_exchange(port, "GET /" + std::string(100000, 'a') + " HTTP/1.1\r\n\r\n");
  raw_exchange(port, "");
  const auto unknown = hub.get("/api/v1/nowhere", token);
  CHECK(unknown.status == 404);
  CHECK(is_json_error(unknown));
  CHECK(hub.upload(token, batch_of({good_response(kiosk_id)})).status == 200);
}

TEST_CASE("hostile: too many requests from one token -> 429 with Retry-After, others unaffected") {
  kiosk::hub::HubOptions options;
  options.kiosk_rate = 1;
  options.kiosk_burst = 5;
  RunningHub hub(options);
  REQUIRE(hub.publish(every_type_json()).status == 201);
  const auto [a_id, a_token] = hub.enrol("kiosk-a");
  const auto [b_id, b_token] = hub.enrol("kiosk-b");
  int ok = 0;
  HttpResult limited;
  for (int i = 0; i < 10; ++i) {
    const auto r = hub.post("/api/v1/heartbeat", "{}", a_token);
    if (r.status == 200) ++ok;
    if (r.status == 429) limited = r;
  }
  CHECK(ok >= 5);
  CHECK(ok <= 6);  // a request may have refilled during the loop
  REQUIRE(limited.status == 429);
  CHECK(std::stoi(limited.header("retry-after")) >= 1);
  CHECK(is_json_error(limited));
  CHECK(hub.post("/api/v1/heartbeat", "{}", b_token).status == 200);

  SUBCASE("requests with bad tokens are limited per address too") {
    int refused = 0, limited_bad = 0;
    for (int i = 0; i < 30; ++i) {
      const auto r = hub.post("/api/v1/heartbeat", "{}", std::string(64, 'f'));
      refused += r.status == 401;
      limited_bad += r.status == 429;
    }
    CHECK(refused == 20);
    CHECK(limited_bad == 10);
  }
}
