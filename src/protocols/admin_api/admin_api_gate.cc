#include "protocols/admin_api/admin_api_gate.h"

#include <boost/json/serialize.hpp>
#include <exception>

#include "base/bytes.h"
#include "base/ids.h"
#include "crypto/sha256.h"
#include "protocols/admin_api/wire/canonical_json.h"
#include "protocols/admin_api/wire/json11_request.h"

namespace skerry::admin_api {

wire::HttpRequestView ViewOf(const http::Request& request) {
  wire::HttpRequestView view{request.method, request.path, request.query, {}, request.body};
  view.headers.reserve(request.headers.size());
  for (const auto& h : request.headers) view.headers.push_back({h.name, h.value});
  return view;
}

http::Response ToHttpResponse(wire::ResponseParts parts) {
  http::Response response{parts.status, std::move(parts.content_type), std::move(parts.body), {}};
  for (auto& [name, value] : parts.headers)
    response.headers.push_back({std::move(name), std::move(value)});
  return response;
}

void AdminApiGate::Register(http::Router& router) const {
  router.Add("*", "/", [this](const http::Request& request) { return Handle(request); });
}

http::Response AdminApiGate::Handle(const http::Request& request) const {
  return ToHttpResponse(HandleView(ViewOf(request), request.remote_ip, request.secure));
}

wire::ResponseParts AdminApiGate::HandleView(const wire::HttpRequestView& request,
                                             std::string_view remote_ip,
                                             bool secure_transport) const {
  RequestContext context;
  context.secure_transport = secure_transport;
  context.request_id = NewUuid(random_);
  context.remote_ip = std::string(remote_ip);
  context.received_at = clock_.Now();
  ApiResult<std::string> body;
  CallRecord record;
  record.context = &context;
  if (auto ua = request.FindHeader("User-Agent")) record.user_agent = std::string(*ua);
  boost::json::object input;
  try {
    body = Run(request, context, record, input);
  } catch (const std::exception&) {
    // A handler or library threw: a bug, reported like any other internal failure.
    body =
        MakeApiError(kInternalFailure, "An internal error occurred. The failure has been logged.");
  }
  if (recorder_) {
    if (body) record.response_body = &*body;
    else record.error = &body.error();
    recorder_->Record(record);
  }
  if (!body) return wire::Json11Error(context.request_id, body.error());
  return wire::Json11SuccessBody(context.request_id, std::move(*body));
}

ApiResult<std::string> AdminApiGate::Run(const wire::HttpRequestView& request,
                                         RequestContext& context, CallRecord& record,
                                         boost::json::object& input) const {
  wire::Json11Call call = SKERRY_API_TRY(wire::ParseJson11Request(request));
  record.operation = call.operation;
  if (!context.secure_transport && !http::IsLoopbackAddress(context.remote_ip)) {
    return MakeApiError("AccessDeniedException",
                        "The WorkMail API is served over HTTPS only (plain HTTP from this host "
                        "only).",
                        403);
  }
  context.caller = SKERRY_API_TRY(verifier_.Verify(request, kWorkMailService));
  // Only a verified caller's parameters go into the trail: an unsigned request's body is the
  // sender's to choose (any size, any OrganizationId) and would fill the trail on its behalf.
  input = call.input;
  record.input = &input;
  context.operation = SKERRY_API_TRY(validator_.FindOperation(call.operation));
  SKERRY_API_TRY(validator_.Validate(*context.operation, call.input));
  if (authorizer_) SKERRY_API_TRY(authorizer_->Authorize(context, call.input, context.secure_transport));

  const auto& token_member = context.operation->idempotency_token;
  auto token = token_member.empty() ? call.input.end() : call.input.find(token_member);
  if (token == call.input.end() || !token->value().is_string())
    return Dispatch(context, call.input);

  ClientTokenKey key{context.caller.principal_arn, std::string(context.operation->name),
                     std::string(token->value().get_string())};
  auto hash = crypto::Sha256Hex(AsBytes(wire::CanonicalJson(call.input)));
  if (!hash) return tl::unexpected(ApiErrorFromError(hash.error()));
  auto decision = client_tokens_.Begin(key, *hash);
  if (!decision) return tl::unexpected(ApiErrorFromError(decision.error()));
  switch (decision->outcome) {
    case ClientTokenOutcome::kReplay:
      return std::move(decision->stored_response);
    case ClientTokenOutcome::kConflict:
      return MakeApiError(
          model::Declares(*context.operation, kInvalidParameter) ? kInvalidParameter : kValidation,
          "The ClientToken '" + key.token.substr(0, 128) +
              "' was already used with different request parameters.");
    case ClientTokenOutcome::kInProgress:
      return MakeApiError(kThrottling,
                          "A request with the same ClientToken is still in progress. Retry later.");
    case ClientTokenOutcome::kNew:
      break;
  }
  ApiResult<std::string> body;
  try {
    body = Dispatch(context, call.input);
  } catch (...) {
    client_tokens_.Abandon(key);
    throw;
  }
  if (!body) {
    client_tokens_.Abandon(key);  // only successes are remembered: a retry runs again
    return body;
  }
  // The operation happened: even if the record cannot be kept (evicted meanwhile), say so.
  (void)client_tokens_.Complete(key, *body);
  return body;
}

ApiResult<std::string> AdminApiGate::Dispatch(const RequestContext& context,
                                              const boost::json::object& input) const {
  const OperationHandler* handler = dispatcher_.Find(context.operation->name);
  if (handler == nullptr) {
    return MakeApiError(kUnsupportedOperation, "Skerry does not implement " +
                                                   std::string(context.operation->name) + " yet.");
  }
  Result<boost::json::object> output = (*handler)(context, input);
  if (!output) return tl::unexpected(ApiErrorFromError(output.error()));
  return boost::json::serialize(*output);
}

}  // namespace skerry::admin_api
