#pragma once
// A SQLite VFS that is the default one except for WAL files, where it turns SQLite's two writes
// per WAL frame into one.
//
// SQLite writes each WAL frame as a 24-byte frame header and then the page right after it: two
// pwrite() calls. On this project's VMs a system call costs microseconds, and a group commit
// of AppendItems writes five to six frames per write: those calls were half of the writer
// thread's time in COMMIT (bench/README.md). This VFS holds a 24-byte write to a WAL file and,
// when the next call on that file is the write that continues it, issues both as one write of
// the concatenated bytes. Any other call on the file (another write, read, sync, truncate, size,
// file control, close) first writes the held bytes, so the file's content as seen through any
// call is what SQLite wrote, in order. Holding the header costs nothing in crash safety: bytes
// in this buffer are exactly as lost in a crash as bytes SQLite had not written yet, and SQLite
// publishes a commit to readers only after every frame's page write returned.
//
// Thread-safety: as for any SQLite file, one connection (one thread at a time) per file object.

namespace skerry::storage::sqlite {

// Registers the VFS on first use (not as the default) and returns its name for
// sqlite3_open_v2; null if it could not be registered, then callers use the default VFS.
const char* WalWriteMergingVfs();

}  // namespace skerry::storage::sqlite
