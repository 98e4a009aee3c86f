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

// Runs the soak process and kills it at a random moment. With `commits_first` < 0 the kill
// comes `delay_ms` after the start (catching start-up and the database opening); otherwise
// after the process has reported `commits_first` commits, plus `delay_ms` (landing in the
// middle of a later session or commit, however fast or slow the machine is today).
std::string run_and_kill(const std::string& database, int commits_first, int delay_ms) {
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
  auto commits_seen = [&] {
    int count = 0;
    for (size_t at = printed.find("committed"); at != std::string::npos; at = printed.find("committed", at + 1))
      ++count;
    return count;
  };
  if (commits_first >= 0) {
    pollfd wait_for{out[0], POLLIN, 0};
    while ((printed.find("ready") == std::string::npos || commits_seen() < commits_first) &&
           poll(&wait_for, 1, 30'000) > 0) {
      const ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      printed.append(buffer, static_cast<size_t>(n));
    }
  }
  usleep(static_cast<useconds_t>(delay_ms) * 1000);
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
  std::uniform_int_distribution<int> delay(0, 120);
  std::uniform_int_distribution<int> commits_before(0, 2);
  std::vector<std::string> committed;
  int runs_with_commits = 0;
  for (int run = 0; run < 50; ++run) {
    const bool during_start = run % 5 == 0;
    std::istringstream lines(run_and_kill(database, during_start ? -1 : commits_before(random),
                                          during_start ? delay(random) * 3 : delay(random)));
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
  CHECK(runs_with_commits >= 20);  // the kills really landed among sessions and commits

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
