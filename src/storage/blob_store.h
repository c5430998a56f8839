#pragma once
// BlobStore: immutable byte objects named by id (the sealed stream of a message, an attachment).
// Blobs are written once, read by range, and deleted by the garbage collector once the metadata
// store says their reference count is zero. The store only ever sees ciphertext.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"

namespace skerry::storage {

// Streams a new blob in; nothing is visible under the id until Commit() returns, which makes
// the bytes durable. Dropping a writer without Commit() discards the bytes.
class BlobWriter {
 public:
  virtual ~BlobWriter() = default;
  virtual Status Append(ByteView data) = 0;
  virtual Status Commit() = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  virtual Result<std::unique_ptr<BlobWriter>> Create(const std::string& blob_id) = 0;
  Status Put(const std::string& blob_id, ByteView data) {
    auto writer = SKERRY_TRY(Create(blob_id));
    SKERRY_TRY(writer->Append(data));
    return writer->Commit();
  }
  virtual Result<std::uint64_t> Size(const std::string& blob_id) = 0;
  // Reads [offset, offset+length) clipped to the blob's end. kNotFound when missing.
  virtual Result<Bytes> Read(const std::string& blob_id, std::uint64_t offset,
                             std::uint64_t length) = 0;
  virtual Status Delete(const std::string& blob_id) = 0;  // idempotent
  // Blob ids present, for garbage collection of files no metadata row names.
  virtual Result<std::vector<std::string>> List() = 0;
};

}  // namespace skerry::storage
