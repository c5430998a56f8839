#include "storage/memory/memory_txn.h"

#include <algorithm>

#include "storage/metadata_rules.h"

namespace skerry::storage::memory {
namespace {

using model::ChangeKind;

template <typename Map>
auto Find(Map& map, const std::string& id, std::string_view what)
    -> Result<typename Map::mapped_type*> {
  auto it = map.find(id);
  if (it == map.end()) return MakeError(ErrorCode::kNotFound, std::string(what) + " " + id);
  return &it->second;
}

}  // namespace

void MemoryTxn::Undo() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
  undo_.clear();
}

// ---- reads ----

Result<model::OrganizationRecord> MemoryTxn::GetOrganization(const std::string& org_id) {
  return *SKERRY_TRY(Find(state_.organizations, org_id, "organization"));
}

Result<std::optional<std::string>> MemoryTxn::FindOrganizationByAlias(const Bytes& alias_index) {
  if (alias_index.empty()) return std::nullopt;
  for (const auto& [id, org] : state_.organizations) {
    if (org.alias_index == alias_index) return id;
  }
  return std::nullopt;
}

Result<std::vector<model::OrganizationRecord>> MemoryTxn::ListOrganizations() {
  std::vector<model::OrganizationRecord> out;
  for (const auto& [id, org] : state_.organizations) out.push_back(org);
  return out;
}

Result<model::MailboxRecord> MemoryTxn::GetMailbox(const std::string& mailbox_id) {
  return *SKERRY_TRY(Find(state_.mailboxes, mailbox_id, "mailbox"));
}

Result<std::vector<model::MailboxRecord>> MemoryTxn::ListMailboxes(const std::string& org_id) {
  SKERRY_TRY(Find(state_.organizations, org_id, "organization"));
  std::vector<model::MailboxRecord> out;
  for (const auto& [id, m] : state_.mailboxes) {
    if (m.org_id == org_id) out.push_back(m);
  }
  return out;
}

Result<model::FolderRecord> MemoryTxn::GetFolder(const std::string& folder_id) {
  return *SKERRY_TRY(Find(state_.folders, folder_id, "folder"));
}

Result<std::vector<model::FolderRecord>> MemoryTxn::ListFolders(const std::string& mailbox_id) {
  SKERRY_TRY(Find(state_.mailboxes, mailbox_id, "mailbox"));
  std::vector<model::FolderRecord> out;
  for (const auto& [id, f] : state_.folders) {
    if (f.mailbox_id == mailbox_id) out.push_back(f);
  }
  return out;
}

Result<model::ItemRecord> MemoryTxn::GetItem(const std::string& item_id) {
  return *SKERRY_TRY(Find(state_.items, item_id, "item"));
}

