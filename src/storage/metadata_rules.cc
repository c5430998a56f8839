#include "storage/metadata_rules.h"

#include <fmt/format.h>

#include <limits>

namespace skerry::storage {

Status RequireId(const std::string& id, std::string_view what) {
  if (id.empty()) return MakeError(ErrorCode::kInvalidArgument, fmt::format("empty {} id", what));
  return Ok();
}

Status RequireUidAvailable(const model::FolderRecord& folder) {
  if (folder.uid_next == 0 || folder.uid_next == std::numeric_limits<std::uint32_t>::max()) {
    return MakeError(ErrorCode::kResourceExhausted, "folder " + folder.id + " ran out of UIDs");
  }
  return Ok();
}

Status RequireIndexEntry(const model::DirectoryIndexEntry& entry) {
  if (entry.index.empty() || entry.key.empty() || entry.object_id.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "index claim needs an index name, a key and an object id");
  }
  return Ok();
}

}  // namespace skerry::storage
