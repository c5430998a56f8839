// MetadataStore conformance, part 1: the objects and their rules (DESIGN §2, §4), run against
// every backend. Part 2 (closures, batching, concurrency) is metadata_txn_conformance_test.cc.

#include "storage/conformance/metadata_fixture.h"

namespace skerry::storage::testing {
namespace {

using model::ChangeKind;

TEST_P(MetadataConformance, OrganizationsRoundTripAndPutReplaces) {
  auto org = Org(1, "alias-1");
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.PutOrganization(org); }));
  EXPECT_EQ(
      ReadValue<model::OrganizationRecord>([&](ReadTxn& t) { return t.GetOrganization(org.id); }),
      org);

  org.sealed_attributes = ToBytes("renamed");
  org.state = model::OrganizationState::kDeleted;
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.PutOrganization(org); }));
  auto all = ReadValue<std::vector<model::OrganizationRecord>>(
      [](ReadTxn& t) { return t.ListOrganizations(); });
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0], org);
}

TEST_P(MetadataConformance, AliasIndexIsUnique) {
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.PutOrganization(Org(1, "X")); }));
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.PutOrganization(Org(2, "X")); }),
                     ErrorCode::kAlreadyExists);
  auto find = [&](const std::string& alias) {
    return ReadValue<std::optional<std::string>>(
        [&](ReadTxn& t) { return t.FindOrganizationByAlias(ToBytes(alias)); });
  };
  EXPECT_EQ(find("X"), OrgId(1));
  EXPECT_EQ(find("Y"), std::nullopt);
  EXPECT_EQ(find(""), std::nullopt);

  // "No alias" is not a value: any number of organizations may lack one.
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.PutOrganization(Org(2)); }));
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.PutOrganization(Org(3)); }));

  // Re-putting org 1 under a new alias frees the old one.
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.PutOrganization(Org(1, "Y")); }));
  EXPECT_EQ(find("X"), std::nullopt);
  EXPECT_EQ(find("Y"), OrgId(1));
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.PutOrganization(Org(2, "X")); }));
  EXPECT_EQ(find("X"), OrgId(2));
}

TEST_P(MetadataConformance, MissingObjectsAreNotFound) {
  auto read = [&](auto fn) {
    return store().Read([&](ReadTxn& t) -> Status {
      SKERRY_TRY(fn(t));
      return Ok();
    });
  };
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.GetOrganization(OrgId(9)); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.GetMailbox(HexId(1, 9)); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.GetFolder(FolderId(9)); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.GetItem(ItemId(9)); }), ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.ListMailboxes(OrgId(9)); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.ListFolders(HexId(1, 9)); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.ListItems(FolderId(9), 0, 10); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(read([](ReadTxn& t) { return t.ChangesSince(HexId(1, 9), 0, 10); }),
                     ErrorCode::kNotFound);
  EXPECT_EQ(RefCount(BlobId(9)), 0u);
}

