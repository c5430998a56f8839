#include "crypto/providers/pkcs11_key_provider.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "base/log.h"
#include "base/log_events.h"
#include "crypto/aead.h"
#include "crypto/providers/pkcs11_module.h"

namespace skerry::crypto {

struct Pkcs11Session {
  Pkcs11Session(Pkcs11Module m, Pkcs11Config c) : module(std::move(m)), config(std::move(c)) {}
  CK_FUNCTION_LIST* fn() const { return module.fn(); }

  Pkcs11Module module;  // declared first: released last, after the session is closed
  Pkcs11Config config;
  CK_SLOT_ID slot = 0;
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
};

namespace {

constexpr std::size_t kWrapHeader = 1 + kGcmNonceSize;

// Maps a PKCS#11 return value to an error code callers can act on.
tl::unexpected<Error> RvError(CK_RV rv, std::string_view what) {
  ErrorCode code = ErrorCode::kInternal;
  switch (rv) {
    // The session or token went away: reopening (or the operator fixing the device) may help.
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
    case CKR_DEVICE_REMOVED:
    case CKR_DEVICE_ERROR:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_USER_NOT_LOGGED_IN:
    case CKR_CRYPTOKI_NOT_INITIALIZED:
      code = ErrorCode::kUnavailable;
      break;
    case CKR_PIN_INCORRECT:
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_LOCKED:
    case CKR_PIN_EXPIRED:
      code = ErrorCode::kPermissionDenied;
      break;
    case CKR_MECHANISM_INVALID:
    case CKR_MECHANISM_PARAM_INVALID:
      code = ErrorCode::kConfig;  // the token lacks AES-GCM or AES key generation
      break;
    default:
      break;
  }
  return MakeError(code, fmt::format("{}: {}", what, Pkcs11ReturnName(rv)));
}

CK_ATTRIBUTE Attr(CK_ATTRIBUTE_TYPE type, const void* value, std::size_t len) {
  return CK_ATTRIBUTE{type, const_cast<void*>(value), static_cast<CK_ULONG>(len)};
}

std::string TrimPadded(const unsigned char* field, std::size_t n) {
  std::string s(reinterpret_cast<const char*>(field), n);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

Result<CK_SLOT_ID> FindSlot(CK_FUNCTION_LIST* fn, const Pkcs11Config& config) {
  CK_ULONG count = 0;
  if (CK_RV rv = fn->C_GetSlotList(CK_TRUE, nullptr, &count); rv != CKR_OK) {
    return RvError(rv, "C_GetSlotList");
  }
  std::vector<CK_SLOT_ID> slots(count);
  if (CK_RV rv = fn->C_GetSlotList(CK_TRUE, slots.data(), &count); rv != CKR_OK) {
    return RvError(rv, "C_GetSlotList");
  }
  slots.resize(count);
  std::vector<std::string> labels;
  for (CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    if (fn->C_GetTokenInfo(slot, &info) != CKR_OK) continue;
    std::string label = TrimPadded(info.label, sizeof info.label);
    if (label == config.token_label) {
      if (!(info.flags & CKF_TOKEN_INITIALIZED)) {
        return MakeError(ErrorCode::kConfig,
                         fmt::format("token '{}' is not initialised", config.token_label));
      }
      return slot;
    }
    labels.push_back(std::move(label));
  }
  return MakeError(
      ErrorCode::kConfig,
      fmt::format("no token labelled '{}' in PKCS#11 module {} (tokens present: {})",
                  config.token_label, config.module_path,
                  labels.empty() ? "none" : fmt::format("'{}'", fmt::join(labels, "', '"))));
}

Result<std::vector<CK_OBJECT_HANDLE>> FindObjects(CK_FUNCTION_LIST* fn, CK_SESSION_HANDLE session,
                                                  std::vector<CK_ATTRIBUTE> tmpl) {
  if (CK_RV rv = fn->C_FindObjectsInit(session, tmpl.data(), tmpl.size()); rv != CKR_OK) {
    return RvError(rv, "C_FindObjectsInit");
  }
  std::vector<CK_OBJECT_HANDLE> found;
  for (;;) {
    CK_OBJECT_HANDLE batch[16];
    CK_ULONG n = 0;
    CK_RV rv = fn->C_FindObjects(session, batch, 16, &n);
    if (rv != CKR_OK) {
      fn->C_FindObjectsFinal(session);
      return RvError(rv, "C_FindObjects");
    }
    if (n == 0) break;
    found.insert(found.end(), batch, batch + n);
  }
  if (CK_RV rv = fn->C_FindObjectsFinal(session); rv != CKR_OK)
    return RvError(rv, "C_FindObjectsFinal");
  return found;
}

Result<std::optional<CK_OBJECT_HANDLE>> FindKey(const Pkcs11Session& s, const std::string& key_id) {
  CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
  CK_KEY_TYPE type = CKK_AES;
  auto found = SKERRY_TRY(
      FindObjects(s.fn(), s.session,
                  {Attr(CKA_CLASS, &cls, sizeof cls), Attr(CKA_KEY_TYPE, &type, sizeof type),
                   Attr(CKA_LABEL, key_id.data(), key_id.size())}));
  if (found.empty()) return std::optional<CK_OBJECT_HANDLE>();
  if (found.size() > 1) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("{} AES keys on the token are labelled {}; labels must be unique",
                                 found.size(), key_id));
  }
  return std::optional<CK_OBJECT_HANDLE>(found[0]);
}

Result<bool> HasTombstone(const Pkcs11Session& s, const std::string& key_id) {
  CK_OBJECT_CLASS cls = CKO_DATA;
  std::string label = std::string(Pkcs11KeyProvider::kTombstonePrefix) + key_id;
  auto found = SKERRY_TRY(FindObjects(
      s.fn(), s.session,
      {Attr(CKA_CLASS, &cls, sizeof cls), Attr(CKA_LABEL, label.data(), label.size())}));
  return !found.empty();
}

// The live key, or why there is none.
Result<CK_OBJECT_HANDLE> ResolveKey(const Pkcs11Session& s, const std::string& key_id) {
  auto key = SKERRY_TRY(FindKey(s, key_id));
  if (key) return *key;
  if (SKERRY_TRY(HasTombstone(s, key_id))) {
    return MakeError(ErrorCode::kKeyDestroyed, fmt::format("key {} was destroyed", key_id));
  }
  return MakeError(ErrorCode::kNotFound, fmt::format("no key {} on the token", key_id));
}

Status CreateTombstone(const Pkcs11Session& s, const std::string& key_id) {
  CK_OBJECT_CLASS cls = CKO_DATA;
  CK_BBOOL yes = CK_TRUE;
  std::string label = std::string(Pkcs11KeyProvider::kTombstonePrefix) + key_id;
  static constexpr char kApp[] = "skerry";
  static constexpr char kValue[] = "destroyed";
  std::vector<CK_ATTRIBUTE> tmpl = {
      Attr(CKA_CLASS, &cls, sizeof cls),
      Attr(CKA_TOKEN, &yes, sizeof yes),
      Attr(CKA_PRIVATE, &yes, sizeof yes),
      Attr(CKA_LABEL, label.data(), label.size()),
      Attr(CKA_APPLICATION, kApp, sizeof kApp - 1),
      Attr(CKA_VALUE, kValue, sizeof kValue - 1),
  };
  CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
  if (CK_RV rv = s.fn()->C_CreateObject(s.session, tmpl.data(), tmpl.size(), &handle);
      rv != CKR_OK) {
    return RvError(rv, "C_CreateObject (tombstone)");
  }
  return Ok();
}

CK_GCM_PARAMS GcmParams(std::uint8_t* iv, Bytes& aad) {
  // PKCS#11 v2.40 §2.12.3 CK_GCM_PARAMS: 96-bit IV, AAD, 128-bit tag.
  CK_GCM_PARAMS p{};
  p.pIv = iv;
  p.ulIvLen = kGcmNonceSize;
  p.ulIvBits = kGcmNonceSize * 8;
  p.pAAD = aad.data();
  p.ulAADLen = aad.size();
  p.ulTagBits = kGcmTagSize * 8;
  return p;
}

Status OpenSessionAndLogin(Pkcs11Session& s) {
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
  if (CK_RV rv = s.fn()->C_OpenSession(s.slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr,
                                       nullptr, &session);
      rv != CKR_OK) {
    return RvError(rv, fmt::format("C_OpenSession on token '{}'", s.config.token_label));
  }
  CK_RV rv = s.fn()->C_Login(session, CKU_USER, const_cast<CK_UTF8CHAR*>(s.config.pin.data()),
                             s.config.pin.size());
  // Login state is per application and token (v2.40 §5.6): a second provider on the same token
  // finds the user already logged in.
  if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
    s.fn()->C_CloseSession(session);
    return RvError(rv, fmt::format("C_Login to token '{}'", s.config.token_label));
  }
  s.session = session;
  return Ok();
}

}  // namespace

