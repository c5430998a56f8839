#pragma once
// Structured logging: one line per event, JSON or key=value text. Events come from the catalog in
// log_events.h so that operators can grep and alert on stable names (DESIGN §8.8). Never pass
// message bodies, credentials, keys or addresses as field values.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace skerry {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

struct LogField {
  std::string_view key;
  std::string value;
  LogField(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const char* v) : key(k), value(v) {}
  template <typename N>
    requires std::is_arithmetic_v<N>
  LogField(std::string_view k, N v) : key(k), value(std::to_string(v)) {}
};

enum class LogFormat { kJson, kText };

// Process-wide settings; call once at startup before threads log.
// false when the file cannot be opened (errno set); logging then goes on where it went.
bool ConfigureLogging(LogLevel min_level, LogFormat format, std::string_view path_or_stderr);
bool ParseLogLevel(std::string_view s, LogLevel& out);

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});

// For a failure that can recur on every write (a failing disk under load): log the first and
// then every thousandth. `failures_before` counts the earlier ones.
inline bool LogRecurringFailure(std::uint64_t failures_before) {
  return failures_before % 1000 == 0;
}

}  // namespace skerry
