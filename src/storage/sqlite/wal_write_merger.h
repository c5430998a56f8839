#pragma once
// A SQLite VFS that is the default one except for WAL files, where it writes each commit's run
// of frames with one system call instead of two per frame.
//
// SQLite writes each WAL frame as a 24-byte frame header and then the page right after it: two
// pwrite() calls. On this project's VMs a system call costs microseconds, and a group commit of
// AppendItems writes five to six frames per write: those calls were most of the writer thread's
// time in COMMIT (bench/README.md). This VFS holds writes to a WAL file that continue one another
// and writes the run (one pwrite per 128 KiB) when SQLite writes the page of a commit frame
// (bytes 4..7 of its header non-zero), since SQLite then publishes the commit to readers through
// the wal-index without another call on the file. Any other call on the file (a write elsewhere,
// read, sync, truncate, size, file control, fetch, close) first writes the held bytes, so the
// file's content as seen through any call is what SQLite wrote, in order. A write that follows a
// read is never held: that is how SQLite rewrites frame headers in place after a commit frame
// (walRewriteChecksums), the commit frame's last, with no page after it to end a run. Holding costs nothing
// in crash safety: held bytes are exactly as lost in a crash as bytes SQLite had not written
// yet, and nothing is acknowledged before the commit's run is written and synced.
//
// Thread-safety: as for any SQLite file, one connection (one thread at a time) per file object.

namespace skerry::storage::sqlite {

// Registers the VFS on first use (not as the default) and returns its name for
// sqlite3_open_v2; null if it could not be registered, then callers use the default VFS.
const char* WalWriteMergingVfs();

}  // namespace skerry::storage::sqlite
