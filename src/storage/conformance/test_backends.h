#pragma once
// Test support for the storage suites (header-only: any .cc here that is not *_test.cc would be
// compiled into the library). Builds every backend behind the storage interfaces, each in its
// own temporary directory, plus record builders and assertion helpers.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "base/error.h"
#include "base/log.h"
#include "base/temp_dir.h"
#include "storage/blob_store.h"
#include "storage/fs/fs_blob_store.h"
#include "storage/memory/memory_blob_store.h"
#include "storage/memory/memory_metadata_store.h"
#include "storage/memory/memory_queue_store.h"
#include "storage/metadata_store.h"
#include "storage/queue_store.h"
#include "storage/sqlite/sqlite_store.h"

#define SKERRY_ASSERT_OK(expr)                                            \
  do {                                                                    \
    auto&& skerry_ok_ = (expr);                                           \
    ASSERT_TRUE(skerry_ok_.has_value()) << skerry_ok_.error().ToString(); \
  } while (0)

#define SKERRY_EXPECT_OK(expr)                                            \
  do {                                                                    \
    auto&& skerry_ok_ = (expr);                                           \
    EXPECT_TRUE(skerry_ok_.has_value()) << skerry_ok_.error().ToString(); \
  } while (0)

#define SKERRY_EXPECT_CODE(expr, expected_code)                                               \
  do {                                                                                        \
    auto&& skerry_code_ = (expr);                                                             \
    ASSERT_FALSE(skerry_code_.has_value()) << "expected " #expected_code;                     \
    EXPECT_EQ(skerry_code_.error().code, (expected_code)) << skerry_code_.error().ToString(); \
  } while (0)

namespace skerry::storage::testing {

// Every store open logs store.opened at info; a hundred of them drown the test output.
inline const bool kQuietStoreLogs = [] {
  ConfigureLogging(LogLevel::kWarn, LogFormat::kText, "stderr");
  return true;
}();

// Returns the value, or records a test failure (with the error) and returns T{}.
template <typename T>
T Must(Result<T> r) {
  if (!r) {
    ADD_FAILURE() << r.error().ToString();
    return T{};
  }
  return std::move(*r);
}

// 32 lowercase hex characters, distinct per (kind, n), so ids never collide across kinds.
inline std::string HexId(unsigned kind, unsigned n) {
  return fmt::format("{:08x}{:024x}", kind, n);
}
inline std::string OrgId(unsigned n) { return "m-" + HexId(0x0e, n); }

inline model::OrganizationRecord Org(unsigned n, std::string alias = "") {
  model::OrganizationRecord o;
  o.id = OrgId(n);
  o.key = {"local", fmt::format("key-{}", n)};
  o.wrapped_directory_key = ToBytes(fmt::format("wrapped-dir-key-{}", n));
  o.sealed_attributes = ToBytes(fmt::format("sealed-attrs-{}", n));
  o.alias_index = ToBytes(alias);
  o.created_at = 1'700'000'000 + n;
  return o;
}

inline model::MailboxRecord Mailbox(const std::string& id, const std::string& org_id) {
  model::MailboxRecord m;
  m.id = id;
  m.org_id = org_id;
  m.wrapped_key = ToBytes("wrapped-mailbox-key-" + id);
  m.created_at = 1'700'000'100;
  return m;
}

inline model::FolderRecord Folder(const std::string& id, const std::string& mailbox_id,
                                  const std::string& parent_id = "") {
  model::FolderRecord f;
  f.id = id;
  f.mailbox_id = mailbox_id;
  f.parent_id = parent_id;
  f.sealed_name = ToBytes("sealed-name-" + id);
  f.uid_validity = 42;
  return f;
}

inline model::ItemRecord Item(const std::string& id, const std::string& folder_id,
                              const std::string& blob_id) {
  model::ItemRecord i;
  i.id = id;
  i.folder_id = folder_id;
  i.blob_id = blob_id;
  i.wrapped_data_key = ToBytes("wrapped-data-key-" + id);
  i.sealed_meta = Bytes(200, 0x5a);
  i.size = 1234;
  i.flags = 0;
  i.internal_date = 1'700'000'200;
  return i;
}

// A MetadataStore and a QueueStore of one backend ("memory" or "sqlite"), sharing one database
// where the backend does.
struct StoreBackend {
  std::unique_ptr<TempDir> dir;  // first: destroyed last, after the store closed its files
  std::unique_ptr<sqlite::SqliteStore> sqlite;
  std::unique_ptr<memory::MemoryMetadataStore> memory_metadata;
  std::unique_ptr<memory::MemoryQueueStore> memory_queue;
  MetadataStore* metadata = nullptr;
  QueueStore* queue = nullptr;
};

inline std::unique_ptr<StoreBackend> MakeStoreBackend(const std::string& name) {
  auto b = std::make_unique<StoreBackend>();
  if (name == "memory") {
    b->memory_metadata = std::make_unique<memory::MemoryMetadataStore>();
    b->memory_queue = std::make_unique<memory::MemoryQueueStore>();
    b->metadata = b->memory_metadata.get();
    b->queue = b->memory_queue.get();
  } else if (name == "sqlite") {
    b->dir = std::make_unique<TempDir>();
    auto opened = sqlite::SqliteStore::Open(b->dir->path() / "store.db");
    if (!opened) {
      ADD_FAILURE() << opened.error().ToString();
      return nullptr;
    }
    b->sqlite = std::move(*opened);
    b->metadata = &b->sqlite->metadata();
    b->queue = &b->sqlite->queue();
  } else {
    ADD_FAILURE() << "unknown backend " << name;
    return nullptr;
  }
  return b;
}

struct BlobBackend {
  std::unique_ptr<TempDir> dir;
  std::unique_ptr<BlobStore> store;
};

inline BlobBackend MakeBlobBackend(const std::string& name) {
  BlobBackend b;
  if (name == "memory") {
    b.store = std::make_unique<memory::MemoryBlobStore>();
  } else if (name == "fs") {
    b.dir = std::make_unique<TempDir>();
    auto opened = fs::FsBlobStore::Open(b.dir->path() / "blobs");
    if (!opened) {
      ADD_FAILURE() << opened.error().ToString();
    } else {
      b.store = std::move(*opened);
    }
  } else {
    ADD_FAILURE() << "unknown backend " << name;
  }
  return b;
}

}  // namespace skerry::storage::testing
