#pragma once
// The one error type every layer returns. Errors are values (DESIGN §8.4): a code from a single
// domain enum, a detail for the log (never keys or message content), and where it was made.

#include <source_location>
#include <string>
#include <string_view>
#include <utility>

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

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  std::source_location where;

  // "kNotFound: mailbox 42 (src/mailbox/item_store.cc:88)"
  [[nodiscard]] std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

[[nodiscard]] inline tl::unexpected<Error> MakeError(
    ErrorCode code, std::string detail,
    std::source_location where = std::source_location::current()) {
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
