#pragma once
// Turns each finished admin API call into a CloudTrail record (eventVersion 1.08, the fields
// CloudTrail gives WorkMail management events) and appends it to the audit trail. Secrets in
// requestParameters (passwords, tokens) are replaced by "HIDDEN_DUE_TO_SECURITY_REASONS", as
// CloudTrail does.

#include "base/random.h"
#include "events/audit_trail.h"
#include "protocols/admin_api/call_hooks.h"

namespace skerry::admin_api {

class AuditRecorder final : public CallRecorder {
 public:
  AuditRecorder(events::AuditTrail& trail, Random& random) : trail_(trail), random_(random) {}
  void Record(const CallRecord& record) override;

  // The CloudTrail record for a call (exposed for tests).
  boost::json::object BuildRecord(const CallRecord& record, const std::string& event_id) const;

 private:
  events::AuditTrail& trail_;
  Random& random_;
};

}  // namespace skerry::admin_api
