// libFuzzer target: JSON 1.1 framing and body parsing never crash on any body or header value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocols/admin_api/wire/json11_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  skerry::admin_api::wire::HttpRequestView request{"POST", "/", "", {}, text};
  request.headers.push_back({"X-Amz-Target", text.substr(0, size / 4)});
  request.headers.push_back({"Content-Type", "application/x-amz-json-1.1"});
  (void)skerry::admin_api::wire::ParseJson11Request(request);
  return 0;
}
