#include "storage/blob_collector.h"

#include <algorithm>
#include <vector>

#include "base/ids.h"

namespace skerry::storage {

Result<BlobCollection> BlobCollector::CollectUnreferenced(std::size_t batch,
                                                          std::stop_token stop) {
  BlobCollection out;
  while (!stop.stop_requested()) {
    std::vector<std::string> ids;
    SKERRY_TRY(metadata_.Read([&](ReadTxn& txn) -> Status {
      ids = SKERRY_TRY(txn.ListUnreferencedBlobs(batch));
      return Ok();
    }));
    if (ids.empty()) return out;
    // The rows go first, in one transaction whose ForgetBlob re-checks each count: once a row is
    // gone nothing can name its blob, and a crash before the files' deletion leaves orphans to
    // sweep. A refused ForgetBlob leaves no trace, so the others still commit.
    std::vector<std::string> forgotten;
    SKERRY_TRY(metadata_.Write([&](WriteTxn& txn) -> Status {
      forgotten.clear();  // the closure may run more than once
      for (const auto& id : ids) {
        auto forgot = txn.ForgetBlob(id);
        if (forgot) forgotten.push_back(id);
        else if (forgot.error().code != ErrorCode::kFailedPrecondition) return forgot;
      }
      return Ok();
    }));
    out.kept += ids.size() - forgotten.size();
    for (const auto& id : forgotten) {
      SKERRY_TRY(blobs_.Delete(id));
      ++out.deleted;
    }
    // A short page is the last; a page of only kept blobs would list them again forever.
    if (ids.size() < batch || forgotten.empty()) return out;
  }
  return out;
}

Result<BlobCollection> BlobCollector::SweepOrphans(std::chrono::seconds grace,
                                                   std::stop_token stop) {
  constexpr std::size_t kChunk = 500;  // ids whose counts one read transaction looks up
  BlobCollection out;
  auto cutoff = clock_.Now() - grace;
  std::vector<std::string> old;
  for (auto& id : SKERRY_TRY(blobs_.List())) {
    auto created = TimeOfTimeOrderedHexId(id);
    if (created && *created <= cutoff) old.push_back(std::move(id));
  }
  for (std::size_t at = 0; at < old.size() && !stop.stop_requested(); at += kChunk) {
    std::vector<std::string> unnamed;
    SKERRY_TRY(metadata_.Read([&](ReadTxn& txn) -> Status {
      for (std::size_t i = at; i < std::min(old.size(), at + kChunk); ++i)
        if (SKERRY_TRY(txn.BlobRefCount(old[i])) == 0) unnamed.push_back(old[i]);  // 0 also without a row
      return Ok();
    }));
    for (const auto& id : unnamed) {
      SKERRY_TRY(blobs_.Delete(id));
      ++out.orphans;
    }
  }
  return out;
}

}  // namespace skerry::storage
