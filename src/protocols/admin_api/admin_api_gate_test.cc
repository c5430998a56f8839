#include "protocols/admin_api/admin_api_gate.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "base/ids.h"
#include "protocols/admin_api/in_memory_client_token_store.h"
#include "protocols/admin_api/sigv4_test_signer.h"

namespace skerry::admin_api {
namespace {

using testing::OwnedRequest;
using testing::SignedCall;

constexpr char kOrg[] = "m-0123456789abcdef0123456789abcdef";

class AdminApiGateTest : public ::testing::Test {
 protected:
  AdminApiGateTest()
      : clock_(wire::ParseAmzDate("20261122T102802Z").value()),
        verifier_(
            [](const std::string& akid) -> Result<Credential> {
              if (akid != "AKIDEXAMPLE") return MakeError(ErrorCode::kNotFound, "unknown");
              return Credential{SecretBytes(AsBytes("secret")),
                                "arn:aws:iam::000000000000:user/admin",
                                "admin",
                                {}};
            },
            clock_),
        validator_(Validator::Create().value()),
        tokens_(clock_),
        random_(42),
        gate_(verifier_, validator_, tokens_, dispatcher_, random_, clock_) {}

  wire::ResponseParts Send(const OwnedRequest& r) {
    return gate_.HandleView(r.View(), "192.0.2.1", /*secure_transport=*/true);
  }
  static std::string TypeOf(const wire::ResponseParts& r) {
    return std::string(boost::json::parse(r.body).as_object().at("__type").as_string());
  }
  static std::string MessageOf(const wire::ResponseParts& r) {
    return std::string(boost::json::parse(r.body).as_object().at("Message").as_string());
  }

