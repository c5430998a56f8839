#include "protocols/http/http_types.h"

#include <strings.h>

#include <boost/asio/ip/address.hpp>

namespace skerry::http {

const std::string* Request::FindHeader(std::string_view name) const {
  for (const auto& h : headers)
    if (h.name.size() == name.size() && strncasecmp(h.name.data(), name.data(), name.size()) == 0)
      return &h.value;
  return nullptr;
}

bool Request::SecureOrLocal() const { return secure || IsLoopbackAddress(remote_ip); }

bool IsLoopbackAddress(std::string_view ip) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(ip, ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  return address.is_loopback();
}

}  // namespace skerry::http
