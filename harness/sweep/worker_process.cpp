#include "harness/sweep/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>

namespace edgebench {
namespace {

// Keeps the tail of stderr for error messages.
constexpr size_t kStderrTail = 4096;

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    const char* name = sigdescr_np(sig);
    return "worker killed by signal " + std::to_string(sig) + " (" + (name ? name : "unknown") + ")";
  }
  if (WIFEXITED(wait_status)) return "worker exited with status " + std::to_string(WEXITSTATUS(wait_status));
  return "worker ended abnormally";
}

}  // namespace

std::string SelfExecutable() {
  char path[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return "edgebench";
  path[n] = '\0';
  return path;
}

WorkerOutcome RunWorker(const std::string& binary, const nlohmann::json& request, double timeout_s) {
  WorkerOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    return {"error", std::string("cannot create pipes: ") + std::strerror(errno), {}, 0};
  }
  const pid_t pid = fork();
  if (pid < 0) return {"error", std::string("fork failed: ") + std::strerror(errno), {}, 0};
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execl(binary.c_str(), binary.c_str(), "worker", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  int to_child = in_pipe[1], from_child = out_pipe[0], err_child = err_pipe[0];

  // The request is small (well under the pipe buffer), so this cannot block on a stuck child.
  const std::string payload = request.dump() + "\n";
  signal(SIGPIPE, SIG_IGN);
  if (write(to_child, payload.data(), payload.size()) != static_cast<ssize_t>(payload.size())) {
    // The child died before reading; its exit status says why below.
  }
  CloseFd(to_child);

  std::string out, err;
  const auto deadline = start + std::chrono::milliseconds(static_cast<int64_t>(timeout_s * 1000));
  bool timed_out = false;
  char buf[65536];
  while (from_child >= 0 || err_child >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[2] = {{from_child, POLLIN, 0}, {err_child, POLLIN, 0}};
    const int ready = poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), INT_MAX)));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof(buf));
      if (n <= 0) {
        CloseFd(i == 0 ? from_child : err_child);
        continue;
      }
      std::string& sink = i == 0 ? out : err;
      sink.append(buf, static_cast<size_t>(n));
      if (i == 1 && err.size() > 2 * kStderrTail) err.erase(0, err.size() - kStderrTail);
    }
  }
  if (timed_out) kill(pid, SIGKILL);
  CloseFd(from_child);
  CloseFd(err_child);
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  outcome.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (err.size() > kStderrTail) err.erase(0, err.size() - kStderrTail);
  while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();

  if (timed_out) {
    outcome.status = "timeout";
    outcome.error = "configuration exceeded its timeout of " + std::to_string(timeout_s) + " s; worker killed";
    return outcome;
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    outcome.status = "error";
    outcome.error = DescribeExit(wait_status) + (err.empty() ? "" : ": " + err);
    return outcome;
  }
  outcome.reply = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  if (outcome.reply.is_discarded() || !outcome.reply.is_object()) {
    outcome.status = "error";
    outcome.error = "worker printed no valid JSON" + (err.empty() ? "" : ": " + err);
    outcome.reply = nullptr;
  } else {
    outcome.status = "ok";
  }
  return outcome;
}

}  // namespace edgebench
