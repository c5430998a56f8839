#pragma once
// The one error type every layer returns. Errors are values (DESIGN §8.4): a code from a single
// domain enum, a detail for the log (never keys or message content), and where it was made.

#include <string>
#include <string_view>
#include <utility>
#include <version>
#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

#include <tl/expected.hpp>

namespace skerry {

enum class ErrorCode {
  kInvalidArgument,     // caller's input is malformed
  kNotFound,            // the named object does not exist
  kAlreadyExists,       // a create collided with an existing object
  kPermissionDenied,    // the principal may not do this
  kFailedPrecondition,  // the object is not in a state that allows this
  kResourceExhausted,   // a limit or quota was reached
  kUnavailable,         // a dependency is down; retrying may help
  kTimeout,             // a deadline passed
  kCancelled,           // the operation was abandoned (shutdown)
  kIo,                  // the operating system refused a read or write
  kCorrupt,             // stored data failed an integrity check (tampered, truncated)
  kKeyDestroyed,        // the key protecting the data was destroyed: crypto-shredded
  kConfig,              // configuration is invalid
  kUnimplemented,       // not built yet
  kInternal,            // a bug
};

std::string_view ErrorCodeName(ErrorCode code);

// Where an error was made. Our own type rather than std::source_location because clang 14 (the
// libFuzzer toolchain here) cannot compile libstdc++ 12's <source_location>; the builtins below
// work in both compilers, and in a default argument they name the caller's line.
class SourceLocation {
 public:
  constexpr SourceLocation() = default;
  constexpr SourceLocation(const char* file, unsigned line) : file_(file), line_(line) {}
  static constexpr SourceLocation Current(const char* file = __builtin_FILE(),
                                          unsigned line = __builtin_LINE()) {
    return {file, line};
  }
#if defined(__cpp_lib_source_location)
  constexpr SourceLocation(const std::source_location& s) : file_(s.file_name()), line_(s.line()) {}
#endif
  constexpr const char* file_name() const { return file_; }
  constexpr unsigned line() const { return line_; }

 private:
  const char* file_ = "";
  unsigned line_ = 0;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  SourceLocation where;

  // "kNotFound: mailbox 42 (src/mailbox/item_store.cc:88)"
  [[nodiscard]] std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

[[nodiscard]] inline tl::unexpected<Error> MakeError(
    ErrorCode code, std::string detail,
    SourceLocation where = SourceLocation::Current()) {
  return tl::unexpected<Error>(Error{code, std::move(detail), where});
}

[[nodiscard]] inline Status Ok() { return {}; }

namespace detail {
// The value of a successful Result; nothing for Result<void>.
template <typename T>
T TakeValue(Result<T>&& r) { return std::move(r).value(); }
inline void TakeValue(Status&&) {}
template <typename T>
T TakeValue(Result<T>& r) { return std::move(r).value(); }
inline void TakeValue(Status&) {}
}  // namespace detail

}  // namespace skerry

// Propagates an error out of a function returning Result<...>; yields the value otherwise.
// Uses a GNU statement expression (g++ and clang both accept it).
#define SKERRY_TRY(expr)                                                 \
  ({                                                                     \
    auto&& skerry_try_result_ = (expr);                                  \
    if (!skerry_try_result_) [[unlikely]]                                \
      return ::tl::unexpected(std::move(skerry_try_result_).error());    \
    ::skerry::detail::TakeValue(skerry_try_result_);                     \
  })

// Same for coroutines returning Result<...>.
#define SKERRY_CO_TRY(expr)                                              \
  ({                                                                     \
    auto&& skerry_try_result_ = (expr);                                  \
    if (!skerry_try_result_) [[unlikely]]                                \
      co_return ::tl::unexpected(std::move(skerry_try_result_).error()); \
    ::skerry::detail::TakeValue(skerry_try_result_);                     \
  })
