#pragma once
// Query: a prepared Statement with sequential typed binding and range-checked column reads, so
// that store code reads as `q.Bind(id, flags).Run()` instead of index bookkeeping.
//
// Binding and decoding errors are sticky: the first one is kept and returned by the next Step()
// (binding) or CheckDecoded() (columns), which keeps call sites short without losing errors.
// A value read from the database that does not fit its model type is reported as kCorrupt.

#include <concepts>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "storage/sql/driver.h"

namespace skerry::storage::sql {

// Binds SQL NULL when the bytes are empty: optional unique columns (organizations.alias_index)
// store "no value" as NULL, which never collides in a unique index on any engine.
struct NullIfEmpty {
  ByteView value;
};

class Query {
 public:
  static Result<Query> Prepare(Connection& conn, std::string_view sql);

  Query(Query&&) = default;
  Query& operator=(Query&&) = default;

  // Binds the next parameters in order.
  template <typename... Args>
  Query& Bind(const Args&... args) {
    (BindOne(args), ...);
    return *this;
  }

  // True when a row is available.
  Result<bool> Step();
  // Steps to completion, ignoring rows; returns the number of rows changed.
  Result<std::int64_t> Run();
  // Steps once and reports kNotFound (with `what`) when there is no row.
  Status StepExpectRow(std::string_view what);

  bool IsNull(int column) { return stmt_->ColumnIsNull(column); }
  std::int64_t Int(int column) { return stmt_->ColumnInt(column); }
  std::uint64_t U64(int column);
  std::uint32_t U32(int column);
  std::string Text(int column) { return stmt_->ColumnText(column); }
  Bytes Blob(int column) { return stmt_->ColumnBlob(column); }
  // Decodes an enum stored as an integer in [0, max]; out-of-range values are corruption.
  template <typename E>
  E Enum(int column, E max) {
    auto v = Int(column);
    if (v < 0 || v > static_cast<std::int64_t>(max)) {
      NoteDecodeError(column, v);
      return E{};
    }
    return static_cast<E>(v);
  }
  // The first decoding error since the query was prepared, if any.
  Status CheckDecoded() const;

 private:
  Query(Connection& conn, std::unique_ptr<Statement> stmt) : conn_(&conn), stmt_(std::move(stmt)) {}

  void BindOne(std::string_view v) { Note(stmt_->BindText(next_++, v)); }
  void BindOne(const std::string& v) { Note(stmt_->BindText(next_++, v)); }
  void BindOne(const char* v) { Note(stmt_->BindText(next_++, v)); }
  void BindOne(ByteView v) { Note(stmt_->BindBlob(next_++, v)); }
  void BindOne(const Bytes& v) { Note(stmt_->BindBlob(next_++, v)); }
  void BindOne(NullIfEmpty v) {
    Note(v.value.empty() ? stmt_->BindNull(next_++) : stmt_->BindBlob(next_++, v.value));
  }
  template <std::integral I>
  void BindOne(I v) {
    if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        Note(MakeError(ErrorCode::kInvalidArgument, "integer parameter exceeds 2^63-1"));
        ++next_;
        return;
      }
    }
    Note(stmt_->BindInt(next_++, static_cast<std::int64_t>(v)));
  }
  template <typename E>
  requires std::is_enum_v<E>
  void BindOne(E v) { BindOne(static_cast<std::int64_t>(v)); }

  void Note(Status s) {
    if (!s && !bind_error_) bind_error_ = std::move(s).error();
  }
  void NoteDecodeError(int column, std::int64_t value);

  Connection* conn_;
  std::unique_ptr<Statement> stmt_;
  int next_ = 1;
  std::optional<Error> bind_error_;
  std::optional<Error> decode_error_;
};

}  // namespace skerry::storage::sql