Result<std::vector<model::ItemRecord>> MemoryTxn::ListItems(const std::string& folder_id,
                                                            std::uint32_t after_uid,
                                                            std::size_t limit) {
  SKERRY_TRY(Find(state_.folders, folder_id, "folder"));
  std::vector<model::ItemRecord> out;
  for (const auto& [id, item] : state_.items) {
    if (item.folder_id == folder_id && item.uid > after_uid) out.push_back(item);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.uid < b.uid; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<model::ChangeRecord>> MemoryTxn::ChangesSince(const std::string& mailbox_id,
                                                                 std::uint64_t since,
                                                                 std::size_t limit) {
  SKERRY_TRY(Find(state_.mailboxes, mailbox_id, "mailbox"));
  std::vector<model::ChangeRecord> out;
  for (auto it = state_.changes.upper_bound({mailbox_id, since});
       it != state_.changes.end() && it->first.first == mailbox_id && out.size() < limit; ++it) {
    out.push_back(it->second);
  }
  return out;
}

Result<std::uint64_t> MemoryTxn::BlobRefCount(const std::string& blob_id) {
  auto it = state_.blob_refs.find(blob_id);
  return it == state_.blob_refs.end() ? 0 : it->second;
}

Result<std::vector<std::string>> MemoryTxn::ListUnreferencedBlobs(std::size_t limit) {
  std::vector<std::string> out;
  for (const auto& [id, count] : state_.blob_refs) {
    if (out.size() >= limit) break;
    if (count == 0) out.push_back(id);
  }
  return out;
}

// ---- writes: same checks in the same order as sql::SqlWriteTxn ----

Status MemoryTxn::PutOrganization(const model::OrganizationRecord& org) {
  SKERRY_TRY(RequireId(org.id, "organization"));
  if (auto owner = SKERRY_TRY(FindOrganizationByAlias(org.alias_index));
      owner && *owner != org.id) {
    return MakeError(ErrorCode::kAlreadyExists, "alias index belongs to another organization");
  }
  Remember(state_.organizations, org.id);
  state_.organizations.insert_or_assign(org.id, org);
  return Ok();
}

Status MemoryTxn::CreateMailbox(const model::MailboxRecord& mailbox) {
  SKERRY_TRY(RequireId(mailbox.id, "mailbox"));
  SKERRY_TRY(Find(state_.organizations, mailbox.org_id, "organization"));
  if (state_.mailboxes.contains(mailbox.id)) {
    return MakeError(ErrorCode::kAlreadyExists, "mailbox " + mailbox.id);
  }
  Remember(state_.mailboxes, mailbox.id);
  state_.mailboxes.emplace(mailbox.id, mailbox);
  return Ok();
}

Status MemoryTxn::DestroyMailboxKey(const std::string& mailbox_id) {
  auto* mailbox = SKERRY_TRY(Find(state_.mailboxes, mailbox_id, "mailbox"));
  Remember(state_.mailboxes, mailbox_id);
  mailbox->wrapped_key.clear();
  mailbox->state = model::MailboxState::kDestroyed;
  return Ok();
}

Result<std::uint64_t> MemoryTxn::CreateFolder(model::FolderRecord& folder) {
  SKERRY_TRY(RequireId(folder.id, "folder"));
  if (folder.uid_next == 0) folder.uid_next = 1;
  if (state_.folders.contains(folder.id)) {
    return MakeError(ErrorCode::kAlreadyExists, "folder " + folder.id);
  }
  SKERRY_TRY(CheckParent(folder));
  auto modseq = SKERRY_TRY(
      LogChange(folder.mailbox_id, ChangeKind::kFolderCreated, folder.id, folder.id, true));
  folder.modseq = modseq;
  Remember(state_.folders, folder.id);
  state_.folders.emplace(folder.id, folder);
  return modseq;
}

Result<std::uint64_t> MemoryTxn::UpdateFolder(model::FolderRecord& folder) {
  auto stored = SKERRY_TRY(GetFolder(folder.id));
  stored.sealed_name = folder.sealed_name;
  stored.parent_id = folder.parent_id;
  SKERRY_TRY(CheckParent(stored));
  stored.modseq =
      SKERRY_TRY(LogChange(stored.mailbox_id, ChangeKind::kFolderUpdated, stored.id, stored.id));
  Remember(state_.folders, stored.id);
  state_.folders.insert_or_assign(stored.id, stored);
  folder = std::move(stored);
  return folder.modseq;
}

Result<std::uint64_t> MemoryTxn::DeleteFolder(const std::string& folder_id) {
  auto folder = SKERRY_TRY(GetFolder(folder_id));
  for (const auto& [id, item] : state_.items) {
    if (item.folder_id == folder_id) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "folder " + folder_id + " still holds items");
    }
  }
  for (const auto& [id, f] : state_.folders) {
    if (f.parent_id == folder_id) {
      return MakeError(ErrorCode::kFailedPrecondition, "folder " + folder_id + " has subfolders");
    }
  }
  auto modseq =
      SKERRY_TRY(LogChange(folder.mailbox_id, ChangeKind::kFolderDeleted, folder_id, folder_id));
  Remember(state_.folders, folder_id);
  state_.folders.erase(folder_id);
  return modseq;
}

Result<std::uint64_t> MemoryTxn::AppendItem(model::ItemRecord& item) {
  SKERRY_TRY(RequireId(item.id, "item"));
  SKERRY_TRY(RequireId(item.blob_id, "blob"));
  auto* folder = SKERRY_TRY(Find(state_.folders, item.folder_id, "folder"));
  if (item.mailbox_id.empty()) item.mailbox_id = folder->mailbox_id;
  if (item.mailbox_id != folder->mailbox_id) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "item's mailbox differs from folder " + folder->id + "'s");
  }
  if (state_.items.contains(item.id))
    return MakeError(ErrorCode::kAlreadyExists, "item " + item.id);
  SKERRY_TRY(RequireUidAvailable(*folder));
  item.modseq =
      SKERRY_TRY(LogChange(item.mailbox_id, ChangeKind::kItemCreated, item.id, folder->id, true));
  Remember(state_.folders, folder->id);
  item.uid = folder->uid_next++;
  Remember(state_.items, item.id);
  state_.items.emplace(item.id, item);
  Remember(state_.blob_refs, item.blob_id);
  state_.blob_refs[item.blob_id] += 1;
  return item.modseq;
}

