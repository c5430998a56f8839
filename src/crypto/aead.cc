#include "crypto/aead.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <climits>
#include <cstring>

namespace skerry::crypto {
namespace {

// Fetched once: an explicit fetch avoids the per-call provider lookup of EVP_aes_256_gcm()
// (OpenSSL 3 "performance" guide). Never freed; it lives as long as the process.
const EVP_CIPHER* Aes256Gcm() {
  static const EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  return cipher;
}

// OpenSSL's own reason for a failure, without any data (error strings never contain keys).
tl::unexpected<Error> OpenSslError(std::string_view what) {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  char buf[256] = "no OpenSSL error queued";
  if (e != 0) ERR_error_string_n(e, buf, sizeof buf);
  return MakeError(ErrorCode::kInternal, fmt::format("{}: {}", what, buf));
}

// EVP lengths are int; feed large buffers in pieces well under INT_MAX.
constexpr std::size_t kMaxPiece = std::size_t{1} << 30;

bool Overlaps(ByteView a, MutableByteView b) {
  if (a.empty() || b.empty()) return false;
  auto a0 = reinterpret_cast<std::uintptr_t>(a.data());
  auto b0 = reinterpret_cast<std::uintptr_t>(b.data());
  return a0 != b0 && a0 < b0 + b.size() && b0 < a0 + a.size();
}

}  // namespace

void AesGcm::CtxDeleter::operator()(evp_cipher_ctx_st* ctx) const { EVP_CIPHER_CTX_free(ctx); }

Result<AesGcm> AesGcm::Create(const SecretBytes& key) {
  if (key.size() != kAesKeySize) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        fmt::format("AES-256-GCM key must be {} bytes, got {}", kAesKeySize, key.size()));
  }
  if (Aes256Gcm() == nullptr) return OpenSslError("fetch AES-256-GCM");
  std::unique_ptr<evp_cipher_ctx_st, CtxDeleter> ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return OpenSslError("EVP_CIPHER_CTX_new");
  // Key schedule once; each record later only sets its nonce (key == nullptr keeps the key).
  if (EVP_CipherInit_ex(ctx.get(), Aes256Gcm(), nullptr, key.data(), nullptr, 1) != 1) {
    return OpenSslError("AES-256-GCM init");
  }
  return AesGcm(std::move(ctx));
}

AesGcm::AesGcm(AesGcm&&) noexcept = default;
AesGcm& AesGcm::operator=(AesGcm&&) noexcept = default;
AesGcm::~AesGcm() = default;

Status AesGcm::Start(ByteView nonce, ByteView aad, bool encrypt) {
  if (!ctx_) return MakeError(ErrorCode::kInternal, "AesGcm used after move");
  if (nonce.size() != kGcmNonceSize) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("GCM nonce must be {} bytes, got {}",
                                                              kGcmNonceSize, nonce.size()));
  }
  // The default GCM IV length is 12, so no EVP_CTRL_GCM_SET_IVLEN. Switching direction without
  // a key is fine for GCM: both directions use the same forward AES key schedule.
  if (EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce.data(), encrypt ? 1 : 0) !=
      1) {
    return OpenSslError("AES-256-GCM set nonce");
  }
  for (std::size_t done = 0; done < aad.size();) {
    std::size_t n = std::min(aad.size() - done, kMaxPiece);
    int outl = 0;
    if (EVP_CipherUpdate(ctx_.get(), nullptr, &outl, aad.data() + done, static_cast<int>(n)) != 1) {
      return OpenSslError("AES-256-GCM aad");
    }
    done += n;
  }
  return Ok();
}

