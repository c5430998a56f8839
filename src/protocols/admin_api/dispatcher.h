#pragma once
// The table of WorkMail operation handlers (DESIGN §6: "handlers sit one per file in commands/,
// registered in one table"). A handler receives the validated input and returns the output
// object; its Error becomes the client's exception through ApiErrorFromError (wire/api_error.h),
// so a handler picks a modelled exception with MakeTypedError(code, "EntityNotFoundException",
// "...") or relies on the ErrorCode's default.
//
// Registration happens while the server is composed, before it serves; afterwards the table is
// only read, from any thread. Handlers run on the HTTP server's blocking pool and may block.

#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/error.h"
#include "protocols/admin_api/model/workmail_model.h"
#include "protocols/admin_api/sigv4_verifier.h"

namespace skerry::admin_api {

// What a handler knows about the call besides its input.
struct RequestContext {
  std::string request_id;  // also sent as x-amzn-RequestId
  const model::OperationDef* operation = nullptr;
  VerifiedCaller caller;  // who signed the request
  std::string remote_ip;
  bool secure_transport = false;  // arrived over TLS (aws:SecureTransport)
  std::chrono::system_clock::time_point received_at;
};

using OperationHandler = std::function<Result<boost::json::object>(
    const RequestContext& context, const boost::json::object& input)>;

class Dispatcher {
 public:
  // kInvalidArgument if `operation` is not a WorkMail operation of the model, kAlreadyExists if it
  // already has a handler.
  [[nodiscard]] Status Register(std::string_view operation, OperationHandler handler);

  // nullptr when nothing is registered (the gate answers UnsupportedOperationException).
  [[nodiscard]] const OperationHandler* Find(std::string_view operation) const;

  [[nodiscard]] std::vector<std::string> RegisteredOperations() const;

 private:
  std::map<std::string, OperationHandler, std::less<>> handlers_;
};

}  // namespace skerry::admin_api
