#pragma once
// Idempotency of operations with a ClientToken member (wire reference §0: every client fills it
// with a UUID4 when the caller does not, and resends the same body on retries). The gate claims
// (principal, operation, token) with a hash of the canonical request body before dispatching:
//
//   kNew        first sight: run the operation, then Complete() with the response (or Abandon()
//               on failure, so that a retry runs again: only successes are remembered)
//   kReplay     the same token with the same body already succeeded: send the stored response
//   kConflict   the same token with a different body: InvalidParameterException (WorkMail models
//               no IdempotentParameterMismatchException)
//   kInProgress the same token and body is still running: a retryable ThrottlingException
//
// This header is the contract; in_memory_client_token_store.h is the single-node implementation.
// A shared store (several skerryd nodes on PostgreSQL) comes later behind the same interface.

#include <string>

#include "base/bytes.h"
#include "base/error.h"

namespace skerry::admin_api {

struct ClientTokenKey {
  std::string principal;  // the caller's principal ARN: tokens never collide across callers
  std::string operation;  // "CreateOrganization"
  std::string token;      // the ClientToken value
};

// The key as one byte string: each part length-prefixed, so ("ab","c") and ("a","bc") differ.
inline Bytes FlattenClientTokenKey(const ClientTokenKey& key) {
  Bytes flat;
  for (const std::string* part : {&key.principal, &key.operation, &key.token}) {
    AppendBe32(flat, static_cast<std::uint32_t>(part->size()));
    flat.insert(flat.end(), part->begin(), part->end());
  }
  return flat;
}

enum class ClientTokenOutcome { kNew, kReplay, kConflict, kInProgress };

struct ClientTokenDecision {
  ClientTokenOutcome outcome = ClientTokenOutcome::kNew;
  std::string stored_response;  // kReplay: the response body of the first success
};

class ClientTokenStore {
 public:
  virtual ~ClientTokenStore() = default;

  // Claims `key` for a request whose canonical body hashes to `request_hash` (kNew), or says why
  // not. Thread-safe.
  [[nodiscard]] virtual Result<ClientTokenDecision> Begin(const ClientTokenKey& key,
                                                          std::string_view request_hash) = 0;
  // The claimed request succeeded with `response`; later Begin()s with the same hash replay it
  // until the entry expires. kFailedPrecondition if `key` is not claimed.
  [[nodiscard]] virtual Status Complete(const ClientTokenKey& key, std::string response) = 0;
  // The claimed request failed: forget the claim. A no-op for an unknown key.
  virtual void Abandon(const ClientTokenKey& key) = 0;
};

}  // namespace skerry::admin_api
