#include "protocols/admin_api/wire/sigv4_request.h"

#include <gtest/gtest.h>

#include "protocols/admin_api/wire/sigv4_test_vectors.h"

namespace skerry::admin_api::wire {
namespace {

using testing::OwnedRequest;

TEST(Sigv4RequestTest, Vector1CanonicalRequestAndStringToSign) {
  auto r = testing::Vector1();
  auto parsed = ParseSigv4Request(r.View());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const auto& auth = parsed->authorization;
  EXPECT_EQ(auth.credential.access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(auth.credential.region, "us-east-1");
  EXPECT_EQ(auth.credential.service, "workmail");
  EXPECT_EQ(auth.signed_headers,
            (std::vector<std::string>{"content-type", "host", "x-amz-date", "x-amz-target"}));
  EXPECT_EQ(auth.signature, "33689dd4b2b95085642827078bd756c9a7dd1e0e432b9005f74df7b57ffee87f");
  EXPECT_FALSE(parsed->security_token.has_value());
  EXPECT_EQ(CanonicalRequest(r.View(), auth.signed_headers, testing::kVector1PayloadHash),
            testing::kVector1CanonicalRequest);
  EXPECT_EQ(StringToSign(parsed->amz_date, auth.credential,
                         "a1aaf9994afcbadddff4b2c198ef12566ec3696d0e952792000608fdbfa467ac"),
            testing::kVector1StringToSign);
}

TEST(Sigv4RequestTest, Vector2CanonicalRequest) {
  auto r = testing::Vector2();
  auto parsed = ParseSigv4Request(r.View());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->authorization.credential.service, "workmailmessageflow");
  EXPECT_EQ(
      CanonicalRequest(r.View(), parsed->authorization.signed_headers, testing::kEmptyPayloadHash),
      testing::kVector2CanonicalRequest);
  EXPECT_EQ(StringToSign(parsed->amz_date, parsed->authorization.credential,
                         "fd1524ab4af4c67919407bf67d945213de06ab74f1775a2ae6751f5e808e0c50"),
            testing::kVector2StringToSign);
}

TEST(Sigv4RequestTest, HeaderOrderAndCaseDoNotChangeTheCanonicalForm) {
  auto r = testing::Vector1();
  // Debian boto3 sends a lowercase "host:" after User-Agent.
  r.Remove("Host");
  r.headers.emplace_back("host", "127.0.0.1:18777");
  std::reverse(r.headers.begin(), r.headers.end());
  for (auto& [n, v] : r.headers)
    if (n == "Content-Type") n = "CONTENT-type";
  auto parsed = ParseSigv4Request(r.View());
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(CanonicalRequest(r.View(), parsed->authorization.signed_headers,
                             testing::kVector1PayloadHash),
            testing::kVector1CanonicalRequest);
}

TEST(Sigv4RequestTest, CanonicalHeaderValuesTrimmedAndCollapsedRepeatsJoined) {
  OwnedRequest r{"GET", "/", "", "", {{"X-A", "  a   b \t c  "}, {"x-b", "1"}, {"X-B", " 2 "}}};
  EXPECT_EQ(CanonicalHeaders(r.View(), {"x-a", "x-b"}), "x-a:a b c\nx-b:1,2\n");
}

TEST(Sigv4RequestTest, CanonicalUri) {
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("/messages/abc-123"), "/messages/abc-123");
  EXPECT_EQ(CanonicalUri("//messages/./x/../abc-123/"), "/messages/abc-123/");
  EXPECT_EQ(CanonicalUri("/a%20b/c d"), "/a%2520b/c%20d");  // encoded twice, as botocore does
  EXPECT_EQ(CanonicalUri("/~user/$"), "/~user/%24");
  EXPECT_EQ(CanonicalUri("/../.."), "/");
}

TEST(Sigv4RequestTest, CanonicalQuery) {
  EXPECT_EQ(CanonicalQuery(""), "");
  EXPECT_EQ(CanonicalQuery("b=2&a=1"), "a=1&b=2");
  EXPECT_EQ(CanonicalQuery("a=2&a=1&flag"), "a=1&a=2&flag=");
  EXPECT_EQ(CanonicalQuery("k=a%20b&x=%2f&y=a b&z=%7e"), "k=a%20b&x=%2F&y=a%20b&z=~");
  EXPECT_EQ(CanonicalQuery("&&a=1&"), "a=1");
  EXPECT_EQ(CanonicalQuery("bad=%zz"), "bad=%25zz");
}

TEST(Sigv4RequestTest, AmzDateRoundTrip) {
  auto t = ParseAmzDate("20261122T102802Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatAmzDate(*t), "20261122T102802Z");
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(
                ParseAmzDate("19700101T000001Z")->time_since_epoch())
                .count(),
            1);
  EXPECT_EQ(FormatAmzDate(*ParseAmzDate("20240229T235959Z")), "20240229T235959Z");
  for (const char* bad :
       {"", "20261122T102802", "20261122 102802Z", "20261322T102802Z", "20250229T000000Z",
        "20261122T246000Z", "2026-11-22T10:28:02Z", "2026112xT102802Z"}) {
    auto e = ParseAmzDate(bad);
    ASSERT_FALSE(e.has_value()) << bad;
    EXPECT_EQ(e.error().type, "IncompleteSignatureException");
  }
}

TEST(Sigv4RequestTest, MissingAuthorization) {
  auto r = testing::Vector1();
  r.Remove("Authorization");
  auto e = ParseSigv4Request(r.View());
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().type, "MissingAuthenticationTokenException");
  EXPECT_EQ(e.error().status, 403);
}

