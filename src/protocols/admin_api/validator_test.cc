#include "protocols/admin_api/validator.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace skerry::admin_api {
namespace {

constexpr char kOrg[] = "m-0123456789abcdef0123456789abcdef";

class ValidatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { validator_ = new Validator(Validator::Create().value()); }
  static void TearDownTestSuite() { delete validator_; }

  // "" when valid, else "<type>: <message>".
  static std::string Run(std::string_view op, std::string_view body) {
    auto def = validator_->FindOperation(op);
    if (!def) return def.error().type + ": " + def.error().message;
    auto r = validator_->Validate(**def, boost::json::parse(body).as_object());
    if (r) return "";
    EXPECT_EQ(r.error().status, 400);
    return r.error().type + ": " + r.error().message;
  }
  static std::string Body(std::string members) {
    return std::string("{\"OrganizationId\":\"") + kOrg + "\"" +
           (members.empty() ? "" : "," + members) + "}";
  }

  static Validator* validator_;
};
Validator* ValidatorTest::validator_ = nullptr;

TEST_F(ValidatorTest, UnknownOperation) {
  EXPECT_EQ(Run("CreateUsr", "{}"),
            "UnknownOperationException: The operation 'CreateUsr' is not a WorkMail operation.");
}

TEST_F(ValidatorTest, CreateUserValidAndInvalid) {
  EXPECT_EQ(
      Run("CreateUser", Body(R"("Name":"jdoe","DisplayName":"J Doe","Password":"Passw0rd!x")")),
      "");
  EXPECT_EQ(Run("CreateUser", Body(R"("Name":"jdoe","DisplayName":"J\u00f6rg \ud83d\ude00")")),
            "");  // no Password: optional
  EXPECT_EQ(Run("CreateUser", Body(R"("DisplayName":"J")")),
            "InvalidParameterException: 1 validation error detected: Value null at 'name' failed "
            "to satisfy "
            "constraint: Member must not be null");
  EXPECT_EQ(Run("CreateUser", "{}"),
            "InvalidParameterException: 3 validation errors detected: Value null at "
            "'organizationId' failed to "
            "satisfy constraint: Member must not be null; Value null at 'name' failed to satisfy "
            "constraint: Member "
            "must not be null; Value null at 'displayName' failed to satisfy constraint: Member "
            "must not be null");
  EXPECT_EQ(Run("CreateUser", Body(R"("Name":"j doe","DisplayName":"J")")),
            "InvalidParameterException: 1 validation error detected: Value 'j doe' at 'name' "
            "failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: "
            "[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?");
  // \w is ASCII, as in Java.
  EXPECT_NE(Run("CreateUser", Body(R"("Name":"j\u00f6rg","DisplayName":"J")")), "");
  // A sensitive value is never echoed.
  std::string r =
      Run("CreateUser", Body(R"("Name":"jdoe","DisplayName":"J","Password":"\u4e2d\u6587")"));
  EXPECT_NE(r.find("Value at 'password' failed to satisfy constraint: Member must satisfy regular "
                   "expression pattern"),
            std::string::npos)
      << r;
  EXPECT_EQ(
      Run("CreateUser", Body(R"("Name":"jdoe","DisplayName":"J","Role":"ADMIN")")),
      "InvalidParameterException: 1 validation error detected: Value 'ADMIN' at 'role' failed to "
      "satisfy "
      "constraint: Member must satisfy enum value set: [USER, RESOURCE, SYSTEM_USER, REMOTE_USER]");
  EXPECT_EQ(Run("CreateUser",
                Body(R"("Name":"jdoe","DisplayName":"J","HiddenFromGlobalAddressList":"yes")")),
            "InvalidParameterException: 1 validation error detected: Value 'yes' at "
            "'hiddenFromGlobalAddressList' "
            "failed to satisfy constraint: Member must be of type boolean");
  EXPECT_EQ(Run("CreateUser", Body(R"("Name":"jdoe","DisplayName":"J","SomethingNew":[1,2])")),
            "");  // ignored
  EXPECT_EQ(Run("CreateUser", Body(R"("Name":"jdoe","DisplayName":"J","Password":null)")),
            "");  // null = absent
}