TEST_P(MetadataConformance, MailboxesAreCreatedOnceUnderAnOrganization) {
  SeedMailboxes();
  EXPECT_EQ(GetMailbox(mailbox_a_), Mailbox(mailbox_a_, org_));
  auto listed = ReadValue<std::vector<model::MailboxRecord>>(
      [&](ReadTxn& t) { return t.ListMailboxes(org_); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, mailbox_a_);
  EXPECT_EQ(listed[1].id, mailbox_b_);
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.CreateMailbox(Mailbox(mailbox_a_, org_)); }),
                     ErrorCode::kAlreadyExists);
  SKERRY_EXPECT_CODE(
      Do([&](WriteTxn& t) { return t.CreateMailbox(Mailbox(HexId(1, 7), OrgId(7))); }),
      ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, DestroyedMailboxKeyRefusesNewData) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) { return t.DestroyMailboxKey(mailbox_a_); }));
  auto mailbox = GetMailbox(mailbox_a_);
  EXPECT_EQ(mailbox.state, model::MailboxState::kDestroyed);
  EXPECT_TRUE(mailbox.wrapped_key.empty());

  auto folder = Folder(FolderId(2), mailbox_a_);
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.CreateFolder(folder); }),
                     ErrorCode::kKeyDestroyed);
  auto item = Item(ItemId(1), FolderId(1), BlobId(1));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.AppendItem(item); }), ErrorCode::kKeyDestroyed);
  EXPECT_EQ(GetMailbox(mailbox_a_).highest_modseq, 1u);
  // Cleaning up a shredded mailbox still works.
  SKERRY_EXPECT_OK(Do([&](WriteTxn& t) { return t.DeleteFolder(FolderId(1)); }));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.DestroyMailboxKey(HexId(1, 9)); }),
                     ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, FoldersTakeModseqsAndCheckTheirParent) {
  SeedMailboxes();
  EXPECT_EQ(CreateFolder(Folder(FolderId(1), mailbox_a_)), 1u);
  EXPECT_EQ(CreateFolder(Folder(FolderId(2), mailbox_a_, FolderId(1))), 2u);
  EXPECT_EQ(GetMailbox(mailbox_a_).highest_modseq, 2u);

  auto expected = Folder(FolderId(2), mailbox_a_, FolderId(1));
  expected.modseq = 2;
  EXPECT_EQ(GetFolder(FolderId(2)), expected);

  auto dup = Folder(FolderId(1), mailbox_a_);
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.CreateFolder(dup); }),
                     ErrorCode::kAlreadyExists);
  auto orphan = Folder(FolderId(3), HexId(1, 9));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.CreateFolder(orphan); }), ErrorCode::kNotFound);
  auto lost_parent = Folder(FolderId(4), mailbox_a_, FolderId(99));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.CreateFolder(lost_parent); }),
                     ErrorCode::kNotFound);
  auto foreign_parent = Folder(FolderId(5), mailbox_b_, FolderId(1));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.CreateFolder(foreign_parent); }),
                     ErrorCode::kInvalidArgument);

  auto listed = ReadValue<std::vector<model::FolderRecord>>(
      [&](ReadTxn& t) { return t.ListFolders(mailbox_a_); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, FolderId(1));
  EXPECT_EQ(listed[1].id, FolderId(2));
  EXPECT_EQ(GetMailbox(mailbox_a_).highest_modseq, 2u);
}

