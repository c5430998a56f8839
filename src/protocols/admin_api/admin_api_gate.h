#pragma once
// The front gate of the WorkMail-compatible admin API (docs/admin-api.md): one function from an
// HTTP request to an HTTP response that runs, in order,
//
//   1. framing      wire::ParseJson11Request   POST /, X-Amz-Target, Content-Type, JSON object
//   2. auth         Sigv4Verifier              signature, skew, access key, session token
//   3. validation   Validator                  operation exists, input satisfies the model
//   4. idempotency  ClientTokenStore           operations with a ClientToken member
//   5. dispatch     Dispatcher                 the operation's handler
//
// and turns the first failure into the AWS JSON 1.1 error response. Every response carries a
// fresh x-amzn-RequestId (a UUID4). Handlers that throw (they should not) become InternalFailure.
//
// Borrows everything it is given; all of it must outlive the gate. Handle() is const and may run
// on many threads at once: the verifier, validator, dispatcher and store are thread-safe, and the
// Random must be too (Random::Secure() is).

#include "base/clock.h"
#include "base/random.h"
#include "protocols/admin_api/call_hooks.h"
#include "protocols/admin_api/client_token.h"
#include "protocols/admin_api/dispatcher.h"
#include "protocols/admin_api/sigv4_verifier.h"
#include "protocols/admin_api/validator.h"
#include "protocols/admin_api/wire/http_request_view.h"
#include "protocols/admin_api/wire/json11_response.h"
#include "protocols/http/http_types.h"
#include "protocols/http/router.h"

namespace skerry::admin_api {

class AdminApiGate {
 public:
  AdminApiGate(const Sigv4Verifier& verifier, const Validator& validator,
               ClientTokenStore& client_tokens, const Dispatcher& dispatcher, Random& random,
               const Clock& clock)
      : verifier_(verifier),
        validator_(validator),
        client_tokens_(client_tokens),
        dispatcher_(dispatcher),
        random_(random),
        clock_(clock) {}

  // Optional: IAM authorization after validation, and the audit record of every call.
  void SetHooks(const CallAuthorizer* authorizer, CallRecorder* recorder) {
    authorizer_ = authorizer;
    recorder_ = recorder;
  }

  // Routes every method on the exact path "/" here (a GET / gets a WorkMail-style 404).
  void Register(http::Router& router) const;

  [[nodiscard]] http::Response Handle(const http::Request& request) const;

  // The same pipeline on a borrowed view, producing wire parts (what Handle() wraps).
  [[nodiscard]] wire::ResponseParts HandleView(const wire::HttpRequestView& request,
                                               std::string_view remote_ip,
                                               bool secure_transport = false) const;

 private:
  ApiResult<std::string> Run(const wire::HttpRequestView& request, RequestContext& context,
                             CallRecord& record, boost::json::object& input) const;
  ApiResult<std::string> Dispatch(const RequestContext& context,
                                  const boost::json::object& input) const;

  const Sigv4Verifier& verifier_;
  const Validator& validator_;
  ClientTokenStore& client_tokens_;
  const Dispatcher& dispatcher_;
  Random& random_;
  const Clock& clock_;
  const CallAuthorizer* authorizer_ = nullptr;
  CallRecorder* recorder_ = nullptr;
};

// A view of an http::Request for the wire layer (borrows `request`).
wire::HttpRequestView ViewOf(const http::Request& request);
// An http::Response from wire parts.
http::Response ToHttpResponse(wire::ResponseParts parts);

}  // namespace skerry::admin_api
