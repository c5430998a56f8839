#include "protocols/admin_api/model/workmail_model.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace skerry::admin_api::model {
namespace {

const MemberDef* Member(const OperationDef& op, std::string_view name) {
  for (const auto& m : Shape(op.input).members)
    if (m.name == name) return &m;
  return nullptr;
}

TEST(WorkMailModelTest, NinetyTwoOperationsSortedAndFindable) {
  auto ops = Operations();
  EXPECT_EQ(ops.size(), 92u);
  int older = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (i) {
      EXPECT_LT(ops[i - 1].name, ops[i].name);
    }
    EXPECT_EQ(FindOperation(ops[i].name), &ops[i]);
    ASSERT_NE(ops[i].input, kNoShape) << ops[i].name;
    EXPECT_EQ(Shape(ops[i].input).type, ShapeType::kStructure);
    EXPECT_TRUE(ops[i].in_newer_model);
    older += ops[i].in_older_model;
  }
  EXPECT_EQ(older, 80);  // wire reference §1: the Debian model has 80
  EXPECT_EQ(FindOperation("createUser"), nullptr);
  EXPECT_EQ(FindOperation(""), nullptr);
  EXPECT_FALSE(FindOperation("UpdateUser")->in_older_model);
}

TEST(WorkMailModelTest, EveryPatternCompilesAsEcmaScript) {
  int patterns = 0;
  for (const auto& s : Shapes()) {
    if (s.pattern.empty()) continue;
    ++patterns;
    std::wstring wide(s.pattern.begin(), s.pattern.end());
    EXPECT_NO_THROW(std::wregex(wide, std::regex::ECMAScript)) << s.name << ": " << s.pattern;
    for (char c : s.pattern) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << s.name;
  }
  EXPECT_GT(patterns, 30);
}

TEST(WorkMailModelTest, ShapeReferencesAreInRange) {
  auto shapes = Shapes();
  for (const auto& s : shapes) {
    for (const auto& m : s.members) EXPECT_LT(m.shape, shapes.size());
    if (s.type == ShapeType::kList) {
      EXPECT_LT(s.member, shapes.size()) << s.name;
    }
    if (s.alternative != kNoShape) {
      EXPECT_LT(s.alternative, shapes.size());
      EXPECT_EQ(shapes[s.alternative].alternative, kNoShape);  // one level only
    }
  }
}

TEST(WorkMailModelTest, KnownFacts) {
  const OperationDef* create_user = FindOperation("CreateUser");
  ASSERT_NE(create_user, nullptr);
  EXPECT_TRUE(Member(*create_user, "OrganizationId")->required);
  EXPECT_TRUE(Member(*create_user, "Name")->required);
  EXPECT_FALSE(Member(*create_user, "Password")->required);  // required only in the older model
  EXPECT_TRUE(Shape(Member(*create_user, "Password")->shape).sensitive);
  EXPECT_TRUE(Declares(*create_user, "InvalidPasswordException"));
  EXPECT_TRUE(Declares(*create_user, "InvalidParameterException"));
  EXPECT_FALSE(create_user->paginated);

  const OperationDef* list_users = FindOperation("ListUsers");
  EXPECT_TRUE(list_users->paginated);
  EXPECT_TRUE(list_users->has_max_results);
  const ShapeDef& max_results = Shape(Member(*list_users, "MaxResults")->shape);
  EXPECT_EQ(max_results.type, ShapeType::kInteger);
  EXPECT_EQ(max_results.min, 1);
  EXPECT_EQ(max_results.max, 100);
  const ShapeDef& next = Shape(Member(*list_users, "NextToken")->shape);
  EXPECT_EQ(next.max, 1024);

  EXPECT_EQ(FindOperation("CreateMobileDeviceAccessRule")->idempotency_token, "ClientToken");
  EXPECT_EQ(FindOperation("StartMailboxExportJob")->idempotency_token, "ClientToken");
  EXPECT_EQ(FindOperation("CreateUser")->idempotency_token, "");

  // UserId: newer EntityIdentifier (1..256, pattern), older WorkMailIdentifier (12..256) as
  // alternative.
  const ShapeDef& user_id = Shape(Member(*FindOperation("DescribeUser"), "UserId")->shape);
  EXPECT_EQ(user_id.name, "EntityIdentifier");
  ASSERT_NE(user_id.alternative, kNoShape);
  EXPECT_EQ(Shape(user_id.alternative).name, "WorkMailIdentifier");
  EXPECT_EQ(Shape(user_id.alternative).min, 12);

  std::set<std::string_view> no_ipe;
  for (const auto& op : Operations())
    if (!Declares(op, "InvalidParameterException")) no_ipe.insert(op.name);
  EXPECT_EQ(no_ipe.size(), 7u);  // §18: declared by 85 of 92
  EXPECT_TRUE(no_ipe.count("ListAccessControlRules"));
}

}  // namespace
}  // namespace skerry::admin_api::model
