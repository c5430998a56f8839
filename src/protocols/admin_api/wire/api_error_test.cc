#include "protocols/admin_api/wire/api_error.h"

#include <gtest/gtest.h>

namespace skerry::admin_api {
namespace {

TEST(ApiErrorTest, TypedErrorKeepsItsName) {
  Error e = MakeTypedError(ErrorCode::kNotFound, kOrganizationNotFound,
                           "Organization m-1 does not exist.")
                .value();
  EXPECT_EQ(e.code, ErrorCode::kNotFound);
  ApiError a = ApiErrorFromError(e);
  EXPECT_EQ(a.type, "OrganizationNotFoundException");
  EXPECT_EQ(a.message, "Organization m-1 does not exist.");
  EXPECT_EQ(a.status, 400);
}

TEST(ApiErrorTest, DefaultMappingPerCode) {
  struct Case {
    ErrorCode code;
    const char* type;
    int status;
  };
  for (auto c : {Case{ErrorCode::kInvalidArgument, "InvalidParameterException", 400},
                 Case{ErrorCode::kNotFound, "EntityNotFoundException", 400},
                 Case{ErrorCode::kAlreadyExists, "NameAvailabilityException", 400},
                 Case{ErrorCode::kPermissionDenied, "AccessDeniedException", 403},
                 Case{ErrorCode::kFailedPrecondition, "EntityStateException", 400},
                 Case{ErrorCode::kResourceExhausted, "LimitExceededException", 400},
                 Case{ErrorCode::kKeyDestroyed, "OrganizationStateException", 400},
                 Case{ErrorCode::kUnimplemented, "UnsupportedOperationException", 400},
                 Case{ErrorCode::kUnavailable, "ServiceUnavailable", 503},
                 Case{ErrorCode::kTimeout, "ServiceUnavailable", 503},
                 Case{ErrorCode::kCorrupt, "InternalFailure", 500},
                 Case{ErrorCode::kInternal, "InternalFailure", 500}}) {
    ApiError a = ApiErrorFromError(Error{c.code, "detail: with colon"});
    EXPECT_EQ(a.type, c.type) << ErrorCodeName(c.code);
    EXPECT_EQ(a.status, c.status) << ErrorCodeName(c.code);
  }
}

TEST(ApiErrorTest, InternalDetailsStayInTheLog) {
  ApiError a = ApiErrorFromError(
      Error{ErrorCode::kCorrupt, "blob /var/lib/skerry/blobs/ab/cd tag mismatch"});
  EXPECT_EQ(a.message.find("/var/lib"), std::string::npos);
  ApiError b = ApiErrorFromError(Error{ErrorCode::kNotFound, "user jdoe"});
  EXPECT_EQ(b.message, "user jdoe");
  // Something that merely looks like "word: text" is not taken as a type.
  EXPECT_EQ(ApiErrorFromError(Error{ErrorCode::kNotFound, "mailbox: gone"}).type,
            "EntityNotFoundException");
}

ApiResult<int> Half(int x) {
  if (x % 2) return MakeApiError(kValidation, "odd");
  return x / 2;
}
ApiResult<int> Quarter(int x) {
  int h = SKERRY_API_TRY(Half(x));
  return SKERRY_API_TRY(Half(h));
}

TEST(ApiErrorTest, TryMacroPropagates) {
  EXPECT_EQ(Quarter(8).value(), 2);
  EXPECT_EQ(Quarter(6).error().type, "ValidationException");
}

}  // namespace
}  // namespace skerry::admin_api