// ---- Pkcs11KeyProvider ----

Pkcs11KeyProvider::Pkcs11KeyProvider(std::unique_ptr<Pkcs11Session> state, Random& random)
    : state_(std::move(state)), random_(random) {}

Pkcs11KeyProvider::~Pkcs11KeyProvider() {
  if (state_ && state_->session != CK_INVALID_HANDLE) state_->fn()->C_CloseSession(state_->session);
}

Result<std::unique_ptr<Pkcs11KeyProvider>> Pkcs11KeyProvider::Open(Pkcs11Config config,
                                                                   Random& random) {
  if (config.token_label.empty())
    return MakeError(ErrorCode::kConfig, "PKCS#11 token label is empty");
  auto module = SKERRY_TRY(Pkcs11Module::Acquire(config.module_path));
  auto state = std::make_unique<Pkcs11Session>(std::move(module), std::move(config));
  state->slot = SKERRY_TRY(FindSlot(state->fn(), state->config));
  SKERRY_TRY(OpenSessionAndLogin(*state));
  Log(LogLevel::kInfo, ev::kKeyProviderOpened,
      {{"provider", "pkcs11"},
       {"module", state->config.module_path},
       {"token", state->config.token_label}});
  return std::unique_ptr<Pkcs11KeyProvider>(new Pkcs11KeyProvider(std::move(state), random));
}

