// crypto_bench: throughput of the crypto layer against its own ceiling (DESIGN §9: speed targets
// are programs that print figures and ratios, not timed assertions in tests).
//
//   raw    AesGcm::SealInto over 64 KiB records: the AEAD ceiling on this machine
//   write  BlobEncryptor over 1 MiB messages, each with a fresh data key wrapped (WrapKey)
//          under a mailbox key: what delivery pays per message
//   read   UnwrapKey + BlobDecryptor::DecryptAll of those messages: what a FETCH pays
//
// Target: write/raw and read/raw >= 0.7 (the stream format costs at most 30 % over raw GCM).
// Each figure is the median of 3 runs. Plain main(), no Google Benchmark; runs in a few seconds.

#include <openssl/opensslv.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "base/random.h"
#include "crypto/aead.h"
#include "crypto/blob_stream.h"
#include "crypto/key_hierarchy.h"
#include "crypto/sealed_value.h"

namespace {

using namespace skerry;
using namespace skerry::crypto;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMiB = 1024 * 1024;
constexpr std::size_t kTotal = 512 * kMiB;
constexpr std::size_t kRecord = 64 * 1024;
constexpr std::size_t kMessage = 1 * kMiB;
constexpr std::size_t kStoredBlobs = 32;  // distinct blobs kept for the read pass
constexpr int kRuns = 3;
constexpr double kTarget = 0.7;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}
double MBps(std::size_t bytes, double secs) { return static_cast<double>(bytes) / secs / 1e6; }

[[noreturn]] void Die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "crypto_bench: %s: %s\n", what.c_str(), e.ToString().c_str());
  std::exit(1);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double RawRun(const Bytes& record) {
  auto gcm = AesGcm::Create(GenerateKey(Random::Secure()));
  if (!gcm) Die("AesGcm::Create", gcm.error());
  Bytes out(record.size() + kGcmTagSize);
  std::uint8_t nonce[kGcmNonceSize] = {};
  auto start = Clock::now();
  for (std::size_t done = 0, i = 0; done < kTotal; done += record.size(), ++i) {
    std::memcpy(nonce, &i, sizeof i);  // distinct nonce per record
    auto st = gcm->SealInto(nonce, {}, record, out);
    if (!st) Die("SealInto", st.error());
  }
  return MBps(kTotal, Seconds(start));
}

struct StoredBlob {
  std::string id;
  Bytes wrapped_data_key;
  Bytes sealed;
};

// One delivered message: fresh data key, wrapped under the mailbox key, body streamed through
// the encryptor into `out` (drained per message, as a blob writer would).
StoredBlob SealMessage(const SecretBytes& mailbox_key, const Bytes& message, std::size_t i,
                       Bytes& out) {
  Random& random = Random::Secure();
  std::string id = "bench-blob-" + std::to_string(i);
  SecretBytes data_key = GenerateKey(random);
  Bytes wrapped = WrapKey(mailbox_key, DataKeyContext(id), data_key, random);
  auto enc = BlobEncryptor::Create(data_key, id, random);
  if (!enc) Die("BlobEncryptor::Create", enc.error());
  out.clear();
  if (auto st = enc->Update(message, out); !st) Die("Update", st.error());
  if (auto st = enc->Finish(out); !st) Die("Finish", st.error());
  return {std::move(id), std::move(wrapped), {}};
}

double WriteRun(const SecretBytes& mailbox_key, const Bytes& message) {
  Bytes out;
  out.reserve(2 * BlobCiphertextSize(message.size()));
  auto start = Clock::now();
  for (std::size_t i = 0; i * message.size() < kTotal; ++i) {
    (void)SealMessage(mailbox_key, message, i, out);
  }
  return MBps(kTotal, Seconds(start));
}

// Untimed: the blobs the read pass cycles through.
std::vector<StoredBlob> PrepareBlobs(const SecretBytes& mailbox_key, const Bytes& message) {
  std::vector<StoredBlob> blobs;
  Bytes out;
  for (std::size_t i = 0; i < kStoredBlobs; ++i) {
    blobs.push_back(SealMessage(mailbox_key, message, i, out));
    blobs.back().sealed = out;
  }
  return blobs;
}

double ReadRun(const SecretBytes& mailbox_key, const std::vector<StoredBlob>& blobs,
               std::size_t message_size) {
  std::size_t checked = 0;
  auto start = Clock::now();
  for (std::size_t i = 0; i * message_size < kTotal; ++i) {
    const StoredBlob& b = blobs[i % blobs.size()];
    auto read = [&b](std::uint64_t off, std::uint64_t len) -> Result<Bytes> {
      auto end = std::min<std::uint64_t>(off + len, b.sealed.size());
      return Bytes(b.sealed.begin() + static_cast<std::ptrdiff_t>(off),
                   b.sealed.begin() + static_cast<std::ptrdiff_t>(end));
    };
    auto data_key = UnwrapKey(mailbox_key, DataKeyContext(b.id), b.wrapped_data_key);
    if (!data_key) Die("UnwrapKey", data_key.error());
    auto dec = BlobDecryptor::Open(*data_key, b.id, b.sealed.size(), read);
    if (!dec) Die("BlobDecryptor::Open", dec.error());
    auto plain = dec->DecryptAll(read);
    if (!plain) Die("DecryptAll", plain.error());
    checked += plain->size();
  }
  double mbps = MBps(kTotal, Seconds(start));
  if (checked != kTotal) {
    std::fprintf(stderr, "crypto_bench: read %zu bytes, expected %zu\n", checked, kTotal);
    std::exit(1);
  }
  return mbps;
}

// The ratio is the median of per-run ratios: raw and sealed passes of one run are measured
// back to back, so load from other processes on a shared machine affects both alike.
void Report(const char* name, const std::vector<double>& mbps, const std::vector<double>& raw) {
  std::vector<double> ratios;
  for (std::size_t i = 0; i < mbps.size(); ++i) ratios.push_back(mbps[i] / raw[i]);
  double ratio = Median(ratios);
  std::printf("%-44s %8.0f MB/s   ratio %.2f (target >= %.2f) %s\n", name, Median(mbps), ratio,
              kTarget, ratio >= kTarget ? "ok" : "BELOW TARGET");
}

}  // namespace

int main() {
  Bytes record = Random::Secure().Generate(kRecord);
  Bytes message = Random::Secure().Generate(kMessage);
  SecretBytes mailbox_key = GenerateKey(Random::Secure());

  std::vector<double> raw, write, read;
  const std::vector<StoredBlob> blobs = PrepareBlobs(mailbox_key, message);
  for (int run = 0; run < kRuns; ++run) {
    raw.push_back(RawRun(record));
    write.push_back(WriteRun(mailbox_key, message));
    read.push_back(ReadRun(mailbox_key, blobs, message.size()));
  }
  std::printf("crypto_bench: %s; %zu MiB per pass, median of %d runs\n", OPENSSL_VERSION_TEXT,
              kTotal / kMiB, kRuns);
  std::printf("%-44s %8.0f MB/s\n", "raw AES-256-GCM (64 KiB records)", Median(raw));
  Report("sealed-blob write (1 MiB msgs, key gen+wrap)", write, raw);
  Report("sealed-blob read (unwrap + DecryptAll)", read, raw);
  return 0;
}
