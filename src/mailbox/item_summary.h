#pragma once
// The small summary sealed beside each item (subject, sender) so listings need not decrypt
// whole blobs. Encoding: repeated (be32 length, bytes), versioned by a leading byte.

#include <string>

#include "base/bytes.h"

namespace skerry::mailbox {

struct ItemSummary {
  std::string subject;
  std::string from;
};

ItemSummary SummarizeContent(ByteView content);
Bytes EncodeSummary(const ItemSummary& summary);
Result<ItemSummary> DecodeSummary(ByteView encoded);

}  // namespace skerry::mailbox
