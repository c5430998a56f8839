#include "storage/fs/fs_blob_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/file_util.h"
#include "storage/fs/fs_blob_store.h"

namespace skerry::storage::fs {

FsBlobWriter::~FsBlobWriter() { Discard(); }

void FsBlobWriter::Discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!tmp_path_.empty()) ::unlink(tmp_path_.c_str());
  tmp_path_.clear();
}

Status FsBlobWriter::Fail(Error error) {
  done_ = true;
  Discard();
  return tl::unexpected(std::move(error));
}

Status FsBlobWriter::Append(ByteView data) {
  if (done_) return MakeError(ErrorCode::kFailedPrecondition, "blob writer already finished");
  std::size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd_, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(
          Error{ErrorCode::kIo, ErrnoText("write", tmp_path_), std::source_location::current()});
    }
    written += static_cast<std::size_t>(n);
  }
  return Ok();
}

Status FsBlobWriter::Commit() {
  if (done_) return MakeError(ErrorCode::kFailedPrecondition, "blob writer already finished");
  if (::fsync(fd_) != 0) {
    return Fail(
        Error{ErrorCode::kIo, ErrnoText("fsync", tmp_path_), std::source_location::current()});
  }
  ::close(fd_);
  fd_ = -1;
  if (auto dirs = store_.EnsureFanout(blob_id_); !dirs) return Fail(dirs.error());
  auto final_path = store_.PathFor(blob_id_);
  // link() rather than rename(): it refuses to replace an existing blob (blobs are immutable;
  // two writers of one id must not silently overwrite each other).
  if (::link(tmp_path_.c_str(), final_path.c_str()) != 0) {
    if (errno == EEXIST) {
      return Fail(
          Error{ErrorCode::kAlreadyExists, "blob " + blob_id_, std::source_location::current()});
    }
    return Fail(
        Error{ErrorCode::kIo, ErrnoText("link", final_path), std::source_location::current()});
  }
  ::unlink(tmp_path_.c_str());  // a leftover is harmless: Open() sweeps tmp/
  tmp_path_.clear();
  done_ = true;
  return FsyncDirectory(final_path.parent_path());
}

}  // namespace skerry::storage::fs
