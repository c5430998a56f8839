#include "storage/sqlite/wal_write_merger.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace skerry::storage::sqlite {
namespace {

constexpr char kVfsName[] = "skerry-wal-merge";
constexpr int kFrameHeaderSize = 24;      // WAL_FRAME_HDRSIZE in SQLite's wal.c (file format)
constexpr int kMaxHeld = 8 * 1024 * 1024;  // a longer run is written in pieces of this size

sqlite3_vfs* g_base = nullptr;  // the default VFS, set once before registration
sqlite3_vfs g_vfs;

// SQLite allocates this (szOsFile bytes) and never constructs it: plain data only. The base VFS's
// own file object follows it in the same allocation.
struct alignas(16) MergingFile {
  sqlite3_file base;  // pMethods = &kMethods
  sqlite3_file* inner;
  sqlite3_int64 held_offset;
  int held_size;  // 0: nothing held
  int held_capacity;
  unsigned char* held;  // sqlite3_malloc'd
  bool commit_header;   // the last write was the header of a commit frame: its page ends the run
  bool after_read;      // the last call was a read (then a write goes straight to the file)
};

MergingFile* Self(sqlite3_file* file) { return reinterpret_cast<MergingFile*>(file); }
sqlite3_file* Inner(sqlite3_file* file) { return Self(file)->inner; }

// The unix VFS passes at most 0x1ffff bytes to one pwrite (seekAndWriteFd masks the count) and
// reports a remainder of exactly 128 KiB as a full disk: it expects page-sized writes. Longer
// runs go down in pieces it handles.
constexpr int kMaxInnerWrite = 0x1ffff;

int WriteHeld(MergingFile* f) {
  int n = f->held_size;
  f->held_size = 0;
  for (int done = 0; done < n;) {
    int piece = std::min(n - done, kMaxInnerWrite);
    if (int rc = f->inner->pMethods->xWrite(f->inner, f->held + done, piece, f->held_offset + done); rc != SQLITE_OK)
      return rc;
    done += piece;
  }
  return SQLITE_OK;
}

// Bytes 4..7 of a frame header: the database size after a commit, 0 in every other frame.
bool IsCommitHeader(const void* data) {
  const auto* h = static_cast<const unsigned char*>(data);
  return (h[4] | h[5] | h[6] | h[7]) != 0;
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  MergingFile* f = Self(file);
  if (f->after_read) {
    // A transaction that rewrote a frame it had already written makes SQLite recompute the
    // checksums of the frames from there on once its commit frame is in the file: it reads each
    // frame and rewrites its header in place, the commit frame's last, and no page follows that
    // one to end a run. Held, it would miss the file until some later call, and a crash in
    // between would lose a transaction already published and acknowledged. So a write that
    // follows a read is never held (the read wrote out whatever was).
    f->after_read = false;
    f->commit_header = amount == kFrameHeaderSize && IsCommitHeader(data);  // its page ends a run
    return f->inner->pMethods->xWrite(f->inner, data, amount, offset);
  }
  bool ends_run = f->commit_header && amount != kFrameHeaderSize;
  f->commit_header = amount == kFrameHeaderSize && IsCommitHeader(data);
  if (f->held_size > 0 && (offset != f->held_offset + f->held_size || f->held_size + amount > kMaxHeld)) {
    if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  }
  if (f->held_size + amount > f->held_capacity && amount <= kMaxHeld) {
    int want = std::max(f->held_size + amount, std::min(kMaxHeld, 2 * f->held_capacity));
    if (auto* grown = static_cast<unsigned char*>(sqlite3_realloc(f->held, want)); grown != nullptr) {
      f->held = grown;
      f->held_capacity = want;
    }
  }
  if (f->held_size + amount > f->held_capacity) {
    // Too large to hold, or out of memory: write what is held, then this, as SQLite asked.
    if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
    return f->inner->pMethods->xWrite(f->inner, data, amount, offset);
  }
  if (f->held_size == 0) f->held_offset = offset;
  std::memcpy(f->held + f->held_size, data, static_cast<std::size_t>(amount));
  f->held_size += amount;
  // SQLite publishes a commit to readers (in the wal-index) right after writing its last frame,
  // without another call on this file: the run must be in the file by then.
  return ends_run ? WriteHeld(f) : SQLITE_OK;
}

int Close(sqlite3_file* file) {
  MergingFile* f = Self(file);
  int held = WriteHeld(f);
  int rc = f->inner->pMethods->xClose(f->inner);
  sqlite3_free(f->held);
  f->held = nullptr;
  return held != SQLITE_OK ? held : rc;
}

// Calls that look at or change the file as a whole see the held bytes written first.
int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  if (int rc = WriteHeld(Self(file)); rc != SQLITE_OK) return rc;
  Self(file)->after_read = true;
  return Inner(file)->pMethods->xRead(Inner(file), out, amount, offset);
}
int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (int rc = WriteHeld(Self(file)); rc != SQLITE_OK) return rc;
  return Inner(file)->pMethods->xTruncate(Inner(file), size);
}
int Sync(sqlite3_file* file, int flags) {
  if (int rc = WriteHeld(Self(file)); rc != SQLITE_OK) return rc;
  return Inner(file)->pMethods->xSync(Inner(file), flags);
}
int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  if (int rc = WriteHeld(Self(file)); rc != SQLITE_OK) return rc;
  return Inner(file)->pMethods->xFileSize(Inner(file), size);
}
int FileControl(sqlite3_file* file, int op, void* arg) {
  if (int rc = WriteHeld(Self(file)); rc != SQLITE_OK) return rc;
  return Inner(file)->pMethods->xFileControl(Inner(file), op, arg);
}
int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  *out = nullptr;
  if (int rc = WriteHeld(Self(file)); rc != SQLITE_OK) return rc;
  if (Inner(file)->pMethods->iVersion < 3) return SQLITE_OK;  // "no mapping": SQLite reads
  return Inner(file)->pMethods->xFetch(Inner(file), offset, amount, out);
}
int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* p) {
  if (Inner(file)->pMethods->iVersion < 3) return SQLITE_OK;
  return Inner(file)->pMethods->xUnfetch(Inner(file), offset, p);
}