TEST_P(MetadataConformance, UpdateFolderRenamesAndReparentsButRefusesCycles) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  CreateFolder(Folder(FolderId(2), mailbox_a_));
  model::FolderRecord update;
  update.id = FolderId(2);
  update.parent_id = FolderId(1);
  update.sealed_name = ToBytes("new name");
  std::uint64_t modseq = 0;
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) -> Status {
    modseq = SKERRY_TRY(t.UpdateFolder(update));
    return Ok();
  }));
  EXPECT_EQ(modseq, 3u);
  auto stored = GetFolder(FolderId(2));
  EXPECT_EQ(stored.sealed_name, ToBytes("new name"));
  EXPECT_EQ(stored.parent_id, FolderId(1));
  EXPECT_EQ(stored.modseq, 3u);
  EXPECT_EQ(update, stored);  // the caller's record now holds the stored state
  EXPECT_EQ(
      Changes(mailbox_a_, 2).at(0),
      (model::ChangeRecord{mailbox_a_, 3, ChangeKind::kFolderUpdated, FolderId(2), FolderId(2)}));

  auto cycle = GetFolder(FolderId(1));
  cycle.parent_id = FolderId(2);
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.UpdateFolder(cycle); }),
                     ErrorCode::kInvalidArgument);
  cycle.parent_id = FolderId(1);
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.UpdateFolder(cycle); }),
                     ErrorCode::kInvalidArgument);
  auto missing = Folder(FolderId(9), mailbox_a_);
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.UpdateFolder(missing); }),
                     ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, DeleteFolderRefusesWhileItemsOrSubfoldersRemain) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  CreateFolder(Folder(FolderId(2), mailbox_a_, FolderId(1)));
  Append(Item(ItemId(1), FolderId(2), BlobId(1)));

  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.DeleteFolder(FolderId(2)); }),
                     ErrorCode::kFailedPrecondition);
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.DeleteFolder(FolderId(1)); }),
                     ErrorCode::kFailedPrecondition);
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.DeleteItem(ItemId(1)); }));
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.DeleteFolder(FolderId(2)); }));
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.DeleteFolder(FolderId(1)); }));
  SKERRY_EXPECT_CODE(
      store().Read([](ReadTxn& t) { return t.GetFolder(FolderId(1)).map([](auto&&) {}); }),
      ErrorCode::kNotFound);
  auto log = Changes(mailbox_a_);
  ASSERT_EQ(log.size(), 6u);
  EXPECT_EQ(log[5], (model::ChangeRecord{mailbox_a_, 6, ChangeKind::kFolderDeleted, FolderId(1),
                                         FolderId(1)}));
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.DeleteFolder(FolderId(1)); }),
                     ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, AppendAssignsUidsFromUidNext) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  auto later = Folder(FolderId(2), mailbox_a_);
  later.uid_next = 100;
  CreateFolder(later);

  for (unsigned i = 1; i <= 3; ++i) {
    auto item = Append(Item(ItemId(i), FolderId(1), BlobId(i)));
    EXPECT_EQ(item.uid, i);
    EXPECT_EQ(item.mailbox_id, mailbox_a_);  // filled in from the folder
    EXPECT_EQ(item.modseq, 2u + i);
    EXPECT_EQ(GetItem(ItemId(i)), item);
  }
  EXPECT_EQ(GetFolder(FolderId(1)).uid_next, 4u);
  EXPECT_EQ(Append(Item(ItemId(4), FolderId(2), BlobId(4))).uid, 100u);
  EXPECT_EQ(GetFolder(FolderId(2)).uid_next, 101u);

  auto dup = Item(ItemId(1), FolderId(2), BlobId(1));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.AppendItem(dup); }), ErrorCode::kAlreadyExists);
  auto nowhere = Item(ItemId(5), FolderId(9), BlobId(1));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.AppendItem(nowhere); }), ErrorCode::kNotFound);
  auto wrong_mailbox = Item(ItemId(6), FolderId(1), BlobId(1));
  wrong_mailbox.mailbox_id = mailbox_b_;
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.AppendItem(wrong_mailbox); }),
                     ErrorCode::kInvalidArgument);
  auto no_blob = Item(ItemId(7), FolderId(1), "");
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.AppendItem(no_blob); }),
                     ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetFolder(FolderId(1)).uid_next, 4u);
}

TEST_P(MetadataConformance, FullFolderRefusesAppend) {
  SeedMailboxes();
  auto full = Folder(FolderId(1), mailbox_a_);
  full.uid_next = 0xffffffffu;
  CreateFolder(full);
  auto item = Item(ItemId(1), FolderId(1), BlobId(1));
  SKERRY_EXPECT_CODE(Do([&](WriteTxn& t) { return t.AppendItem(item); }),
                     ErrorCode::kResourceExhausted);
}

