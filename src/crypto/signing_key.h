#pragma once
// Key pairs for signatures Skerry makes on its own behalf — today DKIM (RFC 6376): the private
// key stays sealed with the organization's directory documents; the public key is what the
// domain publishes in DNS.

#include <string>

#include "base/error.h"
#include "base/secret_bytes.h"

namespace skerry::crypto {

struct SigningKeyPair {
  SecretBytes private_der;   // PKCS#8 DER
  std::string public_base64; // SubjectPublicKeyInfo DER, base64 — DKIM's "p=" tag
};

// RSA with the given modulus size (DKIM: 2048; RFC 8301 forbids < 1024).
Result<SigningKeyPair> GenerateRsaKeyPair(int bits);
// The SubjectPublicKeyInfo (base64) of a PKCS#8 private key; kCorrupt if it does not parse.
Result<std::string> PublicKeyOf(const SecretBytes& private_der);

}  // namespace skerry::crypto