  FakeClock clock_;
  Sigv4Verifier verifier_;
  Validator validator_;
  InMemoryClientTokenStore tokens_;
  Dispatcher dispatcher_;
  SeededRandom random_;
  AdminApiGate gate_;
};

TEST_F(AdminApiGateTest, CapturedCreateUserReachesItsHandler) {
  RequestContext seen;
  boost::json::object seen_input;
  ASSERT_TRUE(
      dispatcher_
          .Register(
              "CreateUser",
              [&](const RequestContext& ctx,
                  const boost::json::object& input) -> Result<boost::json::object> {
                seen = ctx;
                seen_input = input;
                return boost::json::object{{"UserId", "5b6c3f2e-1d4a-4e8b-9c0d-112233445566"}};
              })
          .has_value());
  auto r = Send(testing::Vector1());
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
  EXPECT_EQ(r.body, R"({"UserId":"5b6c3f2e-1d4a-4e8b-9c0d-112233445566"})");
  ASSERT_NE(r.Header("x-amzn-RequestId"), nullptr);
  EXPECT_TRUE(IsUuid(*r.Header("x-amzn-RequestId")));
  EXPECT_EQ(seen.request_id, *r.Header("x-amzn-RequestId"));
  EXPECT_EQ(seen.operation->name, "CreateUser");
  EXPECT_EQ(seen.caller.principal_arn, "arn:aws:iam::000000000000:user/admin");
  EXPECT_EQ(seen.remote_ip, "192.0.2.1");
  EXPECT_EQ(seen_input.at("DisplayName").as_string(), "J Doe");
  const std::string first_id = seen.request_id;
  EXPECT_NE(*Send(testing::Vector1()).Header("x-amzn-RequestId"), first_id);  // fresh each time
}

// Plain HTTP carries the signed request and the answer in the clear: only the host itself may
// use it (make run, scripts on the server); anyone else is refused before the signature is read.
TEST_F(AdminApiGateTest, PlainHttpIsServedToThisHostOnly) {
  ASSERT_TRUE(dispatcher_
                  .Register("CreateUser",
                            [](const RequestContext&, const boost::json::object&)
                                -> Result<boost::json::object> { return boost::json::object{}; })
                  .has_value());
  auto remote = gate_.HandleView(testing::Vector1().View(), "192.0.2.1", false);
  EXPECT_EQ(remote.status, 403);
  EXPECT_EQ(TypeOf(remote), "AccessDeniedException");
  EXPECT_NE(MessageOf(remote).find("HTTPS only"), std::string::npos);
  for (const char* local : {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"})
    EXPECT_EQ(gate_.HandleView(testing::Vector1().View(), local, false).status, 200) << local;
  for (const char* other : {"::ffff:192.0.2.1", "fd00::2", "128.0.0.1", "not an address", ""})
    EXPECT_FALSE(http::IsLoopbackAddress(other)) << other;
}

TEST_F(AdminApiGateTest, StagesRunInOrder) {
  // Framing before auth: an unsigned GET / is a 404, not a 403.
  OwnedRequest get{"GET", "/", "", "", {{"Host", "h"}}};
  auto r = Send(get);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(TypeOf(r), "UnknownOperationException");

  // Auth before validation: an unsigned but invalid body is a 403.
  OwnedRequest unsigned_call{"POST",
                             "/",
                             "",
                             "{}",
                             {{"X-Amz-Target", "WorkMailService.CreateUser"},
                              {"Content-Type", "application/x-amz-json-1.1"}}};
  r = Send(unsigned_call);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(TypeOf(r), "MissingAuthenticationTokenException");
  EXPECT_EQ(*r.Header("x-amzn-ErrorType"), "MissingAuthenticationTokenException");

  // Signed, unknown operation.
  r = Send(SignedCall("CreateUsr", "{}"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(TypeOf(r), "UnknownOperationException");

  // Signed, invalid input: never reaches a handler.
  bool called = false;
  ASSERT_TRUE(dispatcher_
                  .Register("ListUsers",
                            [&](const RequestContext&,
                                const boost::json::object&) -> Result<boost::json::object> {
                              called = true;
                              return boost::json::object{};
                            })
                  .has_value());
  r = Send(SignedCall("ListUsers",
                      std::string(R"({"OrganizationId": ")") + kOrg + R"(", "MaxResults": 0})"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(TypeOf(r), "InvalidParameterException");
  EXPECT_FALSE(called);
  r = Send(SignedCall("ListUsers", std::string(R"({"OrganizationId": ")") + kOrg + R"("})"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{}");
  EXPECT_TRUE(called);
}

TEST_F(AdminApiGateTest, UnregisteredOperationIsUnsupported) {
  auto r = Send(
      SignedCall("DescribeOrganization", std::string(R"({"OrganizationId": ")") + kOrg + "\"}"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(TypeOf(r), "UnsupportedOperationException");
  EXPECT_EQ(MessageOf(r), "Skerry does not implement DescribeOrganization yet.");
}

TEST_F(AdminApiGateTest, HandlerErrorsAreMapped) {
  ASSERT_TRUE(dispatcher_
                  .Register("DescribeOrganization",
                            [](const RequestContext&,
                               const boost::json::object& in) -> Result<boost::json::object> {
                              return MakeTypedError(
                                  ErrorCode::kNotFound, kOrganizationNotFound,
                                  "Organization " +
                                      std::string(in.at("OrganizationId").as_string()) +
                                      " does not exist.");
                            })
                  .has_value());
  ASSERT_TRUE(dispatcher_
                  .Register("DescribeUser",
                            [](const RequestContext&,
                               const boost::json::object&) -> Result<boost::json::object> {
                              return MakeError(ErrorCode::kCorrupt, "blob 42 failed its tag check");
                            })
                  .has_value());
  ASSERT_TRUE(dispatcher_
                  .Register("DescribeGroup",
                            [](const RequestContext&,
                               const boost::json::object& in) -> Result<boost::json::object> {
                              (void)in.at("NoSuchMember");  // throws: a handler bug
                              return boost::json::object{};
                            })
                  .has_value());
  auto r = Send(
      SignedCall("DescribeOrganization", std::string(R"({"OrganizationId": ")") + kOrg + "\"}"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(TypeOf(r), "OrganizationNotFoundException");
  EXPECT_EQ(MessageOf(r), std::string("Organization ") + kOrg + " does not exist.");

  r = Send(SignedCall("DescribeUser",
                      std::string(R"({"OrganizationId": ")") + kOrg + R"(", "UserId": "jdoe"})"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(TypeOf(r), "InternalFailure");
  EXPECT_EQ(MessageOf(r).find("blob"), std::string::npos);

  r = Send(SignedCall("DescribeGroup",
                      std::string(R"({"OrganizationId": ")") + kOrg + R"(", "GroupId": "g1"})"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(TypeOf(r), "InternalFailure");
}

TEST_F(AdminApiGateTest, ClientTokenReplayConflictAndRetryAfterFailure) {
  int calls = 0;
  bool fail_next = false;
  ASSERT_TRUE(dispatcher_
                  .Register("CreateMobileDeviceAccessRule",
                            [&](const RequestContext&,
                                const boost::json::object&) -> Result<boost::json::object> {
                              ++calls;
                              if (fail_next) {
                                fail_next = false;
                                return MakeError(ErrorCode::kUnavailable, "store busy");
                              }
                              return boost::json::object{
                                  {"MobileDeviceAccessRuleId", "rule-" + std::to_string(calls)}};
                            })
                  .has_value());
  const std::string body =
      std::string(R"({"OrganizationId": ")") + kOrg +
      R"(", "Name": "r", "Effect": "DENY", "ClientToken": "c2a0f1e6-7d1b-4c3e-9f00-aa11bb22cc33"})";
  auto first = Send(SignedCall("CreateMobileDeviceAccessRule", body));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, R"({"MobileDeviceAccessRuleId":"rule-1"})");

  // Same token, same parameters in another member order: the stored response, handler not run.
  const std::string reordered =
      std::string(
          R"({"ClientToken": "c2a0f1e6-7d1b-4c3e-9f00-aa11bb22cc33", "Effect": "DENY", "Name": "r", "OrganizationId": ")") +
      kOrg + "\"}";
  auto replay = Send(SignedCall("CreateMobileDeviceAccessRule", reordered));
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body, first.body);
  EXPECT_NE(*replay.Header("x-amzn-RequestId"), *first.Header("x-amzn-RequestId"));
  EXPECT_EQ(calls, 1);

  // Same token, different parameters.
  std::string changed = body;
  changed.replace(changed.find("DENY"), 4, "ALLOW");
  auto conflict = Send(SignedCall("CreateMobileDeviceAccessRule", changed));
  EXPECT_EQ(conflict.status, 400);
  EXPECT_EQ(TypeOf(conflict), "InvalidParameterException");
  EXPECT_NE(MessageOf(conflict).find("already used with different request parameters"),
            std::string::npos);
  EXPECT_EQ(calls, 1);

  // A failure is not remembered: the client's retry (same token) runs again.
  std::string other = body;
  other.replace(other.find("c2a0f1e6"), 8, "d3b1a2f7");
  fail_next = true;
  auto failed = Send(SignedCall("CreateMobileDeviceAccessRule", other));
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(TypeOf(failed), "ServiceUnavailable");
  auto retried = Send(SignedCall("CreateMobileDeviceAccessRule", other));
  EXPECT_EQ(retried.status, 200);
  EXPECT_EQ(calls, 3);
}

TEST_F(AdminApiGateTest, ThroughTheHttpRouter) {
  http::Router router;
  gate_.Register(router);
  http::Request get;
  get.method = "GET";
  get.target = get.path = "/";
  auto r = router.Dispatch(get);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");

  auto v = testing::Vector1();
  http::Request post;
  post.method = v.method;
  post.target = post.path = v.path;
  post.body = v.body;
  for (const auto& [n, val] : v.headers) post.headers.push_back({n, val});
  post.remote_ip = "192.0.2.1";
  post.secure = true;
  r = router.Dispatch(post);
  EXPECT_EQ(r.status, 400);  // signed and valid, but no handler registered
  bool has_request_id = false;
  for (const auto& h : r.headers) has_request_id = has_request_id || h.name == "x-amzn-RequestId";
  EXPECT_TRUE(has_request_id);
  EXPECT_NE(r.body.find("UnsupportedOperationException"), std::string::npos);
}

TEST(DispatcherTest, RegistrationRules) {
  Dispatcher d;
  auto ok = [](const RequestContext&, const boost::json::object&) -> Result<boost::json::object> {
    return boost::json::object{};
  };
  EXPECT_TRUE(d.Register("ListUsers", ok).has_value());
  EXPECT_EQ(d.Register("ListUsers", ok).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(d.Register("ListUser", ok).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(d.Register("ListGroups", nullptr).error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(d.Find("ListUsers"), nullptr);
  EXPECT_EQ(d.Find("ListGroups"), nullptr);
  EXPECT_EQ(d.RegisteredOperations(), std::vector<std::string>{"ListUsers"});
}

}  // namespace
}  // namespace skerry::admin_api