Status AesGcm::SealInto(ByteView nonce, ByteView aad, ByteView plaintext, MutableByteView out) {
  if (plaintext.size() > kGcmMaxPlaintext) {
    return MakeError(ErrorCode::kInvalidArgument, "plaintext exceeds the GCM limit for one nonce");
  }
  if (out.size() != plaintext.size() + kGcmTagSize || Overlaps(plaintext, out)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "SealInto output span has the wrong size or overlaps");
  }
  SKERRY_TRY(Start(nonce, aad, /*encrypt=*/true));
  std::size_t done = 0;
  while (done < plaintext.size()) {
    std::size_t n = std::min(plaintext.size() - done, kMaxPiece);
    int outl = 0;
    if (EVP_CipherUpdate(ctx_.get(), out.data() + done, &outl, plaintext.data() + done,
                         static_cast<int>(n)) != 1 ||
        static_cast<std::size_t>(outl) != n) {
      return OpenSslError("AES-256-GCM encrypt");
    }
    done += n;
  }
  int outl = 0;
  if (EVP_CipherFinal_ex(ctx_.get(), out.data() + done, &outl) != 1 || outl != 0) {
    return OpenSslError("AES-256-GCM final");
  }
  if (EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, out.data() + done) != 1) {
    return OpenSslError("AES-256-GCM get tag");
  }
  return Ok();
}

Status AesGcm::OpenInto(ByteView nonce, ByteView aad, ByteView sealed, MutableByteView out) {
  if (sealed.size() < kGcmTagSize) {
    return MakeError(ErrorCode::kCorrupt, "sealed record shorter than its tag");
  }
  const std::size_t ct_size = sealed.size() - kGcmTagSize;
  if (out.size() != ct_size || Overlaps(sealed.first(ct_size), out)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "OpenInto output span has the wrong size or overlaps");
  }
  // Copy the tag first: with in-place decryption `out` may alias the ciphertext, not the tag.
  std::uint8_t tag[kGcmTagSize];
  std::memcpy(tag, sealed.data() + ct_size, kGcmTagSize);
  SKERRY_TRY(Start(nonce, aad, /*encrypt=*/false));
  if (EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag) != 1) {
    return OpenSslError("AES-256-GCM set tag");
  }
  std::size_t done = 0;
  while (done < ct_size) {
    std::size_t n = std::min(ct_size - done, kMaxPiece);
    int outl = 0;
    if (EVP_CipherUpdate(ctx_.get(), out.data() + done, &outl, sealed.data() + done,
                         static_cast<int>(n)) != 1 ||
        static_cast<std::size_t>(outl) != n) {
      if (!out.empty()) OPENSSL_cleanse(out.data(), out.size());
      return OpenSslError("AES-256-GCM decrypt");
    }
    done += n;
  }
  int outl = 0;
  if (EVP_CipherFinal_ex(ctx_.get(), out.data() + done, &outl) != 1) {
    // SP 800-38D §7.2 step 8: on tag mismatch return FAIL and no plaintext.
    if (!out.empty()) OPENSSL_cleanse(out.data(), out.size());
    ERR_clear_error();
    return MakeError(ErrorCode::kCorrupt, "AES-256-GCM authentication failed");
  }
  return Ok();
}

Status AesGcm::Seal(ByteView nonce, ByteView aad, ByteView plaintext, Bytes& out) {
  const std::size_t old = out.size();
  out.resize(old + plaintext.size() + kGcmTagSize);
  auto st = SealInto(nonce, aad, plaintext, MutableByteView(out).subspan(old));
  if (!st) out.resize(old);
  return st;
}

Status AesGcm::Open(ByteView nonce, ByteView aad, ByteView sealed, Bytes& out) {
  if (sealed.size() < kGcmTagSize) {
    return MakeError(ErrorCode::kCorrupt, "sealed record shorter than its tag");
  }
  const std::size_t old = out.size();
  out.resize(old + sealed.size() - kGcmTagSize);
  auto st = OpenInto(nonce, aad, sealed, MutableByteView(out).subspan(old));
  if (!st) out.resize(old);  // OpenInto already wiped what it wrote
  return st;
}

Result<Bytes> AesGcmSeal(const SecretBytes& key, ByteView nonce, ByteView aad, ByteView plaintext) {
  auto gcm = SKERRY_TRY(AesGcm::Create(key));
  Bytes out;
  SKERRY_TRY(gcm.Seal(nonce, aad, plaintext, out));
  return out;
}

Result<Bytes> AesGcmOpen(const SecretBytes& key, ByteView nonce, ByteView aad, ByteView sealed) {
  auto gcm = SKERRY_TRY(AesGcm::Create(key));
  Bytes out;
  SKERRY_TRY(gcm.Open(nonce, aad, sealed, out));
  return out;
}

}  // namespace skerry::crypto
