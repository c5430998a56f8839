#pragma once
// Stored shape of a durable queue entry (mail spool, jobs). The payload is sealed by the caller.

#include <cstdint>
#include <string>

#include "base/bytes.h"

namespace skerry::model {

struct QueueEntry {
  std::string id;             // 32 hex, unique
  std::string queue;          // "outbound", "jobs", ...
  Bytes payload;              // sealed by the caller
  std::int64_t not_before = 0;  // unix ms; not leased before this time
  std::uint32_t attempts = 0;
  std::string lease_owner;    // empty when not leased
  std::int64_t lease_until = 0; // unix ms
  bool operator==(const QueueEntry&) const = default;
};

}  // namespace skerry::model
