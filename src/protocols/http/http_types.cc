#include "protocols/http/http_types.h"

#include <arpa/inet.h>
#include <strings.h>

#include <algorithm>
#include <array>

namespace skerry::http {

const std::string* Request::FindHeader(std::string_view name) const {
  for (const auto& h : headers)
    if (h.name.size() == name.size() && strncasecmp(h.name.data(), name.data(), name.size()) == 0)
      return &h.value;
  return nullptr;
}

bool Request::SecureOrLocal() const { return secure || IsLoopbackAddress(remote_ip); }

bool IsLoopbackAddress(std::string_view ip) {
  std::string text(ip);
  std::array<unsigned char, 16> a{};
  if (inet_pton(AF_INET, text.c_str(), a.data()) == 1) return a[0] == 127;
  if (inet_pton(AF_INET6, text.c_str(), a.data()) != 1) return false;
  static constexpr std::array<unsigned char, 16> kLoopback6{0, 0, 0, 0, 0, 0, 0, 0,
                                                           0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr std::array<unsigned char, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (a == kLoopback6) return true;
  return std::equal(kMapped.begin(), kMapped.end(), a.begin()) && a[12] == 127;
}

}  // namespace skerry::http
