// libFuzzer target: decrypting arbitrary bytes as a blob stream fails cleanly (an error value),
// never crashes, and never returns plaintext for bytes that were not sealed under the key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "crypto/blob_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skerry;
  static const SecretBytes key(Bytes(32, 0x42));
  ByteView input(data, size);
  crypto::BlobReadFn read = [&](std::uint64_t off, std::uint64_t len) -> Result<Bytes> {
    if (off > input.size()) return Bytes{};
    auto part = input.subspan(off, std::min<std::uint64_t>(len, input.size() - off));
    return Bytes(part.begin(), part.end());
  };
  auto decryptor = crypto::BlobDecryptor::Open(key, "0123456789abcdef0123456789abcdef", size, read);
  if (!decryptor) return 0;
  auto all = decryptor->DecryptAll(read);
  // Random bytes authenticating under a fixed key would be a forgery: stop loudly.
  if (all && size > 64) std::abort();
  return 0;
}