Result<std::uint64_t> MemoryTxn::SetItemFlags(const std::string& item_id, std::uint32_t flags) {
  auto* item = SKERRY_TRY(Find(state_.items, item_id, "item"));
  auto modseq =
      SKERRY_TRY(LogChange(item->mailbox_id, ChangeKind::kItemUpdated, item->id, item->folder_id));
  Remember(state_.items, item_id);
  item->flags = flags;
  item->modseq = modseq;
  return modseq;
}

Result<std::uint64_t> MemoryTxn::MoveItem(const std::string& item_id,
                                          const std::string& target_folder_id) {
  auto* item = SKERRY_TRY(Find(state_.items, item_id, "item"));
  auto* target = SKERRY_TRY(Find(state_.folders, target_folder_id, "folder"));
  if (target->mailbox_id != item->mailbox_id) {
    return MakeError(ErrorCode::kInvalidArgument, "move across mailboxes");
  }
  SKERRY_TRY(RequireUidAvailable(*target));
  SKERRY_TRY(LogChange(item->mailbox_id, ChangeKind::kItemDeleted, item->id, item->folder_id));
  auto modseq =
      SKERRY_TRY(LogChange(item->mailbox_id, ChangeKind::kItemCreated, item->id, target->id));
  Remember(state_.folders, target->id);
  Remember(state_.items, item_id);
  item->folder_id = target->id;
  item->uid = target->uid_next++;
  item->modseq = modseq;
  return modseq;
}

Result<std::uint64_t> MemoryTxn::DeleteItem(const std::string& item_id) {
  auto item = SKERRY_TRY(GetItem(item_id));
  auto modseq =
      SKERRY_TRY(LogChange(item.mailbox_id, ChangeKind::kItemDeleted, item.id, item.folder_id));
  Remember(state_.items, item_id);
  state_.items.erase(item_id);
  if (auto it = state_.blob_refs.find(item.blob_id);
      it != state_.blob_refs.end() && it->second > 0) {
    Remember(state_.blob_refs, item.blob_id);
    it->second -= 1;
  }
  return modseq;
}

Status MemoryTxn::ForgetBlob(const std::string& blob_id) {
  auto it = state_.blob_refs.find(blob_id);
  if (it == state_.blob_refs.end()) return Ok();
  if (it->second > 0) {
    return MakeError(ErrorCode::kFailedPrecondition, "blob " + blob_id + " is referenced");
  }
  Remember(state_.blob_refs, blob_id);
  state_.blob_refs.erase(it);
  return Ok();
}

// ---- helpers ----

Result<std::uint64_t> MemoryTxn::LogChange(const std::string& mailbox_id, ChangeKind kind,
                                           const std::string& object_id,
                                           const std::string& folder_id, bool creating) {
  auto* mailbox = SKERRY_TRY(Find(state_.mailboxes, mailbox_id, "mailbox"));
  if (creating && mailbox->state == model::MailboxState::kDestroyed) {
    return MakeError(ErrorCode::kKeyDestroyed, "mailbox " + mailbox_id + " was destroyed");
  }
  Remember(state_.mailboxes, mailbox_id);
  auto modseq = ++mailbox->highest_modseq;
  std::pair key{mailbox_id, modseq};
  Remember(state_.changes, key);
  state_.changes.insert_or_assign(
      key, model::ChangeRecord{mailbox_id, modseq, kind, object_id, folder_id});
  return modseq;
}

Status MemoryTxn::CheckParent(const model::FolderRecord& folder) {
  std::string parent = folder.parent_id;
  for (int depth = 0; !parent.empty(); ++depth) {
    if (parent == folder.id) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "folder " + folder.id + " would be its own ancestor");
    }
    if (depth == kMaxFolderDepth)
      return MakeError(ErrorCode::kInvalidArgument, "folder tree too deep");
    auto* p = SKERRY_TRY(Find(state_.folders, parent, "folder"));
    if (p->mailbox_id != folder.mailbox_id) {
      return MakeError(ErrorCode::kInvalidArgument, "parent folder is in another mailbox");
    }
    parent = p->parent_id;
  }
  return Ok();
}

}  // namespace skerry::storage::memory
