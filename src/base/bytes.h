#pragma once
// Byte containers and conversions shared by every layer.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace skerry {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsChars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
inline std::string ToString(ByteView b) { return std::string(AsChars(b)); }
// `b` without the line end(s) at its tail: a secret or token read from a file an editor saved.
inline ByteView WithoutLineEnd(ByteView b) {
  while (!b.empty() && (b.back() == '\n' || b.back() == '\r')) b = b.first(b.size() - 1);
  return b;
}

std::string HexEncode(ByteView data);
Result<Bytes> HexDecode(std::string_view hex);
std::string Base64Encode(ByteView data);
Result<Bytes> Base64Decode(std::string_view text);

// Little-endian / big-endian fixed-width helpers for binary formats.
void AppendBe32(Bytes& out, std::uint32_t v);
void AppendBe64(Bytes& out, std::uint64_t v);
std::uint32_t ReadBe32(ByteView in);
std::uint64_t ReadBe64(ByteView in);

// Constant-time comparison for MACs and tokens.
bool ConstantTimeEqual(ByteView a, ByteView b);

}  // namespace skerry
