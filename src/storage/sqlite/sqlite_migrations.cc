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

constexpr sql::Migration kMigrations[] = {
    {1, "item store: organizations, mailboxes, folders, items, change log, blob refcounts",
     kItemStore},
    {2, "durable queue", kQueue},
    {3, "drop unused items_mailbox index; mark the file with Skerry's application_id",
     kTrimAndMark},
    {4, "directory objects, directory index claims, audit trail", kDirectoryAndAudit},
};

}  // namespace

std::span<const sql::Migration> SqliteMigrations() { return kMigrations; }

}  // namespace skerry::storage::sqlite
