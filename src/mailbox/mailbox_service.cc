#include "mailbox/mailbox_service.h"

#include <fmt/format.h>

#include "base/ids.h"
#include "base/integrity.h"
#include "crypto/blob_stream.h"
#include "crypto/key_hierarchy.h"
#include "crypto/sealed_value.h"
#include "mailbox/item_summary.h"

namespace skerry::mailbox {

namespace {
constexpr std::uint32_t kBlobChunkSize = 64 * 1024;

struct DefaultFolder {
  const char* name;
  model::ItemClass item_class;
};
// Exchange's well-known folders, which WorkMail clients expect.
constexpr DefaultFolder kDefaultFolders[] = {
    {"Inbox", model::ItemClass::kMail},         {"Sent Items", model::ItemClass::kMail},
    {"Drafts", model::ItemClass::kMail},        {"Deleted Items", model::ItemClass::kMail},
    {"Junk E-mail", model::ItemClass::kMail},   {"Outbox", model::ItemClass::kMail},
    {"Calendar", model::ItemClass::kCalendar},  {"Contacts", model::ItemClass::kContacts},
    {"Tasks", model::ItemClass::kTasks},        {"Notes", model::ItemClass::kNotes},
};

std::string FolderNameContext(const std::string& folder_id) { return "folder/" + folder_id + "/name"; }
std::string ItemMetaContext(const std::string& item_id) { return "item/" + item_id + "/meta"; }

std::int64_t UnixSeconds(Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}
}  // namespace

// The plaintext keys of one mailbox for the duration of one call.
struct MailboxService::Keys {
  SecretBytes mailbox_key;
  SecretBytes meta_key;  // Subkey::kMetadataSealing: seals folder names and item summaries
};

Result<MailboxService::Keys> MailboxService::MailboxKeys(const std::string& mailbox_id) {
  auto mailbox_key = SKERRY_TRY(key_cache_.Get(mailbox_id, [&]() -> Result<SecretBytes> {
    model::MailboxRecord mailbox;
    model::OrganizationRecord org;
    SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
      mailbox = SKERRY_TRY(txn.GetMailbox(mailbox_id));
      org = SKERRY_TRY(txn.GetOrganization(mailbox.org_id));
      return Ok();
    }));
    if (mailbox.state == model::MailboxState::kDestroyed || mailbox.wrapped_key.empty())
      return MakeError(ErrorCode::kKeyDestroyed, fmt::format("mailbox {}: its key was destroyed", mailbox_id));
    // A deleted organization's mailboxes are shredded with it, whatever a customer-managed key
    // could still unwrap.
    if (org.state != model::OrganizationState::kActive)
      return MakeError(ErrorCode::kKeyDestroyed, fmt::format("mailbox {}: its organization was deleted", mailbox_id));
    auto* provider = SKERRY_TRY(providers_.Find(org.key.provider));
    return provider->Unwrap(org.key.key_id,
                            crypto::MailboxKeyContext(org.id, mailbox_id),
                            mailbox.wrapped_key);
  }));
  auto meta_key = SKERRY_TRY(crypto::DeriveSubkey(mailbox_key, crypto::Subkey::kMetadataSealing));
  return Keys{std::move(mailbox_key), std::move(meta_key)};
}

Result<std::string> MailboxService::CreateMailbox(const std::string& org_id) {
  model::OrganizationRecord org;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    org = SKERRY_TRY(txn.GetOrganization(org_id));
    return Ok();
  }));
  if (org.state != model::OrganizationState::kActive)
    return MakeError(ErrorCode::kFailedPrecondition, fmt::format("organization {} is deleted", org_id));

  model::MailboxRecord mailbox;
  mailbox.id = NewHexId(random_);
  mailbox.org_id = org_id;
  mailbox.created_at = UnixSeconds(clock_);
  SecretBytes key = crypto::GenerateKey(random_);
  auto* provider = SKERRY_TRY(providers_.Find(org.key.provider));
  mailbox.wrapped_key = SKERRY_TRY(provider->Wrap(
      org.key.key_id, crypto::MailboxKeyContext(org_id, mailbox.id), key));
  auto meta_key = SKERRY_TRY(crypto::DeriveSubkey(key, crypto::Subkey::kMetadataSealing));

  std::vector<model::FolderRecord> folders;
  for (const auto& f : kDefaultFolders) {
    model::FolderRecord folder;
    folder.id = NewHexId(random_);
    folder.mailbox_id = mailbox.id;
    folder.item_class = f.item_class;
    folder.uid_validity = static_cast<std::uint32_t>(mailbox.created_at);
    folder.sealed_name = crypto::SealValue(meta_key, FolderNameContext(folder.id), AsBytes(f.name), random_);
    folders.push_back(std::move(folder));
  }
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
    // Again inside the write: an organization deleted since the read above has already destroyed
    // the keys of the mailboxes it listed, and would not know of this one.
    if (SKERRY_TRY(txn.GetOrganization(org_id)).state != model::OrganizationState::kActive)
      return MakeError(ErrorCode::kFailedPrecondition, fmt::format("organization {} is deleted", org_id));
    SKERRY_TRY(txn.CreateMailbox(mailbox));
    for (auto& folder : folders) SKERRY_TRY(txn.CreateFolder(folder));
    return Ok();
  }));
  return mailbox.id;
}

