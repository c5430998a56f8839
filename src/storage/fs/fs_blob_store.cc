#include "storage/fs/fs_blob_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "base/file_util.h"
#include "base/ids.h"
#include "storage/fs/fs_blob_writer.h"

namespace skerry::storage::fs {
namespace {

namespace stdfs = std::filesystem;

constexpr std::string_view kTmpDir = "tmp";

Status ValidateId(const std::string& blob_id) {
  if (!IsHexId(blob_id)) {
    return MakeError(ErrorCode::kInvalidArgument, "blob id must be 32 lowercase hex characters");
  }
  return Ok();
}

bool IsFanoutName(const std::string& name) {
  return name.size() == 2 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Error ErrnoError(ErrorCode code, std::string_view what, const stdfs::path& path) {
  return Error{code, ErrnoText(what, path), std::source_location::current()};
}

struct DirEntry {
  std::string name;
  bool is_dir;
};

// The entries of `dir`, without the throwing std::filesystem iteration (errors are values).
Result<std::vector<DirEntry>> ListDir(const stdfs::path& dir) {
  std::vector<DirEntry> out;
  std::error_code ec;
  stdfs::directory_iterator it(dir, ec);
  for (; !ec && it != stdfs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    bool is_dir = it->is_directory(type_ec);
    out.push_back({it->path().filename().string(), is_dir && !type_ec});
  }
  if (ec) return MakeError(ErrorCode::kIo, fmt::format("list {}: {}", dir.string(), ec.message()));
  return out;
}

Status RemoveStaleTmp(const stdfs::path& tmp) {
  for (const auto& entry : SKERRY_TRY(ListDir(tmp))) {
    auto path = tmp / entry.name;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      return tl::unexpected(ErrnoError(ErrorCode::kIo, "remove stale", path));
    }
  }
  return Ok();
}

}  // namespace

Result<std::unique_ptr<FsBlobStore>> FsBlobStore::Open(const stdfs::path& root, Random& random) {
  SKERRY_TRY(EnsureDirectory(root));
  SKERRY_TRY(EnsureDirectory(root / kTmpDir));
  SKERRY_TRY(RemoveStaleTmp(root / kTmpDir));
  // The tmp directory and any new fan-out directory entries are made durable from here on.
  SKERRY_TRY(FsyncDirectory(root));
  return std::make_unique<FsBlobStore>(Passkey{}, root, random);
}

stdfs::path FsBlobStore::PathFor(const std::string& blob_id) const {
  // The fan-out takes the id's last, random characters: the first ones are a timestamp
  // (NewTimeOrderedHexId) and would crowd each period's blobs into one directory.
  return root_ / blob_id.substr(28, 2) / blob_id.substr(30, 2) / blob_id;
}

Status FsBlobStore::EnsureFanout(const std::string& blob_id) {
  auto leaf = PathFor(blob_id).parent_path();
  for (const auto& dir : {leaf.parent_path(), leaf}) {
    {
      std::lock_guard lock(mu_);
      if (durable_dirs_.contains(dir.string())) continue;
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return tl::unexpected(ErrnoError(ErrorCode::kIo, "mkdir", dir));
    }
    // Even when another thread created it, its entry is durable only once the parent is
    // fsynced; do it ourselves rather than trust that the other thread got there first.
    SKERRY_TRY(FsyncDirectory(dir.parent_path()));
    std::lock_guard lock(mu_);
    durable_dirs_.insert(dir.string());
  }
  return Ok();
}

Result<std::unique_ptr<BlobWriter>> FsBlobStore::Create(const std::string& blob_id) {
  SKERRY_TRY(ValidateId(blob_id));
  struct stat st;
  if (::stat(PathFor(blob_id).c_str(), &st) == 0) {
    return MakeError(ErrorCode::kAlreadyExists, "blob " + blob_id);
  }
  std::string name;
  {
    std::lock_guard lock(mu_);
    name = NewHexId(random_) + ".tmp";
  }
  auto tmp = root_ / kTmpDir / name;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return tl::unexpected(ErrnoError(ErrorCode::kIo, "create", tmp));
  return std::make_unique<FsBlobWriter>(*this, blob_id, fd, tmp);
}

Result<std::uint64_t> FsBlobStore::Size(const std::string& blob_id) {
  SKERRY_TRY(ValidateId(blob_id));
  auto path = PathFor(blob_id);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return tl::unexpected(
        ErrnoError(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, "stat", path));
  }
  return static_cast<std::uint64_t>(st.st_size);
}

Result<Bytes> FsBlobStore::Read(const std::string& blob_id, std::uint64_t offset,
                                std::uint64_t length) {
  SKERRY_TRY(ValidateId(blob_id));
  auto path = PathFor(blob_id);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return tl::unexpected(
        ErrnoError(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, "open", path));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    auto error = ErrnoError(ErrorCode::kIo, "stat", path);
    ::close(fd);
    return tl::unexpected(std::move(error));
  }
  auto size = static_cast<std::uint64_t>(st.st_size);
  Bytes out;
  if (offset < size) out.resize(static_cast<std::size_t>(std::min(length, size - offset)));
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n =
        ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // n == 0 before the expected end: the file shrank, which immutable blobs never do.
      auto error = n < 0 ? ErrnoError(ErrorCode::kIo, "read", path)
                         : Error{ErrorCode::kCorrupt, "blob file truncated: " + path.string(),
                                 std::source_location::current()};
      ::close(fd);
      return tl::unexpected(std::move(error));
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return out;
}

Status FsBlobStore::Delete(const std::string& blob_id) {
  SKERRY_TRY(ValidateId(blob_id));
  auto path = PathFor(blob_id);
  // No directory fsync: a blob resurrected by a crash is unreferenced and List() lets the
  // garbage collector find it again; paying an fsync per delete buys nothing.
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return tl::unexpected(ErrnoError(ErrorCode::kIo, "unlink", path));
  }
  return Ok();
}

Result<std::vector<std::string>> FsBlobStore::List() {
  std::vector<std::string> ids;
  for (const auto& top : SKERRY_TRY(ListDir(root_))) {
    if (!top.is_dir || !IsFanoutName(top.name)) continue;  // skips tmp/
    for (const auto& mid : SKERRY_TRY(ListDir(root_ / top.name))) {
      if (!mid.is_dir || !IsFanoutName(mid.name)) continue;
      for (const auto& file : SKERRY_TRY(ListDir(root_ / top.name / mid.name))) {
        if (IsHexId(file.name) && file.name.ends_with(top.name + mid.name)) {
          ids.push_back(file.name);
        }
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace skerry::storage::fs
