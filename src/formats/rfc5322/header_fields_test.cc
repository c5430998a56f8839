#include "formats/rfc5322/header_fields.h"

#include <gtest/gtest.h>

namespace skerry::rfc5322 {
namespace {

TEST(HeaderFields, FindsUnfoldedCaseInsensitive) {
  std::string msg = "From: Ann <ann@example.com>\r\nSUBJECT: hello\r\n  world\r\nTo: b@example.com\r\n\r\nSubject: body\r\n";
  EXPECT_EQ(FindHeaderField(msg, "subject"), "hello world");
  EXPECT_EQ(FindHeaderField(msg, "From"), "Ann <ann@example.com>");
  EXPECT_EQ(FindHeaderField(msg, "to"), "b@example.com");
}

TEST(HeaderFields, StopsAtBody) {
  EXPECT_EQ(FindHeaderField("A: 1\n\nSubject: no\n", "Subject"), std::nullopt);
  EXPECT_EQ(FindHeaderField("", "Subject"), std::nullopt);
  EXPECT_EQ(FindHeaderField("Subject:", "Subject"), "");
}

TEST(HeaderFields, BareLfAndNoTrailingNewline) {
  EXPECT_EQ(FindHeaderField("X: y\nSubject: last", "subject"), "last");
}

TEST(HeaderFields, SplitAtEveryByteNeverCrashes) {
  std::string msg = "Subject: a\r\n b\r\nFrom: c\r\n\r\nbody";
  for (size_t i = 0; i <= msg.size(); ++i) {
    (void)FindHeaderField(std::string_view(msg).substr(0, i), "Subject");
    (void)FindHeaderField(std::string_view(msg).substr(i), "From");
  }
}

}  // namespace
}  // namespace skerry::rfc5322
