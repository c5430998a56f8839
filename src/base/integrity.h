#pragma once
// Data that fails authentication when read — tampered or truncated bytes, or a key other than the
// one it was sealed under — is never served: the read fails with kCorrupt. CheckIntegrity is
// where such a failure gets the name of the object it concerns and reaches the operator as one
// `integrity.failure` event (docs/operations.md "Integrity"), so that tampering can be alerted
// on wherever it is found. Call it where the object is known, around the read that opens it.

#include <string_view>
#include <utility>

#include "base/error.h"

namespace skerry {

// Logs `integrity.failure` (object kind, id, what failed) and returns `e` with its detail
// prefixed by "<object> <id>: ". Ids only: never pass addresses or content.
Error ReportCorruption(Error e, std::string_view object, std::string_view id);

// `result` unchanged unless it failed with kCorrupt; then ReportCorruption's.
template <typename T>
Result<T> CheckIntegrity(Result<T> result, std::string_view object, std::string_view id) {
  if (result || result.error().code != ErrorCode::kCorrupt) return result;
  return tl::unexpected(ReportCorruption(std::move(result.error()), object, id));
}

}  // namespace skerry
