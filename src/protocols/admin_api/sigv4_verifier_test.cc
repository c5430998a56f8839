#include "protocols/admin_api/sigv4_verifier.h"

#include <gtest/gtest.h>

#include "protocols/admin_api/sigv4_test_signer.h"

namespace skerry::admin_api {
namespace {

using testing::OwnedRequest;
using testing::Sign;
using Time = std::chrono::system_clock::time_point;

Time At(const char* amz_date) { return wire::ParseAmzDate(amz_date).value(); }

class Sigv4VerifierTest : public ::testing::Test {
 protected:
  Result<Credential> Lookup(const std::string& akid) {
    ++lookups_;
    if (akid == "AKIDEXAMPLE")
      return Credential{
          SecretBytes(AsBytes("secret")), "arn:aws:iam::000000000000:user/admin", "admin", {}};
    if (akid == "ASIATEMP")
      return Credential{SecretBytes(AsBytes("tempsecret")),
                        "arn:aws:sts::000000000000:assumed-role/r/s", "s", "session-token-1"};
    if (akid == "AKIDDOWN") return MakeError(ErrorCode::kUnavailable, "credential store down");
    return MakeError(ErrorCode::kNotFound, "no such key");
  }
  Sigv4Verifier MakeVerifier(Sigv4VerifierOptions options = {}) {
    return Sigv4Verifier([this](const std::string& k) { return Lookup(k); }, clock_, options);
  }
  ApiResult<VerifiedCaller> VerifyAt(const OwnedRequest& r, const char* now,
                                     std::string_view service = kWorkMailService) {
    SetNow(now);
    return MakeVerifier().Verify(r.View(), service);
  }
  void SetNow(const char* amz_date) { clock_.Advance(At(amz_date) - clock_.Now()); }
  static std::string Err(const ApiResult<VerifiedCaller>& r) {
    return r.has_value() ? "OK" : r.error().type + ": " + r.error().message;
  }

  FakeClock clock_;
  int lookups_ = 0;
};

TEST_F(Sigv4VerifierTest, BothReferenceVectorsVerify) {
  auto v1 = VerifyAt(testing::Vector1(), "20261122T102802Z");
  ASSERT_TRUE(v1.has_value()) << Err(v1);
  EXPECT_EQ(v1->principal_name, "admin");
  EXPECT_EQ(v1->principal_arn, "arn:aws:iam::000000000000:user/admin");
  EXPECT_EQ(v1->region, "us-east-1");
  EXPECT_EQ(v1->service, "workmail");
  EXPECT_FALSE(v1->temporary);
  auto v2 = VerifyAt(testing::Vector2(), "20261122T102803Z", kMessageFlowService);
  ASSERT_TRUE(v2.has_value()) << Err(v2);
  EXPECT_EQ(v2->service, "workmailmessageflow");
}

TEST_F(Sigv4VerifierTest, TestSignerReproducesTheCapturedSignature) {
  auto r = testing::Vector1();
  std::string captured = r.headers[6].second;
  Sign(r, "secret", "20261122T102802Z", "workmail", "content-type;host;x-amz-date;x-amz-target");
  EXPECT_EQ(*r.View().FindHeader("Authorization"), captured);
}

TEST_F(Sigv4VerifierTest, HostHeaderCaseAndOrderVariants) {
  auto r = testing::Vector1();
  r.Remove("Host");
  r.headers.insert(r.headers.begin() + 4,
                   {"host", "127.0.0.1:18777"});  // Debian boto3: after User-Agent
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102802Z")), "OK");
  r.Remove("host");
  r.headers.emplace_back("HOST", "127.0.0.1:18777");
  std::reverse(r.headers.begin(), r.headers.end());
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102802Z")), "OK");
}

TEST_F(Sigv4VerifierTest, TamperingIsDetected) {
  const std::string mismatch =
      "InvalidSignatureException: The request signature we calculated does not match";
  auto body = testing::Vector1();
  body.body[body.body.find("jdoe")] = 'J';
  EXPECT_EQ(Err(VerifyAt(body, "20261122T102802Z")).rfind(mismatch, 0), 0u);

  auto target = testing::Vector1();
  target.Set("X-Amz-Target", "WorkMailService.DeleteUser");
  EXPECT_EQ(Err(VerifyAt(target, "20261122T102802Z")).rfind(mismatch, 0), 0u);

  auto host = testing::Vector1();
  host.Set("Host", "127.0.0.1:18778");
  EXPECT_EQ(Err(VerifyAt(host, "20261122T102802Z")).rfind(mismatch, 0), 0u);

  auto date = testing::Vector1();
  date.Set("X-Amz-Date", "20261122T102803Z");
  EXPECT_EQ(Err(VerifyAt(date, "20261122T102802Z")).rfind(mismatch, 0), 0u);

  auto path = testing::Vector2();
  path.path = "/messages/abc-124";
  EXPECT_EQ(Err(VerifyAt(path, "20261122T102803Z", kMessageFlowService)).rfind(mismatch, 0), 0u);

  auto query = testing::Vector2();
  query.query = "x=1";
  EXPECT_EQ(Err(VerifyAt(query, "20261122T102803Z", kMessageFlowService)).rfind(mismatch, 0), 0u);

  auto sig = testing::Vector1();
  auto auth = *sig.View().FindHeader("Authorization");
  std::string flipped(auth);
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  sig.Set("Authorization", flipped);
  EXPECT_EQ(Err(VerifyAt(sig, "20261122T102802Z")).rfind(mismatch, 0), 0u);

  // An unsigned header may change freely.
  auto ua = testing::Vector1();
  ua.Set("User-Agent", "something else");
  ua.headers.emplace_back("amz-sdk-request", "attempt=2");
  EXPECT_EQ(Err(VerifyAt(ua, "20261122T102802Z")), "OK");
}

TEST_F(Sigv4VerifierTest, WrongSecretOrUnknownKey) {
  auto r = testing::Vector1();
  Sign(r, "not-the-secret", "20261122T102802Z", "workmail",
       "content-type;host;x-amz-date;x-amz-target");
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102802Z"))
                .rfind("InvalidSignatureException: The request signature", 0),
            0u);