TEST_F(ValidatorTest, OrganizationIdPatternAndLength) {
  EXPECT_EQ(
      Run("DescribeOrganization", R"({"OrganizationId":"m-0123456789ABCDEF0123456789abcdef"})"),
      "InvalidParameterException: 1 validation error detected: Value "
      "'m-0123456789ABCDEF0123456789abcdef' at "
      "'organizationId' failed to satisfy constraint: Member must satisfy regular expression "
      "pattern: "
      "^m-[0-9a-f]{32}$");
  EXPECT_EQ(Run("DescribeOrganization", R"({"OrganizationId":"m-1"})"),
            "InvalidParameterException: 1 validation error detected: Value 'm-1' at "
            "'organizationId' failed to "
            "satisfy constraint: Member must have length greater than or equal to 34");
  EXPECT_EQ(Run("DescribeOrganization", R"({"OrganizationId":42})"),
            "InvalidParameterException: 1 validation error detected: Value '42' at "
            "'organizationId' failed to "
            "satisfy constraint: Member must be of type string");
}

TEST_F(ValidatorTest, CreateMobileDeviceAccessRuleEnumAndLists) {
  const std::string ok =
      Body(R"("Name":"r1","Effect":"ALLOW","DeviceTypes":["android"],"ClientToken":"c2a0f1e6-1")");
  EXPECT_EQ(Run("CreateMobileDeviceAccessRule", ok), "");
  EXPECT_EQ(Run("CreateMobileDeviceAccessRule", Body(R"("Name":"r1","Effect":"MAYBE")")),
            "InvalidParameterException: 1 validation error detected: Value 'MAYBE' at 'effect' "
            "failed to satisfy "
            "constraint: Member must satisfy enum value set: [ALLOW, DENY]");
  EXPECT_EQ(Run("CreateMobileDeviceAccessRule", Body(R"("Name":"r1","Effect":"allow")")).empty(),
            false);
  EXPECT_EQ(
      Run("CreateMobileDeviceAccessRule", Body(R"("Name":"r1","Effect":"DENY","DeviceTypes":[])")),
      "InvalidParameterException: 1 validation error detected: Value '[]' at 'deviceTypes' failed "
      "to satisfy "
      "constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(
      Run("CreateMobileDeviceAccessRule",
          Body(
              R"("Name":"r1","Effect":"DENY","DeviceTypes":["a","b","c","d","e","f","g","h","i","j","k"])")),
      "InvalidParameterException: 1 validation error detected: Value "
      "'[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\","
      "\"h\",\"i\",\"j\",\"k\"]' at 'deviceTypes' failed to satisfy constraint: Member must have "
      "length less than "
      "or equal to 10");
  EXPECT_EQ(Run("CreateMobileDeviceAccessRule",
                Body(R"("Name":"r1","Effect":"DENY","DeviceTypes":["ok",""])")),
            "InvalidParameterException: 1 validation error detected: Value '' at 'deviceTypes[1]' "
            "failed to satisfy "
            "constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(Run("CreateMobileDeviceAccessRule",
                Body(R"("Name":"r1","Effect":"DENY","DeviceTypes":"android")")),
            "InvalidParameterException: 1 validation error detected: Value 'android' at "
            "'deviceTypes' failed to "
            "satisfy constraint: Member must be of type list");
  // [\u0020-\u00FF]+ on code points: Latin-1 passes, anything above U+00FF fails.
  EXPECT_EQ(Run("CreateMobileDeviceAccessRule",
                Body(R"("Name":"r1","Effect":"DENY","DeviceModels":["Pixel \u00ff"])")),
            "");
  EXPECT_NE(Run("CreateMobileDeviceAccessRule",
                Body(R"("Name":"r1","Effect":"DENY","DeviceModels":["Pixel \u0100"])")),
            "");
  EXPECT_NE(Run("CreateMobileDeviceAccessRule",
                Body(R"("Name":"r1","Effect":"DENY","DeviceModels":["tab\there"])")),
            "");
}