Status MailboxService::DestroyMailbox(const std::string& mailbox_id) {
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) { return txn.DestroyMailboxKey(mailbox_id); }));
  key_cache_.Evict(mailbox_id);
  if (shred_hook_) SKERRY_TRY(shred_hook_());
  return Ok();
}

Result<std::vector<FolderInfo>> MailboxService::ListFolders(const std::string& mailbox_id) {
  auto keys = SKERRY_TRY(MailboxKeys(mailbox_id));
  std::vector<model::FolderRecord> records;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    records = SKERRY_TRY(txn.ListFolders(mailbox_id));
    return Ok();
  }));
  std::vector<FolderInfo> out;
  for (const auto& r : records) {
    auto name = SKERRY_TRY(CheckIntegrity(
        crypto::OpenValue(keys.meta_key, FolderNameContext(r.id), r.sealed_name), "folder", r.id));
    out.push_back({r.id, r.parent_id, ToString(name), r.item_class, r.uid_validity, r.uid_next});
  }
  return out;
}

Result<FolderInfo> MailboxService::CreateFolder(const std::string& mailbox_id, const std::string& parent_id,
                                                const std::string& name, model::ItemClass item_class) {
  if (name.empty() || name.size() > 255)
    return MakeError(ErrorCode::kInvalidArgument, "folder name must be 1 to 255 bytes");
  auto keys = SKERRY_TRY(MailboxKeys(mailbox_id));
  // Names are unique among siblings; comparing needs the plaintext, which only we can see.
  for (const auto& f : SKERRY_TRY(ListFolders(mailbox_id)))
    if (f.parent_id == parent_id && f.name == name)
      return MakeError(ErrorCode::kAlreadyExists, "a folder with that name exists under the same parent");
  model::FolderRecord folder;
  folder.id = NewHexId(random_);
  folder.mailbox_id = mailbox_id;
  folder.parent_id = parent_id;
  folder.item_class = item_class;
  folder.uid_validity = static_cast<std::uint32_t>(UnixSeconds(clock_));
  folder.sealed_name = crypto::SealValue(keys.meta_key, FolderNameContext(folder.id), AsBytes(name), random_);
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
    if (!parent_id.empty()) {
      auto parent = SKERRY_TRY(txn.GetFolder(parent_id));
      if (parent.mailbox_id != mailbox_id)
        return MakeError(ErrorCode::kNotFound, "parent folder not found in this mailbox");
    }
    SKERRY_TRY(txn.CreateFolder(folder));
    return Ok();
  }));
  return FolderInfo{folder.id, parent_id, name, item_class, folder.uid_validity, folder.uid_next};
}

Result<AppendResult> MailboxService::AppendItem(const std::string& mailbox_id, const std::string& folder_id,
                                                ByteView content, std::uint32_t flags) {
  auto keys = SKERRY_TRY(MailboxKeys(mailbox_id));
  model::ItemRecord item;
  item.id = NewTimeOrderedHexId(random_, clock_.Now());
  item.mailbox_id = mailbox_id;
  item.folder_id = folder_id;
  item.blob_id = NewTimeOrderedHexId(random_, clock_.Now());
  item.size = content.size();
  item.flags = flags;
  item.internal_date = UnixSeconds(clock_);

  SecretBytes data_key = crypto::GenerateKey(random_);
  item.wrapped_data_key = crypto::WrapKey(keys.mailbox_key, crypto::DataKeyContext(item.blob_id), data_key, random_);
  item.sealed_meta = crypto::SealValue(keys.meta_key, ItemMetaContext(item.id),
                                       EncodeSummary(SummarizeContent(content)), random_);

  // The blob is durable before the row that names it: a crash in between leaves an orphan file
  // for the collector, never a row without its content.
  auto encryptor = SKERRY_TRY(crypto::BlobEncryptor::Create(data_key, item.blob_id, random_, kBlobChunkSize));
  auto writer = SKERRY_TRY(blobs_.Create(item.blob_id));
  Bytes sealed;
  constexpr std::size_t kStep = 1 << 20;
  for (std::size_t off = 0; off < content.size(); off += kStep) {
    sealed.clear();
    SKERRY_TRY(encryptor.Update(content.subspan(off, std::min(kStep, content.size() - off)), sealed));
    SKERRY_TRY(writer->Append(sealed));
  }
  sealed.clear();
  SKERRY_TRY(encryptor.Finish(sealed));
  SKERRY_TRY(writer->Append(sealed));
  SKERRY_TRY(writer->Commit());

  auto appended = store_.Write([&](storage::WriteTxn& txn) -> Status {
    auto folder = SKERRY_TRY(txn.GetFolder(folder_id));
    if (folder.mailbox_id != mailbox_id) return MakeError(ErrorCode::kNotFound, "folder not found in this mailbox");
    SKERRY_TRY(txn.AppendItem(item));
    return Ok();
  });
  if (!appended) {
    // Nothing names the blob: remove it now rather than leave it to the orphan sweep.
    (void)blobs_.Delete(item.blob_id);
    return tl::unexpected(appended.error());
  }
  return AppendResult{item.id, item.uid, item.modseq};
}

