// RuleStore: impersonation roles and the tokens AssumeImpersonationRole hands out.
#include <algorithm>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "base/bytes.h"
#include "base/ids.h"
#include "crypto/sha256.h"
#include "directory/rule_codec.h"
#include "directory/rule_store.h"
#include "formats/json/json_fields.h"

namespace skerry::directory {
namespace json = boost::json;
namespace {

constexpr std::string_view kRolesKind = "impersonation-roles";
constexpr std::string_view kTokensKind = "impersonation-tokens";
constexpr std::string_view kFamilyDoc = "all";

// Tokens are stored under their SHA-256 only: the directory's ids are not sealed, and whoever
// reads the store must not be able to replay a live token.
Result<std::string> TokenDigest(std::string_view token) { return crypto::Sha256Hex(AsBytes(token)); }

Status SaveRoles(OrgDirectory& directory, const std::string& org, Document& doc,
                 const std::vector<policy::ImpersonationRole>& roles) {
  json::array list;
  for (const auto& r : roles) list.emplace_back(ImpersonationRoleToJson(r));
  doc.body["Roles"] = std::move(list);
  return directory.Put(org, std::string(kRolesKind), doc, {}, {}, doc.version);
}

// Names are unique among an organization's roles (the guide's "Enter a unique name").
bool NameTaken(const std::vector<policy::ImpersonationRole>& roles, const policy::ImpersonationRole& role) {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const auto& r) { return r.id != role.id && policy::EqualsIgnoreCase(r.name, role.name); });
}

}  // namespace

Result<std::vector<policy::ImpersonationRole>> RuleStore::ImpersonationRoles(const std::string& org) {
  std::lock_guard lock(mutex_);
  Document doc;
  return LoadRoles(org, doc);
}

Result<policy::ImpersonationRole> RuleStore::ImpersonationRole(const std::string& org, const std::string& id) {
  auto roles = SKERRY_TRY(ImpersonationRoles(org));
  for (auto& r : roles)
    if (r.id == id) return std::move(r);
  return MakeError(ErrorCode::kNotFound, fmt::format("impersonation role {} does not exist", id));
}

Result<std::string> RuleStore::CreateImpersonationRole(const std::string& org, policy::ImpersonationRole role) {
  SKERRY_TRY(policy::ValidateImpersonationRole(role));
  std::lock_guard lock(mutex_);
  Document doc;
  auto roles = SKERRY_TRY(LoadRoles(org, doc));
  if (roles.size() >= policy::kMaxImpersonationRoles)
    return MakeError(ErrorCode::kResourceExhausted,
                     fmt::format("an organization has at most {} impersonation roles", policy::kMaxImpersonationRoles));
  role.id = NewUuid(random_);
  if (NameTaken(roles, role))
    return MakeError(ErrorCode::kAlreadyExists, fmt::format("an impersonation role named '{}' exists", role.name));
  role.date_created = role.date_modified = Now();
  auto id = role.id;
  roles.push_back(std::move(role));
  SKERRY_TRY(SaveRoles(directory_, org, doc, roles));
  return id;
}

Status RuleStore::UpdateImpersonationRole(const std::string& org, policy::ImpersonationRole role) {
  SKERRY_TRY(policy::ValidateImpersonationRole(role));
  std::lock_guard lock(mutex_);
  Document doc;
  auto roles = SKERRY_TRY(LoadRoles(org, doc));
  auto it = std::find_if(roles.begin(), roles.end(), [&](const auto& r) { return r.id == role.id; });
  if (it == roles.end()) return MakeError(ErrorCode::kNotFound, fmt::format("impersonation role {} does not exist", role.id));
  if (NameTaken(roles, role))
    return MakeError(ErrorCode::kAlreadyExists, fmt::format("an impersonation role named '{}' exists", role.name));
  role.date_created = it->date_created;
  role.date_modified = Now();
  *it = std::move(role);
  return SaveRoles(directory_, org, doc, roles);
}

Status RuleStore::DeleteImpersonationRole(const std::string& org, const std::string& id) {
  std::lock_guard lock(mutex_);
  Document doc;
  auto roles = SKERRY_TRY(LoadRoles(org, doc));
  if (std::erase_if(roles, [&](const auto& r) { return r.id == id; }) == 0) return Ok();
  // Tokens already issued for the role die with it: ResolveImpersonationToken looks the role up.
  return SaveRoles(directory_, org, doc, roles);
}

Result<policy::ImpersonationDecision> RuleStore::ImpersonationEffect(const std::string& org, const std::string& role_id,
                                                                     const std::string& target_user) {
  auto role = SKERRY_TRY(ImpersonationRole(org, role_id));
  return policy::EvaluateImpersonation(role, target_user);
}

Result<ImpersonationGrant> RuleStore::AssumeImpersonationRole(const std::string& org, const std::string& role_id) {
  SKERRY_TRY(ImpersonationRole(org, role_id));
  SKERRY_TRY(PurgeExpiredTokens(org));
  // The organization id rides in the token so that a protocol can find where to look it up.
  ImpersonationGrant grant;
  grant.token = org + "." + HexEncode(random_.Generate(32));
  Document doc{SKERRY_TRY(TokenDigest(grant.token)),
               {{"ImpersonationRoleId", role_id}, {"ExpiresAt", Now() + policy::kImpersonationTokenSeconds}},
               0};
  SKERRY_TRY(directory_.Put(org, std::string(kTokensKind), doc));
  return grant;
}

Result<ImpersonationSession> RuleStore::ResolveImpersonationToken(const std::string& token) {
  auto denied = [] { return MakeError(ErrorCode::kPermissionDenied, "the impersonation token is invalid or expired"); };
  auto dot = token.find('.');
  if (dot == std::string::npos || !IsOrganizationId(std::string_view(token).substr(0, dot))) return denied();
  auto org = token.substr(0, dot);
  auto doc = directory_.Get(org, std::string(kTokensKind), SKERRY_TRY(TokenDigest(token)));
  if (!doc) return doc.error().code == ErrorCode::kNotFound ? denied() : tl::unexpected(doc.error());
  ImpersonationSession session;
  session.organization_id = org;
  auto* expires = doc->body.if_contains("ExpiresAt");
  session.expires_at = expires && expires->is_number() ? expires->to_number<double>() : 0;
  if (session.expires_at <= Now()) {
    (void)directory_.Delete(org, std::string(kTokensKind), doc->id);  // best effort; purged later anyway
    return denied();
  }
  auto role = ImpersonationRole(org, formats::JsonString(doc->body, "ImpersonationRoleId"));
  if (!role) return role.error().code == ErrorCode::kNotFound ? denied() : tl::unexpected(role.error());
  session.role = std::move(*role);
  return session;
}

Status RuleStore::PurgeExpiredTokens(const std::string& org) {
  auto tokens = SKERRY_TRY(directory_.ListAll(org, std::string(kTokensKind)));
  auto now = Now();
  for (const auto& t : tokens) {
    auto* expires = t.body.if_contains("ExpiresAt");
    if (!expires || !expires->is_number() || expires->to_number<double>() <= now)
      SKERRY_TRY(directory_.Delete(org, std::string(kTokensKind), t.id));
  }
  return Ok();
}

}  // namespace skerry::directory
