#pragma once
// FsBlobStore: blobs as files, <root>/<id[28:30]>/<id[30:32]>/<id> (two fan-out levels over the
// id's random tail keep directories small: 65,536 leaves). A blob is written to <root>/tmp/<random>.tmp and linked into
// place by Commit() after an fsync, then its directory is fsynced: once Commit() returns, the
// blob survives a power cut, and a reader never sees a partial blob under its id.
//
// Blob ids are 32 lowercase hex characters (base/ids.h NewTimeOrderedHexId); anything else is refused with
// kInvalidArgument before it comes near a path, so an id cannot traverse directories.
//
// One FsBlobStore per root per machine: Open() deletes leftover temporary files, which would
// also delete another live instance's unfinished writes.
//
// Thread-safety: every method may be called from any thread.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "base/random.h"
#include "storage/blob_store.h"

namespace skerry::storage::fs {

class FsBlobStore final : public BlobStore {
 public:
  // Creates the root (mode 0700) if missing and removes stale temporary files left by a crash.
  // `random` names temporary files; it must outlive the store.
  static Result<std::unique_ptr<FsBlobStore>> Open(const std::filesystem::path& root,
                                                   Random& random = Random::Secure());

  Result<std::unique_ptr<BlobWriter>> Create(const std::string& blob_id) override;
  Result<std::uint64_t> Size(const std::string& blob_id) override;
  Result<Bytes> Read(const std::string& blob_id, std::uint64_t offset,
                     std::uint64_t length) override;
  Status Delete(const std::string& blob_id) override;
  Result<std::vector<std::string>> List() override;

  // Where a blob with this id lives (whether or not it exists). REQUIRES: a valid id.
  std::filesystem::path PathFor(const std::string& blob_id) const;
  const std::filesystem::path& root() const { return root_; }

  // Makes the blob's fan-out directories exist durably (called by the writer's Commit()).
  Status EnsureFanout(const std::string& blob_id);

 private:
  struct Passkey {};

 public:
  FsBlobStore(Passkey, std::filesystem::path root, Random& random)
      : root_(std::move(root)), random_(random) {}

 private:
  std::filesystem::path root_;
  std::mutex mu_;
  Random& random_;                                // guarded by mu_ (generators are not thread-safe)
  std::unordered_set<std::string> durable_dirs_;  // guarded by mu_: fan-out dirs known on disk
};

}  // namespace skerry::storage::fs
