#include "base/error.h"

#include <fmt/format.h>

namespace skerry {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "InvalidArgument";
    case ErrorCode::kNotFound: return "NotFound";
    case ErrorCode::kAlreadyExists: return "AlreadyExists";
    case ErrorCode::kPermissionDenied: return "PermissionDenied";
    case ErrorCode::kFailedPrecondition: return "FailedPrecondition";
    case ErrorCode::kResourceExhausted: return "ResourceExhausted";
    case ErrorCode::kUnavailable: return "Unavailable";
    case ErrorCode::kTimeout: return "Timeout";
    case ErrorCode::kCancelled: return "Cancelled";
    case ErrorCode::kIo: return "Io";
    case ErrorCode::kCorrupt: return "Corrupt";
    case ErrorCode::kKeyDestroyed: return "KeyDestroyed";
    case ErrorCode::kConfig: return "Config";
    case ErrorCode::kUnimplemented: return "Unimplemented";
    case ErrorCode::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Error::ToString() const {
  std::string_view file = where.file_name();
  if (auto pos = file.find("src/"); pos != std::string_view::npos) file = file.substr(pos);
  // An Error built field by field has no location: say nothing rather than "(:0)".
  if (file.empty()) return fmt::format("{}: {}", ErrorCodeName(code), detail);
  return fmt::format("{}: {} ({}:{})", ErrorCodeName(code), detail, file, where.line());
}

}  // namespace skerry
