#include "reports/charts/gnuplot_script.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <sstream>

#include <gnuplot-iostream.h>

#include "reports/charts/chart_style.h"
#include "runtime/core/file_io.h"

namespace edgebench {
namespace {

// The two outputs of every chart: the terminal line for each.
struct Terminal {
  const char* extension;
  const char* name;  // gnuplot terminal
};
constexpr Terminal kTerminals[] = {{"png", "pngcairo"}, {"svg", "svg"}};

std::string TerminalCommand(const Terminal& terminal, const GnuplotScript& script) {
  std::ostringstream out;
  out << "set terminal " << terminal.name << " size " << script.width << "," << script.height << " noenhanced font '"
      << kChartFont << "," << kChartFontSize << "' background rgb 'white'";
  if (std::string(terminal.name) == "pngcairo") out << " truecolor";
  return out.str();
}

std::string FullScript(const std::string& chart_id, const GnuplotScript& script, const std::string& charts_dir) {
  std::ostringstream out;
  out << script.data << "\n";
  for (const Terminal& terminal : kTerminals) {
    out << "reset\n"
        << TerminalCommand(terminal, script) << "\n"
        << "set output " << GnuplotQuote(charts_dir + "/" + chart_id + "." + terminal.extension) << "\n"
        << CommonSettings() << script.body << "\n"
        << "unset multiplot\nunset output\n";
  }
  out << "exit\n";
  return out.str();
}

// gnuplot exits at the first error while the rest of the script is still
// being written; the write must then fail with EPIPE instead of SIGPIPE
// killing the process. Blocked in this thread only, and a SIGPIPE raised
// meanwhile is consumed before the mask is restored.
class SigpipeBlockedInThisThread {
 public:
  SigpipeBlockedInThisThread() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &previous_);
  }
  ~SigpipeBlockedInThisThread() {
    const timespec no_wait = {0, 0};
    while (sigtimedwait(&pipe_set_, nullptr, &no_wait) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }

 private:
  sigset_t pipe_set_;
  sigset_t previous_;
};

}  // namespace

Status RenderGnuplot(const std::string& chart_id, const GnuplotScript& script, const std::string& charts_dir) {
  const std::string where = "chart '" + chart_id + "'";
  // The path was found at build time; a machine that runs a copied binary may
  // lack gnuplot, which is a missing capability, not an edgebench bug.
  if (::access(EDGEBENCH_GNUPLOT, X_OK) != 0) {
    return Unsupported(where + ": gnuplot is not installed at " + std::string(EDGEBENCH_GNUPLOT) +
                       " (Debian package gnuplot-nox; scripts/install-deps.sh installs it)");
  }
  char stderr_path[] = "/tmp/edgebench_gnuplot_XXXXXX";
  const int stderr_fd = ::mkstemp(stderr_path);
  if (stderr_fd < 0) return IoError(where + ": cannot create a file for gnuplot's messages: " + std::strerror(errno));
  ::close(stderr_fd);

  // popen here rather than in gnuplot-iostream: Gnuplot's destructor only
  // reports a failed pclose on std::cerr, and the exit status is what says
  // whether gnuplot accepted the script. Gnuplot writes into a duplicate of
  // the pipe, which it closes; pclose then waits for gnuplot.
  const std::string command = std::string(EDGEBENCH_GNUPLOT) + " 2>" + GnuplotQuote(stderr_path);
  FILE* pipe = ::popen(command.c_str(), "w");
  if (pipe == nullptr) {
    std::remove(stderr_path);
    return IoError(where + ": cannot start gnuplot (" + EDGEBENCH_GNUPLOT + "): " + std::strerror(errno));
  }
  SigpipeBlockedInThisThread sigpipe_blocked;
  std::string stream_error;
  const int dup_fd = ::dup(::fileno(pipe));
  FILE* dup_file = dup_fd < 0 ? nullptr : ::fdopen(dup_fd, "w");
  if (dup_file == nullptr) {
    stream_error = std::string("cannot duplicate the pipe to gnuplot: ") + std::strerror(errno);
    if (dup_fd >= 0) ::close(dup_fd);
  } else {
    try {
      Gnuplot gp(dup_file);
      gp << FullScript(chart_id, script, charts_dir) << std::flush;
      if (!gp) stream_error = "writing the script to gnuplot failed";
    } catch (const std::exception& e) {
      stream_error = std::string("gnuplot-iostream: ") + e.what();
    }
  }
  const int status = ::pclose(pipe);
  Expected<std::string> messages = ReadFileBytes(stderr_path, size_t{1} << 20);
  std::remove(stderr_path);
  const std::string said = messages.ok() ? messages.value() : messages.status().message();

  // A rejected script also breaks the pipe; gnuplot's message is the one to show.
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Internal(where + ": gnuplot rejected the script (exit status " +
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "): " + said);
  }
  if (!stream_error.empty()) return Internal(where + ": " + stream_error + "; gnuplot said: " + said);
  return Status::Ok();
}

std::string GnuplotQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out + "'";
}

std::string GnuplotNumber(double value) {
  if (!std::isfinite(value)) return "NaN";
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9g", value);
  return buffer;
}

std::string DataText(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\n') ? '\'' : c;
  return out + "\"";
}

std::string DataBlock(const std::string& name, const std::vector<std::vector<std::string>>& rows) {
  std::ostringstream out;
  out << name << " << EOD\n";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? " " : "") << row[i];
    out << "\n";
  }
  out << "EOD\n";
  return out.str();
}

}  // namespace edgebench
