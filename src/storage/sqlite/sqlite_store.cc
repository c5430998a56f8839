#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <chrono>

#include "base/clock.h"
#include "base/log.h"
#include "base/log_events.h"
#include "storage/sql/tails.h"
#include "storage/sql/migrator.h"
#include "storage/sql/query.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_migrations.h"
#include "storage/sqlite/wal_checkpointer.h"
#include "storage/sqlite/wal_syncer.h"

namespace skerry::storage::sqlite {
namespace {

constexpr std::size_t kMaxReaders = 64;
// fdatasyncs of the WAL in flight at once (GroupCommitWriter: one sync thread per syncer). With
// one, a batch committed just after a sync started waits for that sync and then its own; with
// two, its own starts at once. store_bench, same run, fsync ~0.35 ms: 22.3k vs 19.3k commits/s.
// A third measured no better (the writer thread is then the bottleneck).
constexpr std::size_t kConcurrentSyncs = 2;

// Refuses a database another application made, before migrations add tables to it: a mistyped
// path must not turn someone's file into a half-Skerry store.
Status CheckOwnedBySkerry(sql::Connection& conn) {
  auto app = SKERRY_TRY(sql::Query::Prepare(conn, "PRAGMA application_id"));
  SKERRY_TRY(app.StepExpectRow("application_id"));
  auto id = app.Int(0);
  if (id == kSkerryApplicationId) return Ok();
  // Without the mark: a new file, or a Skerry store from before migration 3 set it.
  auto ours = SKERRY_TRY(sql::Query::Prepare(
      conn,
      "SELECT count(*), count(*) FILTER (WHERE name = 'schema_migrations') FROM sqlite_schema"));
  SKERRY_TRY(ours.StepExpectRow("schema"));
  if (id == 0 && (ours.Int(0) == 0 || ours.Int(1) == 1)) return Ok();
  return MakeError(ErrorCode::kFailedPrecondition,
                   fmt::format("database {} belongs to another application (application_id {})",
                               conn.Name(), id));
}

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::Real().Now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& path,
                                                       const SqliteStoreOptions& options) {
  if (options.readers == 0 || options.readers > kMaxReaders || options.max_batch == 0 ||
      options.change_tail_rows == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "readers must be 1..64, max_batch >= 1 and change_tail_rows >= 1");
  }
  ConnectionOptions writer_options{ConnectionRole::kWriter, options.busy_timeout};
  auto writer = SKERRY_TRY(SqliteConnection::Open(path, writer_options));
  SKERRY_TRY(CheckOwnedBySkerry(*writer));
  SKERRY_TRY(writer->EnableWal());
  auto migrated = SKERRY_TRY(sql::ApplyMigrations(*writer, SqliteMigrations(), NowUnix()));
  if (migrated.applied > 0) {
    Log(LogLevel::kInfo, ev::kStoreMigrated,
        {{"path", path.string()},
         {"applied", migrated.applied},
         {"schema_version", migrated.schema_version}});
  }
  // Checkpoints on a thread of their own rather than inside the writer's COMMITs; migrations
  // above still ran with SQLite's automatic ones.
  auto checkpointer =
      SKERRY_TRY(WalCheckpointer::Start(path, options.busy_timeout, options.checkpoints));
  checkpointer->Attach(*writer);
  // Pipelined group commit (docs/formats/schema.md "Durability contract"): COMMIT only writes
  // the WAL (synchronous=NORMAL) and the writer's sync thread fsyncs it before anyone is told.
  // Migrations above ran with FULL, so they are durable before the store opens. max_batch=1
  // keeps FULL and no sync thread: one fsync inside every COMMIT, the bench's baseline.
  std::vector<std::unique_ptr<sql::LogSyncer>> syncers;
  if (options.max_batch > 1) {
    // Opened before the first write they vouch for, so each hears of any writeback error.
    for (std::size_t i = 0; i < kConcurrentSyncs; ++i) {
      syncers.push_back(SKERRY_TRY(WalSyncer::Open(path)));
    }
    SKERRY_TRY(writer->SetSyncOnCommit(false));
  }
  std::vector<std::unique_ptr<sql::Connection>> readers;
  ConnectionOptions reader_options{ConnectionRole::kReader, options.busy_timeout};
  for (std::size_t i = 0; i < options.readers; ++i) {
    readers.push_back(SKERRY_TRY(SqliteConnection::Open(path, reader_options)));
  }
  auto store = std::make_unique<SqliteStore>(
      Passkey{}, path, migrated.schema_version, std::move(checkpointer),
      std::make_unique<sql::GroupCommitWriter>(
          std::move(writer), options.max_batch, std::move(syncers),
          [rows = options.change_tail_rows](sql::Connection& conn) -> Status {
            return sql::FoldTails(conn, rows).map([](std::size_t) {});
          }),
      std::make_unique<sql::ReaderPool>(std::move(readers)));
  Log(LogLevel::kInfo, ev::kStoreOpened,
      {{"path", path.string()},
       {"backend", "sqlite"},
       {"schema_version", migrated.schema_version},
       {"readers", options.readers},
       {"max_batch", options.max_batch}});
  return store;
}

SqliteStore::SqliteStore(Passkey, std::filesystem::path path, int schema_version,
                         std::unique_ptr<WalCheckpointer> checkpointer,
                         std::unique_ptr<sql::GroupCommitWriter> writer,
                         std::unique_ptr<sql::ReaderPool> readers)
    : path_(std::move(path)),
      schema_version_(schema_version),
      checkpointer_(std::move(checkpointer)),
      writer_(std::move(writer)),
      readers_(std::move(readers)),
      metadata_(*this),
      queue_(*this) {}

SqliteStore::~SqliteStore() { Close(); }

void SqliteStore::Close() {
  closed_.store(true);
  writer_->Close();  // drains first: everything submitted before Close() commits
  checkpointer_->Close();  // after the writer's last COMMIT, whose hook it serves
  readers_->Close();
}

Status SqliteStore::Checkpoint() {
  if (closed_.load()) return MakeError(ErrorCode::kCancelled, "store is closed");
  return checkpointer_->Truncate();
}

Status SqliteStore::Write(Work work) { return writer_->Run(std::move(work)); }

void SqliteStore::SubmitWrite(Work work, DoneFn done) {
  writer_->Submit(std::move(work), std::move(done));
}

Status SqliteStore::Read(Work work) { return readers_->Read(work); }

}  // namespace skerry::storage::sqlite
