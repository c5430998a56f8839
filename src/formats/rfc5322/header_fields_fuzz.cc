// libFuzzer target: header scanning never crashes or reads out of bounds on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/rfc5322/header_fields.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)skerry::rfc5322::FindHeaderField(text, "Subject");
  (void)skerry::rfc5322::FindHeaderField(text, "From", size / 2);
  return 0;
}
