#include "directory/password_policy.h"

#include <gtest/gtest.h>

#include "base/random.h"
#include "directory/password_hash.h"

namespace skerry::directory {
namespace {

std::string Rule(std::string_view password) {
  auto s = CheckPasswordPolicy(password);
  return s ? std::string() : s.error().detail;
}

TEST(PasswordPolicy, AcceptsThreeOfFiveGroups) {
  EXPECT_EQ(Rule("Passw0rdx"), "");            // upper, lower, digit
  EXPECT_EQ(Rule("password1!"), "");           // lower, digit, special
  EXPECT_EQ(Rule("PASSWORD!\xC3\xA9"), "");    // upper, special, Latin-1 (é)
  EXPECT_EQ(Rule("abc def G"), "");            // space counts as a special character
}

TEST(PasswordPolicy, NamesTheRuleBroken) {
  EXPECT_NE(Rule("").find("InvalidPasswordException: "), std::string::npos);
  EXPECT_NE(Rule("").find("empty"), std::string::npos);
  EXPECT_NE(Rule("Ab1!").find("at least 8"), std::string::npos);
  EXPECT_NE(Rule(std::string(63, 'a') + "B1").find("less than 64"), std::string::npos);
  EXPECT_EQ(Rule(std::string(60, 'a') + "B1!"), "") << "63 characters is the longest allowed";
  EXPECT_NE(Rule("passwordpassword").find("three of these groups"), std::string::npos);
  EXPECT_NE(Rule("Password1\xE2\x82\xAC").find("Latin-1"), std::string::npos) << "the euro sign is outside Latin-1";
  EXPECT_NE(Rule("Pass\x01word1").find("Latin-1"), std::string::npos) << "control characters";
  EXPECT_NE(Rule("Passw0rd\xC3").find("Latin-1"), std::string::npos) << "truncated UTF-8";
  EXPECT_NE(Rule("Passw0rd\xC0\xA1").find("Latin-1"), std::string::npos) << "overlong UTF-8";
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  // Seven characters, fourteen bytes: too short.
  EXPECT_NE(Rule("\xC3\xA9\xC3\xA9\xC3\xA9" "Ab1!").find("at least 8"), std::string::npos);
  EXPECT_EQ(Rule("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9" "Ab1!"), "");
}

TEST(PasswordHash, Argon2idRoundTrip) {
  SeededRandom random(3);
  auto h = HashPassword("Correct-Horse-1", random);
  ASSERT_TRUE(h) << h.error().ToString();
  EXPECT_TRUE(h->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  EXPECT_EQ(h->find("Correct"), std::string::npos);
  EXPECT_TRUE(*VerifyPassword("Correct-Horse-1", *h));
  EXPECT_FALSE(*VerifyPassword("correct-horse-1", *h));
  auto h2 = HashPassword("Correct-Horse-1", random);
  EXPECT_NE(*h, *h2) << "salted";
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
}

}  // namespace
}  // namespace skerry::directory
