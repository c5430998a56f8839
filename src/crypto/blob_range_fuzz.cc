// libFuzzer target: every range read of a genuine blob returns exactly the plaintext's bytes,
// whatever the chunk size, offset and length (chunks are opened in place in the read's buffer
// and gathered, blob_stream.cc); a blob with one flipped byte never returns wrong bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "base/random.h"
#include "crypto/blob_stream.h"

namespace {

std::uint64_t Take(const std::uint8_t*& data, std::size_t& size, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n && size > 0; ++i, ++data, --size) v = (v << 8) | *data;
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skerry;
  static const SecretBytes key(Bytes(32, 0x42));
  const auto chunk = static_cast<std::uint32_t>(crypto::kMinBlobChunkSize + Take(data, size, 2) % 4096);
  const auto offset = Take(data, size, 3) % 20000;
  const auto length = Take(data, size, 3) % 20000;
  const auto flip = Take(data, size, 3);
  // The rest is the plaintext, repeated to reach a size spanning several reads now and then.
  Bytes plain(data, data + size);
  if (!plain.empty() && (flip & 1)) {
    while (plain.size() < 3 * 1024 * 1024 / 4) plain.insert(plain.end(), plain.begin(), plain.end());
  }
  auto blob = crypto::EncryptBlob(key, "fuzz-blob", plain, Random::Secure(), chunk);
  if (!blob) std::abort();
  bool flipped = (flip & 2) != 0;
  if (flipped) (*blob)[(flip >> 2) % blob->size()] ^= 0x01;
  crypto::BlobReadFn read = [&](std::uint64_t off, std::uint64_t len) -> Result<Bytes> {
    if (off > blob->size()) return Bytes{};
    auto n = std::min<std::uint64_t>(len, blob->size() - off);
    return Bytes(blob->begin() + static_cast<std::ptrdiff_t>(off),
                 blob->begin() + static_cast<std::ptrdiff_t>(off + n));
  };
  auto dec = crypto::BlobDecryptor::Open(key, "fuzz-blob", blob->size(), read);
  if (!dec) {
    if (!flipped) std::abort();
    return 0;
  }
  // A flipped byte in a chunk the range does not touch may go unseen; bytes returned must still
  // be the plaintext's.
  for (auto [o, l] : {std::pair{offset, length}, std::pair{offset * 97, length * 131}}) {
    auto got = dec->DecryptRange(o, l, read);
    if (!got) {
      if (!flipped) std::abort();
      continue;
    }
    const auto b = std::min<std::uint64_t>(o, plain.size());
    const auto e = std::min<std::uint64_t>(o + l, plain.size());
    if (got->size() != e - b || !std::equal(got->begin(), got->end(), plain.begin() + static_cast<std::ptrdiff_t>(b)))
      std::abort();
  }
  return 0;
}
