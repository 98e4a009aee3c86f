// The hub process is killed with SIGKILL while kiosks upload many batches, then restarted:
// the database must pass integrity_check and hold every acknowledged response exactly once.
// Unacknowledged batches sent again are accepted or duplicate, never a conflict.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include "hub_test_support.h"
#include "support/sqlite_reader.h"

using namespace hubtest;

namespace {

struct HubProcess {
  pid_t pid = -1;
  std::string base_url;
};

// Starts kiosk-hub on a free port and reads the "listening on" line to learn it.
HubProcess start_hub(const std::string& data_dir, const std::string& token_file) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDERR_FILENO);
    close(out[0]);
    execl(KIOSK_HUB_BINARY, KIOSK_HUB_BINARY, "--data", data_dir.c_str(), "--listen", "127.0.0.1:0",
          "--admin-token-file", token_file.c_str(), "--kiosk-rate", "100000", "--kiosk-burst", "100000",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  const auto at = line.find("http://");
  REQUIRE_MESSAGE(at != std::string::npos, "kiosk-hub did not start: " << line);
  return {pid, line.substr(at)};
}

void kill_hub(HubProcess& hub) {
  kill(hub.pid, SIGKILL);
  waitpid(hub.pid, nullptr, 0);
  hub.pid = -1;
}

}  // namespace

TEST_CASE("crash: SIGKILL during ingest loses no acknowledged response and stores none twice") {
  kiosk::testing::TempDir dir;
  const std::string data = dir.file("data");
  const std::string token_file = dir.file("admin.token");
  const std::string admin_token = kiosk::hub::new_token();
  {
    const int fd = open(token_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, admin_token.data(), admin_token.size()) == static_cast<ssize_t>(admin_token.size()));
    close(fd);
  }
  HubProcess hub = start_hub(data, token_file);
  const auto admin_post = [&](const std::string& path, const std::string& body) {
    return http("POST", hub.base_url + path, body, admin_token);
  };
  REQUIRE(admin_post("/api/v1/admin/consultations", every_type_json()).status == 201);
  const json enrolled = admin_post("/api/v1/admin/kiosks", R"({"id":"kiosk-soak","consultation":"every-type"})").body_json();
  const std::string kiosk_id = enrolled["id"];
  const std::string token = enrolled["token"];

  std::set<std::string> acknowledged;
  std::vector<std::string> unacknowledged_batches;
  std::mutex mutex;
  std::mt19937 random(42);
  constexpr int kRounds = 4;
  int batches_during_kills = 0;
  int refused = 0;

  for (int round = 0; round < kRounds; ++round) {
    std::atomic<bool> hub_gone{false};
    std::atomic<int> batches{0};
    std::vector<std::thread> kiosks;
    for (int t = 0; t < 4; ++t) {
      kiosks.emplace_back([&, url = hub.base_url] {
        while (!hub_gone) {
          std::vector<kiosk::Response> responses;
          for (int i = 0; i < 50; ++i) responses.push_back(good_response(kiosk_id));
          const std::string body = batch_of(responses);
          const auto r = http("POST", url + "/api/v1/responses", body, token);
          std::lock_guard lock(mutex);
          if (r.status != 200) {  // the hub died mid-request: the kiosk keeps this batch
            unacknowledged_batches.push_back(body);
            hub_gone = true;
            return;
          }
          ++batches;
          const json reply = r.body_json();
          for (const auto& result : reply["results"]) {
            const std::string status = result["status"];
            if (status != "accepted" && status != "duplicate") ++refused;  // checked below: no asserts off the main thread
            acknowledged.insert(result["id"].get<std::string>());
          }
        }
      });
    }
    // Kill once ingest is well under way (however fast this machine or build is), at a random moment.
    for (int waited = 0; batches < 5 && waited < 2000; ++waited)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
    kill_hub(hub);
    hub_gone = true;
    for (auto& k : kiosks) k.join();
    batches_during_kills += batches;

    hub = start_hub(data, token_file);
    kiosk::testing::SqliteReader db(data + "/hub.db");
    REQUIRE(db.ok());
    CHECK(db.scalar("PRAGMA integrity_check") == "ok");
    std::set<std::string> stored;
    for (const auto& row : db.rows("SELECT id FROM responses")) stored.insert(row[0]);
    CHECK(db.scalar("SELECT count(*) FROM responses") == std::to_string(stored.size()));
    std::size_t missing = 0;
    for (const auto& id : acknowledged) missing += !stored.contains(id);
    CHECK(missing == 0);
    CHECK(db.scalar("SELECT count(*) FROM conflicts") == "0");
  }
  CHECK(refused == 0);
  CHECK(acknowledged.size() >= 50 * 5 * kRounds);
  CHECK(batches_during_kills >= 5 * kRounds);  // the kills really landed during ingest
  MESSAGE("acknowledged before kills: " << acknowledged.size() << " responses in " << batches_during_kills
                                        << " batches");

  // The kiosks send what was never acknowledged again: accepted or duplicate, nothing refused.
  for (const auto& body : unacknowledged_batches) {
    const auto r = http("POST", hub.base_url + "/api/v1/responses", body, token);
    REQUIRE(r.status == 200);
    for (const auto& s : statuses(r)) CHECK((s == "accepted" || s == "duplicate"));
  }
  kill(hub.pid, SIGTERM);
  int status = 0;
  waitpid(hub.pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);  // SIGTERM stops it cleanly
}
