#pragma once
// The fixture of the MetadataStore conformance suites: one test body, every backend.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "storage/conformance/test_backends.h"

namespace skerry::storage::testing {

class MetadataConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = MakeStoreBackend(GetParam());
    ASSERT_NE(backend_, nullptr);
  }

  MetadataStore& store() { return *backend_->metadata; }

  // An organization with two mailboxes, A and B.
  void SeedMailboxes() {
    SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
      SKERRY_TRY(t.PutOrganization(Org(1)));
      SKERRY_TRY(t.CreateMailbox(Mailbox(mailbox_a_, org_)));
      SKERRY_TRY(t.CreateMailbox(Mailbox(mailbox_b_, org_)));
      return Ok();
    }));
  }

  std::uint64_t CreateFolder(model::FolderRecord folder) {
    std::uint64_t modseq = 0;
    auto status = store().Write([&](WriteTxn& t) -> Status {
      modseq = SKERRY_TRY(t.CreateFolder(folder));
      return Ok();
    });
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
    return modseq;
  }

  model::ItemRecord Append(model::ItemRecord item) {
    auto status = store().Write([&](WriteTxn& t) -> Status {
      SKERRY_TRY(t.AppendItem(item));
      return Ok();
    });
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
    return item;
  }

  // Runs one write whose closure returns any Result; returns its status (for the codes of
  // refused operations).
  template <typename Fn>
  Status Do(Fn fn) {
    return store().Write([&](WriteTxn& t) -> Status {
      auto r = fn(t);
      if (!r) return tl::unexpected(r.error());
      return Ok();
    });
  }

  template <typename T, typename Fn>
  T ReadValue(Fn fn) {
    T value{};
    auto status = store().Read([&](ReadTxn& t) -> Status {
      value = SKERRY_TRY(fn(t));
      return Ok();
    });
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
    return value;
  }

  model::MailboxRecord GetMailbox(const std::string& id) {
    return ReadValue<model::MailboxRecord>([&](ReadTxn& t) { return t.GetMailbox(id); });
  }
  model::FolderRecord GetFolder(const std::string& id) {
    return ReadValue<model::FolderRecord>([&](ReadTxn& t) { return t.GetFolder(id); });
  }
  model::ItemRecord GetItem(const std::string& id) {
    return ReadValue<model::ItemRecord>([&](ReadTxn& t) { return t.GetItem(id); });
  }
  std::vector<model::ItemRecord> ListItems(const std::string& folder, std::uint32_t after = 0,
                                           std::size_t limit = 100000) {
    return ReadValue<std::vector<model::ItemRecord>>(
        [&](ReadTxn& t) { return t.ListItems(folder, after, limit); });
  }
  std::vector<model::ChangeRecord> Changes(const std::string& mailbox, std::uint64_t since = 0,
                                           std::size_t limit = 100000) {
    return ReadValue<std::vector<model::ChangeRecord>>(
        [&](ReadTxn& t) { return t.ChangesSince(mailbox, since, limit); });
  }
  std::uint64_t RefCount(const std::string& blob) {
    return ReadValue<std::uint64_t>([&](ReadTxn& t) { return t.BlobRefCount(blob); });
  }

  std::unique_ptr<StoreBackend> backend_;
  const std::string org_ = OrgId(1);
  const std::string mailbox_a_ = HexId(0xa, 1);
  const std::string mailbox_b_ = HexId(0xb, 1);
};

inline std::string FolderId(unsigned n) { return HexId(0xf, n); }
inline std::string ItemId(unsigned n) { return HexId(0x17, n); }
inline std::string BlobId(unsigned n) { return HexId(0xb10b, n); }

}  // namespace skerry::storage::testing
