#pragma once
// MemoryBlobStore: the in-memory BlobStore for unit tests, with FsBlobStore's semantics (id
// validation, immutable blobs, nothing visible before Commit()).
//
// Thread-safety: every method may be called from any thread (one lock).

#include <map>
#include <mutex>
#include <string>

#include "storage/blob_store.h"

namespace skerry::storage::memory {

class MemoryBlobStore final : public BlobStore {
 public:
  Result<std::unique_ptr<BlobWriter>> Create(const std::string& blob_id) override;
  Result<std::uint64_t> Size(const std::string& blob_id) override;
  Result<Bytes> Read(const std::string& blob_id, std::uint64_t offset,
                     std::uint64_t length) override;
  Status Delete(const std::string& blob_id) override;
  Result<std::vector<std::string>> List() override;

  // Called by the writer's Commit(): kAlreadyExists when the id was taken meanwhile.
  Status Insert(const std::string& blob_id, Bytes data);

 private:
  std::mutex mu_;
  std::map<std::string, Bytes> blobs_;  // guarded by mu_
};

}  // namespace skerry::storage::memory
