#include "crypto/sealed_value.h"

#include <cstdlib>

#include "base/log.h"
#include "base/log_events.h"

namespace skerry::crypto {
namespace {

// AAD = format byte || context: binds the value to its slot and to its kind.
Bytes Aad(std::uint8_t format, std::string_view context) {
  Bytes aad;
  aad.reserve(1 + context.size());
  aad.push_back(format);
  aad.insert(aad.end(), context.begin(), context.end());
  return aad;
}

// The Bytes-returning one-shot forms cannot report a bug as a value; see the REQUIRES note.
[[noreturn]] void Misuse(const Error& error) {
  Log(LogLevel::kError, ev::kCryptoMisuse, {{"error", error.ToString()}});
  std::abort();
}

}  // namespace

Result<ValueSealer> ValueSealer::Create(const SecretBytes& key) {
  return ValueSealer(SKERRY_TRY(AesGcm::Create(key)));
}

Result<Bytes> ValueSealer::SealFormat(std::uint8_t format, std::string_view context,
                                      ByteView plaintext, Random& random) {
  Bytes out;
  out.reserve(kSealedOverhead + plaintext.size());
  out.push_back(format);
  out.resize(1 + kGcmNonceSize);
  random.Fill(MutableByteView(out).subspan(1, kGcmNonceSize));
  Bytes nonce(out.begin() + 1, out.end());
  SKERRY_TRY(gcm_.Seal(nonce, Aad(format, context), plaintext, out));
  return out;
}

Status ValueSealer::OpenFormat(std::uint8_t format, std::string_view context, ByteView sealed,
                               MutableByteView out) {
  if (sealed.size() < kSealedOverhead) {
    return MakeError(ErrorCode::kCorrupt, "sealed value shorter than its overhead");
  }
  if (sealed[0] != format) {
    return MakeError(ErrorCode::kCorrupt, "sealed value has an unexpected format byte");
  }
  return gcm_.OpenInto(sealed.subspan(1, kGcmNonceSize), Aad(format, context),
                       sealed.subspan(1 + kGcmNonceSize), out);
}

Result<Bytes> ValueSealer::Seal(std::string_view context, ByteView plaintext, Random& random) {
  return SealFormat(kSealedValueFormat, context, plaintext, random);
}

Result<Bytes> ValueSealer::Open(std::string_view context, ByteView sealed) {
  if (sealed.size() < kSealedOverhead) {
    return MakeError(ErrorCode::kCorrupt, "sealed value shorter than its overhead");
  }
  Bytes out(sealed.size() - kSealedOverhead);
  SKERRY_TRY(OpenFormat(kSealedValueFormat, context, sealed, out));
  return out;
}

Result<Bytes> ValueSealer::WrapKey(std::string_view context, const SecretBytes& key,
                                   Random& random) {
  if (key.empty()) return MakeError(ErrorCode::kInvalidArgument, "cannot wrap an empty key");
  return SealFormat(kWrappedKeyFormat, context, key.view(), random);
}

Result<SecretBytes> ValueSealer::UnwrapKey(std::string_view context, ByteView wrapped) {
  if (wrapped.size() <= kSealedOverhead) {
    return MakeError(ErrorCode::kCorrupt, "wrapped key shorter than its overhead");
  }
  // Decrypt straight into SecretBytes so the key never sits in an unwiped buffer.
  SecretBytes key(wrapped.size() - kSealedOverhead);
  SKERRY_TRY(OpenFormat(kWrappedKeyFormat, context, wrapped, key.mutable_view()));
  return key;
}

Bytes SealValue(const SecretBytes& key, std::string_view context, ByteView plaintext,
                Random& random) {
  auto sealer = ValueSealer::Create(key);
  if (!sealer) Misuse(sealer.error());
  auto sealed = sealer->Seal(context, plaintext, random);
  if (!sealed) Misuse(sealed.error());
  return std::move(*sealed);
}

Result<Bytes> OpenValue(const SecretBytes& key, std::string_view context, ByteView sealed) {
  auto sealer = SKERRY_TRY(ValueSealer::Create(key));
  return sealer.Open(context, sealed);
}

Bytes WrapKey(const SecretBytes& kek, std::string_view context, const SecretBytes& key,
              Random& random) {
  auto sealer = ValueSealer::Create(kek);
  if (!sealer) Misuse(sealer.error());
  auto wrapped = sealer->WrapKey(context, key, random);
  if (!wrapped) Misuse(wrapped.error());
  return std::move(*wrapped);
}

Result<SecretBytes> UnwrapKey(const SecretBytes& kek, std::string_view context, ByteView wrapped) {
  auto sealer = SKERRY_TRY(ValueSealer::Create(kek));
  return sealer.UnwrapKey(context, wrapped);
}

}  // namespace skerry::crypto
