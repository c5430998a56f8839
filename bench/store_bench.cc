// store_bench: what group commit buys (DESIGN §4: "fsync is the cost that decides ingest speed").
//
// Measures durable commits per second with 64 concurrent writer threads, each write a small
// AppendItem transaction (one item with ~200 bytes of sealed metadata, its change-log row and
// blob reference), against SqliteStore with group commit (default max_batch) and with
// max_batch=1 (one fsync per commit, the baseline). Then the file blob store's durable 4 KiB put
// rate. Each figure is the median of 3 runs, each on a copy of one store already holding
// --prefill items (default 100,000), in a temporary directory on the same disk as --dir
// (default: the system temp dir). Between the two, what one append makes the WAL carry: its
// pages, by B-tree (the bytes every fsync of group commit has to push), and what the change
// log's and the folder index's tails, which save most of them, cost a reader. Total time about
// 40 s.
//
// Usage: store_bench [--dir=PATH] [--seconds=S] [--warmup=S] [--prefill=N] [--writers=N]
//                    [--tail-rows=N] [--only=group|single|pages|blob]
// --tail-rows sets the rows at which the tails fold (store.change_tail_rows) for the commit runs:
// a huge value never folds, which shows what folding costs a writer.
//   --seconds: length of one run, default 1.5; --warmup: seconds of the same load before a run
//   counts, default 1.5 (a fresh store's first WAL cycle allocates the file's blocks, which a
//   running server has long done; bench/README.md); N writers: 1-64, default 64 (the target's);
//   --only runs one part alone (for a profiler).

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/bytes.h"
#include "base/ids.h"
#include "base/log.h"
#include "base/temp_dir.h"
#include "storage/fs/fs_blob_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

using namespace skerry;
using Clock = std::chrono::steady_clock;
using SystemClock = std::chrono::system_clock;

constexpr int kWriterThreads = 64;  // mailboxes, and writer threads unless --writers says
constexpr int kRuns = 3;
constexpr long kTmpfsMagic = 0x01021994;

struct RunResult {
  double per_second = 0;
  double avg_batch = 0;
  double cpu_us_per_op = 0;
  double kib_per_op = 0;  // bytes written per commit
  double work_ms_per_batch = 0;    // writer: BEGIN + closures
  double commit_ms_per_batch = 0;  // writer: COMMIT (the fsync too when it is not pipelined)
  double hook_ms_per_batch = 0;    // writer: of the work, the batch hook (the change log's folds)
  double batches_per_sync = 0;     // pipelined: batches one fsync of the sync thread covered
  double sync_ms = 0;              // pipelined: one fsync of the sync thread
  double handoff_ms_per_batch = 0;  // pipelined: writer waiting for the sync thread to take a batch
  double complete_ms_per_sync = 0;  // pipelined: sync thread delivering outcomes after one fsync
  double latency_ms = 0;            // one Write() call, as its caller sees it
  double p99_ms = 0;                // the same: 99th percentile and slowest
  double max_ms = 0;
  double queue_ms = 0;              // a write queued before the writer took its batch
  double sync_wait_ms = 0;          // pipelined: a batch handed over before a sync claimed it
  double wake_ms = 0;               // a write's outcome set until its caller runs again
  double checkpoints_per_s = 0;     // WAL checkpoints on the checkpointer's thread
  double checkpoint_ms = 0;         // ... each
  double inline_per_s = 0;          // on the writer thread (the WAL's tail before it starts over)
  double inline_ms = 0;             // ... each
  double restarts_per_s = 0;        // times the WAL started over
};

// Bytes this process has passed to write(2)-like calls so far (/proc/self/io "wchar"): the WAL
// frames, checkpoints' database pages and the WAL header.
double WrittenBytes() {
  std::FILE* f = std::fopen("/proc/self/io", "r");
  if (f == nullptr) return 0;
  char key[64];
  unsigned long long value = 0;
  double out = 0;
  while (std::fscanf(f, "%63s %llu", key, &value) == 2) {
    if (std::string_view(key) == "wchar:") out = static_cast<double>(value);
  }
  std::fclose(f);
  return out;
}

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto tv = [](timeval t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return tv(ru.ru_utime) + tv(ru.ru_stime);
}

std::string Id(unsigned kind, unsigned thread, unsigned n) {
  return fmt::format("{:08x}{:08x}{:016x}", kind, thread, n);
}


