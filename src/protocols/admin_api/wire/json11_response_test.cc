#include "protocols/admin_api/wire/json11_response.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace skerry::admin_api::wire {
namespace {

TEST(Json11ResponseTest, Success) {
  boost::json::object out;
  out["UserId"] = "8a9b";
  auto r = Json11Success("rid-1", out);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
  ASSERT_NE(r.Header("X-Amzn-RequestId"), nullptr);
  EXPECT_EQ(*r.Header("x-amzn-requestid"), "rid-1");
  EXPECT_EQ(r.body, R"({"UserId":"8a9b"})");
  EXPECT_EQ(Json11Success("r", {}).body, "{}");
}

TEST(Json11ResponseTest, ErrorCarriesTypeInBodyAndHeader) {
  auto r = Json11Error("rid",
                       ApiError{"EntityNotFoundException", "The \"x\" entity was not found.", 400});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
  EXPECT_EQ(*r.Header("x-amzn-ErrorType"), "EntityNotFoundException");
  EXPECT_EQ(*r.Header("x-amzn-RequestId"), "rid");
  auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("__type").as_string(), "EntityNotFoundException");
  EXPECT_EQ(body.at("Message").as_string(), "The \"x\" entity was not found.");
}

TEST(Json11ResponseTest, AuthFailuresAre403) {
  for (auto type :
       {kUnrecognizedClient, kInvalidSignature, kAccessDenied, kMissingAuthenticationToken}) {
    auto e = MakeApiError(type, "m").value();
    EXPECT_EQ(Json11Error("r", e).status, 403) << type;
  }
  EXPECT_EQ(MakeApiError(kIncompleteSignature, "m").value().status, 400);
  EXPECT_EQ(MakeApiError(kInternalFailure, "m").value().status, 500);
  EXPECT_EQ(MakeApiError("OrganizationNotFoundException", "m").value().status, 400);
}

TEST(Json11ResponseTest, MessageFlowErrorVariant) {
  auto r = RestJsonError("rid", ApiError{"ResourceNotFoundException", "Message not found", 400});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(*r.Header("x-amzn-ErrorType"), "ResourceNotFoundException");
  EXPECT_EQ(r.body, R"({"message":"Message not found"})");
  EXPECT_EQ(RestJsonError("rid", ApiError{"MessageRejected", "no", 400}).status, 400);
  EXPECT_EQ(RestJsonError("rid", ApiError{"InvalidSignatureException", "no", 403}).status, 403);
}

TEST(Json11ResponseTest, EpochSeconds) {
  using std::chrono::milliseconds;
  std::chrono::system_clock::time_point t(milliseconds(1'700'000'000'000));
  EXPECT_EQ(boost::json::serialize(EpochSeconds(t)), "1700000000");
  auto half = EpochSeconds(t + milliseconds(500));
  ASSERT_TRUE(half.is_double());
  EXPECT_DOUBLE_EQ(half.as_double(), 1700000000.5);
  EXPECT_DOUBLE_EQ(EpochSeconds(t + milliseconds(1)).as_double(), 1700000000.001);
}

}  // namespace
}  // namespace skerry::admin_api::wire
