#include "storage/sqlite/sqlite_migrations.h"

namespace skerry::storage::sqlite {
namespace {

// Column meaning, and which columns are sealed or keyed hashes: docs/formats/schema.md.
// STRICT tables make SQLite refuse a value of the wrong type instead of storing it.
constexpr std::string_view kItemStore = R"sql(
CREATE TABLE organizations (
  id TEXT NOT NULL PRIMARY KEY,
  state INTEGER NOT NULL,
  key_provider TEXT NOT NULL,
  key_id TEXT NOT NULL,
  wrapped_directory_key BLOB NOT NULL,
  sealed_attributes BLOB NOT NULL,
  alias_index BLOB,
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX organizations_alias_index ON organizations (alias_index);

CREATE TABLE mailboxes (
  id TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  state INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL,
  highest_modseq INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX mailboxes_org ON mailboxes (org_id);

CREATE TABLE folders (
  id TEXT NOT NULL PRIMARY KEY,
  mailbox_id TEXT NOT NULL REFERENCES mailboxes (id),
  parent_id TEXT NOT NULL,
  sealed_name BLOB NOT NULL,
  item_class INTEGER NOT NULL,
  uid_validity INTEGER NOT NULL,
  uid_next INTEGER NOT NULL,
  modseq INTEGER NOT NULL
) STRICT;
CREATE INDEX folders_mailbox ON folders (mailbox_id);
CREATE INDEX folders_parent ON folders (parent_id);

CREATE TABLE items (
  id TEXT NOT NULL PRIMARY KEY,
  mailbox_id TEXT NOT NULL REFERENCES mailboxes (id),
  folder_id TEXT NOT NULL REFERENCES folders (id),
  uid INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  wrapped_data_key BLOB NOT NULL,
  sealed_meta BLOB NOT NULL,
  size INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  internal_date INTEGER NOT NULL,
  modseq INTEGER NOT NULL,
  UNIQUE (folder_id, uid)
) STRICT;
CREATE INDEX items_mailbox ON items (mailbox_id);

CREATE TABLE changes (
  mailbox_id TEXT NOT NULL REFERENCES mailboxes (id),
  modseq INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  folder_id TEXT NOT NULL,
  PRIMARY KEY (mailbox_id, modseq)
) STRICT, WITHOUT ROWID;

CREATE TABLE blobs (
  id TEXT NOT NULL PRIMARY KEY,
  refcount INTEGER NOT NULL CHECK (refcount >= 0)
) STRICT, WITHOUT ROWID;
CREATE INDEX blobs_unreferenced ON blobs (id) WHERE refcount = 0;
)sql";

constexpr std::string_view kQueue = R"sql(
CREATE TABLE counters (
  name TEXT NOT NULL PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('queue_seq', 0);

CREATE TABLE queue_entries (
  id TEXT NOT NULL PRIMARY KEY,
  queue TEXT NOT NULL,
  payload BLOB NOT NULL,
  not_before INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  lease_owner TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  seq INTEGER NOT NULL
) STRICT;
CREATE INDEX queue_entries_order ON queue_entries (queue, seq);
)sql";

// The writer's profile (store_bench) showed items_mailbox costing a scattered page write per
// appended item while no query reads it. application_id lets Open() tell a Skerry store from
// another program's database.
constexpr std::string_view kTrimAndMark = R"sql(
DROP INDEX items_mailbox;
PRAGMA application_id = 1399550585;  -- 0x536b7279 "Skry"
)sql";

// The directory (users, groups, domains, roles, access keys, ...) and the audit trail. Objects
// are sealed documents found by (org, kind, id); uniqueness of names and addresses is a keyed-hash
// claim in directory_index. org_id is '' for server-wide objects, so it carries no foreign key.
// directory_objects keeps its rowid: a sealed document is often larger than the ~200 bytes below
// which WITHOUT ROWID pays off. audit_log.seq is an INTEGER PRIMARY KEY that the store assigns
// from counters.audit_seq (portable, and commit-ordered), never from SQLite's rowid allocator.
constexpr std::string_view kDirectoryAndAudit = R"sql(
CREATE TABLE directory_objects (
  org_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  sealed BLOB NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, kind, id)
) STRICT;

CREATE TABLE directory_index (
  org_id TEXT NOT NULL,
  index_name TEXT NOT NULL,
  key BLOB NOT NULL,
  object_id TEXT NOT NULL,
  PRIMARY KEY (org_id, index_name, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX directory_index_object ON directory_index (org_id, object_id);

INSERT INTO counters (name, value) VALUES ('audit_seq', 0);
CREATE TABLE audit_log (
  seq INTEGER NOT NULL PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  event_name TEXT NOT NULL,
  principal TEXT NOT NULL,
  org_id TEXT NOT NULL,
  sealed BLOB NOT NULL
) STRICT;
CREATE INDEX audit_log_time ON audit_log (time_ms);
CREATE INDEX audit_log_event ON audit_log (event_name, time_ms);
CREATE INDEX audit_log_principal ON audit_log (principal, time_ms);
)sql";

// Integer surrogate keys for mailboxes and folders (the hex ids stay, unique). The per-mailbox
// B-trees that every append writes, changes (mailbox, modseq) and items (folder, uid), then hold
// a few bytes per entry instead of a 32-character id, so their leaves split far less often; the
// change log becomes a rowid table, appended at its right edge, with a small index beside it.
// store_bench "WAL pages per append" measured the before and after (bench/README.md). An item's
// mailbox is its folder's, so items no longer carry one. The tables are rebuilt children last
// and renamed after the old ones are gone; SQLite rewrites the foreign keys that name them.
constexpr std::string_view kSurrogateKeys = R"sql(
CREATE TABLE mailboxes_v5 (
  no INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  state INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL,
  highest_modseq INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
INSERT INTO mailboxes_v5 (id, org_id, state, wrapped_key, highest_modseq, created_at)
  SELECT id, org_id, state, wrapped_key, highest_modseq, created_at FROM mailboxes ORDER BY id;

CREATE TABLE folders_v5 (
  no INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  mailbox_no INTEGER NOT NULL REFERENCES mailboxes_v5 (no),
  parent_id TEXT NOT NULL,
  sealed_name BLOB NOT NULL,
  item_class INTEGER NOT NULL,
  uid_validity INTEGER NOT NULL,
  uid_next INTEGER NOT NULL,
  modseq INTEGER NOT NULL
) STRICT;
INSERT INTO folders_v5 (id, mailbox_no, parent_id, sealed_name, item_class, uid_validity,
                        uid_next, modseq)
  SELECT f.id, m.no, f.parent_id, f.sealed_name, f.item_class, f.uid_validity, f.uid_next,
         f.modseq
  FROM folders f JOIN mailboxes_v5 m ON m.id = f.mailbox_id ORDER BY f.id;

CREATE TABLE items_v5 (
  id TEXT NOT NULL PRIMARY KEY,
  folder_no INTEGER NOT NULL REFERENCES folders_v5 (no),
  uid INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  wrapped_data_key BLOB NOT NULL,
  sealed_meta BLOB NOT NULL,
  size INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  internal_date INTEGER NOT NULL,
  modseq INTEGER NOT NULL
) STRICT;
INSERT INTO items_v5 (id, folder_no, uid, blob_id, wrapped_data_key, sealed_meta, size, flags,
                      internal_date, modseq)
  SELECT i.id, f.no, i.uid, i.blob_id, i.wrapped_data_key, i.sealed_meta, i.size, i.flags,
         i.internal_date, i.modseq
  FROM items i JOIN folders_v5 f ON f.id = i.folder_id ORDER BY i.id;

CREATE TABLE changes_v5 (
  mailbox_no INTEGER NOT NULL REFERENCES mailboxes_v5 (no),
  modseq INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  folder_id TEXT NOT NULL
) STRICT;
INSERT INTO changes_v5 (mailbox_no, modseq, kind, object_id, folder_id)
  SELECT m.no, c.modseq, c.kind, c.object_id, c.folder_id
  FROM changes c JOIN mailboxes_v5 m ON m.id = c.mailbox_id ORDER BY c.mailbox_id, c.modseq;

DROP TABLE changes;
DROP TABLE items;
DROP TABLE folders;
DROP TABLE mailboxes;
ALTER TABLE mailboxes_v5 RENAME TO mailboxes;
ALTER TABLE folders_v5 RENAME TO folders;
ALTER TABLE items_v5 RENAME TO items;
ALTER TABLE changes_v5 RENAME TO changes;
CREATE INDEX mailboxes_org ON mailboxes (org_id);
CREATE INDEX folders_mailbox ON folders (mailbox_no);
CREATE INDEX folders_parent ON folders (parent_id);
CREATE UNIQUE INDEX items_folder_uid ON items (folder_no, uid);
CREATE UNIQUE INDEX changes_mailbox_modseq ON changes (mailbox_no, modseq);
)sql";

// The change log in two parts (sql/tails.h): changes becomes one B-tree ordered by
// (mailbox, modseq), rows and all, filled only by folds of many rows; new changes are appended to
// change_tail in commit order. seq is the tail's rowid: no index, readers scan the bounded tail.
constexpr std::string_view kChangeTail = R"sql(
CREATE TABLE changes_v6 (
  mailbox_no INTEGER NOT NULL REFERENCES mailboxes (no),
  modseq INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  folder_id TEXT NOT NULL,
  PRIMARY KEY (mailbox_no, modseq)
) STRICT, WITHOUT ROWID;
INSERT INTO changes_v6 (mailbox_no, modseq, kind, object_id, folder_id)
  SELECT mailbox_no, modseq, kind, object_id, folder_id FROM changes ORDER BY mailbox_no, modseq;
DROP TABLE changes;
ALTER TABLE changes_v6 RENAME TO changes;

CREATE TABLE change_tail (
  seq INTEGER PRIMARY KEY,
  mailbox_no INTEGER NOT NULL REFERENCES mailboxes (no),
  modseq INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  folder_id TEXT NOT NULL
) STRICT;
)sql";

// A folder's items in UID order as two tables, the way the change log is kept (sql/tails.h): the
// unique index items_folder_uid wrote one leaf per folder a batch delivered to (1.15 of the 2.20
// WAL pages an append cost). folder_items is the ordered index, filled by folds; new positions
// are appended to folder_item_tail in commit order. items is rebuilt without its foreign key on
// folder_no, which SQLite could only check by scanning items when a folder is deleted (the
// store refuses to delete a folder that holds items, through folder_items and the tail).
// items_v7 restates items_v5's columns on purpose: a migration that has shipped never changes,
// so it shares no text with a later one.
constexpr std::string_view kFolderItemTail = R"sql(
CREATE TABLE items_v7 (
  id TEXT NOT NULL PRIMARY KEY,
  folder_no INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  wrapped_data_key BLOB NOT NULL,
  sealed_meta BLOB NOT NULL,
  size INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  internal_date INTEGER NOT NULL,
  modseq INTEGER NOT NULL
) STRICT;
INSERT INTO items_v7 (id, folder_no, uid, blob_id, wrapped_data_key, sealed_meta, size, flags,
                      internal_date, modseq)
  SELECT id, folder_no, uid, blob_id, wrapped_data_key, sealed_meta, size, flags, internal_date,
         modseq FROM items ORDER BY id;
DROP TABLE items;
ALTER TABLE items_v7 RENAME TO items;

CREATE TABLE folder_items (
  folder_no INTEGER NOT NULL REFERENCES folders (no),
  uid INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  PRIMARY KEY (folder_no, uid)
) STRICT, WITHOUT ROWID;
INSERT INTO folder_items (folder_no, uid, item_id)
  SELECT folder_no, uid, id FROM items ORDER BY folder_no, uid;

CREATE TABLE folder_item_tail (
  seq INTEGER PRIMARY KEY,
  folder_no INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  item_id TEXT NOT NULL
) STRICT;
)sql";

constexpr sql::Migration kMigrations[] = {
    {1, "item store: organizations, mailboxes, folders, items, change log, blob refcounts",
     kItemStore},
    {2, "durable queue", kQueue},
    {3, "drop unused items_mailbox index; mark the file with Skerry's application_id",
     kTrimAndMark},
    {4, "directory objects, directory index claims, audit trail", kDirectoryAndAudit},
    {5, "integer keys for mailboxes and folders; change log as a rowid table", kSurrogateKeys},
    {6, "change log ordered by (mailbox, modseq), new changes appended to a tail folded in bulk",
     kChangeTail},
    {7, "a folder's items in UID order as folder_items, new positions appended to a tail folded in bulk",
     kFolderItemTail},
};

}  // namespace

std::span<const sql::Migration> SqliteMigrations() { return kMigrations; }

}  // namespace skerry::storage::sqlite
