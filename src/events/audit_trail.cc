#include "events/audit_trail.h"

#include "base/integrity.h"
#include "crypto/sealed_value.h"

namespace skerry::events {
namespace {
// The record carries its own eventID; binding only the trail's name keeps records openable
// without knowing their ids, while moving one elsewhere (to a directory row) still fails.
constexpr std::string_view kContext = "audit-trail/record";
}  // namespace

Status AuditTrail::Append(std::int64_t time_ms, const std::string& event_name, const std::string& principal,
                          const std::string& org_id, const std::string& record_json) {
  model::AuditRecord record;
  record.time_ms = time_ms;
  record.event_name = event_name;
  record.principal = principal;
  record.org_id = org_id;
  record.sealed = crypto::SealValue(keys_.secrets_key(), kContext, AsBytes(record_json), random_);
  return store_.Write([&](storage::WriteTxn& txn) { return txn.AppendAudit(record); });
}

Result<std::vector<AuditEntry>> AuditTrail::Query(const AuditQuery& q) {
  std::vector<model::AuditRecord> records;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    records = SKERRY_TRY(txn.ListAudit(q.from_ms, q.to_ms, q.event_name, q.principal, q.after_seq, q.limit));
    return Ok();
  }));
  std::vector<AuditEntry> out;
  out.reserve(records.size());
  for (const auto& r : records) {
    auto plain = SKERRY_TRY(
        CheckIntegrity(crypto::OpenValue(keys_.secrets_key(), kContext, r.sealed), "audit record", std::to_string(r.seq)));
    out.push_back({r.seq, ToString(plain)});
  }
  return out;
}

}  // namespace skerry::events
