#include "protocols/admin_api/wire/canonical_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace skerry::admin_api::wire {
namespace {

TEST(CanonicalJsonTest, SortsMembersRecursivelyAndDropsWhitespace) {
  auto a =
      boost::json::parse(R"({"b": 1, "a": {"z": [3, {"y": true, "x": null}], "c": "\u00e9"}})");
  auto b = boost::json::parse(R"({"a":{"c":"é","z":[3,{"x":null,"y":true}]},"b":1})");
  EXPECT_EQ(CanonicalJson(a), CanonicalJson(b));
  EXPECT_EQ(CanonicalJson(b), R"({"a":{"c":"é","z":[3,{"x":null,"y":true}]},"b":1})");
}

TEST(CanonicalJsonTest, DifferentValuesDiffer) {
  EXPECT_NE(CanonicalJson(boost::json::parse(R"({"a":[1,2]})")),
            CanonicalJson(boost::json::parse(R"({"a":[2,1]})")));
  EXPECT_NE(CanonicalJson(boost::json::parse(R"({"a":"1"})")),
            CanonicalJson(boost::json::parse(R"({"a":1})")));
  EXPECT_EQ(CanonicalJson(boost::json::parse(R"({"k":"a\"b"})")), R"({"k":"a\"b"})");
}

}  // namespace
}  // namespace skerry::admin_api::wire
