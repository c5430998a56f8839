#include "protocols/admin_api/pagination_token.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "base/bytes.h"
#include "protocols/admin_api/model/workmail_model.h"

namespace skerry::admin_api {
namespace {

constexpr char kOrg[] = "m-0123456789abcdef0123456789abcdef";

PaginationTokens Tokens(std::uint8_t fill = 7) {
  return PaginationTokens::Create(SecretBytes(Bytes(32, fill))).value();
}

TEST(PaginationTokenTest, RoundTripAndStable) {
  auto tokens = Tokens();
  auto t1 = tokens.Issue("ListUsers", kOrg, "fp", "user-0042").value();
  EXPECT_EQ(tokens.Issue("ListUsers", kOrg, "fp", "user-0042").value(), t1);  // stable
  EXPECT_NE(tokens.Issue("ListUsers", kOrg, "fp", "user-0043").value(), t1);
  EXPECT_LE(t1.size(), 1024u);
  EXPECT_GE(t1.size(), 1u);
  EXPECT_EQ(tokens.Resume(t1, "ListUsers", kOrg, "fp").value(), "user-0042");
}

TEST(PaginationTokenTest, BoundToOperationOrganizationFilterAndKey) {
  auto tokens = Tokens();
  auto t = tokens.Issue("ListUsers", kOrg, "fp", "k").value();
  auto expect_invalid = [](const ApiResult<std::string>& r) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().type, "InvalidParameterException");
    EXPECT_EQ(r.error().message, "The next token is invalid.");
    EXPECT_EQ(r.error().status, 400);
  };
  expect_invalid(tokens.Resume(t, "ListGroups", kOrg, "fp"));
  expect_invalid(tokens.Resume(t, "ListUsers", "m-ffffffffffffffffffffffffffffffff", "fp"));
  expect_invalid(tokens.Resume(t, "ListUsers", kOrg, "other-filter"));
  expect_invalid(Tokens(8).Resume(t, "ListUsers", kOrg, "fp"));  // another server key
}

TEST(PaginationTokenTest, TamperingAndGarbageAreRejected) {
  auto tokens = Tokens();
  auto t = tokens.Issue("ListUsers", kOrg, "fp", "user-0042").value();
  for (std::size_t i = 0; i < t.size(); ++i) {  // every single-character change
    std::string bad = t;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(tokens.Resume(bad, "ListUsers", kOrg, "fp").has_value()) << i;
  }
  for (std::string bad :
       {std::string(), std::string("tok-1"), t.substr(0, t.size() - 4), t + "AAAA",
        std::string(1025, 'A'), std::string("eyJOZXh0VG9rZW4iOiAidG9rLTEifQ=="), t + " "}) {
    EXPECT_FALSE(tokens.Resume(bad, "ListUsers", kOrg, "fp").has_value()) << bad;
  }
}

TEST(PaginationTokenTest, LimitsAndKeySize) {
  EXPECT_EQ(PaginationTokens::Create(SecretBytes(Bytes(31, 1))).error().code,
            ErrorCode::kInvalidArgument);
  auto tokens = Tokens();
  EXPECT_FALSE(tokens.Issue("ListUsers", kOrg, "fp", "").has_value());
  auto longest = tokens.Issue("ListUsers", kOrg, "fp", std::string(735, 'k'));
  ASSERT_TRUE(longest.has_value());
  EXPECT_LE(longest->size(), 1024u);
  EXPECT_EQ(tokens.Resume(*longest, "ListUsers", kOrg, "fp").value(), std::string(735, 'k'));
  EXPECT_EQ(tokens.Issue("ListUsers", kOrg, "fp", std::string(769, 'k')).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(PaginationTokenTest, FilterFingerprintIgnoresPagingMembersAndOrder) {
  auto a = boost::json::parse(
               R"({"OrganizationId":"m-1","Filters":{"State":"ENABLED","UsernamePrefix":"j"}})")
               .as_object();
  auto b =
      boost::json::parse(
          R"({"Filters":{"UsernamePrefix":"j","State":"ENABLED"},"MaxResults":5,"NextToken":"x","OrganizationId":"m-1"})")
          .as_object();
  auto c = boost::json::parse(
               R"({"OrganizationId":"m-1","Filters":{"State":"DISABLED","UsernamePrefix":"j"}})")
               .as_object();
  EXPECT_EQ(PaginationTokens::FilterFingerprint(a).value(),
            PaginationTokens::FilterFingerprint(b).value());
  EXPECT_NE(PaginationTokens::FilterFingerprint(a).value(),
            PaginationTokens::FilterFingerprint(c).value());
}

TEST(PaginationTokenTest, EveryPaginatedOperationDeclaresInvalidParameter) {
  int paginated = 0;
  for (const auto& op : model::Operations()) {
    if (!op.paginated) continue;
    ++paginated;
    EXPECT_TRUE(model::Declares(op, kInvalidParameter)) << op.name;
  }
  EXPECT_EQ(paginated, 15);  // wire reference §8
}

}  // namespace
}  // namespace skerry::admin_api
