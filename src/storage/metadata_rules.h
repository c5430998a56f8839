#pragma once
// Validation rules every MetadataStore implementation applies, in one place so the SQL store and
// the in-memory fake refuse exactly the same inputs with the same codes.

#include <string>
#include <string_view>

#include "base/error.h"
#include "model/directory_records.h"
#include "model/mailbox_records.h"

namespace skerry::storage {

// Folder trees deeper than this are refused rather than walked (the walk guards against cycles).
inline constexpr int kMaxFolderDepth = 256;

// kInvalidArgument for an empty id.
Status RequireId(const std::string& id, std::string_view what);
// kResourceExhausted when the folder has no UID left to hand out: UIDs are 32-bit
// (RFC 9051 §2.3.1.1), and a full folder needs a new UIDVALIDITY, which is the caller's decision.
Status RequireUidAvailable(const model::FolderRecord& folder);
// kInvalidArgument unless the claim names an index, a key and an object (org_id may be empty:
// the server-wide directory).
Status RequireIndexEntry(const model::DirectoryIndexEntry& entry);

}  // namespace skerry::storage