TEST_P(MetadataConformance, SetItemFlagsAdvancesModseq) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  Append(Item(ItemId(1), FolderId(1), BlobId(1)));
  std::uint64_t modseq = 0;
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) -> Status {
    modseq = SKERRY_TRY(t.SetItemFlags(ItemId(1), 0x5));
    return Ok();
  }));
  EXPECT_EQ(modseq, 3u);
  auto item = GetItem(ItemId(1));
  EXPECT_EQ(item.flags, 0x5u);
  EXPECT_EQ(item.modseq, 3u);
  EXPECT_EQ(item.uid, 1u);
  EXPECT_EQ(Changes(mailbox_a_, 2),
            (std::vector<model::ChangeRecord>{
                {mailbox_a_, 3, ChangeKind::kItemUpdated, ItemId(1), FolderId(1)}}));
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.SetItemFlags(ItemId(9), 1); }),
                     ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, MoveKeepsTheIdAndTakesANewUid) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  CreateFolder(Folder(FolderId(2), mailbox_a_));
  Append(Item(ItemId(1), FolderId(1), BlobId(1)));  // uid 1 in F1
  Append(Item(ItemId(2), FolderId(1), BlobId(2)));  // uid 2 in F1
  Append(Item(ItemId(3), FolderId(2), BlobId(3)));  // uid 1 in F2
  auto before = GetMailbox(mailbox_a_).highest_modseq;

  std::uint64_t modseq = 0;
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) -> Status {
    modseq = SKERRY_TRY(t.MoveItem(ItemId(1), FolderId(2)));
    return Ok();
  }));
  EXPECT_EQ(modseq, before + 2);
  auto moved = GetItem(ItemId(1));
  EXPECT_EQ(moved.folder_id, FolderId(2));
  EXPECT_EQ(moved.uid, 2u);
  EXPECT_EQ(moved.modseq, modseq);
  EXPECT_EQ(moved.blob_id, BlobId(1));
  EXPECT_EQ(GetFolder(FolderId(2)).uid_next, 3u);
  EXPECT_EQ(GetFolder(FolderId(1)).uid_next, 3u);  // the source's UIDs are never reused

  auto in_source = ListItems(FolderId(1));
  ASSERT_EQ(in_source.size(), 1u);
  EXPECT_EQ(in_source[0].id, ItemId(2));
  auto in_target = ListItems(FolderId(2));
  ASSERT_EQ(in_target.size(), 2u);
  EXPECT_EQ(in_target[0].id, ItemId(3));
  EXPECT_EQ(in_target[1].id, ItemId(1));

  // Both sides of the move are in the log: gone from F1, new in F2.
  EXPECT_EQ(Changes(mailbox_a_, before),
            (std::vector<model::ChangeRecord>{
                {mailbox_a_, before + 1, ChangeKind::kItemDeleted, ItemId(1), FolderId(1)},
                {mailbox_a_, before + 2, ChangeKind::kItemCreated, ItemId(1), FolderId(2)}}));
  EXPECT_EQ(RefCount(BlobId(1)), 1u);

  CreateFolder(Folder(FolderId(3), mailbox_b_));
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.MoveItem(ItemId(2), FolderId(3)); }),
                     ErrorCode::kInvalidArgument);
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.MoveItem(ItemId(2), FolderId(9)); }),
                     ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.MoveItem(ItemId(9), FolderId(2)); }),
                     ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, DeleteItemRemovesItAndLogsIt) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  Append(Item(ItemId(1), FolderId(1), BlobId(1)));
  std::uint64_t modseq = 0;
  SKERRY_ASSERT_OK(Do([&](WriteTxn& t) -> Status {
    modseq = SKERRY_TRY(t.DeleteItem(ItemId(1)));
    return Ok();
  }));
  EXPECT_EQ(modseq, 3u);
  EXPECT_TRUE(ListItems(FolderId(1)).empty());
  EXPECT_EQ(Changes(mailbox_a_, 2),
            (std::vector<model::ChangeRecord>{
                {mailbox_a_, 3, ChangeKind::kItemDeleted, ItemId(1), FolderId(1)}}));
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.DeleteItem(ItemId(1)); }), ErrorCode::kNotFound);
}

TEST_P(MetadataConformance, ListItemsPagesByUid) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  for (unsigned i = 1; i <= 10; ++i) Append(Item(ItemId(i), FolderId(1), BlobId(i)));
  auto uids = [](const std::vector<model::ItemRecord>& items) {
    std::vector<std::uint32_t> out;
    for (const auto& i : items) out.push_back(i.uid);
    return out;
  };
  EXPECT_EQ(uids(ListItems(FolderId(1), 0, 3)), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(uids(ListItems(FolderId(1), 3, 100)),
            (std::vector<std::uint32_t>{4, 5, 6, 7, 8, 9, 10}));
  EXPECT_TRUE(ListItems(FolderId(1), 10, 100).empty());
  EXPECT_TRUE(ListItems(FolderId(1), 0, 0).empty());
}

