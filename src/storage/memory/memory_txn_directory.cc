// MemoryTxn, continued: the directory (objects and index claims) and the audit trail, with the
// semantics of sql::SqlReads / sql::SqlWriteTxn (same checks, same order, same codes).

#include <fmt/format.h>

#include "storage/memory/memory_txn.h"
#include "storage/metadata_rules.h"

namespace skerry::storage::memory {

// ---- reads ----

Result<model::DirectoryObject> MemoryTxn::GetObject(const std::string& org_id,
                                                    const std::string& kind,
                                                    const std::string& id) {
  auto it = state_.directory_objects.find({org_id, kind, id});
  if (it == state_.directory_objects.end()) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{} {}", kind, id));
  }
  return it->second;
}

Result<std::vector<model::DirectoryObject>> MemoryTxn::ListObjects(const std::string& org_id,
                                                                   const std::string& kind,
                                                                   const std::string& after_id,
                                                                   std::size_t limit) {
  std::vector<model::DirectoryObject> out;
  for (auto it = state_.directory_objects.upper_bound({org_id, kind, after_id});
       it != state_.directory_objects.end() && out.size() < limit; ++it) {
    const auto& [key_org, key_kind, key_id] = it->first;
    if (key_org != org_id || key_kind != kind) break;
    out.push_back(it->second);
  }
  return out;
}

Result<std::optional<std::string>> MemoryTxn::LookupIndex(const std::string& org_id,
                                                          const std::string& index,
                                                          const Bytes& key) {
  auto it = state_.directory_index.find({org_id, index, key});
  if (it == state_.directory_index.end()) return std::nullopt;
  return it->second;
}

Result<std::vector<model::DirectoryIndexEntry>> MemoryTxn::ListIndexEntries(
    const std::string& org_id, const std::string& object_id) {
  std::vector<model::DirectoryIndexEntry> out;
  // The map is ordered by (org, index, key): within one org that is ORDER BY index_name, key.
  for (auto it = state_.directory_index.lower_bound({org_id, "", Bytes{}});
       it != state_.directory_index.end() && std::get<0>(it->first) == org_id; ++it) {
    if (it->second != object_id) continue;
    const auto& [key_org, index, key] = it->first;
    out.push_back({key_org, index, key, it->second});
  }
  return out;
}

Result<std::vector<model::AuditRecord>> MemoryTxn::ListAudit(
    std::int64_t from_ms, std::int64_t to_ms, const std::string& event_name,
    const std::string& principal, std::uint64_t after_seq, std::size_t limit) {
  std::vector<model::AuditRecord> out;
  for (auto it = state_.audit_log.upper_bound(after_seq);
       it != state_.audit_log.end() && out.size() < limit; ++it) {
    const auto& r = it->second;
    if (r.time_ms < from_ms || r.time_ms >= to_ms) continue;
    if (!event_name.empty() && r.event_name != event_name) continue;
    if (!principal.empty() && r.principal != principal) continue;
    out.push_back(r);
  }
  return out;
}

// ---- writes ----

Status MemoryTxn::PutObject(model::DirectoryObject& object, std::uint64_t expected_version) {
  SKERRY_TRY(RequireId(object.kind, "directory object kind"));
  SKERRY_TRY(RequireId(object.id, "directory object"));
  std::tuple key{object.org_id, object.kind, object.id};
  auto it = state_.directory_objects.find(key);
  std::uint64_t current = it == state_.directory_objects.end() ? 0 : it->second.version;
  if (expected_version != 0 && current != expected_version) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("{} {} is at version {}, not {}", object.kind, object.id, current,
                                 expected_version));
  }
  Remember(state_.directory_objects, key);
  auto stored = object;
  stored.version = current + 1;
  state_.directory_objects.insert_or_assign(key, stored);
  object.version = stored.version;
  return Ok();
}

Status MemoryTxn::DeleteObject(const std::string& org_id, const std::string& kind,
                               const std::string& id) {
  std::tuple key{org_id, kind, id};
  if (!state_.directory_objects.contains(key)) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{} {}", kind, id));
  }
  Remember(state_.directory_objects, key);
  state_.directory_objects.erase(key);
  auto claims = SKERRY_TRY(ListIndexEntries(org_id, id));
  for (const auto& entry : claims) {
    std::tuple claim{entry.org_id, entry.index, entry.key};
    Remember(state_.directory_index, claim);
    state_.directory_index.erase(claim);
  }
  return Ok();
}

Status MemoryTxn::ClaimIndex(const model::DirectoryIndexEntry& entry) {
  SKERRY_TRY(RequireIndexEntry(entry));
  std::tuple key{entry.org_id, entry.index, entry.key};
  if (auto it = state_.directory_index.find(key); it != state_.directory_index.end()) {
    if (it->second == entry.object_id) return Ok();  // already ours: idempotent
    return MakeError(ErrorCode::kAlreadyExists,
                     fmt::format("{} key is held by another object", entry.index));
  }
  Remember(state_.directory_index, key);
  state_.directory_index.emplace(key, entry.object_id);
  return Ok();
}

Status MemoryTxn::ReleaseIndex(const std::string& org_id, const std::string& index,
                               const Bytes& key, const std::string& object_id) {
  std::tuple claim{org_id, index, key};
  auto it = state_.directory_index.find(claim);
  if (it == state_.directory_index.end() || it->second != object_id) return Ok();
  Remember(state_.directory_index, claim);
  state_.directory_index.erase(claim);
  return Ok();
}

Status MemoryTxn::DeleteOrganizationObjects(const std::string& org_id) {
  SKERRY_TRY(RequireId(org_id, "organization"));
  auto& index = state_.directory_index;
  for (auto it = index.lower_bound({org_id, "", Bytes{}});
       it != index.end() && std::get<0>(it->first) == org_id;) {
    Remember(index, it->first);
    it = index.erase(it);
  }
  auto& objects = state_.directory_objects;
  for (auto it = objects.lower_bound({org_id, "", ""});
       it != objects.end() && std::get<0>(it->first) == org_id;) {
    Remember(objects, it->first);
    it = objects.erase(it);
  }
  return Ok();
}

Status MemoryTxn::AppendAudit(model::AuditRecord& record) {
  SKERRY_TRY(RequireId(record.event_name, "audit event name"));
  auto seq = state_.audit_seq + 1;
  undo_.push_back([this, previous = state_.audit_seq] { state_.audit_seq = previous; });
  state_.audit_seq = seq;
  auto stored = record;
  stored.seq = seq;
  Remember(state_.audit_log, seq);
  state_.audit_log.emplace(seq, stored);
  record.seq = seq;
  return Ok();
}

}  // namespace skerry::storage::memory