// Runs `op` on the logged-in session under the mutex. If the session was lost (token reset,
// device re-plugged: kUnavailable), it is reopened and `op` retried once.
template <typename T, typename F>
Result<T> Pkcs11KeyProvider::WithSession(F&& op) {
  std::lock_guard lock(mu_);
  for (int attempt = 0;; ++attempt) {
    if (state_->session == CK_INVALID_HANDLE) SKERRY_TRY(OpenSessionAndLogin(*state_));
    Result<T> r = op(*state_);
    if (r || r.error().code != ErrorCode::kUnavailable || attempt > 0) return r;
    state_->fn()->C_CloseSession(state_->session);
    state_->session = CK_INVALID_HANDLE;
  }
}

Status Pkcs11KeyProvider::CreateKey(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  SKERRY_TRY(WithSession<void>([&](Pkcs11Session& s) -> Status {
    if (SKERRY_TRY(FindKey(s, key_id))) {
      return MakeError(ErrorCode::kAlreadyExists, fmt::format("key {} already exists", key_id));
    }
    if (SKERRY_TRY(HasTombstone(s, key_id))) {
      return MakeError(ErrorCode::kAlreadyExists,
                       fmt::format("key {} was destroyed; key ids are never reused", key_id));
    }
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_AES;
    CK_ULONG len = kAesKeySize;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    std::vector<CK_ATTRIBUTE> tmpl = {
        Attr(CKA_CLASS, &cls, sizeof cls),
        Attr(CKA_KEY_TYPE, &type, sizeof type),
        Attr(CKA_VALUE_LEN, &len, sizeof len),
        Attr(CKA_TOKEN, &yes, sizeof yes),      // persistent on the token
        Attr(CKA_PRIVATE, &yes, sizeof yes),    // visible only after login
        Attr(CKA_SENSITIVE, &yes, sizeof yes),  // value never readable in clear
        Attr(CKA_EXTRACTABLE, &no, sizeof no),  // cannot be wrapped out either
        Attr(CKA_ENCRYPT, &yes, sizeof yes),
        Attr(CKA_DECRYPT, &yes, sizeof yes),
        Attr(CKA_WRAP, &no, sizeof no),
        Attr(CKA_UNWRAP, &no, sizeof no),
        Attr(CKA_LABEL, key_id.data(), key_id.size()),
        Attr(CKA_ID, key_id.data(), key_id.size()),
    };
    CK_MECHANISM mech{CKM_AES_KEY_GEN, nullptr, 0};
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    if (CK_RV rv = s.fn()->C_GenerateKey(s.session, &mech, tmpl.data(), tmpl.size(), &handle);
        rv != CKR_OK) {
      return RvError(rv, fmt::format("C_GenerateKey {}", key_id));
    }
    // The check above does not lock the token: another process (or provider) on it may have
    // made the same label meanwhile, and two keys under one label would make the id unusable
    // for both. The later one to look removes its own.
    if (auto found = FindKey(s, key_id);
        !found && found.error().code == ErrorCode::kFailedPrecondition) {  // several
      s.fn()->C_DestroyObject(s.session, handle);
      return MakeError(ErrorCode::kAlreadyExists,
                       fmt::format("key {} was created by someone else at the same time", key_id));
    }
    return Ok();
  }));
  Log(LogLevel::kInfo, ev::kKeyCreated, {{"provider", "pkcs11"}, {"key_id", key_id}});
  return Ok();
}

