// libFuzzer target: SigV4 header parsing and canonicalisation never crash on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocols/admin_api/wire/sigv4_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace wire = skerry::admin_api::wire;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view half = text.substr(0, size / 2), rest = text.substr(size / 2);
  wire::HttpRequestView request{"GET", half, rest, {}, ""};
  request.headers.push_back({"Authorization", text});
  request.headers.push_back({"Host", "h"});
  request.headers.push_back({"X-Amz-Date", rest.substr(0, 16)});
  if (auto parsed = wire::ParseSigv4Request(request)) {
    (void)wire::CanonicalRequest(request, parsed->authorization.signed_headers, "e3b0");
  }
  (void)wire::CanonicalUri(text);
  (void)wire::CanonicalQuery(text);
  (void)wire::ParseAmzDate(text);
  return 0;
}
