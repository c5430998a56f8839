#include "mailbox/item_summary.h"

#include "formats/rfc5322/header_fields.h"

namespace skerry::mailbox {
namespace {
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kMaxField = 4096;

void AppendField(Bytes& out, const std::string& s) {
  std::string_view v = std::string_view(s).substr(0, kMaxField);
  AppendBe32(out, static_cast<std::uint32_t>(v.size()));
  out.insert(out.end(), v.begin(), v.end());
}

Result<std::string> ReadField(ByteView& in) {
  if (in.size() < 4) return MakeError(ErrorCode::kCorrupt, "item summary truncated");
  std::uint32_t n = ReadBe32(in);
  in = in.subspan(4);
  if (n > in.size()) return MakeError(ErrorCode::kCorrupt, "item summary truncated");
  std::string s(AsChars(in.subspan(0, n)));
  in = in.subspan(n);
  return s;
}
}  // namespace

ItemSummary SummarizeContent(ByteView content) {
  ItemSummary s;
  std::string_view text = AsChars(content);
  s.subject = rfc5322::FindHeaderField(text, "Subject").value_or("");
  s.from = rfc5322::FindHeaderField(text, "From").value_or("");
  return s;
}

Bytes EncodeSummary(const ItemSummary& summary) {
  Bytes out{kVersion};
  AppendField(out, summary.subject);
  AppendField(out, summary.from);
  return out;
}

Result<ItemSummary> DecodeSummary(ByteView in) {
  if (in.empty() || in[0] != kVersion) return MakeError(ErrorCode::kCorrupt, "unknown item summary version");
  in = in.subspan(1);
  ItemSummary s;
  s.subject = SKERRY_TRY(ReadField(in));
  s.from = SKERRY_TRY(ReadField(in));
  return s;
}

}  // namespace skerry::mailbox