// Locks, geometry and shared memory do not touch the file's bytes: passed through as they are.
int Lock(sqlite3_file* file, int level) {
  return Inner(file)->pMethods->xLock(Inner(file), level);
}
int Unlock(sqlite3_file* file, int level) {
  return Inner(file)->pMethods->xUnlock(Inner(file), level);
}
int CheckReservedLock(sqlite3_file* file, int* out) {
  return Inner(file)->pMethods->xCheckReservedLock(Inner(file), out);
}
int SectorSize(sqlite3_file* file) { return Inner(file)->pMethods->xSectorSize(Inner(file)); }
int DeviceCharacteristics(sqlite3_file* file) {
  return Inner(file)->pMethods->xDeviceCharacteristics(Inner(file));
}
int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return Inner(file)->pMethods->xShmMap(Inner(file), region, size, extend, out);
}
int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return Inner(file)->pMethods->xShmLock(Inner(file), offset, n, flags);
}
void ShmBarrier(sqlite3_file* file) { Inner(file)->pMethods->xShmBarrier(Inner(file)); }
int ShmUnmap(sqlite3_file* file, int delete_flag) {
  return Inner(file)->pMethods->xShmUnmap(Inner(file), delete_flag);
}

const sqlite3_io_methods kMethods = {
    3,        Close,  Read,       Write,    Truncate, Sync,     FileSize,
    Lock,     Unlock, CheckReservedLock,    FileControl,        SectorSize,
    DeviceCharacteristics,        ShmMap,   ShmLock,  ShmBarrier, ShmUnmap,
    Fetch,    Unfetch,
};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    // Everything but a WAL is the base VFS's own file object, in the (larger) space we own.
    return g_base->xOpen(g_base, name, file, flags, out_flags);
  }
  MergingFile* f = Self(file);
  std::memset(f, 0, sizeof(MergingFile));
  auto* inner = reinterpret_cast<sqlite3_file*>(f + 1);
  std::memset(inner, 0, static_cast<std::size_t>(g_base->szOsFile));
  int rc = g_base->xOpen(g_base, name, inner, flags, out_flags);
  if (rc != SQLITE_OK) {
    // SQLite would call xClose on a non-null pMethods; ours stays null, so close the inner here.
    if (inner->pMethods != nullptr) inner->pMethods->xClose(inner);
    return rc;
  }
  f->inner = inner;
  f->base.pMethods = &kMethods;
  return SQLITE_OK;
}

// The VFS-level calls go to the base VFS with its own object (the unix VFS reads its pAppData).
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_base->xDelete(g_base, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_base->xAccess(g_base, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_base->xFullPathname(g_base, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return g_base->xDlOpen(g_base, name); }
void DlError(sqlite3_vfs*, int n, char* out) { g_base->xDlError(g_base, n, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_base->xDlSym(g_base, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { g_base->xDlClose(g_base, handle); }
int Randomness(sqlite3_vfs*, int n, char* out) { return g_base->xRandomness(g_base, n, out); }
int Sleep(sqlite3_vfs*, int micros) { return g_base->xSleep(g_base, micros); }
int CurrentTime(sqlite3_vfs*, double* out) { return g_base->xCurrentTime(g_base, out); }
int GetLastError(sqlite3_vfs*, int n, char* out) { return g_base->xGetLastError(g_base, n, out); }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_base->xCurrentTimeInt64(g_base, out);
}

const char* Register() {
  g_base = sqlite3_vfs_find(nullptr);
  // Version 2 methods are all this VFS forwards; the base must have them.
  if (g_base == nullptr || g_base->iVersion < 2) return nullptr;
  g_vfs = sqlite3_vfs{};
  g_vfs.iVersion = 2;
  g_vfs.szOsFile = static_cast<int>(sizeof(MergingFile)) + g_base->szOsFile;
  g_vfs.mxPathname = g_base->mxPathname;
  g_vfs.zName = kVfsName;
  g_vfs.xOpen = Open;
  g_vfs.xDelete = Delete;
  g_vfs.xAccess = Access;
  g_vfs.xFullPathname = FullPathname;
  g_vfs.xDlOpen = DlOpen;
  g_vfs.xDlError = DlError;
  g_vfs.xDlSym = DlSym;
  g_vfs.xDlClose = DlClose;
  g_vfs.xRandomness = Randomness;
  g_vfs.xSleep = Sleep;
  g_vfs.xCurrentTime = CurrentTime;
  g_vfs.xGetLastError = GetLastError;
  g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) return nullptr;
  return kVfsName;
}

}  // namespace

const char* WalWriteMergingVfs() {
  static const char* const name = Register();
  return name;
}

}  // namespace skerry::storage::sqlite