TEST_F(ValidatorTest, PutAccessControlRuleNestedLists) {
  const std::string base = R"("Name":"block-imap","Effect":"DENY","Description":"no imap")";
  EXPECT_EQ(
      Run("PutAccessControlRule", Body(base + R"(,"Actions":["IMAP"],"IpRanges":["10.0.0.0/8"])")),
      "");
  EXPECT_EQ(
      Run("PutAccessControlRule", Body(base + R"(,"IpRanges":["10.0.0.0/8","10.0.0.300/8"])")),
      "InvalidParameterException: 1 validation error detected: Value '10.0.0.300/8' at "
      "'ipRanges[1]' failed to "
      "satisfy constraint: Member must satisfy regular expression pattern: "
      "^(([0-9]|[1-9][0-9]|1[0-9]{2}|"
      "2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/"
      "([0-9]|[12][0-9]|3[0-2])$");
  // UserIds items are WorkMailIdentifier: at least 12 characters.
  std::string r = Run("PutAccessControlRule", Body(base + R"(,"UserIds":["short"])"));
  EXPECT_NE(r.find("at 'userIds[0]' failed to satisfy constraint: Member must have length greater "
                   "than or equal to 12"),
            std::string::npos)
      << r;
}

TEST_F(ValidatorTest, NestedStructurePaths) {
  const std::string role = R"("Name":"r","Type":"FULL_ACCESS","Rules":[)";
  EXPECT_EQ(Run("CreateImpersonationRole",
                Body(role + R"({"ImpersonationRuleId":"a","Effect":"ALLOW"}])")),
            "");
  EXPECT_EQ(
      Run("CreateImpersonationRole",
          Body(
              role +
              R"({"ImpersonationRuleId":"a","Effect":"ALLOW"},{"ImpersonationRuleId":"b","Effect":"MAYBE"}])")),
      "InvalidParameterException: 1 validation error detected: Value 'MAYBE' at 'rules[1].effect' "
      "failed to "
      "satisfy constraint: Member must satisfy enum value set: [ALLOW, DENY]");
  EXPECT_EQ(Run("CreateImpersonationRole", Body(role + R"({"Effect":"ALLOW"}])")),
            "InvalidParameterException: 1 validation error detected: Value null at "
            "'rules[0].impersonationRuleId' "
            "failed to satisfy constraint: Member must not be null");
  EXPECT_EQ(Run("CreateImpersonationRole", Body(role + R"("x"])")),
            "InvalidParameterException: 1 validation error detected: Value 'x' at 'rules[0]' "
            "failed to satisfy "
            "constraint: Member must be of type structure");
  EXPECT_EQ(Run("CreateOrganization", R"({"Alias":"acme","Domains":[{"HostedZoneId":"Z1"}]})"),
            "InvalidParameterException: 1 validation error detected: Value null at "
            "'domains[0].domainName' failed to "
            "satisfy constraint: Member must not be null");
  EXPECT_EQ(
      Run("TagResource",
          R"({"ResourceARN":"arn:aws:workmail:us-east-1:111122223333:organization/m-1","Tags":[{"Key":"k"}]})"),
      "InvalidParameterException: 1 validation error detected: Value null at 'tags[0].value' "
      "failed to satisfy "
      "constraint: Member must not be null");
}