Result<bool> Pkcs11KeyProvider::HasKey(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  return WithSession<bool>(
      [&](Pkcs11Session& s) -> Result<bool> { return SKERRY_TRY(FindKey(s, key_id)).has_value(); });
}

Result<Bytes> Pkcs11KeyProvider::Wrap(const std::string& key_id, const EncryptionContext& context,
                                      const SecretBytes& plaintext_key) {
  SKERRY_TRY(ValidateKeyId(key_id));
  if (plaintext_key.empty())
    return MakeError(ErrorCode::kInvalidArgument, "cannot wrap an empty key");
  Bytes aad = SerializeEncryptionContext(context);
  return WithSession<Bytes>([&](Pkcs11Session& s) -> Result<Bytes> {
    CK_OBJECT_HANDLE key = SKERRY_TRY(ResolveKey(s, key_id));
    Bytes out(kWrapHeader);
    out[0] = kWrapFormat;
    random_.Fill(MutableByteView(out).subspan(1, kGcmNonceSize));
    CK_GCM_PARAMS params = GcmParams(out.data() + 1, aad);
    CK_MECHANISM mech{CKM_AES_GCM, &params, sizeof params};
    if (CK_RV rv = s.fn()->C_EncryptInit(s.session, &mech, key); rv != CKR_OK) {
      return RvError(rv, "C_EncryptInit AES-GCM");
    }
    CK_ULONG len = plaintext_key.size() + kGcmTagSize;
    out.resize(kWrapHeader + len);
    CK_RV rv = s.fn()->C_Encrypt(s.session, const_cast<CK_BYTE*>(plaintext_key.data()),
                                 plaintext_key.size(), out.data() + kWrapHeader, &len);
    if (rv != CKR_OK) return RvError(rv, "C_Encrypt AES-GCM");
    out.resize(kWrapHeader + len);
    return out;
  });
}

