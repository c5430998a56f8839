#pragma once
// The audit trail of administrative calls: CloudTrail-format records (one JSON object per call,
// allowed or refused), sealed by the service secrets key before they reach the store, queryable
// by time, event name and principal. Append-only.
//
// Thread-safe; blocking (store): call from the blocking pool.

#include <cstdint>
#include <string>
#include <vector>

#include "base/random.h"
#include "directory/service_keys.h"
#include "storage/metadata_store.h"

namespace skerry::events {

struct AuditQuery {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = INT64_MAX;
  std::string event_name;  // empty: any
  std::string principal;   // access key id; empty: any
  std::uint64_t after_seq = 0;
  std::size_t limit = 1000;
};

struct AuditEntry {
  std::uint64_t seq = 0;
  std::string record_json;  // the CloudTrail record
};

class AuditTrail {
 public:
  AuditTrail(storage::MetadataStore& store, const directory::ServiceKeys& keys, Random& random)
      : store_(store), keys_(keys), random_(random) {}

  // `record_json` is a complete CloudTrail record.
  Status Append(std::int64_t time_ms, const std::string& event_name, const std::string& principal,
                const std::string& org_id, const std::string& record_json);
  Result<std::vector<AuditEntry>> Query(const AuditQuery& query);

 private:
  storage::MetadataStore& store_;
  const directory::ServiceKeys& keys_;
  Random& random_;
};

}  // namespace skerry::events