Result<std::uint64_t> MailboxService::DeleteItem(const std::string& mailbox_id, const std::string& item_id) {
  std::uint64_t modseq = 0;
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
    auto item = SKERRY_TRY(txn.GetItem(item_id));
    if (item.mailbox_id != mailbox_id) return MakeError(ErrorCode::kNotFound, "item not found in this mailbox");
    modseq = SKERRY_TRY(txn.DeleteItem(item_id));
    return Ok();
  }));
  return modseq;
}

Result<ItemInfo> MailboxService::Describe(const Keys& keys, const model::ItemRecord& item) {
  auto summary_bytes = SKERRY_TRY(CheckIntegrity(
      crypto::OpenValue(keys.meta_key, ItemMetaContext(item.id), item.sealed_meta), "item", item.id));
  auto summary = SKERRY_TRY(CheckIntegrity(DecodeSummary(summary_bytes), "item", item.id));
  return ItemInfo{item.id, item.folder_id, item.uid, item.size, item.flags, item.internal_date,
                  item.modseq, std::move(summary.subject), std::move(summary.from)};
}

Result<ItemInfo> MailboxService::GetItem(const std::string& mailbox_id, const std::string& item_id) {
  auto keys = SKERRY_TRY(MailboxKeys(mailbox_id));
  model::ItemRecord item;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    item = SKERRY_TRY(txn.GetItem(item_id));
    return Ok();
  }));
  if (item.mailbox_id != mailbox_id) return MakeError(ErrorCode::kNotFound, "item not found in this mailbox");
  return Describe(keys, item);
}

Result<Bytes> MailboxService::ReadItem(const std::string& mailbox_id, const std::string& item_id,
                                       std::uint64_t offset, std::uint64_t length) {
  auto keys = SKERRY_TRY(MailboxKeys(mailbox_id));
  model::ItemRecord item;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    item = SKERRY_TRY(txn.GetItem(item_id));
    return Ok();
  }));
  if (item.mailbox_id != mailbox_id) return MakeError(ErrorCode::kNotFound, "item not found in this mailbox");
  return CheckIntegrity(ReadContent(keys, item, offset, length), "item", item.id);
}

Result<Bytes> MailboxService::ReadContent(const Keys& keys, const model::ItemRecord& item, std::uint64_t offset,
                                          std::uint64_t length) {
  auto data_key = SKERRY_TRY(crypto::UnwrapKey(keys.mailbox_key, crypto::DataKeyContext(item.blob_id), item.wrapped_data_key));
  auto blob_size = blobs_.Size(item.blob_id);
  if (!blob_size && blob_size.error().code == ErrorCode::kNotFound)
    return MakeError(ErrorCode::kCorrupt, fmt::format("its content blob {} is missing", item.blob_id));
  if (!blob_size) return tl::unexpected(blob_size.error());
  crypto::BlobReadFn read = [&](std::uint64_t off, std::uint64_t len) { return blobs_.Read(item.blob_id, off, len); };
  auto decryptor = SKERRY_TRY(crypto::BlobDecryptor::Open(data_key, item.blob_id, *blob_size, read));
  if (decryptor.plaintext_size() != item.size)
    return MakeError(ErrorCode::kCorrupt, "blob size does not match its record");
  if (offset >= item.size) return Bytes{};
  return decryptor.DecryptRange(offset, std::min(length, item.size - offset), read);
}

Result<std::vector<ItemInfo>> MailboxService::ListItems(const std::string& mailbox_id, const std::string& folder_id,
                                                        std::uint32_t after_uid, std::size_t limit) {
  auto keys = SKERRY_TRY(MailboxKeys(mailbox_id));
  std::vector<model::ItemRecord> records;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    auto folder = SKERRY_TRY(txn.GetFolder(folder_id));
    if (folder.mailbox_id != mailbox_id) return MakeError(ErrorCode::kNotFound, "folder not found in this mailbox");
    records = SKERRY_TRY(txn.ListItems(folder_id, after_uid, limit));
    return Ok();
  }));
  std::vector<ItemInfo> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(SKERRY_TRY(Describe(keys, r)));
  return out;
}

Result<std::vector<model::ChangeRecord>> MailboxService::ChangesSince(const std::string& mailbox_id,
                                                                      std::uint64_t since, std::size_t limit) {
  std::vector<model::ChangeRecord> out;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    out = SKERRY_TRY(txn.ChangesSince(mailbox_id, since, limit));
    return Ok();
  }));
  return out;
}

}  // namespace skerry::mailbox
