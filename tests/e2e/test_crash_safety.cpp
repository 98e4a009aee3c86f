// Power cuts, simulated: the kiosk process is killed with SIGKILL at random moments while it
// submits responses. Every response whose submit had returned must be in the file, once, and
// the file must pass SQLite's integrity check.
#include <csignal>
#include <random>
#include <set>
#include <sstream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include "e2e_fixture.h"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

// Runs the soak process and kills it: at `kill_after_ms` from the start when `after_ready`
// is false (catching start-up and the database opening), else that long after it printed
// "ready" (catching sessions and commits, however slow the machine is today).
std::string run_and_kill(const std::string& database, int kill_after_ms, bool after_ready) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(KIOSK_SOAK_BINARY, KIOSK_SOAK_BINARY, database.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string printed;
  char buffer[4096];
  if (after_ready) {
    pollfd wait_for{out[0], POLLIN, 0};
    while (printed.find("ready") == std::string::npos && poll(&wait_for, 1, 20'000) > 0) {
      const ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      printed.append(buffer, static_cast<size_t>(n));
    }
  }
  usleep(static_cast<useconds_t>(kill_after_ms) * 1000);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ssize_t n;
  while ((n = read(out[0], buffer, sizeof buffer)) > 0) printed.append(buffer, static_cast<size_t>(n));
  close(out[0]);
  return printed;
}

}  // namespace

TEST_CASE("crash safety: SIGKILL at random moments loses no submitted response and corrupts nothing") {
  TempDir dir;
  const std::string database = dir.file("responses.db");
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> kill_after(0, 700);
  std::vector<std::string> committed;
  int runs_with_commits = 0;
  for (int run = 0; run < 50; ++run) {
    std::istringstream lines(run_and_kill(database, kill_after(random), run % 5 != 0));
    std::string word, id;
    int commits = 0;
    while (lines >> word) {
      if (word == "committed" && lines >> id) {
        committed.push_back(id);
        ++commits;
      }
    }
    runs_with_commits += commits > 0;
  }
  INFO("responses promised: " << committed.size());
  CHECK(runs_with_commits >= 20);  // the kills really landed mid-way through sessions

  SqliteReader db(database);
  REQUIRE(db.ok());
  CHECK(db.scalar("PRAGMA integrity_check") == "ok");
  for (const auto& id : committed) {
    CAPTURE(id);
    CHECK(db.scalar("SELECT COUNT(*) FROM responses WHERE id = '" + id + "'") == "1");
  }
  const long stored = std::stol(db.scalar("SELECT COUNT(*) FROM responses"));
  CHECK(stored >= static_cast<long>(committed.size()));
  CHECK(std::set<std::string>(committed.begin(), committed.end()).size() == committed.size());
}
