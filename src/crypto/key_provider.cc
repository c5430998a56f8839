#include "crypto/key_provider.h"

#include <fmt/format.h>

namespace skerry::crypto {

Bytes SerializeEncryptionContext(const EncryptionContext& context) {
  Bytes out;
  AppendBe32(out, static_cast<std::uint32_t>(context.size()));
  for (const auto& [key, value] : context) {  // std::map iterates in key order: canonical
    AppendBe32(out, static_cast<std::uint32_t>(key.size()));
    out.insert(out.end(), key.begin(), key.end());
    AppendBe32(out, static_cast<std::uint32_t>(value.size()));
    out.insert(out.end(), value.begin(), value.end());
  }
  return out;
}

Status ValidateKeyId(std::string_view key_id) {
  if (key_id.empty() || key_id.size() > 128) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("key id must be 1..128 characters, got {}", key_id.size()));
  }
  for (char c : key_id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
    if (!ok) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "key id may contain only letters, digits and . _ : / -");
    }
  }
  return Ok();
}

}  // namespace skerry::crypto
