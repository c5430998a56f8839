#include "cli/quickstart.h"

#include <cstdio>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/bytes.h"
#include "base/file_util.h"
#include "base/random.h"
#include "formats/json/json_fields.h"

namespace skerry::cli {
namespace json = boost::json;
namespace {

// 20 characters with every class the built-in directory's password policy asks for.
std::string GeneratePassword() {
  static constexpr std::string_view kClasses[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz",
                                                  "23456789", "-_.!+="};
  auto bytes = Random::Secure().Generate(40);
  std::string out;
  for (std::size_t i = 0; i < 20; ++i) {
    auto cls = kClasses[i < 4 ? i : bytes[i] % 3];  // one of each, then letters and digits
    out.push_back(cls[bytes[20 + i] % cls.size()]);
  }
  return out;
}

}  // namespace

int RunQuickstart(const Endpoint& endpoint, const AwsCredentials& credentials, const std::filesystem::path& data_dir,
                  const QuickstartOptions& options) {
  auto call = [&](const std::string& op, const json::object& in) { return CallWorkMail(endpoint, credentials, op, in); };
  auto fail = [](const std::string& step, const Error& e) {
    std::fprintf(stderr, "skerry quickstart: %s failed: %s\n", step.c_str(), e.detail.c_str());
    return 1;
  };

  auto org = call("CreateOrganization", {{"Alias", options.alias}});
  if (!org) return fail("CreateOrganization", org.error());
  auto org_id = formats::JsonString(*org, "OrganizationId");
  json::object o{{"OrganizationId", org_id}};
  auto described = call("DescribeOrganization", o);
  if (!described) return fail("DescribeOrganization", described.error());
  auto test_domain = formats::JsonString(*described, "DefaultMailDomain");
  std::printf("Organization   %s (alias %s)\nTest domain    %s\n", org_id.c_str(), options.alias.c_str(),
              test_domain.c_str());

  std::string mail_domain = test_domain;
  if (!options.domain.empty()) {
    json::object in = o;
    in["DomainName"] = options.domain;
    if (auto r = call("RegisterMailDomain", in); !r) return fail("RegisterMailDomain", r.error());
    auto got = call("GetMailDomain", in);
    if (!got) return fail("GetMailDomain", got.error());
    bool verified = formats::JsonString(*got, "OwnershipVerificationStatus") == "VERIFIED";
    std::printf("Mail domain    %s (ownership %s)\n", options.domain.c_str(),
                formats::JsonString(*got, "OwnershipVerificationStatus").c_str());
    std::printf("\nPublish these records in the zone of %s (or: skerry domain zone --org %s):\n",
                options.domain.c_str(), org_id.c_str());
    for (const auto& rec : got->at("Records").as_array()) {
      const auto& r = rec.as_object();
      std::printf("  %-6s %s\n         %s\n", formats::JsonString(r, "Type").c_str(), formats::JsonString(r, "Hostname").c_str(),
                  formats::JsonString(r, "Value").c_str());
    }
    if (verified) {
      mail_domain = options.domain;
      if (auto r = call("UpdateDefaultMailDomain", in); !r) return fail("UpdateDefaultMailDomain", r.error());
    } else {
      std::printf("Until ownership is verified, addresses use the test domain; then run\n"
                  "  aws workmail update-default-mail-domain --organization-id %s --domain-name %s\n",
                  org_id.c_str(), options.domain.c_str());
    }
  }

  std::string password = options.password.empty() ? GeneratePassword() : options.password;
  json::object user_in = o;
  user_in["Name"] = options.user;
  user_in["DisplayName"] = options.display_name.empty() ? options.user : options.display_name;
  user_in["Password"] = password;
  auto user = call("CreateUser", user_in);
  if (!user) return fail("CreateUser", user.error());
  auto email = options.user + "@" + mail_domain;
  json::object reg = o;
  reg["EntityId"] = formats::JsonString(*user, "UserId");
  reg["Email"] = email;
  if (auto r = call("RegisterToWorkMail", reg); !r) return fail("RegisterToWorkMail", r.error());
  std::printf("\nUser           %s (id %s)\n", email.c_str(), formats::JsonString(*user, "UserId").c_str());
  if (options.password.empty()) std::printf("Password       %s   (shown once)\n", password.c_str());

  std::printf("\nClient settings\n  Sign in as     %s\n", email.c_str());
  auto listeners = ReadFileBytes(data_dir / "listeners.json");
  boost::system::error_code ec;
  auto v = listeners ? json::parse(AsChars(*listeners), ec) : json::value();
  if (v.is_object()) {
    for (const auto& [protocol, address] : v.as_object()) {
      if (!address.is_string()) continue;
      std::string a(address.as_string());
      if (protocol == "https" || protocol == "http") {
        std::printf("  WorkMail API   %s://%s   (aws workmail --endpoint-url %s://%s)\n", std::string(protocol).c_str(),
                    a.c_str(), std::string(protocol).c_str(), a.c_str());
      } else {
        std::printf("  %-14s %s\n", std::string(protocol).c_str(), a.c_str());
      }
    }
  }
  return 0;
}

}  // namespace skerry::cli
