#include "storage/sql/query.h"

#include <fmt/format.h>

namespace skerry::storage::sql {

Result<Query> Query::Prepare(Connection& conn, std::string_view sql) {
  auto stmt = SKERRY_TRY(conn.Prepare(sql));
  return Query(conn, std::move(stmt));
}

Result<bool> Query::Step() {
  if (bind_error_) return tl::unexpected(*bind_error_);
  return stmt_->Step();
}

Result<std::int64_t> Query::Run() {
  while (SKERRY_TRY(Step())) {
  }
  return conn_->ChangedRows();
}

Status Query::StepExpectRow(std::string_view what) {
  if (!SKERRY_TRY(Step())) return MakeError(ErrorCode::kNotFound, std::string(what));
  return Ok();
}

std::uint64_t Query::U64(int column) {
  auto v = Int(column);
  if (v < 0) {
    NoteDecodeError(column, v);
    return 0;
  }
  return static_cast<std::uint64_t>(v);
}

std::uint32_t Query::U32(int column) {
  auto v = Int(column);
  if (v < 0 || v > static_cast<std::int64_t>(std::numeric_limits<std::uint32_t>::max())) {
    NoteDecodeError(column, v);
    return 0;
  }
  return static_cast<std::uint32_t>(v);
}

void Query::NoteDecodeError(int column, std::int64_t value) {
  if (decode_error_) return;
  decode_error_ = Error{ErrorCode::kCorrupt,
                        fmt::format("database {}: column {} holds out-of-range value {}",
                                    conn_->Name(), column, value),
                        std::source_location::current()};
}

Status Query::CheckDecoded() const {
  if (decode_error_) return tl::unexpected(*decode_error_);
  return Ok();
}

}  // namespace skerry::storage::sql
