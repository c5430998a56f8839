#pragma once
// FsBlobWriter: one blob being written by FsBlobStore. Owns the temporary file until Commit()
// links it into place; destroying an uncommitted writer removes the temporary file.
//
// Thread-safety: one thread at a time.

#include <filesystem>
#include <string>

#include "storage/blob_store.h"

namespace skerry::storage::fs {

class FsBlobStore;

class FsBlobWriter final : public BlobWriter {
 public:
  // Takes ownership of the open descriptor `fd` of `tmp_path`.
  FsBlobWriter(FsBlobStore& store, std::string blob_id, int fd, std::filesystem::path tmp_path)
      : store_(store), blob_id_(std::move(blob_id)), fd_(fd), tmp_path_(std::move(tmp_path)) {}
  ~FsBlobWriter() override;
  FsBlobWriter(const FsBlobWriter&) = delete;
  FsBlobWriter& operator=(const FsBlobWriter&) = delete;

  Status Append(ByteView data) override;
  // fsync file → link into place (never replacing an existing blob) → fsync directory.
  Status Commit() override;

 private:
  Status Fail(Error error);
  void Discard();

  FsBlobStore& store_;
  std::string blob_id_;
  int fd_;  // -1 once closed
  std::filesystem::path tmp_path_;
  bool done_ = false;  // committed or failed: no further Append/Commit
};

}  // namespace skerry::storage::fs
