#include "storage/sqlite/sqlite_connection.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/mman.h>

#include <algorithm>

#include "storage/sqlite/sqlite_error.h"
#include "storage/sqlite/sqlite_statement.h"
#include "storage/sqlite/wal_write_merger.h"

namespace skerry::storage::sqlite {
namespace {

// Writer page cache: a group commit of 64 appends dirties a few hundred pages scattered over
// several B-trees; a small cache would evict and re-read them within one batch.
constexpr int kWriterCacheKib = 64 * 1024;
// WAL pages between automatic checkpoints (default 1000), which run inside a COMMIT on the
// writer thread; rarer ones copy a page modified by many batches once instead of many times.
// SqliteStore replaces them with a WalCheckpointer once migrations have run.
constexpr int kWalAutocheckpointPages = 10000;

// Lookaside slots per connection (SQLite's default is 1200 bytes x 40). Executing a statement
// allocates many small objects (cursors, records, unpacked keys); a write closure runs about ten
// statements, and once the 40 slots are taken each of those goes to malloc instead.
constexpr int kLookasideSlotSize = 1200;
constexpr int kLookasideSlots = 500;

// Page cache memory, process-wide: room for one writer's cache and its readers' (SQLite's default
// cache, 2000 KiB each) with some left over; past it SQLite falls back to malloc. Without a pool,
// SQLite mallocs each page the cache gains; as a store grows, the writer thread's malloc arena
// then grows a page at a time, each step an mprotect() call and a fresh page fault (a fifth of
// the writer's time in store_bench). The pool is reserved address space: a page of it costs
// memory only once used, as a malloc'd one would.
constexpr std::size_t kPageCachePoolBytes = std::size_t{80} << 20;

// Process-wide settings, possible only before SQLite initializes: if another user of SQLite in
// the process initialized it first, the calls fail harmlessly and SQLite's defaults stay.
//   - SQLite's memory statistics (sqlite3_memory_used and friends) take a process-wide mutex
//     around every allocation; nothing here reads them, and on the writer thread that mutex pair
//     was a tenth of a write closure's time.
//   - The page cache pool above.
void ConfigureSqliteOnce() {
  static const bool once = [] {
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK) return false;
    // A slot holds the largest page this project uses (SQLite's default, 4 KiB) and its header.
    std::size_t slot = (std::size_t{4096} + static_cast<std::size_t>(header) + 7) / 8 * 8;
    std::size_t slots = kPageCachePoolBytes / slot;
    void* pool = ::mmap(nullptr, slot * slots, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (pool == MAP_FAILED) return false;
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, pool, static_cast<int>(slot),
                       static_cast<int>(slots)) != SQLITE_OK) {
      ::munmap(pool, slot * slots);
      return false;
    }
    return true;  // the pool lives as long as the process, as SQLite requires
  }();
  (void)once;
}

bool IsSavepointName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::filesystem::path& path,
                                                                 const ConnectionOptions& options) {
  ConfigureSqliteOnce();  // first: it must precede SQLite's initialization
  sqlite3* db = nullptr;
  int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  // Writers write the WAL: one system call per frame instead of two (wal_write_merger.h).
  const char* vfs = options.role == ConnectionRole::kWriter ? WalWriteMergingVfs() : nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    auto error = SqliteError(rc, db, path.string(), "open");
    sqlite3_close(db);  // a handle is returned even on failure; closing null is harmless
    return tl::unexpected(std::move(error));
  }
  auto conn = std::make_unique<SqliteConnection>(Passkey{}, db, path.string());
  SKERRY_TRY(conn->Configure(options));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  // Every statement is finalized, so close cannot fail with SQLITE_BUSY.
  sqlite3_close(db_);
}