std::string AuthError(const std::string& header) {
  auto r = ParseAuthorizationHeader(header);
  return r.has_value() ? "" : r.error().type + ": " + r.error().message;
}

TEST(Sigv4RequestTest, MalformedAuthorizationHeadersAreNamed) {
  const std::string cred = "Credential=AKID/20261122/us-east-1/workmail/aws4_request";
  const std::string sh = "SignedHeaders=host;x-amz-date";
  const std::string sig = "Signature=" + std::string(64, 'a');
  EXPECT_EQ(AuthError("AWS4-HMAC-SHA256 " + cred + ", " + sh + ", " + sig), "");
  EXPECT_EQ(AuthError("AWS4-HMAC-SHA256 " + sig + "," + cred + "," + sh),
            "");  // any order, no spaces
  struct Case {
    std::string header;
    std::string expect;
  };
  for (const auto& c : std::vector<Case>{
           {"Basic dXNlcjpwYXNz",
            "IncompleteSignatureException: Unsupported authorization algorithm 'Basic'"},
           {"AWS4-HMAC-SHA256 " + sh + ", " + sig, "requires 'Credential' parameter"},
           {"AWS4-HMAC-SHA256 " + cred + ", " + sig, "requires 'SignedHeaders' parameter"},
           {"AWS4-HMAC-SHA256 " + cred + ", " + sh, "requires 'Signature' parameter"},
           {"AWS4-HMAC-SHA256",
            "requires 'Credential' parameter. Authorization header requires 'SignedHeaders'"},
           {"AWS4-HMAC-SHA256 " + cred + ", " + cred + ", " + sh + ", " + sig,
            "'Credential' appears twice"},
           {"AWS4-HMAC-SHA256 " + cred + ", Foo=1, " + sh + ", " + sig,
            "Unexpected Authorization component 'Foo'"},
           {"AWS4-HMAC-SHA256 " + cred + ", junk, " + sh + ", " + sig,
            "'junk' is not a key=value pair"},
           {"AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/workmail, " + sh + ", " + sig,
            "exactly 5 slash-delimited"},
           {"AWS4-HMAC-SHA256 Credential=/20261122/us-east-1/workmail/aws4_request, " + sh + ", " +
                sig,
            "no valid access key id"},
           {"AWS4-HMAC-SHA256 Credential=AKID/2026-11-2/us-east-1/workmail/aws4_request, " + sh +
                ", " + sig,
            "not in yyyyMMdd"},
           {"AWS4-HMAC-SHA256 Credential=AKID/20261122/US EAST/workmail/aws4_request, " + sh +
                ", " + sig,
            "valid region"},
           {"AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1//aws4_request, " + sh + ", " + sig,
            "valid service"},
           {"AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/workmail/aws5_request, " + sh +
                ", " + sig,
            "InvalidSignatureException: Credential should be scoped with a valid terminator: "
            "'aws4_request', not 'aws5_request'."},
           {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=x-amz-date;host, " + sig,
            "must be sorted"},
           {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;host, " + sig, "must be sorted"},
           {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=Host;x-amz-date, " + sig,
            "must be lowercase"},
           {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;;x-amz-date, " + sig,
            "must be lowercase"},
           {"AWS4-HMAC-SHA256 " + cred + ", " + sh + ", Signature=abc", "64 lowercase hexadecimal"},
           {"AWS4-HMAC-SHA256 " + cred + ", " + sh + ", Signature=" + std::string(64, 'A'),
            "64 lowercase hexadecimal"},
       }) {
    std::string got = AuthError(c.header);
    EXPECT_NE(got.find(c.expect), std::string::npos) << c.header << "\n got: " << got;
    if (c.expect.find("Exception") == std::string::npos && !got.empty()) {
      EXPECT_EQ(got.rfind("IncompleteSignatureException", 0), 0u) << got;
    }
  }
}

std::string RequestError(const OwnedRequest& r) {
  auto p = ParseSigv4Request(r.View());
  return p.has_value() ? "" : p.error().type + ": " + p.error().message;
}

TEST(Sigv4RequestTest, RequestLevelChecks) {
  auto r = testing::Vector1();
  r.Remove("X-Amz-Date");
  EXPECT_NE(RequestError(r).find("requires existence of either a 'X-Amz-Date'"), std::string::npos);

  r = testing::Vector1();
  r.Set("X-Amz-Date", "20261123T000000Z");
  EXPECT_EQ(
      RequestError(r),
      "InvalidSignatureException: Date in Credential scope does not match YYYYMMDD from ISO-8601 "
      "version of date from HTTP: '20261122' != '20261123', from '20261123T000000Z'.");

  r = testing::Vector1();
  r.headers.emplace_back("X-Amz-Security-Token", "tok");  // present but not signed
  EXPECT_NE(RequestError(r).find("must be signed (listed in SignedHeaders): x-amz-security-token"),
            std::string::npos);

  r = testing::Vector1();
  r.Set("Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/workmail/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, Signature=" +
            std::string(64, '0'));
  EXPECT_NE(RequestError(r).find("x-amz-target"), std::string::npos);  // operation must be signed

  r = testing::Vector2();
  r.Set("Authorization",
        "AWS4-HMAC-SHA256 "
        "Credential=AKIDEXAMPLE/20261122/us-east-1/workmailmessageflow/aws4_request, "
        "SignedHeaders=x-amz-date, Signature=" +
            std::string(64, '0'));
  EXPECT_NE(RequestError(r).find("must be signed (listed in SignedHeaders): host"),
            std::string::npos);

  r = testing::Vector2();
  r.Set("Authorization",
        "AWS4-HMAC-SHA256 "
        "Credential=AKIDEXAMPLE/20261122/us-east-1/workmailmessageflow/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, Signature=" +
            std::string(64, '0'));
  EXPECT_NE(RequestError(r).find("Signed header 'content-type' is not present"), std::string::npos);

  r = testing::Vector2();
  r.headers.emplace_back("authorization", "AWS4-HMAC-SHA256 x");
  EXPECT_NE(RequestError(r).find("More than one Authorization header"), std::string::npos);
}

TEST(Sigv4RequestTest, SignedSecurityTokenIsReturned) {
  auto r = testing::Vector2();
  r.headers.emplace_back("x-amz-security-token", " FwoGZXIvYXdzE ");
  r.Set("Authorization",
        "AWS4-HMAC-SHA256 "
        "Credential=AKIDEXAMPLE/20261122/us-east-1/workmailmessageflow/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=" +
            std::string(64, '0'));
  auto p = ParseSigv4Request(r.View());
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_EQ(p->security_token, "FwoGZXIvYXdzE");
}

}  // namespace
}  // namespace skerry::admin_api::wire
