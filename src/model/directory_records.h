#pragma once
// Stored shapes of the directory (users, groups, resources, domains, rules, roles, admin
// principals...): each object is one sealed document, found by (org, kind, id); unique names and
// addresses are claimed in a keyed-hash index so uniqueness holds without plaintext on disk.

#include <cstdint>
#include <string>

#include "base/bytes.h"

namespace skerry::model {

// One directory object. `org_id` is empty for server-wide objects (admin access keys,
// policies). `kind` is a short constant ("user", "group", "resource", "domain", ...).
struct DirectoryObject {
  std::string org_id;
  std::string kind;
  std::string id;
  Bytes sealed;              // the document, sealed by the caller (org directory key / service key)
  std::uint64_t version = 0; // assigned by the store: 1 on insert, +1 on every replace
  std::int64_t updated_at = 0;  // unix ms, set by the caller
  bool operator==(const DirectoryObject&) const = default;
};

// A unique claim: within (org_id, index), `key` (a keyed hash of a normalized value, e.g. an
// e-mail address or a name) belongs to at most one object.
struct DirectoryIndexEntry {
  std::string org_id;
  std::string index;         // "email", "user-name", "group-name", "domain", ...
  Bytes key;
  std::string object_id;
  bool operator==(const DirectoryIndexEntry&) const = default;
};

// One audit-trail record (a CloudTrail-format event, sealed by the caller). `event_name` and
// `principal` (an access key id or role id, never a person's address) stay plaintext so the
// trail can be queried without decrypting every record.
struct AuditRecord {
  std::uint64_t seq = 0;     // assigned by the store, strictly increasing
  std::int64_t time_ms = 0;
  std::string event_name;
  std::string principal;
  std::string org_id;        // empty for calls not about one organization
  Bytes sealed;
  bool operator==(const AuditRecord&) const = default;
};

}  // namespace skerry::model
