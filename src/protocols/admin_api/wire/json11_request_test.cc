#include "protocols/admin_api/wire/json11_request.h"

#include <gtest/gtest.h>

#include "protocols/admin_api/wire/sigv4_test_vectors.h"

namespace skerry::admin_api::wire {
namespace {

using testing::OwnedRequest;

OwnedRequest Call(std::string op, std::string body) {
  return {"POST",
          "/",
          "",
          std::move(body),
          {{"Host", "h"},
           {"X-Amz-Target", "WorkMailService." + op},
           {"Content-Type", "application/x-amz-json-1.1"}}};
}

TEST(Json11RequestTest, ParsesTheCapturedCreateUser) {
  auto r = testing::Vector1();
  auto call = ParseJson11Request(r.View());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->operation, "CreateUser");
  EXPECT_EQ(call->input.at("Name").as_string(), "jdoe");
  EXPECT_EQ(call->input.size(), 4u);
}

TEST(Json11RequestTest, EmptyObjectAndEmptyBody) {
  auto two = ParseJson11Request(Call("ListOrganizations", "{}").View());  // Content-Length: 2
  ASSERT_TRUE(two.has_value());
  EXPECT_TRUE(two->input.empty());
  auto none = ParseJson11Request(Call("ListOrganizations", "").View());
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->input.empty());
  EXPECT_TRUE(ParseJson11Request(Call("ListOrganizations", " \r\n").View()).has_value());
}

TEST(Json11RequestTest, DecodesUnicodeEscapesIncludingSurrogatePairs) {
  // Captured from python json.dumps (ensure_ascii): "Jörg 😀".
  auto call =
      ParseJson11Request(Call("CreateUser", R"({"DisplayName": "J\u00f6rg \ud83d\ude00"})").View());
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->input.at("DisplayName").as_string(), "J\xc3\xb6rg \xf0\x9f\x98\x80");
}

TEST(Json11RequestTest, HeaderNamesAndMediaTypeAreCaseInsensitive) {
  OwnedRequest r{"POST",
                 "/",
                 "",
                 "{}",
                 {{"x-amz-target", "WorkMailService.ListUsers"},
                  {"CONTENT-TYPE", "Application/X-Amz-Json-1.1; charset=utf-8"}}};
  auto call = ParseJson11Request(r.View());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->operation, "ListUsers");
}

TEST(Json11RequestTest, LenientContentTypes) {
  for (const char* ct : {"application/x-amz-json-1.0", "application/json", " application/json "}) {
    auto r = Call("ListUsers", "{}");
    r.Set("Content-Type", ct);
    EXPECT_TRUE(ParseJson11Request(r.View()).has_value()) << ct;
  }
}

TEST(Json11RequestTest, WrongOrMissingContentType) {
  auto r = Call("ListUsers", "{}");
  r.Set("Content-Type", "text/plain");
  auto e = ParseJson11Request(r.View());
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().type, "SerializationException");
  EXPECT_EQ(e.error().status, 400);
  EXPECT_NE(e.error().message.find("text/plain"), std::string::npos);
  r.Remove("Content-Type");
  e = ParseJson11Request(r.View());
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message.find("Missing Content-Type"), std::string::npos);
}

TEST(Json11RequestTest, NotPostSlashIs404UnknownOperation) {
  for (auto [method, path] : {std::pair{"GET", "/"}, {"POST", "/x"}, {"PUT", "/"}}) {
    auto r = Call("ListUsers", "{}");
    r.method = method;
    r.path = path;
    auto e = ParseJson11Request(r.View());
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().type, "UnknownOperationException");
    EXPECT_EQ(e.error().status, 404);
  }
}

TEST(Json11RequestTest, TargetProblemsAreUnknownOperation) {
  auto r = Call("ListUsers", "{}");
  r.Remove("X-Amz-Target");
  auto e = ParseJson11Request(r.View());
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().type, "UnknownOperationException");
  EXPECT_EQ(e.error().status, 400);
  EXPECT_NE(e.error().message.find("Missing X-Amz-Target"), std::string::npos);

  for (const char* bad : {"WorkMail.ListUsers", "WorkMailService.", "WorkMailService.List Users",
                          "ListUsers", "WorkMailMessageFlow.GetRawMessageContent"}) {
    r.Set("X-Amz-Target", bad);
    e = ParseJson11Request(r.View());
    ASSERT_FALSE(e.has_value()) << bad;
    EXPECT_EQ(e.error().type, "UnknownOperationException") << bad;
  }
  r.Set("X-Amz-Target", "WorkMailService.ListUsers");
  r.headers.emplace_back("x-amz-target", "WorkMailService.DeleteUser");
  EXPECT_FALSE(ParseJson11Request(r.View()).has_value());
}

TEST(Json11RequestTest, BodyMustBeOneJsonObject) {
  for (const char* body : {"[]", "\"x\"", "null", "1", "{", "{\"a\":}", "{} {}",
                           "{\"a\":\"\\ud800\"}", "{\"a\":\"\xff\"}", "{'a':1}"}) {
    auto e = ParseJson11Request(Call("ListUsers", body).View());
    ASSERT_FALSE(e.has_value()) << body;
    EXPECT_EQ(e.error().type, "SerializationException") << body;
    EXPECT_EQ(e.error().status, 400);
  }
}

TEST(Json11RequestTest, EveryTruncationOfAValidBodyIsRejectedNotCrashed) {
  const std::string body = testing::Vector1().body;
  for (std::size_t n = 1; n < body.size(); ++n) {
    auto e = ParseJson11Request(Call("CreateUser", body.substr(0, n)).View());
    EXPECT_FALSE(e.has_value()) << n;
  }
  EXPECT_TRUE(ParseJson11Request(Call("CreateUser", body).View()).has_value());
}

}  // namespace
}  // namespace skerry::admin_api::wire
