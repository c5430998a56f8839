#include "storage/memory/memory_blob_store.h"

#include <algorithm>

#include "base/ids.h"

namespace skerry::storage::memory {
namespace {

Status ValidateId(const std::string& blob_id) {
  if (!IsHexId(blob_id)) {
    return MakeError(ErrorCode::kInvalidArgument, "blob id must be 32 lowercase hex characters");
  }
  return Ok();
}

// Buffers the bytes; they become visible only in Commit().
class MemoryBlobWriter final : public BlobWriter {
 public:
  MemoryBlobWriter(MemoryBlobStore& store, std::string id) : store_(store), id_(std::move(id)) {}

  Status Append(ByteView data) override {
    if (done_) return MakeError(ErrorCode::kFailedPrecondition, "blob writer already finished");
    data_.insert(data_.end(), data.begin(), data.end());
    return Ok();
  }
  Status Commit() override {
    if (done_) return MakeError(ErrorCode::kFailedPrecondition, "blob writer already finished");
    done_ = true;
    return store_.Insert(id_, std::move(data_));
  }

 private:
  MemoryBlobStore& store_;
  std::string id_;
  Bytes data_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<BlobWriter>> MemoryBlobStore::Create(const std::string& blob_id) {
  SKERRY_TRY(ValidateId(blob_id));
  std::lock_guard lock(mu_);
  if (blobs_.contains(blob_id)) return MakeError(ErrorCode::kAlreadyExists, "blob " + blob_id);
  return std::make_unique<MemoryBlobWriter>(*this, blob_id);
}

Status MemoryBlobStore::Insert(const std::string& blob_id, Bytes data) {
  std::lock_guard lock(mu_);
  if (!blobs_.emplace(blob_id, std::move(data)).second) {
    return MakeError(ErrorCode::kAlreadyExists, "blob " + blob_id);
  }
  return Ok();
}

Result<std::uint64_t> MemoryBlobStore::Size(const std::string& blob_id) {
  SKERRY_TRY(ValidateId(blob_id));
  std::lock_guard lock(mu_);
  auto it = blobs_.find(blob_id);
  if (it == blobs_.end()) return MakeError(ErrorCode::kNotFound, "blob " + blob_id);
  return it->second.size();
}

Result<Bytes> MemoryBlobStore::Read(const std::string& blob_id, std::uint64_t offset,
                                    std::uint64_t length) {
  SKERRY_TRY(ValidateId(blob_id));
  std::lock_guard lock(mu_);
  auto it = blobs_.find(blob_id);
  if (it == blobs_.end()) return MakeError(ErrorCode::kNotFound, "blob " + blob_id);
  const auto& data = it->second;
  if (offset >= data.size()) return Bytes{};
  auto n = std::min<std::uint64_t>(length, data.size() - offset);
  auto begin = data.begin() + static_cast<std::ptrdiff_t>(offset);
  return Bytes(begin, begin + static_cast<std::ptrdiff_t>(n));
}

Status MemoryBlobStore::Delete(const std::string& blob_id) {
  SKERRY_TRY(ValidateId(blob_id));
  std::lock_guard lock(mu_);
  blobs_.erase(blob_id);
  return Ok();
}

Result<std::vector<std::string>> MemoryBlobStore::List() {
  std::lock_guard lock(mu_);
  std::vector<std::string> ids;
  for (const auto& [id, data] : blobs_) ids.push_back(id);
  return ids;
}

}  // namespace skerry::storage::memory
