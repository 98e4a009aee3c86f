// Small helpers shared by the benchmarks: timing, percentiles, child processes, /proc readings.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bench {

inline double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p / 100.0 * (values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

// CPU time (user + system) of a process, in seconds, from /proc/PID/stat.
inline double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t close_paren = content.rfind(')');
  if (close_paren == std::string::npos) return -1;
  std::istringstream rest(content.substr(close_paren + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoll(field);
    if (i == 15) stime = std::stoll(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Proportional set size of a process in MB, from /proc/PID/smaps_rollup.
inline double pss_mb(pid_t pid) {
  std::ifstream smaps("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string key;
  long long kb = 0;
  while (smaps >> key) {
    if (key == "Pss:") {
      smaps >> kb;
      return kb / 1024.0;
    }
    smaps.ignore(1 << 20, '\n');
  }
  return -1;
}

// Starts a program; stdout of the child goes to `out_fd` if >= 0.
inline pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env_add, int out_fd = -1) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  for (const auto& e : env_add) putenv(const_cast<char*>(e.c_str()));
  if (out_fd >= 0) dup2(out_fd, STDOUT_FILENO);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  _exit(127);
}

inline void stop(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    usleep(20'000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

// A private X server for real-window measurements; empty display when Xvfb is missing.
class Xvfb {
 public:
  Xvfb() {
    for (int n = 90; n < 110; ++n) {
      if (access(("/tmp/.X11-unix/X" + std::to_string(n)).c_str(), F_OK) == 0) continue;
      pid_ = spawn({"Xvfb", ":" + std::to_string(n), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"}, {});
      for (int i = 0; i < 100; ++i) {
        if (access(("/tmp/.X11-unix/X" + std::to_string(n)).c_str(), F_OK) == 0) {
          display_ = ":" + std::to_string(n);
          return;
        }
        usleep(50'000);
      }
      stop(pid_);
      pid_ = -1;
    }
  }
  ~Xvfb() { stop(pid_); }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

}  // namespace bench