  Sign(r, "secret", "20261122T102802Z", "workmail", "content-type;host;x-amz-date;x-amz-target",
       "AKIDUNKNOWN");
  auto e = VerifyAt(r, "20261122T102802Z");
  EXPECT_EQ(Err(e),
            "UnrecognizedClientException: The security token included in the request is invalid.");
  EXPECT_EQ(e.error().status, 403);

  Sign(r, "secret", "20261122T102802Z", "workmail", "content-type;host;x-amz-date;x-amz-target",
       "AKIDDOWN");
  e = VerifyAt(r, "20261122T102802Z");
  EXPECT_EQ(e.error().type, "ServiceUnavailable");
  EXPECT_EQ(e.error().status, 503);
}

TEST_F(Sigv4VerifierTest, AnyRegionIsAccepted) {
  auto r = testing::Vector1();
  Sign(r, "secret", "20261122T102802Z", "workmail", "content-type;host;x-amz-date;x-amz-target",
       "AKIDEXAMPLE", "eu-west-1");
  auto v = VerifyAt(r, "20261122T102802Z");
  ASSERT_TRUE(v.has_value()) << Err(v);
  EXPECT_EQ(v->region, "eu-west-1");
}

TEST_F(Sigv4VerifierTest, ServiceMustMatchTheEndpoint) {
  EXPECT_EQ(
      Err(VerifyAt(testing::Vector2(), "20261122T102803Z", kWorkMailService)),
      "InvalidSignatureException: Credential should be scoped to correct service: 'workmail'. ");
  EXPECT_EQ(Err(VerifyAt(testing::Vector1(), "20261122T102802Z", kMessageFlowService)),
            "InvalidSignatureException: Credential should be scoped to correct service: "
            "'workmailmessageflow'. ");
}

TEST_F(Sigv4VerifierTest, ClockSkewBothDirections) {
  auto r = testing::Vector1();                            // signed at 10:28:02
  EXPECT_EQ(Err(VerifyAt(r, "20261122T103302Z")), "OK");  // exactly +5 min
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102302Z")), "OK");  // exactly -5 min
  EXPECT_EQ(Err(VerifyAt(r, "20261122T103303Z")),
            "InvalidSignatureException: Signature expired: 20261122T102802Z is now earlier than "
            "20261122T102803Z (20261122T103303Z - 5 min.)");
  EXPECT_EQ(
      Err(VerifyAt(r, "20261122T102301Z")),
      "InvalidSignatureException: Signature not yet current: 20261122T102802Z is still later than "
      "20261122T102801Z (20261122T102301Z + 5 min.)");
  EXPECT_EQ(lookups_, 2);  // stale requests never reach the credential store

  SetNow("20261122T103002Z");
  auto strict = MakeVerifier({std::chrono::seconds(90)}).Verify(r.View(), kWorkMailService);
  EXPECT_EQ(Err(strict).find("(20261122T103002Z - 90 sec.)") != std::string::npos, true)
      << Err(strict);
}

TEST_F(Sigv4VerifierTest, SessionTokens) {
  const std::string with_token = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";
  auto r = testing::Vector1();
  r.headers.emplace_back("X-Amz-Security-Token", "session-token-1");
  Sign(r, "tempsecret", "20261122T102802Z", "workmail", with_token, "ASIATEMP");
  auto ok = VerifyAt(r, "20261122T102802Z");
  ASSERT_TRUE(ok.has_value()) << Err(ok);
  EXPECT_TRUE(ok->temporary);

  auto other = r;
  other.Set("X-Amz-Security-Token", "session-token-2");
  Sign(other, "tempsecret", "20261122T102802Z", "workmail", with_token, "ASIATEMP");
  EXPECT_EQ(Err(VerifyAt(other, "20261122T102802Z")),
            "UnrecognizedClientException: The security token included in the request is invalid.");

  auto missing = testing::Vector1();
  Sign(missing, "tempsecret", "20261122T102802Z", "workmail",
       "content-type;host;x-amz-date;x-amz-target", "ASIATEMP");
  EXPECT_EQ(Err(VerifyAt(missing, "20261122T102802Z")).rfind("UnrecognizedClientException", 0), 0u);

  auto unexpected = testing::Vector1();
  unexpected.headers.emplace_back("X-Amz-Security-Token", "session-token-1");
  Sign(unexpected, "secret", "20261122T102802Z", "workmail", with_token);
  EXPECT_EQ(Err(VerifyAt(unexpected, "20261122T102802Z")).rfind("UnrecognizedClientException", 0),
            0u);

  auto unsigned_token = testing::Vector1();
  unsigned_token.headers.emplace_back("X-Amz-Security-Token", "session-token-1");
  Sign(unsigned_token, "tempsecret", "20261122T102802Z", "workmail",
       "content-type;host;x-amz-date;x-amz-target", "ASIATEMP");
  EXPECT_EQ(
      Err(VerifyAt(unsigned_token, "20261122T102802Z")).rfind("IncompleteSignatureException", 0),
      0u);
}

TEST_F(Sigv4VerifierTest, ContentSha256HeaderMustMatchWhenSent) {
  auto r = testing::Vector1();
  r.headers.emplace_back("X-Amz-Content-Sha256", testing::kVector1PayloadHash);
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102802Z")), "OK");
  r.Set("X-Amz-Content-Sha256", testing::kEmptyPayloadHash);
  EXPECT_NE(Err(VerifyAt(r, "20261122T102802Z")).find("x-amz-content-sha256"), std::string::npos);
}

TEST_F(Sigv4VerifierTest, MessageFlowWithQueryString) {
  auto r = testing::Vector2();
  r.query = "b=2&a=x%20y";
  Sign(r, "secret", "20261122T102803Z", "workmailmessageflow", "host;x-amz-date");
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102803Z", kMessageFlowService)), "OK");
  r.query = "a=x%20y&b=2";  // reordered parameters: same canonical query
  EXPECT_EQ(Err(VerifyAt(r, "20261122T102803Z", kMessageFlowService)), "OK");
  r.query = "a=x%20y&b=3";
  EXPECT_NE(Err(VerifyAt(r, "20261122T102803Z", kMessageFlowService)), "OK");
}

}  // namespace
}  // namespace skerry::admin_api
