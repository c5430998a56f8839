#include "storage/blob_collector.h"

#include <vector>

#include "base/ids.h"

namespace skerry::storage {

Result<BlobCollection> BlobCollector::CollectUnreferenced(std::size_t batch) {
  BlobCollection out;
  for (;;) {
    std::vector<std::string> ids;
    SKERRY_TRY(metadata_.Read([&](ReadTxn& txn) -> Status {
      ids = SKERRY_TRY(txn.ListUnreferencedBlobs(batch));
      return Ok();
    }));
    std::size_t progress = 0;
    for (const auto& id : ids) {
      // The row goes first, in a transaction that re-checks the count: once it is gone nothing
      // can name the blob, and a crash before the file's deletion leaves an orphan to sweep.
      auto forgotten = metadata_.Write([&](WriteTxn& txn) { return txn.ForgetBlob(id); });
      if (!forgotten && forgotten.error().code == ErrorCode::kFailedPrecondition) {
        ++out.kept;
        continue;
      }
      SKERRY_TRY(forgotten);
      SKERRY_TRY(blobs_.Delete(id));
      ++out.deleted;
      ++progress;
    }
    // A short page is the last; a page of only kept blobs would list them again forever.
    if (ids.size() < batch || progress == 0) return out;
  }
}

Result<BlobCollection> BlobCollector::SweepOrphans(std::chrono::seconds grace) {
  BlobCollection out;
  auto cutoff = clock_.Now() - grace;
  for (const auto& id : SKERRY_TRY(blobs_.List())) {
    auto created = TimeOfTimeOrderedHexId(id);
    if (!created || *created > cutoff) continue;
    std::uint64_t refs = 0;
    SKERRY_TRY(metadata_.Read([&](ReadTxn& txn) -> Status {
      refs = SKERRY_TRY(txn.BlobRefCount(id));  // 0 also when no row names it
      return Ok();
    }));
    if (refs > 0) continue;
    SKERRY_TRY(blobs_.Delete(id));
    ++out.orphans;
  }
  return out;
}

}  // namespace skerry::storage
