#include "base/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace skerry {

std::string ErrnoText(std::string_view what, const std::filesystem::path& path) {
  return fmt::format("{} {}: {}", what, path.string(), std::strerror(errno));
}

Status FsyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return MakeError(ErrorCode::kIo, ErrnoText("open", dir));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return MakeError(ErrorCode::kIo, ErrnoText("fsync", dir));
  return Ok();
}

Status WriteFileDurable(const std::filesystem::path& path, ByteView data, int mode) {
  auto tmp = path;
  tmp += ".tmp";
  // A fresh file, never one already there: an existing ".tmp" (a crash's leftover, or one
  // somebody else planted, open, or made a symlink) keeps its own mode and readers, and the
  // bytes written next may be a key. The mode is set before any byte is written.
  if (::unlink(tmp.c_str()) != 0 && errno != ENOENT) {
    return MakeError(ErrorCode::kIo, ErrnoText("remove stale", tmp));
  }
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return MakeError(ErrorCode::kIo, ErrnoText("create", tmp));
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {  // the umask may have narrowed, never widened
    auto err = ErrnoText("chmod", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return MakeError(ErrorCode::kIo, err);
  }
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto err = ErrnoText("write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return MakeError(ErrorCode::kIo, err);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    auto err = ErrnoText("fsync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return MakeError(ErrorCode::kIo, err);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto err = ErrnoText("rename", path);
    ::unlink(tmp.c_str());
    return MakeError(ErrorCode::kIo, err);
  }
  auto parent = path.parent_path();
  return FsyncDirectory(parent.empty() ? std::filesystem::path(".") : parent);
}

Result<Bytes> ReadFileBytes(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return MakeError(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, ErrnoText("open", path));
  }
  // Read in place: key files come through here, and a bounce buffer or a growing vector would
  // leave copies of their bytes in memory nobody wipes.
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    auto err = ErrnoText("stat", path);
    ::close(fd);
    return MakeError(ErrorCode::kIo, err);
  }
  Bytes out(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t done = 0;
  for (;;) {
    if (done == out.size()) out.resize(out.size() + 4096);  // grew since fstat, or a pseudo-file
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto err = ErrnoText("read", path);
      ::close(fd);
      return MakeError(ErrorCode::kIo, err);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return out;
}

Status EnsureDirectory(const std::filesystem::path& dir, int mode) {
  std::error_code ec;
  bool created = std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, fmt::format("mkdir {}: {}", dir.string(), ec.message()));
  if (!created) return Ok();  // an existing directory keeps the mode its owner gave it
  if (::chmod(dir.c_str(), static_cast<mode_t>(mode)) != 0) {  // mkdir's mode passed the umask
    return MakeError(ErrorCode::kIo, ErrnoText("chmod", dir));
  }
  // The new entry must survive a power cut like what is written inside it.
  auto parent = dir.parent_path();
  return FsyncDirectory(parent.empty() ? std::filesystem::path(".") : parent);
}

Status EnsurePrivateDirectory(const std::filesystem::path& dir) {
  SKERRY_TRY(EnsureDirectory(dir, 0700));
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return MakeError(ErrorCode::kIo, ErrnoText("stat", dir));
  if (!S_ISDIR(st.st_mode)) {
    return MakeError(ErrorCode::kConfig, fmt::format("{} is not a directory", dir.string()));
  }
  if (st.st_uid != ::geteuid()) {
    return MakeError(ErrorCode::kConfig,
                     fmt::format("{} belongs to uid {}, not to this process (uid {}): chown it",
                                 dir.string(), st.st_uid, ::geteuid()));
  }
  if ((st.st_mode & 077) != 0) {
    return MakeError(ErrorCode::kConfig,
                     fmt::format("{} has mode {:04o}: it must not be accessible by group or "
                                 "others (chmod 700 {})",
                                 dir.string(), st.st_mode & 07777, dir.string()));
  }
  return Ok();
}

}  // namespace skerry
