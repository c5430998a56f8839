#pragma once
// SqlMetadataStore: the MetadataStore of every SQL backend, written once. It turns the caller's
// closures over WriteTxn/ReadTxn into closures over a driver Connection and hands them to the
// backend's TxnRunner, which owns connections, threads and group commit.
//
// Borrows the runner, which must outlive the store.

#include "storage/metadata_store.h"
#include "storage/sql/txn_runner.h"

namespace skerry::storage::sql {

class SqlMetadataStore final : public MetadataStore {
 public:
  explicit SqlMetadataStore(TxnRunner& runner) : runner_(runner) {}

  Status Write(WriteFn fn) override;
  void SubmitWrite(WriteFn fn, DoneFn done) override;
  Status Read(ReadFn fn) override;

 private:
  TxnRunner& runner_;
};

}  // namespace skerry::storage::sql
