#pragma once
// The item store service (DESIGN §2): mailboxes, folders and items, encrypted before they touch
// a store. Every protocol view (IMAP, EWS, EAS, JMAP, DAV) works through this class.
//
// Encryption (DESIGN §3, docs/formats/key-hierarchy.md): each item's content is a blob in the
// chunked stream format under its own data key; the data key is wrapped by the mailbox key; folder
// names and item summaries are sealed under a metadata key derived from the mailbox key. The
// plaintext mailbox key comes from the key cache (at most 60 s) or is unwrapped by the
// organization's key provider.
//
// Thread-safe; blocking (store commits, provider calls): call from the blocking pool.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "crypto/key_cache.h"
#include "directory/key_providers.h"
#include "model/mailbox_records.h"
#include "storage/blob_store.h"
#include "storage/metadata_store.h"

namespace skerry::mailbox {

struct FolderInfo {
  std::string id;
  std::string parent_id;
  std::string name;
  model::ItemClass item_class = model::ItemClass::kMail;
  std::uint32_t uid_validity = 0;
  std::uint32_t uid_next = 0;
};

struct ItemInfo {
  std::string id;
  std::string folder_id;
  std::uint32_t uid = 0;
  std::uint64_t size = 0;
  std::uint32_t flags = 0;
  std::int64_t internal_date = 0;
  std::uint64_t modseq = 0;
  std::string subject;  // from the sealed summary
  std::string from;
};

struct AppendResult {
  std::string item_id;
  std::uint32_t uid = 0;
  std::uint64_t modseq = 0;
};

class MailboxService {
 public:
  MailboxService(storage::MetadataStore& store, storage::BlobStore& blobs,
                 const directory::KeyProviders& providers, crypto::MailboxKeyCache& key_cache,
                 Random& random, Clock& clock)
      : store_(store), blobs_(blobs), providers_(providers), key_cache_(key_cache), random_(random), clock_(clock) {}

  // Creates the mailbox, its key, and the default folders (Inbox, Sent Items, Drafts,
  // Deleted Items, Junk E-mail, Calendar, Contacts, Tasks, Notes).
  Result<std::string> CreateMailbox(const std::string& org_id);
  // Crypto-shredding: the mailbox key is erased; everything in the mailbox becomes unreadable
  // and reads answer kKeyDestroyed.
  Status DestroyMailbox(const std::string& mailbox_id);
  // See OrganizationService::SetShredHook.
  void SetShredHook(std::function<Status()> hook) { shred_hook_ = std::move(hook); }

  Result<std::vector<FolderInfo>> ListFolders(const std::string& mailbox_id);
  Result<FolderInfo> CreateFolder(const std::string& mailbox_id, const std::string& parent_id,
                                  const std::string& name, model::ItemClass item_class);

  // Stores `content` (a MIME message, an iCalendar object, a vCard...) durably; returns once the
  // blob and its metadata are both durable.
  Result<AppendResult> AppendItem(const std::string& mailbox_id, const std::string& folder_id,
                                  ByteView content, std::uint32_t flags);
  Result<ItemInfo> GetItem(const std::string& mailbox_id, const std::string& item_id);
  // Removes the item (logged in the change log); its blob goes with the last reference, when
  // the blob collector next runs. Returns the new modseq.
  Result<std::uint64_t> DeleteItem(const std::string& mailbox_id, const std::string& item_id);
  // Plaintext bytes [offset, offset+length) of the item; only the chunks touched are decrypted.
  Result<Bytes> ReadItem(const std::string& mailbox_id, const std::string& item_id,
                         std::uint64_t offset, std::uint64_t length);
  Result<std::vector<ItemInfo>> ListItems(const std::string& mailbox_id, const std::string& folder_id,
                                          std::uint32_t after_uid, std::size_t limit);
  Result<std::vector<model::ChangeRecord>> ChangesSince(const std::string& mailbox_id,
                                                        std::uint64_t since, std::size_t limit);

 private:
  struct Keys;
  Result<Keys> MailboxKeys(const std::string& mailbox_id);
  Result<ItemInfo> Describe(const Keys& keys, const model::ItemRecord& item);
  // ReadItem's decryption; its kCorrupt errors do not name the item (ReadItem's CheckIntegrity does).
  Result<Bytes> ReadContent(const Keys& keys, const model::ItemRecord& item, std::uint64_t offset,
                            std::uint64_t length);

  storage::MetadataStore& store_;
  storage::BlobStore& blobs_;
  const directory::KeyProviders& providers_;
  crypto::MailboxKeyCache& key_cache_;
  Random& random_;
  Clock& clock_;
  std::function<Status()> shred_hook_;
};

}  // namespace skerry::mailbox