[[noreturn]] void Die(const Error& e) {
  std::fprintf(stderr, "store_bench: %s\n", e.ToString().c_str());
  std::exit(1);
}

// An item for writer `writer`'s folder, with the ids MailboxService gives (time-ordered), so the
// B-trees see production's pattern.
model::ItemRecord NewItem(Random& random, unsigned writer, std::uint8_t meta_fill) {
  model::ItemRecord item;
  item.id = NewTimeOrderedHexId(random, SystemClock::now());
  item.folder_id = Id(3, writer, 1);
  item.blob_id = NewTimeOrderedHexId(random, SystemClock::now());
  item.wrapped_data_key = Bytes(60, 0x33);
  item.sealed_meta = Bytes(200, meta_fill);
  item.size = 4096;
  return item;
}

// One org, one mailbox and one folder per writer thread (deliveries to different users).
void Setup(storage::MetadataStore& store) {
  auto status = store.Write([](storage::WriteTxn& t) -> Status {
    model::OrganizationRecord org;
    org.id = "m-" + Id(1, 0, 1);
    org.key = {"local", "bench"};
    SKERRY_TRY(t.PutOrganization(org));
    for (int i = 0; i < kWriterThreads; ++i) {
      model::MailboxRecord mailbox;
      mailbox.id = Id(2, i, 1);
      mailbox.org_id = org.id;
      mailbox.wrapped_key = Bytes(60, 0x11);
      SKERRY_TRY(t.CreateMailbox(mailbox));
      model::FolderRecord folder;
      folder.id = Id(3, i, 1);
      folder.mailbox_id = mailbox.id;
      folder.sealed_name = Bytes(32, 0x22);
      SKERRY_TRY(t.CreateFolder(folder));
    }
    return Ok();
  });
  if (!status) Die(status.error());
}

// The store every run starts from, built once: the org, mailboxes and folders of Setup() plus
// `items` items spread over the folders (a store in use rather than an empty one: deeper trees,
// and what one append dirties is then what it dirties in production). Checkpointed and closed.
void BuildTemplate(const std::filesystem::path& db, unsigned items) {
  auto opened = storage::sqlite::SqliteStore::Open(db, {});
  if (!opened) Die(opened.error());
  auto& store = **opened;
  Setup(store.metadata());
  Random& random = Random::Secure();
  constexpr unsigned kPerTransaction = 5000;
  for (unsigned done = 0; done < items; done += kPerTransaction) {
    auto status = store.metadata().Write([&](storage::WriteTxn& t) -> Status {
      for (unsigned n = done; n < std::min(items, done + kPerTransaction); ++n) {
        auto item = NewItem(random, n % kWriterThreads, static_cast<std::uint8_t>(n));
        SKERRY_TRY(t.AppendItem(item));
      }
      return Ok();
    });
    if (!status) Die(status.error());
  }
  if (auto s = store.Checkpoint(); !s) Die(s.error());
}

// A copy of the template store in a temporary directory of its own (removed with `dir`), opened
// with `options`: every measurement starts from the same store.
std::unique_ptr<storage::sqlite::SqliteStore> OpenCopy(
    const TempDir& dir, const std::filesystem::path& from,
    const storage::sqlite::SqliteStoreOptions& options) {
  auto db = dir.path() / "bench.db";
  std::filesystem::copy_file(from, db);
  auto opened = storage::sqlite::SqliteStore::Open(db, options);
  if (!opened) Die(opened.error());
  return std::move(*opened);
}

