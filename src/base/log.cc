#include "base/log.h"

#include <cstdio>
#include <ctime>
#include <mutex>

#include <fmt/format.h>

namespace skerry {
namespace {
struct LogState {
  std::mutex mu;
  LogLevel min_level = LogLevel::kInfo;
  LogFormat format = LogFormat::kText;
  std::FILE* out = stderr;
};
LogState& State() {
  static LogState s;
  return s;
}

std::string_view LevelName(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

std::string Timestamp() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  tm t;
  gmtime_r(&ts.tv_sec, &t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.tm_year + 1900, t.tm_mon + 1,
                     t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, ts.tv_nsec / 1'000'000);
}
}  // namespace

bool ConfigureLogging(LogLevel min_level, LogFormat format, std::string_view path_or_stderr) {
  auto& s = State();
  std::lock_guard lock(s.mu);
  s.min_level = min_level;
  s.format = format;
  if (path_or_stderr.empty() || path_or_stderr == "stderr") {
    s.out = stderr;
    return true;
  }
  std::FILE* f = std::fopen(std::string(path_or_stderr).c_str(), "a");
  if (f == nullptr) return false;  // errno says why; the output stays where it was
  s.out = f;
  return true;
}

bool ParseLogLevel(std::string_view s, LogLevel& out) {
  if (s == "debug") out = LogLevel::kDebug;
  else if (s == "info") out = LogLevel::kInfo;
  else if (s == "warn") out = LogLevel::kWarn;
  else if (s == "error") out = LogLevel::kError;
  else return false;
  return true;
}

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  auto& s = State();
  if (level < s.min_level) return;
  std::string line;
  if (s.format == LogFormat::kJson) {
    line = fmt::format("{{\"ts\":\"{}\",\"level\":\"{}\",\"event\":", Timestamp(), LevelName(level));
    AppendJsonString(line, event);
    for (const auto& f : fields) {
      line.push_back(',');
      AppendJsonString(line, f.key);
      line.push_back(':');
      AppendJsonString(line, f.value);
    }
    line += "}\n";
  } else {
    line = fmt::format("{} {:5} {}", Timestamp(), LevelName(level), event);
    for (const auto& f : fields) {
      bool quote = f.value.empty() || f.value.find_first_of(" \"=") != std::string::npos;
      line += fmt::format(" {}=", f.key);
      if (quote) AppendJsonString(line, f.value);
      else line += f.value;
    }
    line.push_back('\n');
  }
  std::lock_guard lock(s.mu);
  std::fwrite(line.data(), 1, line.size(), s.out);
  std::fflush(s.out);
}

}  // namespace skerry