Result<SecretBytes> Pkcs11KeyProvider::Unwrap(const std::string& key_id,
                                              const EncryptionContext& context, ByteView wrapped) {
  SKERRY_TRY(ValidateKeyId(key_id));
  Bytes aad = SerializeEncryptionContext(context);
  return WithSession<SecretBytes>([&](Pkcs11Session& s) -> Result<SecretBytes> {
    // Resolve first: a destroyed key is reported as such whatever the blob looks like.
    CK_OBJECT_HANDLE key = SKERRY_TRY(ResolveKey(s, key_id));
    if (wrapped.size() <= kWrapHeader + kGcmTagSize || wrapped[0] != kWrapFormat) {
      return MakeError(ErrorCode::kCorrupt, "wrapped key is malformed");
    }
    Bytes iv(wrapped.begin() + 1, wrapped.begin() + kWrapHeader);
    CK_GCM_PARAMS params = GcmParams(iv.data(), aad);
    CK_MECHANISM mech{CKM_AES_GCM, &params, sizeof params};
    if (CK_RV rv = s.fn()->C_DecryptInit(s.session, &mech, key); rv != CKR_OK) {
      return RvError(rv, "C_DecryptInit AES-GCM");
    }
    ByteView sealed = wrapped.subspan(kWrapHeader);
    SecretBytes plain(sealed.size());  // ample: plaintext is sealed.size() - 16
    CK_ULONG len = plain.size();
    CK_RV rv = s.fn()->C_Decrypt(s.session, const_cast<CK_BYTE*>(sealed.data()), sealed.size(),
                                 plain.data(), &len);
    switch (rv) {
      case CKR_OK:
        break;
      // Tag mismatch. SoftHSM2 reports it as CKR_GENERAL_ERROR; the key was found and the
      // operation initialised, so an authentication failure is the meaning here.
      case CKR_GENERAL_ERROR: {
        // Also what a token that failed says: only with the session still sound is it the tag.
        CK_SESSION_INFO info{};
        if (s.fn()->C_GetSessionInfo(s.session, &info) != CKR_OK) {
          return MakeError(ErrorCode::kUnavailable,
                           fmt::format("C_Decrypt AES-GCM under {}: token failed ({})", key_id,
                                       Pkcs11ReturnName(rv)));
        }
        [[fallthrough]];
      }
      case CKR_ENCRYPTED_DATA_INVALID:
      case CKR_ENCRYPTED_DATA_LEN_RANGE:
        return MakeError(ErrorCode::kCorrupt,
                         fmt::format("wrapped key does not authenticate under {} with this "
                                     "context ({})",
                                     key_id, Pkcs11ReturnName(rv)));
      default:
        return RvError(rv, "C_Decrypt AES-GCM");
    }
    if (len > plain.size()) return MakeError(ErrorCode::kInternal, "C_Decrypt overran");
    if (len == plain.size()) return plain;
    return SecretBytes(plain.view().first(len));  // `plain` is wiped on return
  });
}

Status Pkcs11KeyProvider::DestroyKey(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  bool destroyed_now = SKERRY_TRY(WithSession<bool>([&](Pkcs11Session& s) -> Result<bool> {
    auto key = SKERRY_TRY(FindKey(s, key_id));
    bool tombstone = SKERRY_TRY(HasTombstone(s, key_id));
    if (!key && !tombstone) {
      return MakeError(ErrorCode::kNotFound, fmt::format("no key {} on the token", key_id));
    }
    // Tombstone first: if we stop between the two steps, the key still exists and a retried
    // DestroyKey finishes the job; never a missing key without its tombstone.
    if (!tombstone) SKERRY_TRY(CreateTombstone(s, key_id));
    if (!key) return false;
    if (CK_RV rv = s.fn()->C_DestroyObject(s.session, *key); rv != CKR_OK) {
      return RvError(rv, fmt::format("C_DestroyObject {}", key_id));
    }
    return true;
  }));
  if (destroyed_now) {
    Log(LogLevel::kInfo, ev::kKeyDestroyed, {{"provider", "pkcs11"}, {"key_id", key_id}});
  }
  return Ok();
}

}  // namespace skerry::crypto
