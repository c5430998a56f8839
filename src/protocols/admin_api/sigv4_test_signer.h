#pragma once
// Test support: signs a request the way botocore does, from the wire pieces and crypto, so tests
// can make variants of the reference vectors (other keys, regions, tokens, bodies).

#include <string>
#include <vector>

#include "base/bytes.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"
#include "protocols/admin_api/sigv4_signer.h"
#include "protocols/admin_api/sigv4_verifier.h"
#include "protocols/admin_api/wire/sigv4_request.h"
#include "protocols/admin_api/wire/sigv4_test_vectors.h"

namespace skerry::admin_api::testing {

inline void Sign(OwnedRequest& r, const std::string& secret, const std::string& amz_date,
                 const std::string& service, const std::string& signed_list,
                 const std::string& akid = "AKIDEXAMPLE", const std::string& region = "us-east-1") {
  r.Set("X-Amz-Date", amz_date);
  wire::CredentialScope scope{akid, amz_date.substr(0, 8), region, service};
  std::vector<std::string> names;
  for (std::size_t p = 0; p != std::string::npos;) {
    auto semi = signed_list.find(';', p);
    names.push_back(signed_list.substr(p, semi == std::string::npos ? semi : semi - p));
    p = semi == std::string::npos ? semi : semi + 1;
  }
  r.Set("Authorization", SignSigv4(r.View(), names, SecretBytes(AsBytes(secret)), scope, amz_date).value());
}

// A WorkMail call signed with AKIDEXAMPLE/secret at 20261122T102802Z (vector 1's time).
inline OwnedRequest SignedCall(const std::string& operation, std::string body,
                               const std::string& amz_date = "20261122T102802Z") {
  OwnedRequest r{"POST",
                 "/",
                 "",
                 std::move(body),
                 {{"Host", "127.0.0.1:18777"},
                  {"X-Amz-Target", "WorkMailService." + operation},
                  {"Content-Type", "application/x-amz-json-1.1"}}};
  Sign(r, "secret", amz_date, "workmail", "content-type;host;x-amz-date;x-amz-target");
  return r;
}

}  // namespace skerry::admin_api::testing
