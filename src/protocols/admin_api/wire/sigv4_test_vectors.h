#pragma once
// The two SigV4 test vectors of the wire reference §4.1, captured from Debian aws 2.9.19 with
// AWS_SECRET_ACCESS_KEY=secret. Shared by the wire tests and the verifier tests.

#include <string>
#include <vector>

#include "protocols/admin_api/wire/http_request_view.h"

namespace skerry::admin_api::testing {

struct OwnedRequest {
  std::string method, path, query, body;
  std::vector<std::pair<std::string, std::string>> headers;

  wire::HttpRequestView View() const {
    wire::HttpRequestView v{method, path, query, {}, body};
    for (const auto& [n, val] : headers) v.headers.push_back({n, val});
    return v;
  }
  void Set(const std::string& name, std::string value) {
    for (auto& [n, v] : headers)
      if (wire::EqualsIgnoreCase(n, name)) {
        v = std::move(value);
        return;
      }
    headers.emplace_back(name, std::move(value));
  }
  void Remove(const std::string& name) {
    std::erase_if(headers, [&](const auto& h) { return wire::EqualsIgnoreCase(h.first, name); });
  }
};

inline OwnedRequest Vector1() {
  return {
      "POST",
      "/",
      "",
      R"({"OrganizationId": "m-0123456789abcdef0123456789abcdef", "Name": "jdoe", "DisplayName": "J Doe", "Password": "Passw0rd!x"})",
      {{"Host", "127.0.0.1:18777"},
       {"Accept-Encoding", "identity"},
       {"X-Amz-Target", "WorkMailService.CreateUser"},
       {"Content-Type", "application/x-amz-json-1.1"},
       {"User-Agent",
        "aws-cli/2.9.19 Python/3.11.2 Linux/<kernel> source/x86_64.debian.12 prompt/off "
        "command/workmail.create-user"},
       {"X-Amz-Date", "20261122T102802Z"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/workmail/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=33689dd4b2b95085642827078bd756c9a7dd1e0e432b9005f74df7b57ffee87f"},
       {"Content-Length", "122"}}};
}
inline constexpr char kVector1PayloadHash[] =
    "7c74c874de862db1bd9971eecad0d5cdb40ed2e4bb9aa1d4e52aef173c421163";
inline constexpr char kVector1CanonicalRequest[] =
    "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:127.0.0.1:18777\n"
    "x-amz-date:20261122T102802Z\nx-amz-target:WorkMailService.CreateUser\n\n"
    "content-type;host;x-amz-date;x-amz-target\n"
    "7c74c874de862db1bd9971eecad0d5cdb40ed2e4bb9aa1d4e52aef173c421163";
inline constexpr char kVector1StringToSign[] =
    "AWS4-HMAC-SHA256\n20261122T102802Z\n20261122/us-east-1/workmail/aws4_request\n"
    "a1aaf9994afcbadddff4b2c198ef12566ec3696d0e952792000608fdbfa467ac";

inline OwnedRequest Vector2() {
  return {"GET",
          "/messages/abc-123",
          "",
          "",
          {{"Host", "127.0.0.1:18777"},
           {"Accept-Encoding", "identity"},
           {"User-Agent",
            "aws-cli/2.9.19 Python/3.11.2 Linux/<kernel> source/x86_64.debian.12 prompt/off "
            "command/workmailmessageflow.get-raw-message-content"},
           {"X-Amz-Date", "20261122T102803Z"},
           {"Authorization",
            "AWS4-HMAC-SHA256 "
            "Credential=AKIDEXAMPLE/20261122/us-east-1/workmailmessageflow/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=807e8406ac05ee495bd7733dc4f4e33719730ea683712c7551f1f2a37b50a63d"}}};
}
inline constexpr char kEmptyPayloadHash[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
inline constexpr char kVector2CanonicalRequest[] =
    "GET\n/messages/"
    "abc-123\n\nhost:127.0.0.1:18777\nx-amz-date:20261122T102803Z\n\nhost;x-amz-date\n"
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
inline constexpr char kVector2StringToSign[] =
    "AWS4-HMAC-SHA256\n20261122T102803Z\n20261122/us-east-1/workmailmessageflow/aws4_request\n"
    "fd1524ab4af4c67919407bf67d945213de06ab74f1775a2ae6751f5e808e0c50";

}  // namespace skerry::admin_api::testing
