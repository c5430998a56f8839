#pragma once
// What the gate asks of the rest of the server around each call, beyond the handler itself:
// whether the signed caller may make it (IAM policies), and the record of it (the audit trail,
// which sees every call, allowed or refused). Both are optional for the gate's own tests.

#include <string>

#include <boost/json/object.hpp>

#include "protocols/admin_api/dispatcher.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

class CallAuthorizer {
 public:
  virtual ~CallAuthorizer() = default;
  // AccessDeniedException (the guide's "is not authorized to perform" message) when refused.
  // Called from many threads.
  virtual ApiStatus Authorize(const RequestContext& context, const boost::json::object& input,
                              bool secure_transport) const = 0;
};

// One finished call, as the audit trail records it.
struct CallRecord {
  const RequestContext* context = nullptr;
  std::string operation;                     // as the client named it; may be unknown or empty
  const boost::json::object* input = nullptr;  // null when the body could not be parsed
  const std::string* response_body = nullptr;  // the JSON sent on success
  const ApiError* error = nullptr;           // set on failure
  std::string user_agent;
};

class CallRecorder {
 public:
  virtual ~CallRecorder() = default;
  // Must not fail the call: a recorder that cannot write logs the failure itself.
  virtual void Record(const CallRecord& record) = 0;
};

}  // namespace skerry::admin_api
