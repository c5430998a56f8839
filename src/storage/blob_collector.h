#pragma once
// The blob garbage collector: deletes blob files nothing references any more.
//
//   - Unreferenced: the metadata store lists blobs whose reference count fell to zero (the last
//     item naming them was deleted). Each row is forgotten (re-checking the count in the same
//     transaction), then the file deleted; a crash between the two leaves an orphan.
//   - Orphans: files with no row at all — a blob written whose item never committed (a crash
//     between the two, or a failed append whose clean-up failed too). Only ids older than a grace
//     period go, read from the id itself (NewTimeOrderedHexId), so an append in flight — blob
//     written, row not yet committed — is never touched. Listing every file is costly, so orphan
//     sweeps run far less often than the unreferenced pass.
//
// A blob gains references only from a holder of another reference (a copy, a delivery to more
// recipients) or right after it is written, so a blob at zero stays at zero; ForgetBlob still
// refuses a blob referenced again, and the collector then leaves the file alone.
//
// Blocking; one collector per store, run from one thread at a time.

#include <chrono>
#include <cstddef>

#include <stop_token>

#include "base/clock.h"
#include "storage/blob_store.h"
#include "storage/metadata_store.h"

namespace skerry::storage {

struct BlobCollection {
  std::size_t deleted = 0;   // unreferenced blobs deleted and forgotten
  std::size_t orphans = 0;   // files without a row deleted
  std::size_t kept = 0;      // listed, but referenced again: left alone
};

class BlobCollector {
 public:
  BlobCollector(MetadataStore& metadata, BlobStore& blobs, const Clock& clock)
      : metadata_(metadata), blobs_(blobs), clock_(clock) {}

  // Deletes every blob whose reference count is zero, `batch` at a time. Both passes return what
  // they did so far, at the next batch, once `stop` is requested (a shutdown waits for no more).
  Result<BlobCollection> CollectUnreferenced(std::size_t batch = 500, std::stop_token stop = {});
  // Deletes files that no row names and whose id is older than `grace`.
  Result<BlobCollection> SweepOrphans(std::chrono::seconds grace, std::stop_token stop = {});

 private:
  MetadataStore& metadata_;
  BlobStore& blobs_;
  const Clock& clock_;
};

}  // namespace skerry::storage