// A B-tree's name for people: a table's own, an index's table and columns ("items (folder_id,
// uid)"), which also names SQLite's automatic indexes of PRIMARY KEY and UNIQUE constraints.
std::string TreeLabel(sqlite3* db, const std::string& name) {
  std::string table, columns;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT type, tbl_name FROM sqlite_schema WHERE name = ?", -1, &q, nullptr);
  sqlite3_bind_text(q, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  bool index = false;
  if (sqlite3_step(q) == SQLITE_ROW) {
    index = std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) == "index";
    table = reinterpret_cast<const char*>(sqlite3_column_text(q, 1));
  }
  sqlite3_finalize(q);
  if (!index) return name;
  sqlite3_prepare_v2(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", -1, &q, nullptr);
  sqlite3_bind_text(q, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(q) == SQLITE_ROW) {
    if (!columns.empty()) columns += ", ";
    columns += reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
  }
  sqlite3_finalize(q);
  return table + " (" + columns + ")";
}

// What one append makes the WAL carry, by B-tree: batches of kBatch appends to kBatch mailboxes
// (a group commit of deliveries to different users) on a copy of the template, then the WAL's
// frame headers name the pages written and SQLite's dbstat table the B-tree of each page.
void PrintWalPages(const std::filesystem::path& parent, const std::filesystem::path& from) {
  constexpr int kBatch = 16;
  // 8,192 appends: four folds of the change log's tail at its default 2,048 rows, whose pages
  // count too.
  constexpr int kBatches = 512;
  TempDir dir(parent, "store-bench-");
  // No checkpoint: one would let SQLite start the WAL over and lose the frames counted here.
  storage::sqlite::SqliteStoreOptions options;
  options.checkpoints.background_frames = options.checkpoints.restart_frames =
      options.checkpoints.max_frames = 1 << 30;
  auto opened = OpenCopy(dir, from, options);
  auto& store = *opened;
  const auto db = store.path();
  if (auto s = store.Checkpoint(); !s) Die(s.error());  // the WAL starts empty
  Random& random = Random::Secure();
  for (int b = 0; b < kBatches; ++b) {
    auto status = store.metadata().Write([&](storage::WriteTxn& t) -> Status {
      for (int k = 0; k < kBatch; ++k) {
        auto writer = static_cast<unsigned>(b * kBatch + k) % kWriterThreads;
        auto item = NewItem(random, writer, static_cast<std::uint8_t>(k));
        SKERRY_TRY(t.AppendItem(item));
      }
      return Ok();
    });
    if (!status) Die(status.error());
  }

  // The WAL while the store is open (closing it checkpoints and deletes it): a 32-byte header,
  // then frames of a 24-byte header (page number first, big-endian) and a page.
  std::ifstream in(db.string() + "-wal", std::ios::binary);
  std::string wal((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto be32 = [&](std::size_t at) {
    auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(wal[at + i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
  };
  if (wal.size() < 32) Die(Error{ErrorCode::kInternal, "WAL is empty"});
  std::size_t page_size = be32(8);
  std::map<std::uint32_t, int> frames_of_page;
  std::size_t frames = 0;
  for (std::size_t at = 32; at + 24 + page_size <= wal.size(); at += 24 + page_size) {
    if (be32(at + 8) != be32(16) || be32(at + 12) != be32(20)) break;  // salts: an older WAL
    ++frames_of_page[be32(at)];
    ++frames;
  }

  sqlite3* reader = nullptr;
  if (sqlite3_open_v2(db.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    Die(Error{ErrorCode::kIo, "open for dbstat"});
  }
  std::map<std::uint32_t, std::string> tree_of_page;
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(reader, "SELECT name, pageno FROM dbstat", -1, &q, nullptr) != SQLITE_OK) {
    std::printf("  (no dbstat in this SQLite: pages not attributed)\n");
  }
  while (q != nullptr && sqlite3_step(q) == SQLITE_ROW) {
    tree_of_page[static_cast<std::uint32_t>(sqlite3_column_int64(q, 1))] =
        reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
  }
  sqlite3_finalize(q);
  std::map<std::string, int> frames_of_tree;
  for (auto [page, n] : frames_of_page) {
    auto it = tree_of_page.find(page);
    frames_of_tree[it == tree_of_page.end() ? "(freed since)" : TreeLabel(reader, it->second)] += n;
  }
  sqlite3_close(reader);

  std::vector<std::pair<int, std::string>> by_count;
  for (auto& [tree, n] : frames_of_tree) by_count.emplace_back(n, tree);
  std::sort(by_count.rbegin(), by_count.rend());
  double appends = kBatch * kBatches;
  std::printf("WAL pages per append (%d batches of %d appends to %d mailboxes): %.2f of %zu bytes\n",
              kBatches, kBatch, kBatch, static_cast<double>(frames) / appends, page_size);
  for (auto& [n, tree] : by_count) {
    std::printf("  %-36s %.2f\n", tree.c_str(), n / appends);
  }
  std::printf("\n");
}

// What the change log's tail costs its readers: a sync client's read of one mailbox's newest
// changes (ChangesSince from ten below its head) scans the whole tail. Timed with the tail
// empty, and holding 512, 2,048 (where the writer folds it by default) and 8,192 entries of
// appends to every mailbox; the tail is never folded here.
void PrintChangeReads(const std::filesystem::path& parent, const std::filesystem::path& from) {
  constexpr int kReads = 2000;
  TempDir dir(parent, "store-bench-");
  auto opened = OpenCopy(dir, from, {.change_tail_rows = std::size_t{1} << 40});
  auto& store = *opened;
  Random& random = Random::Secure();
  const std::string mailbox = Id(2, 0, 1), folder = Id(3, 0, 1);
  std::printf(
      "reading one mailbox's newest changes (ChangesSince, 10 entries) and its folder's newest "
      "items (ListItems, 10):\n");
  int in_tail = 0;
  for (int tail : {0, 512, 2048, 8192}) {
    auto status = store.metadata().Write([&](storage::WriteTxn& t) -> Status {
      for (int n = in_tail; n < tail; ++n) {
        auto item = NewItem(random, static_cast<unsigned>(n) % kWriterThreads, 1);
        SKERRY_TRY(t.AppendItem(item));
      }
      return Ok();
    });
    if (!status) Die(status.error());
    in_tail = tail;
    // Microseconds per read of the mailbox's head and its changes since `behind` below it.
    auto time_reads = [&](std::uint64_t behind) {
      auto started = Clock::now();
      for (int r = 0; r < kReads; ++r) {
        auto read = store.metadata().Read([&](storage::ReadTxn& t) -> Status {
          auto head = SKERRY_TRY(t.GetMailbox(mailbox)).highest_modseq;
          auto changes = SKERRY_TRY(t.ChangesSince(mailbox, head - behind, 100));
          if (changes.size() != behind) return MakeError(ErrorCode::kInternal, "changes missing");
          return Ok();
        });
        if (!read) Die(read.error());
      }
      return std::chrono::duration<double, std::micro>(Clock::now() - started).count() / kReads;
    };
    double newest = time_reads(10);
    double up_to_date = time_reads(0);
    auto started = Clock::now();
    for (int r = 0; r < kReads; ++r) {
      auto read = store.metadata().Read([&](storage::ReadTxn& t) -> Status {
        auto next = SKERRY_TRY(t.GetFolder(folder)).uid_next;
        auto items = SKERRY_TRY(t.ListItems(folder, next - 11, 100));
        if (items.size() != 10) return MakeError(ErrorCode::kInternal, "items missing");
        return Ok();
      });
      if (!read) Die(read.error());
    }
    double listed = std::chrono::duration<double, std::micro>(Clock::now() - started).count() / kReads;
    std::printf(
        "  %-36s %6.1f us per read; %.1f us when the client is up to date; items %.1f us\n",
        fmt::format("{} entries in each tail", tail).c_str(), newest, up_to_date, listed);
  }
  std::printf("\n");
}

RunResult RunCommits(const std::filesystem::path& parent, const std::filesystem::path& from,
                     std::size_t max_batch, double warmup, double seconds, int writers,
                     std::size_t tail_rows) {
  TempDir dir(parent, "store-bench-");
  storage::sqlite::SqliteStoreOptions options{.max_batch = max_batch};
  if (tail_rows > 0) options.change_tail_rows = tail_rows;
  // The baseline as SQLite is usually run: checkpoints inside COMMIT. With the checkpoint thread
  // it measured ~20% slower (the thread's fsyncs queue with every commit's; bench/README.md).
  options.checkpoints.in_commit = max_batch == 1;
  auto opened = OpenCopy(dir, from, options);
  auto& store = *opened;

  std::atomic<std::uint64_t> commits{0};
  std::atomic<bool> failed{false};
  // Writes that return before the warm-up ends are not counted (nor their latencies).
  std::atomic<bool> measuring{false};
  std::vector<std::vector<std::uint32_t>> latencies_us(static_cast<std::size_t>(writers));
  auto warm_end = Clock::now() + std::chrono::duration<double>(warmup);
  auto deadline = warm_end + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < writers; ++i) {
    threads.emplace_back([&, i] {
      Random& random = Random::Secure();
      auto& latencies = latencies_us[static_cast<std::size_t>(i)];
      latencies.reserve(1 << 16);
      while (Clock::now() < deadline) {
        auto item = NewItem(random, static_cast<unsigned>(i), static_cast<std::uint8_t>(i));
        auto called = Clock::now();
        auto s = store.metadata().Write(
            [&](storage::WriteTxn& t) { return t.AppendItem(item).map([](auto) {}); });
        if (!s) {
          std::fprintf(stderr, "store_bench: %s\n", s.error().ToString().c_str());
          failed = true;
          return;
        }
        if (!measuring.load(std::memory_order_relaxed)) continue;
        latencies.push_back(static_cast<std::uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - called).count()));
        commits.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  std::this_thread::sleep_until(warm_end);
  auto before = store.stats();
  auto ckpt_before = store.checkpoint_stats();
  double cpu0 = CpuSeconds();
  double written0 = WrittenBytes();
  auto start = Clock::now();
  measuring = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  double cpu = CpuSeconds() - cpu0;
  if (failed) std::exit(1);
  auto after = store.stats();
  auto ckpt = store.checkpoint_stats();
  auto n = static_cast<double>(commits.load());
  RunResult r;
  r.per_second = n / elapsed;
  auto batches = static_cast<double>(std::max<std::uint64_t>(1, after.commits - before.commits));
  r.avg_batch = n / batches;
  r.work_ms_per_batch = static_cast<double>(after.work_nanos - before.work_nanos) / batches / 1e6;
  r.commit_ms_per_batch =
      static_cast<double>(after.commit_nanos - before.commit_nanos) / batches / 1e6;
  r.hook_ms_per_batch = static_cast<double>(after.hook_nanos - before.hook_nanos) / batches / 1e6;
  r.cpu_us_per_op = cpu / n * 1e6;
  std::vector<std::uint32_t> all;
  for (auto& l : latencies_us) all.insert(all.end(), l.begin(), l.end());
  if (!all.empty()) {
    std::sort(all.begin(), all.end());
    auto count = static_cast<double>(all.size());
    r.latency_ms = std::accumulate(all.begin(), all.end(), 0.0) / count / 1e3;
    r.p99_ms = all[all.size() * 99 / 100] / 1e3;
    r.max_ms = all.back() / 1e3;
  }
  r.queue_ms = static_cast<double>(after.queue_nanos - before.queue_nanos) / n / 1e6;
  r.wake_ms = static_cast<double>(after.wake_nanos - before.wake_nanos) / n / 1e6;
  r.kib_per_op = (WrittenBytes() - written0) / n / 1024;
  auto per = [](std::uint64_t nanos, std::uint64_t count) {
    return count == 0 ? 0.0 : static_cast<double>(nanos) / static_cast<double>(count) / 1e6;
  };
  auto background = ckpt.background - ckpt_before.background;
  auto inlined = ckpt.inline_runs - ckpt_before.inline_runs;
  r.checkpoints_per_s = static_cast<double>(background) / elapsed;
  r.checkpoint_ms = per(ckpt.background_nanos - ckpt_before.background_nanos, background);
  r.inline_per_s = static_cast<double>(inlined) / elapsed;
  r.inline_ms = per(ckpt.inline_nanos - ckpt_before.inline_nanos, inlined);
  r.restarts_per_s = static_cast<double>(ckpt.restarts - ckpt_before.restarts) / elapsed;
  if (auto syncs = after.syncs - before.syncs; syncs > 0) {
    r.batches_per_sync = batches / static_cast<double>(syncs);
    r.sync_ms = static_cast<double>(after.sync_nanos - before.sync_nanos) /
                static_cast<double>(syncs) / 1e6;
    r.complete_ms_per_sync = static_cast<double>(after.complete_nanos - before.complete_nanos) /
                             static_cast<double>(syncs) / 1e6;
    r.handoff_ms_per_batch =
        static_cast<double>(after.handoff_nanos - before.handoff_nanos) / batches / 1e6;
    r.sync_wait_ms =
        static_cast<double>(after.sync_wait_nanos - before.sync_wait_nanos) / batches / 1e6;
  }
  return r;
}

RunResult RunBlobPuts(const std::filesystem::path& parent, int threads_n, double seconds) {
  TempDir dir(parent, "store-bench-");
  auto opened = storage::fs::FsBlobStore::Open(dir.path() / "blobs");
  if (!opened) Die(opened.error());
  auto& blobs = **opened;
  Bytes block(4096, 0x5a);
  std::atomic<std::uint64_t> puts{0};
  double cpu0 = CpuSeconds();
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < threads_n; ++i) {
    threads.emplace_back([&, i] {
      for (unsigned n = 1; Clock::now() < deadline; ++n) {
        // Spread over the fan-out like random ids would.
        auto id = fmt::format("{:04x}{:04x}{:024x}", (n * 2654435761u) & 0xffff, i, n);
        if (auto s = blobs.Put(id, block); !s) Die(s.error());
        puts.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  auto n = static_cast<double>(puts.load());
  return {n / elapsed, 1, (CpuSeconds() - cpu0) / n * 1e6};
}

// The disk's price of durability right now: rewrite 4 KiB of an existing file + fdatasync (what a
// small WAL commit costs). The commits/s ratio below depends on it: the cheaper this is, the
// less a batch saves. Median of 200.
double FsyncMicros(const std::filesystem::path& parent) {
  TempDir dir(parent, "store-bench-");
  auto path = dir.path() / "probe";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return 0;
  Bytes block(4096, 0x42);
  std::vector<double> us;
  for (int i = 0; i < 200; ++i) {
    auto t0 = Clock::now();
    if (::pwrite(fd, block.data(), block.size(), 0) != static_cast<ssize_t>(block.size()) ||
        ::fdatasync(fd) != 0) {
      break;
    }
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  ::close(fd);
  if (us.empty()) return 0;
  std::sort(us.begin(), us.end());
  return us[us.size() / 2];
}

RunResult Median(std::vector<RunResult> runs) {
  std::sort(runs.begin(), runs.end(),
            [](const RunResult& a, const RunResult& b) { return a.per_second < b.per_second; });
  return runs[runs.size() / 2];
}

std::string Runs(const std::vector<RunResult>& runs) {
  std::string out;
  for (const auto& r : runs) out += fmt::format("{:>8.0f}", r.per_second);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path parent = std::filesystem::temp_directory_path();
  double seconds = 1.5;
  double warmup = 1.5;
  std::string only;  // "", "group", "single" or "blob": one part alone, e.g. under a profiler
  unsigned prefill = 100000;  // items in the store before a run starts
  int writers = kWriterThreads;
  std::size_t tail_rows = 0;  // the store's default (store.change_tail_rows)
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--dir=")) {
      parent = std::string(arg.substr(6));
    } else if (arg.starts_with("--seconds=")) {
      seconds = std::atof(std::string(arg.substr(10)).c_str());
    } else if (arg.starts_with("--warmup=")) {
      warmup = std::max(0.0, std::atof(std::string(arg.substr(9)).c_str()));
    } else if (arg.starts_with("--prefill=")) {
      prefill = static_cast<unsigned>(std::atol(std::string(arg.substr(10)).c_str()));
    } else if (arg.starts_with("--writers=")) {
      writers = std::clamp(std::atoi(std::string(arg.substr(10)).c_str()), 1, kWriterThreads);
    } else if (arg.starts_with("--tail-rows=")) {
      tail_rows = static_cast<std::size_t>(std::atoll(std::string(arg.substr(12)).c_str()));
    } else if (arg.starts_with("--only=")) {
      only = std::string(arg.substr(7));
    } else {
      std::fprintf(stderr,
                   "usage: store_bench [--dir=PATH] [--seconds=S] [--warmup=S] [--prefill=N] "
                   "[--writers=N] [--tail-rows=N] [--only=group|single|pages|blob]\n");
      return 2;
    }
  }
  if (seconds <= 0) seconds = 1.5;
  ConfigureLogging(LogLevel::kWarn, LogFormat::kText, "stderr");

  struct statfs fs_info {};
  if (::statfs(parent.c_str(), &fs_info) == 0 && fs_info.f_type == kTmpfsMagic) {
    std::printf("WARNING: %s is tmpfs; fsync costs nothing there and the figures mean little.\n",
                parent.c_str());
  }
  std::size_t group_batch = storage::sqlite::SqliteStoreOptions{}.max_batch;
  std::printf(
      "store_bench: durable commits/s, %d writer threads, AppendItem with 200 B sealed meta\n",
      writers);
  std::printf(
      "  group commit checkpoints on their own thread; one fsync per commit inside COMMIT, as "
      "SQLite's automatic checkpoint does\n");
  std::printf(
      "  dir %s, %d runs of %.1f s each after %.1f s of the same load, on a store holding %u "
      "items, median reported\n",
      parent.c_str(), kRuns, seconds, warmup, prefill);
  std::printf("  disk: 4 KiB rewrite + fdatasync takes %.0f us (median of 200)\n\n",
              FsyncMicros(parent));

  bool all = only.empty();
  TempDir template_dir(parent, "store-bench-");
  auto from = template_dir.path() / "template.db";
  if (all || only != "blob") BuildTemplate(from, prefill);
  auto line = [](std::string_view name, const std::vector<RunResult>& runs, const RunResult& m) {
    std::printf("  %-36s runs%s  median %8.0f commits/s\n", std::string(name).c_str(),
                Runs(runs).c_str(), m.per_second);
    std::printf(
        "  %-36s avg batch %.1f; writer per batch: %.2f ms work (%.3f of it folding the change "
        "log) + %.2f ms commit; %.0f us process CPU/commit; %.1f KiB written/commit\n",
        "", m.avg_batch, m.work_ms_per_batch, m.hook_ms_per_batch, m.commit_ms_per_batch,
        m.cpu_us_per_op, m.kib_per_op);
    if (m.batches_per_sync > 0) {
      std::printf(
          "  %-36s sync threads: one fdatasync per %.2f batches, %.2f ms each + %.2f ms to "
          "deliver outcomes; writer waits %.2f ms per batch to hand it over\n",
          "", m.batches_per_sync, m.sync_ms, m.complete_ms_per_sync, m.handoff_ms_per_batch);
    }
    if (m.checkpoints_per_s + m.inline_per_s > 0) {
      std::printf(
          "  %-36s checkpoints per second: %.1f on their thread (%.1f ms each), %.1f on the writer "
          "thread (%.2f ms each); the WAL started over %.1f times\n",
          "", m.checkpoints_per_s, m.checkpoint_ms, m.inline_per_s, m.inline_ms, m.restarts_per_s);
    }
    std::printf(
        "  %-36s a write takes %.2f ms (p99 %.1f, max %.1f): %.2f queued before its batch "
        "starts, then its batch%s; %.2f from its outcome to its caller running\n",
        "", m.latency_ms, m.p99_ms, m.max_ms, m.queue_ms,
        m.batches_per_sync > 0
            ? fmt::format(", {:.2f} waiting for a sync thread, its fsync", m.sync_wait_ms).c_str()
            : "",
        m.wake_ms);
  };
  // Interleaved, so that a slow spell of the disk hurts both sides alike.
  std::vector<RunResult> group, single;
  for (int r = 0; r < kRuns; ++r) {
    if (all || only == "group") group.push_back(RunCommits(parent, from, group_batch, warmup, seconds, writers, tail_rows));
    if (all || only == "single") single.push_back(RunCommits(parent, from, 1, warmup, seconds, writers, tail_rows));
  }
  if (!group.empty()) {
    line(fmt::format("group commit (max_batch={})", group_batch), group, Median(group));
  }
  if (!single.empty()) line("one fsync per commit (max_batch=1)", single, Median(single));
  if (!group.empty() && !single.empty() && writers == kWriterThreads) {
    auto g = Median(group), s = Median(single);
    double ratio = s.per_second > 0 ? g.per_second / s.per_second : 0;
    std::printf("  ratio group/single: %.1fx   (target >= 10x: %s)\n", ratio,
                ratio >= 10 ? "met" : "NOT met");
  }
  if (!group.empty() || !single.empty()) {
    // The disk's fsync cost can change during the runs; the ratio depends on it.
    std::printf("  disk after the runs: 4 KiB rewrite + fdatasync takes %.0f us\n\n",
                FsyncMicros(parent));
  }
  if (all || only == "pages") {
    PrintWalPages(parent, from);
    PrintChangeReads(parent, from);
  }
  if (!all && only != "blob") return 0;

  std::vector<RunResult> blob1, blob16;
  for (int r = 0; r < kRuns; ++r) {
    blob1.push_back(RunBlobPuts(parent, 1, seconds / 2));
    blob16.push_back(RunBlobPuts(parent, 16, seconds / 2));
  }
  auto b1 = Median(blob1), b16 = Median(blob16);
  std::printf("fs blob store, durable 4 KiB puts (fsync file + link + fsync dir):\n");
  std::printf("  %-36s runs%s  median %8.0f puts/s  (%.1f us CPU/put)\n", "1 thread",
              Runs(blob1).c_str(), b1.per_second, b1.cpu_us_per_op);
  std::printf("  %-36s runs%s  median %8.0f puts/s  (%.1f us CPU/put)\n", "16 threads",
              Runs(blob16).c_str(), b16.per_second, b16.cpu_us_per_op);
  return 0;
}