TEST_F(ValidatorTest, ListUsersMaxResultsBoundsAndTypes) {
  EXPECT_EQ(Run("ListUsers", Body(R"("MaxResults":1)")), "");
  EXPECT_EQ(Run("ListUsers", Body(R"("MaxResults":100)")), "");
  EXPECT_EQ(Run("ListUsers", Body(R"("MaxResults":0)")),
            "InvalidParameterException: 1 validation error detected: Value '0' at 'maxResults' "
            "failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
  EXPECT_EQ(Run("ListUsers", Body(R"("MaxResults":101)")),
            "InvalidParameterException: 1 validation error detected: Value '101' at 'maxResults' "
            "failed to satisfy "
            "constraint: Member must have value less than or equal to 100");
  for (const char* bad : {"1.5", "\"10\"", "true", "4294967297", "18446744073709551615", "1e2"}) {
    std::string r = Run("ListUsers", Body(std::string("\"MaxResults\":") + bad));
    EXPECT_NE(r.find("Member must be of type integer"), std::string::npos) << bad << ": " << r;
  }
  EXPECT_EQ(Run("ListUsers", Body(R"("NextToken":"")")),
            "InvalidParameterException: 1 validation error detected: Value '' at 'nextToken' "
            "failed to satisfy "
            "constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(Run("ListUsers", Body(R"("Filters":{"State":"ENABLED","UsernamePrefix":"j"})")), "");
  EXPECT_NE(Run("ListUsers", Body(R"("Filters":{"State":"GONE"})")).find("'filters.state'"),
            std::string::npos);
}

TEST_F(ValidatorTest, UpdateMailboxQuotaFollowsTheModel) {
  // The model says MailboxQuota >= 1 with no maximum (WorkMail's 51,200 MB cap is not modelled).
  const std::string user = R"("UserId":"5b6c3f2e-1d4a-4e8b-9c0d-112233445566")";
  EXPECT_EQ(Run("UpdateMailboxQuota", Body(user + R"(,"MailboxQuota":1)")), "");
  EXPECT_EQ(Run("UpdateMailboxQuota", Body(user + R"(,"MailboxQuota":51200)")), "");
  EXPECT_EQ(Run("UpdateMailboxQuota", Body(user + R"(,"MailboxQuota":51201)")), "");
  EXPECT_EQ(Run("UpdateMailboxQuota", Body(user + R"(,"MailboxQuota":0)")),
            "InvalidParameterException: 1 validation error detected: Value '0' at 'mailboxQuota' "
            "failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
  EXPECT_NE(Run("UpdateMailboxQuota", Body(user + R"(,"MailboxQuota":2147483648)"))
                .find("of type integer"),
            std::string::npos);
}

TEST_F(ValidatorTest, EitherModelsIdentifierShapeIsAccepted) {
  // Newer EntityIdentifier: a name or an email (1..256, [a-zA-Z0-9._%+@-]+).
  EXPECT_EQ(Run("DescribeUser", Body(R"("UserId":"jdoe")")), "");
  EXPECT_EQ(Run("DescribeUser", Body(R"("UserId":"jdoe@example.com")")), "");
  // Older WorkMailIdentifier: 12..256, any characters (fails the newer pattern).
  EXPECT_EQ(Run("DescribeUser", Body(R"("UserId":"S-1-5-21-1004 x")")), "");
  // Neither: reported against the newer model.
  EXPECT_EQ(Run("DescribeUser", Body(R"("UserId":"j doe")")),
            "InvalidParameterException: 1 validation error detected: Value 'j doe' at 'userId' "
            "failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9._%+@-]+");
  // ResourceId: older ^r-[0-9a-f]{32}$ or newer EntityIdentifier.
  EXPECT_EQ(Run("DescribeResource", Body(R"("ResourceId":"r-0123456789abcdef0123456789abcdef")")),
            "");
  EXPECT_EQ(Run("DescribeResource", Body(R"("ResourceId":"room1")")), "");
}

TEST_F(ValidatorTest, ValidationExceptionWhenInvalidParameterIsNotDeclared) {
  EXPECT_EQ(Run("ListAccessControlRules", "{}"),
            "ValidationException: 1 validation error detected: Value null at 'organizationId' "
            "failed to satisfy "
            "constraint: Member must not be null");
}

TEST_F(ValidatorTest, LongValuesAreTruncatedInMessagesAndManyErrorsCapped) {
  std::string long_name(300, 'a');
  std::string r = Run("CreateGroup", Body("\"Name\":\"" + long_name + "\""));
  EXPECT_NE(r.find("Member must have length less than or equal to 256"), std::string::npos);
  EXPECT_NE(r.find(std::string(256, 'a') + "...'"), std::string::npos);
  EXPECT_EQ(r.find(std::string(257, 'a')), std::string::npos);

  std::string many = "\"UserIds\":[";
  for (int i = 0; i < 10; ++i) many += std::string(i ? "," : "") + "\"x\"";
  many += "],\"NotUserIds\":[\"y\",\"z\"]";
  r = Run("PutAccessControlRule", Body(R"("Name":"n","Effect":"DENY","Description":"d",)" + many));
  EXPECT_EQ(r.rfind("InvalidParameterException: 12 validation errors detected: ", 0), 0u) << r;
  EXPECT_NE(r.find("; and 2 more"), std::string::npos);
}

TEST_F(ValidatorTest, EveryOperationAcceptsAMinimalValidBodyShape) {
  // {} fails exactly with "must not be null" issues for the required members, never anything else.
  for (const auto& op : model::Operations()) {
    for (const auto& issue : validator_->Check(op, {})) {
      EXPECT_NE(issue.message.find("Member must not be null"), std::string::npos)
          << op.name << ": " << issue.message;
    }
  }
}

}  // namespace
}  // namespace skerry::admin_api
