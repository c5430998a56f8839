#pragma once
// Signs a request the way botocore does (SigV4, AWS4-HMAC-SHA256): the `skerry` CLI's calls to
// the WorkMail API and the tests' signed variants share it with the verifier's canonical forms,
// so a signer and a verifier that disagree cannot both pass.

#include <string>
#include <vector>

#include "base/secret_bytes.h"
#include "protocols/admin_api/wire/http_request_view.h"
#include "protocols/admin_api/wire/sigv4_request.h"

namespace skerry::admin_api {

// The Authorization header value for `request` (which must already carry every header in
// `signed_headers`, X-Amz-Date included, with the same `amz_date`).
Result<std::string> SignSigv4(const wire::HttpRequestView& request, const std::vector<std::string>& signed_headers,
                              const SecretBytes& secret, const wire::CredentialScope& scope,
                              const std::string& amz_date);

}  // namespace skerry::admin_api