Status SqliteConnection::Configure(const ConnectionOptions& options) {
  // Before anything allocates from the lookaside (that would make the call fail with BUSY).
  if (int rc = sqlite3_db_config(db_, SQLITE_DBCONFIG_LOOKASIDE, nullptr, kLookasideSlotSize,
                                 kLookasideSlots);
      rc != SQLITE_OK) {
    return tl::unexpected(MakeSqliteError(rc, "configure lookaside"));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
  // Reading the schema touches the header and page 1: garbage or a foreign file fails here.
  SKERRY_TRY(PragmaText("SELECT count(*) FROM sqlite_schema"));
  SKERRY_TRY(Execute("PRAGMA foreign_keys = ON"));
  // Each closure of a group commit runs in a savepoint, and SQLite keeps the pre-image of every
  // page first touched inside a savepoint in a sub-journal. On disk that costs a temp-file write
  // per page and per closure (it halved the writer's throughput); in memory it is a memcpy.
  SKERRY_TRY(Execute("PRAGMA temp_store = MEMORY"));
  // Crypto-shredding (DESIGN §3): a deleted or shrunk row — a mailbox's wrapped key after
  // DestroyMailboxKey, an organization's directory objects — is overwritten with zeros in its
  // page instead of lingering in free space. Per connection, not stored in the file.
  SKERRY_TRY(Execute("PRAGMA secure_delete = ON"));
  if (options.role == ConnectionRole::kReader) return Execute("PRAGMA query_only = ON");
  // A checkpoint fsyncs the WAL before it copies frames and the database file after: with
  // synchronous=OFF it would do neither.
  if (options.role == ConnectionRole::kCheckpointer) return Execute("PRAGMA synchronous = FULL");
  SKERRY_TRY(Execute(fmt::format("PRAGMA cache_size = -{}", kWriterCacheKib)));
  SKERRY_TRY(Execute(fmt::format("PRAGMA wal_autocheckpoint = {}", kWalAutocheckpointPages)));
  // FULL: in WAL mode every COMMIT fsyncs the log before returning, the durability contract.
  return Execute("PRAGMA synchronous = FULL");
}

Status SqliteConnection::EnableWal() {
  // Persistent: recorded in the file, so readers opened later find it in WAL mode.
  auto mode = SKERRY_TRY(PragmaText("PRAGMA journal_mode = WAL"));
  if (mode != "wal") {
    return MakeError(
        ErrorCode::kIo,
        fmt::format("database {}: cannot enable WAL (journal_mode is {})", name_, mode));
  }
  return Ok();
}

void SqliteConnection::SetWalHook(WalHook hook, void* arg) { sqlite3_wal_hook(db_, hook, arg); }

Status SqliteConnection::SetSyncOnCommit(bool sync) {
  return Execute(sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
}

Result<std::string> SqliteConnection::PragmaText(std::string_view sql) {
  auto stmt = SKERRY_TRY(Prepare(sql));
  if (!SKERRY_TRY(stmt->Step())) return std::string();
  return stmt->ColumnText(0);
}

Result<std::unique_ptr<sql::Statement>> SqliteConnection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return tl::unexpected(MakeSqliteError(rc, "prepare"));
    if (stmt == nullptr) return MakeError(ErrorCode::kInvalidArgument, "empty SQL statement");
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(stmt);
      return MakeError(ErrorCode::kInternal, "Prepare() takes one statement; use Execute()");
    }
    // Through the cache even the first time: that makes the node the statement carries.
    it = cache_.emplace(std::string(sql), stmt);
  }
  return std::make_unique<SqliteStatement>(*this, cache_.extract(it));
}

void SqliteConnection::Recycle(StatementCache::node_type node) { cache_.insert(std::move(node)); }

Error SqliteConnection::MakeSqliteError(int rc, std::string_view what, std::source_location where) {
  return SqliteError(rc, db_, name_, what, where);
}

Status SqliteConnection::Execute(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec wants a terminated string
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) return tl::unexpected(MakeSqliteError(rc, "execute"));
  return Ok();
}

std::int64_t SqliteConnection::ChangedRows() { return sqlite3_changes64(db_); }

Status SqliteConnection::Begin(sql::TxnMode mode) {
  // IMMEDIATE takes the write lock now: a deferred transaction that reads first and writes later
  // can fail with SQLITE_BUSY at its first write, which no retry inside a batch could fix.
  return RunCached(mode == sql::TxnMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Status SqliteConnection::Commit() { return RunCached("COMMIT"); }
Status SqliteConnection::Rollback() { return RunCached("ROLLBACK"); }
bool SqliteConnection::InTransaction() { return sqlite3_get_autocommit(db_) == 0; }

Status SqliteConnection::SavepointCommand(SavepointVerb verb, std::string_view name) {
  if (name.empty() || name != savepoint_name_) {
    if (!IsSavepointName(name)) {
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("bad savepoint name '{}'", name));
    }
    savepoint_name_ = std::string(name);
    savepoint_sql_[kSavepoint] = fmt::format("SAVEPOINT {}", name);
    savepoint_sql_[kRelease] = fmt::format("RELEASE {}", name);
    savepoint_sql_[kRollbackTo] = fmt::format("ROLLBACK TO {}", name);
  }
  return RunCached(savepoint_sql_[verb]);
}

// Transaction control runs for every closure of every batch: prepared once, then stepped in
// place in the cache (these statements return no rows and are never borrowed by a Query).
Status SqliteConnection::RunCached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    SKERRY_TRY(Prepare(sql));  // the statement goes back into the cache when dropped
    it = cache_.find(sql);
  }
  sqlite3_stmt* stmt = it->second;
  int rc;
  do {
    rc = sqlite3_step(stmt);
  } while (rc == SQLITE_ROW);
  if (rc != SQLITE_DONE) {
    auto error = MakeSqliteError(rc, "step");  // before the reset, while errmsg is this step's
    sqlite3_reset(stmt);
    return tl::unexpected(std::move(error));
  }
  sqlite3_reset(stmt);
  return Ok();
}

Status SqliteConnection::Savepoint(std::string_view name) {
  return SavepointCommand(kSavepoint, name);
}
Status SqliteConnection::ReleaseSavepoint(std::string_view name) {
  return SavepointCommand(kRelease, name);
}
Status SqliteConnection::RollbackToSavepoint(std::string_view name) {
  return SavepointCommand(kRollbackTo, name);
}

}  // namespace skerry::storage::sqlite
