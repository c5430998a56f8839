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
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return MakeError(ErrorCode::kIo, ErrnoText("create", tmp));
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
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
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
  Bytes out;
  std::uint8_t buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto err = ErrnoText("read", path);
      ::close(fd);
      return MakeError(ErrorCode::kIo, err);
    }
    if (n == 0) break;
    out.insert(out.end(), buf, buf + n);
  }
  ::close(fd);
  return out;
}

Status EnsureDirectory(const std::filesystem::path& dir, int mode) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, fmt::format("mkdir {}: {}", dir.string(), ec.message()));
  ::chmod(dir.c_str(), static_cast<mode_t>(mode));
  return Ok();
}

}  // namespace skerry
