#include "storage/sqlite/wal_syncer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace skerry::storage::sqlite {
namespace {

Error ErrnoError(int err, std::string_view what, const std::string& path) {
  return Error{ErrorCode::kIo, fmt::format("{} {}: {}", what, path, std::strerror(err)),
               SourceLocation::Current()};
}

}  // namespace

Result<std::unique_ptr<WalSyncer>> WalSyncer::Open(const std::filesystem::path& db_path) {
  std::string path = db_path.string() + "-wal";
  // Read-only: this descriptor only ever syncs (fdatasync needs no write access on Linux).
  // Closing it later releases no SQLite lock: SQLite locks the database and -shm files, never
  // the WAL, so the POSIX rule "closing any descriptor drops the process's locks on the file"
  // does not bite here.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return tl::unexpected(ErrnoError(errno, "open", path));
  return std::make_unique<WalSyncer>(Passkey{}, fd, std::move(path));
}

WalSyncer::~WalSyncer() { ::close(fd_); }

void WalSyncer::StartWriteback() {
  // WRITE alone waits for nothing and consumes no writeback error: the fdatasync of Sync()
  // still sees, and reports, any.
  (void)::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
}

Status WalSyncer::Sync() {
  // fdatasync, like SQLite's own WAL syncs: it flushes the data and the size, not timestamps.
  if (::fdatasync(fd_) != 0) return tl::unexpected(ErrnoError(errno, "fdatasync", path_));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return tl::unexpected(ErrnoError(errno, "fstat", path_));
  if (st.st_nlink == 0) {
    return MakeError(ErrorCode::kIo,
                     fmt::format("{} was deleted while the store had it open; the writes it "
                                 "held cannot be called durable",
                                 path_));
  }
  return Ok();
}

}  // namespace skerry::storage::sqlite