TEST_P(MetadataConformance, ChangeLogIsPerMailboxMonotonicAndPaged) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  Append(Item(ItemId(1), FolderId(1), BlobId(1)));
  Append(Item(ItemId(2), FolderId(1), BlobId(2)));
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.SetItemFlags(ItemId(1), 1).map([](auto) {}); }));
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.DeleteItem(ItemId(2)).map([](auto) {}); }));
  EXPECT_EQ(CreateFolder(Folder(FolderId(2), mailbox_b_)), 1u);  // B has its own sequence

  auto log = Changes(mailbox_a_);
  std::vector<ChangeKind> kinds;
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].modseq, i + 1);
    EXPECT_EQ(log[i].mailbox_id, mailbox_a_);
    kinds.push_back(log[i].kind);
  }
  EXPECT_EQ(kinds, (std::vector<ChangeKind>{ChangeKind::kFolderCreated, ChangeKind::kItemCreated,
                                            ChangeKind::kItemCreated, ChangeKind::kItemUpdated,
                                            ChangeKind::kItemDeleted}));
  EXPECT_EQ(GetMailbox(mailbox_a_).highest_modseq, 5u);
  auto page = Changes(mailbox_a_, 2, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].modseq, 3u);
  EXPECT_EQ(page[1].modseq, 4u);
  EXPECT_TRUE(Changes(mailbox_a_, 5).empty());
  EXPECT_TRUE(Changes(mailbox_a_, 9).empty());  // ahead of the head: nothing, not an error
  EXPECT_TRUE(Changes(mailbox_a_, 0, 0).empty());
  EXPECT_EQ(Changes(mailbox_a_, 4).size(), 1u);
  EXPECT_EQ(Changes(mailbox_b_).size(), 1u);
}

TEST_P(MetadataConformance, BlobReferencesFollowItems) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  CreateFolder(Folder(FolderId(2), mailbox_b_));
  // Single-instance storage: one blob, two recipients' items.
  Append(Item(ItemId(1), FolderId(1), BlobId(1)));
  Append(Item(ItemId(2), FolderId(2), BlobId(1)));
  EXPECT_EQ(RefCount(BlobId(1)), 2u);
  auto unreferenced = [&] {
    return ReadValue<std::vector<std::string>>(
        [](ReadTxn& t) { return t.ListUnreferencedBlobs(100); });
  };
  EXPECT_TRUE(unreferenced().empty());

  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.DeleteItem(ItemId(1)).map([](auto) {}); }));
  EXPECT_EQ(RefCount(BlobId(1)), 1u);
  SKERRY_EXPECT_CODE(Do([](WriteTxn& t) { return t.ForgetBlob(BlobId(1)); }),
                     ErrorCode::kFailedPrecondition);
  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.DeleteItem(ItemId(2)).map([](auto) {}); }));
  EXPECT_EQ(RefCount(BlobId(1)), 0u);
  EXPECT_EQ(unreferenced(), std::vector<std::string>{BlobId(1)});

  SKERRY_ASSERT_OK(Do([](WriteTxn& t) { return t.ForgetBlob(BlobId(1)); }));
  EXPECT_TRUE(unreferenced().empty());
  SKERRY_EXPECT_OK(Do([](WriteTxn& t) { return t.ForgetBlob(BlobId(1)); }));  // idempotent
}

TEST_P(MetadataConformance, ListUnreferencedBlobsHonoursTheLimit) {
  SeedMailboxes();
  CreateFolder(Folder(FolderId(1), mailbox_a_));
  for (unsigned i = 1; i <= 5; ++i) Append(Item(ItemId(i), FolderId(1), BlobId(i)));
  for (unsigned i = 1; i <= 5; ++i) {
    SKERRY_ASSERT_OK(Do([i](WriteTxn& t) { return t.DeleteItem(ItemId(i)).map([](auto) {}); }));
  }
  auto listed =
      ReadValue<std::vector<std::string>>([](ReadTxn& t) { return t.ListUnreferencedBlobs(3); });
  EXPECT_EQ(listed, (std::vector<std::string>{BlobId(1), BlobId(2), BlobId(3)}));
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, MetadataConformance, ::testing::Values("memory", "sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace skerry::storage::testing
