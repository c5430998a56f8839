#pragma once
// Durable file primitives. "Durable" means the bytes and the directory entry survive a power cut
// once the call returns: write to a temporary name, fsync the file, rename, fsync the directory.

#include <filesystem>
#include <string>

#include "base/bytes.h"

namespace skerry {

// Replaces `path` atomically with `data`, created with `mode` (e.g. 0600).
Status WriteFileDurable(const std::filesystem::path& path, ByteView data, int mode = 0600);
Result<Bytes> ReadFileBytes(const std::filesystem::path& path);
Status FsyncDirectory(const std::filesystem::path& dir);
// Creates the directory (and parents) with `mode` if missing; a new one is made durable in its
// parent. An existing directory is left as it is (mode included).
Status EnsureDirectory(const std::filesystem::path& dir, int mode = 0700);
// EnsureDirectory(dir, 0700), then kConfig unless `dir` is a real directory (not a symlink)
// owned by this process's user and closed to group and others: for directories holding keys,
// where anyone else who can add or replace an entry could read or swap them.
Status EnsurePrivateDirectory(const std::filesystem::path& dir);

// "open /var/x: Permission denied" from errno.
std::string ErrnoText(std::string_view what, const std::filesystem::path& path);

}  // namespace skerry
