#include "net/tls.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

#include <cstring>

#include "base/file_util.h"

namespace skerry::net {
namespace ssl = boost::asio::ssl;

namespace {
// TLS 1.2 suites limited to ECDHE key exchange with AEAD ciphers; TLS 1.3 suites are all
// forward-secret already.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

bool AddExtension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}
}  // namespace

Result<std::shared_ptr<ssl::context>> MakeServerTlsContext(const TlsFiles& files) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE |
                                  SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1)
    return MakeError(ErrorCode::kInternal, "cannot set TLS 1.2 cipher list");
  if (SSL_CTX_use_certificate_chain_file(native, files.cert.c_str()) != 1)
    return MakeError(ErrorCode::kConfig, fmt::format("tls.cert {}: not a readable PEM certificate chain", files.cert.string()));
  // A passphrase-protected key would otherwise make OpenSSL prompt on the terminal and hang a
  // service's start; it is refused like any unreadable key.
  SSL_CTX_set_default_passwd_cb(native, [](char*, int, int, void*) { return 0; });
  if (SSL_CTX_use_PrivateKey_file(native, files.key.c_str(), SSL_FILETYPE_PEM) != 1)
    return MakeError(ErrorCode::kConfig,
                     fmt::format("tls.key {}: not a readable PEM private key (or protected by a "
                                 "passphrase, which skerryd cannot enter)",
                                 files.key.string()));
  if (SSL_CTX_check_private_key(native) != 1)
    return MakeError(ErrorCode::kConfig, fmt::format("tls.key {} does not match tls.cert {}", files.key.string(), files.cert.string()));
  return ctx;
}

Result<std::pair<TlsFiles, bool>> EnsureSelfSignedCertificate(const std::filesystem::path& dir,
                                                               const std::string& hostname) {
  TlsFiles files{dir / "cert.pem", dir / "key.pem"};
  if (std::filesystem::exists(files.cert) && std::filesystem::exists(files.key))
    return std::make_pair(files, false);
  SKERRY_TRY(EnsureDirectory(dir, 0700));

  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return MakeError(ErrorCode::kInternal, "cannot generate an EC key");
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  std::uint8_t serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return MakeError(ErrorCode::kInternal, "RAND_bytes failed");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 825L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Skerry self-signed"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(hostname.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  std::string san = fmt::format("DNS:{},DNS:localhost,IP:127.0.0.1,IP:::1", hostname);
  if (!AddExtension(cert.get(), NID_subject_alt_name, san) ||
      !AddExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !AddExtension(cert.get(), NID_ext_key_usage, "serverAuth"))
    return MakeError(ErrorCode::kInternal, "cannot add certificate extensions");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
    return MakeError(ErrorCode::kInternal, "cannot sign the certificate");

  BioPtr key_bio(BIO_new(BIO_s_mem())), cert_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_X509(cert_bio.get(), cert.get());
  std::string key_pem = BioToString(key_bio.get());
  SKERRY_TRY(WriteFileDurable(files.key, AsBytes(key_pem), 0600));
  explicit_bzero(key_pem.data(), key_pem.size());
  SKERRY_TRY(WriteFileDurable(files.cert, AsBytes(BioToString(cert_bio.get())), 0644));
  return std::make_pair(files, true);
}

}  // namespace skerry::net
