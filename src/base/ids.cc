#include "base/ids.h"

#include <algorithm>

namespace skerry {
namespace {
bool IsLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
}  // namespace

std::string NewHexId(Random& random) {
  std::uint8_t b[16];
  random.Fill(b);
  return HexEncode(b);
}

std::string NewTimeOrderedHexId(Random& random, Clock::WallTime now) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::uint8_t b[16];
  auto t = static_cast<std::uint64_t>(std::max<std::int64_t>(ms, 0));
  for (int i = 5; i >= 0; --i, t >>= 8) b[i] = static_cast<std::uint8_t>(t);
  random.Fill(std::span<std::uint8_t>(b + 6, 10));
  return HexEncode(b);
}

std::optional<Clock::WallTime> TimeOfTimeOrderedHexId(std::string_view id) {
  if (!IsHexId(id)) return std::nullopt;
  std::int64_t ms = 0;
  for (char c : id.substr(0, 12)) ms = ms * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
  return Clock::WallTime(std::chrono::milliseconds(ms));
}

std::string NewOrganizationId(Random& random) { return "m-" + NewHexId(random); }
std::string NewResourceId(Random& random) { return "r-" + NewHexId(random); }

std::string NewUuid(Random& random) {
  std::uint8_t b[16];
  random.Fill(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  std::string h = HexEncode(b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

bool IsHexId(std::string_view s) { return s.size() == 32 && IsLowerHex(s); }
bool IsOrganizationId(std::string_view s) { return s.size() == 34 && s.starts_with("m-") && IsHexId(s.substr(2)); }
bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !IsLowerHex(s.substr(i, 1))) return false;
  }
  return true;
}
}  // namespace skerry
