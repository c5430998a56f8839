#include "protocols/admin_api/audit_recorder.h"

#include <ctime>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/ids.h"
#include "base/log.h"
#include "base/log_events.h"
#include "protocols/admin_api/model/workmail_model.h"

namespace skerry::admin_api {
namespace json = boost::json;

namespace {
constexpr std::string_view kHidden = "HIDDEN_DUE_TO_SECURITY_REASONS";

// Members hidden wherever they appear, also in responses (which have no model here).
bool IsSecretMember(std::string_view name) {
  return name == "Password" || name == "NewPassword" || name == "Token" || name == "SecretAccessKey" ||
         name == "ClientSecret" || name == "AccessToken" || name == "EwsPassword";
}

// Hides secrets in a request's parameters or a response. With the operation's input model
// (`id`), every value of a shape the model marks sensitive (passwords, user attributes,
// descriptions) is hidden, as CloudTrail does; without one (responses), the members named above.
json::value Redact(const json::value& v, model::ShapeId id = model::kNoShape) {
  const model::ShapeDef* shape = id == model::kNoShape ? nullptr : &model::Shape(id);
  if (shape && shape->sensitive) return json::value(kHidden);
  if (v.is_object()) {
    json::object out;
    for (const auto& [k, x] : v.as_object()) {
      model::ShapeId child = model::kNoShape;
      if (shape && shape->type == model::ShapeType::kMap) child = shape->value;
      if (shape && shape->type == model::ShapeType::kStructure)
        for (const auto& m : shape->members)
          if (m.name == k) child = m.shape;
      out[k] = IsSecretMember(k) ? json::value(kHidden) : Redact(x, child);
    }
    return out;
  }
  if (v.is_array()) {
    model::ShapeId child = shape && shape->type == model::ShapeType::kList ? shape->member : model::kNoShape;
    json::array out;
    for (const auto& x : v.as_array()) out.push_back(Redact(x, child));
    return out;
  }
  return v;
}

std::string IsoTime(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm;
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec);
}

bool IsReadOnly(std::string_view op) {
  return op.starts_with("Describe") || op.starts_with("List") || op.starts_with("Get") ||
         op.starts_with("Search");
}
}  // namespace

json::object AuditRecorder::BuildRecord(const CallRecord& r, const std::string& event_id) const {
  const RequestContext& c = *r.context;
  json::object identity;
  if (!c.caller.access_key_id.empty()) {
    identity = {{"type", "IAMUser"},
                {"principalId", c.caller.access_key_id},
                {"arn", c.caller.principal_arn},
                {"accountId", "000000000000"},
                {"accessKeyId", c.caller.access_key_id},
                {"userName", c.caller.principal_name}};
  } else {
    identity = {{"type", "Unknown"}};  // the signature did not verify: nobody is known
  }
  json::object rec{{"eventVersion", "1.08"},
                   {"userIdentity", std::move(identity)},
                   {"eventTime", IsoTime(c.received_at)},
                   {"eventSource", "workmail.amazonaws.com"},
                   {"eventName", r.operation},
                   {"awsRegion", c.caller.region.empty() ? "us-east-1" : c.caller.region},
                   {"sourceIPAddress", c.remote_ip},
                   {"userAgent", r.user_agent},
                   {"requestParameters",
                    r.input ? Redact(*r.input, c.operation ? c.operation->input : model::kNoShape)
                            : json::value(nullptr)},
                   {"responseElements", nullptr},
                   {"requestID", c.request_id},
                   {"eventID", event_id},
                   {"readOnly", IsReadOnly(r.operation)},
                   {"eventType", "AwsApiCall"},
                   {"managementEvent", true},
                   {"recipientAccountId", "000000000000"},
                   {"eventCategory", "Management"},
                   {"tlsDetails", c.secure_transport ? json::value(json::object{{"tlsVersion", "TLSv1.2+"}})
                                                     : json::value(nullptr)}};
  if (r.error) {
    rec["errorCode"] = r.error->type;
    rec["errorMessage"] = r.error->message;
  } else if (r.response_body) {
    boost::system::error_code ec;
    auto out = json::parse(*r.response_body, ec);
    // CloudTrail leaves read-only responses out; so do we, keeping the trail small.
    if (!ec && !IsReadOnly(r.operation)) rec["responseElements"] = Redact(out);
  }
  return rec;
}

void AuditRecorder::Record(const CallRecord& r) {
  std::string event_id = NewUuid(random_);
  auto rec = BuildRecord(r, event_id);
  std::string org_id;
  if (r.input)
    if (auto* o = r.input->if_contains("OrganizationId"); o && o->is_string()) org_id = std::string(o->as_string());
  auto time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(r.context->received_at.time_since_epoch()).count();
  auto s = trail_.Append(time_ms, r.operation, r.context->caller.access_key_id, org_id, json::serialize(rec));
  if (!s) Log(LogLevel::kError, ev::kAuditWriteFailed, {{"error", s.error().ToString()}});
}

}  // namespace skerry::admin_api
