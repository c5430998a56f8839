#include "storage/sql/sql_metadata_store.h"

#include "storage/sql/sql_reads.h"
#include "storage/sql/sql_write_txn.h"

namespace skerry::storage::sql {

Status SqlMetadataStore::Write(WriteFn fn) {
  return runner_.Write([&fn](Connection& conn) {
    SqlWriteTxn txn(conn);
    return fn(txn);
  });
}

void SqlMetadataStore::SubmitWrite(WriteFn fn, DoneFn done) {
  runner_.SubmitWrite(
      [fn = std::move(fn)](Connection& conn) {
        SqlWriteTxn txn(conn);
        return fn(txn);
      },
      std::move(done));
}

Status SqlMetadataStore::Read(ReadFn fn) {
  return runner_.Read([&fn](Connection& conn) {
    SqlReadTxn txn(conn);
    return fn(txn);
  });
}

}  // namespace skerry::storage::sql
