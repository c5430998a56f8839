#include "directory/mail_domain_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/bytes.h"
#include "base/ids.h"
#include "base/log.h"
#include "base/log_events.h"
#include "crypto/signing_key.h"
#include "directory/directory_errors.h"
#include "directory/entity_addresses.h"
#include "directory/mail_domain_checks.h"

namespace skerry::directory {
namespace {

constexpr std::string_view kKind = "mail-domain";
constexpr std::string_view kClaimIndex = "mail-domain";

tl::unexpected<Error> NotFound(const std::string& name) {
  return DirectoryError(ErrorCode::kNotFound, kMailDomainNotFoundError,
                        fmt::format("The domain {} is not a mail domain of the organization.", name));
}

bool InDomain(const std::string& address, const std::string& domain) {
  return DomainOf(address) == domain;  // DomainOf lowercases
}

}  // namespace

MailDomainService::MailDomainService(OrgDirectory& directory, OrganizationService& organizations,
                                     const ServiceKeys& service_keys, mailauth::Resolver* resolver, Clock& clock,
                                     Random& random, MailDomainOptions options)
    : directory_(directory),
      organizations_(organizations),
      service_keys_(service_keys),
      resolver_(resolver),
      clock_(clock),
      random_(random),
      options_(std::move(options)),
      entities_(directory, organizations.AsLookup(), clock, random) {}

std::int64_t MailDomainService::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
}

Result<ServerClaim> MailDomainService::DomainClaim(const std::string& name) const {
  return ServerClaim{std::string(kClaimIndex), SKERRY_TRY(service_keys_.IndexHash(kClaimIndex, name))};
}

Result<std::optional<MailDomainService::Stored>> MailDomainService::Find(const std::string& org_id,
                                                                         const std::string& name) {
  auto id = SKERRY_TRY(directory_.Find(org_id, {std::string(kClaimIndex), name}));
  if (!id) return std::optional<Stored>();
  auto doc = directory_.Get(org_id, std::string(kKind), *id);
  if (!doc) {
    if (doc.error().code == ErrorCode::kNotFound) return std::optional<Stored>();
    return tl::unexpected(doc.error());
  }
  auto domain = SKERRY_TRY(MailDomainFromJson(doc->body));
  return std::optional<Stored>(Stored{std::move(*doc), std::move(domain)});
}

Result<std::vector<MailDomainService::Stored>> MailDomainService::All(const std::string& org_id) {
  std::vector<Stored> out;
  for (auto& doc : SKERRY_TRY(directory_.ListAll(org_id, std::string(kKind)))) {
    auto domain = SKERRY_TRY(MailDomainFromJson(doc.body));
    out.push_back({std::move(doc), std::move(domain)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.domain.name < b.domain.name; });
  return out;
}

Status MailDomainService::Save(const std::string& org_id, Stored& stored, const std::vector<ServerClaim>& server_claims) {
  stored.doc.body = MailDomainToJson(stored.domain);
  std::vector<Claim> claims;
  if (stored.doc.version == 0) claims.push_back({std::string(kClaimIndex), stored.domain.name});
  return directory_.Put(org_id, std::string(kKind), stored.doc, claims, {}, stored.doc.version, server_claims);
}

Status MailDomainService::RequireOutsideTestBase(const std::string& name) const {
  const auto& base = organizations_.test_domain_base();
  if (name == base || name.ends_with("." + base))
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          fmt::format("Domains under {} are the server's test domains and cannot be registered.", base));
  return Ok();
}

Result<std::string> MailDomainService::CheckAvailable(const std::string& raw_name) {
  auto name = SKERRY_TRY(NormalizeMailDomainName(raw_name));
  SKERRY_TRY(RequireOutsideTestBase(name));
  if (SKERRY_TRY(directory_.FindServerClaim(SKERRY_TRY(DomainClaim(name)))))
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          fmt::format("The domain {} is already registered by another organization.", name));
  return name;
}

Status MailDomainService::Register(const std::string& org_id, const std::string& raw_name) {
  auto org = SKERRY_TRY(entities_.RequireOrg(org_id));
  auto name = SKERRY_TRY(NormalizeMailDomainName(raw_name));
  if (name == org.test_domain)
    return DirectoryError(ErrorCode::kAlreadyExists, kMailDomainInUseError,
                          fmt::format("The domain {} is the organization's test domain.", name));
  SKERRY_TRY(RequireOutsideTestBase(name));
  std::lock_guard lock(register_mu_);
  if (SKERRY_TRY(Find(org_id, name))) return Ok();  // RegisterMailDomain is idempotent
  if (SKERRY_TRY(directory_.ListAll(org_id, std::string(kKind))).size() >= kMaxMailDomainsPerOrganization)
    return DirectoryError(ErrorCode::kResourceExhausted, kLimitExceededError,
                          fmt::format("An organization can have at most {} mail domains.", kMaxMailDomainsPerOrganization));
  Stored stored;
  stored.doc.id = NewUuid(random_);
  auto& d = stored.domain;
  d.name = name;
  d.registered_at = Now();
  // Bound to organization and domain: the same domain in another organization needs its own
  // proof; registering it again in this one keeps the record already published.
  auto token = SKERRY_TRY(service_keys_.IndexHash("mail-domain-verification", org_id + "\n" + name));
  d.verification_token = HexEncode(ByteView(token).first(16));
  d.dkim_selector = options_.dkim_selector;
  auto keys = SKERRY_TRY(crypto::GenerateRsaKeyPair(options_.dkim_bits));
  d.dkim_private_der = std::move(keys.private_der);
  d.dkim_public = std::move(keys.public_base64);
  auto saved = Save(org_id, stored, {SKERRY_TRY(DomainClaim(name))});
  if (!saved) {
    if (saved.error().code == ErrorCode::kAlreadyExists)
      return DirectoryError(ErrorCode::kAlreadyExists, kMailDomainInUseError,
                            fmt::format("The domain {} is already registered by another organization.", name));
    return saved;
  }
  Log(LogLevel::kInfo, ev::kMailDomainRegistered, {{"organization", org_id}});
  return Ok();
}

Result<bool> MailDomainService::InUse(const std::string& org_id, const std::string& name) {
  for (auto type : {EntityType::kUser, EntityType::kGroup, EntityType::kResource}) {
    for (const auto& e : SKERRY_TRY(entities_.ListAll(org_id, type))) {
      if (!e.email.empty() && InDomain(e.email, name)) return true;
      for (const auto& a : e.aliases)
        if (InDomain(a, name)) return true;
    }
  }
  return false;
}

Status MailDomainService::Deregister(const std::string& org_id, const std::string& raw_name) {
  auto org = SKERRY_TRY(entities_.RequireOrg(org_id));
  auto name = SKERRY_TRY(NormalizeMailDomainName(raw_name));
  if (name == org.test_domain)
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          fmt::format("The test domain {} cannot be deregistered.", name));
  std::lock_guard lock(register_mu_);
  auto found = SKERRY_TRY(Find(org_id, name));
  if (!found) return Ok();  // DeregisterMailDomain is idempotent
  if (name == org.default_domain)
    return DirectoryError(ErrorCode::kFailedPrecondition, kMailDomainInUseError,
                          fmt::format("The domain {} is the default domain; make another domain the default first.", name));
  if (SKERRY_TRY(InUse(org_id, name)))
    return DirectoryError(ErrorCode::kFailedPrecondition, kMailDomainInUseError,
                          fmt::format("Users, groups or resources still have addresses in {}.", name));
  SKERRY_TRY(directory_.Delete(org_id, std::string(kKind), found->doc.id, {SKERRY_TRY(DomainClaim(name))}));
  Log(LogLevel::kInfo, ev::kMailDomainDeregistered, {{"organization", org_id}});
  return Ok();
}

Status MailDomainService::Refresh(const std::string& org_id, Stored& stored) {
  if (!resolver_) return Ok();
  auto report = CheckMailDomain(stored.domain, options_.records, *resolver_, Now());
  if (report.unanswered > 0)
    Log(LogLevel::kWarn, ev::kMailDomainCheckIncomplete,
        {{"organization", org_id}, {"unanswered", report.unanswered}});
  auto saved = Save(org_id, stored);
  if (!saved && saved.error().code == ErrorCode::kFailedPrecondition) return Ok();  // a newer write won
  return saved;
}

Result<MailDomainView> MailDomainService::Get(const std::string& org_id, const std::string& raw_name, bool force_check) {
  auto org = SKERRY_TRY(entities_.RequireOrg(org_id));
  auto name = SKERRY_TRY(NormalizeMailDomainName(raw_name));
  MailDomainView view;
  view.name = name;
  view.is_default = name == org.default_domain;
  if (name == org.test_domain) {
    view.is_test = true;
    view.ownership = view.dkim = RecordStatus::kVerified;
    return view;
  }
  auto found = SKERRY_TRY(Find(org_id, name));
  if (!found) return NotFound(name);
  if (force_check || Now() - found->domain.checked_at >= options_.recheck_seconds) SKERRY_TRY(Refresh(org_id, *found));
  const auto& d = found->domain;
  view.ownership = d.StatusOf(RecordPurpose::kOwnership);
  view.dkim = d.StatusOf(RecordPurpose::kDkim);
  view.checked_at = d.checked_at;
  for (auto& r : ExpectedRecords(d, options_.records)) {
    auto status = d.StatusOf(r.purpose);
    view.records.push_back({std::move(r), status});
  }
  return view;
}

Result<std::vector<MailDomainSummary>> MailDomainService::List(const std::string& org_id) {
  auto org = SKERRY_TRY(entities_.RequireOrg(org_id));
  std::vector<MailDomainSummary> out{{org.test_domain, org.test_domain == org.default_domain, true}};
  for (const auto& s : SKERRY_TRY(All(org_id)))
    out.push_back({s.domain.name, s.domain.name == org.default_domain, false});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Status MailDomainService::SetDefault(const std::string& org_id, const std::string& raw_name) {
  auto org = SKERRY_TRY(entities_.RequireOrg(org_id));
  auto name = SKERRY_TRY(NormalizeMailDomainName(raw_name));
  if (name != org.test_domain) SKERRY_TRY(RequireUsable(org_id, name));
  return organizations_.SetDefaultMailDomain(org_id, name);
}

Status MailDomainService::RequireUsable(const std::string& org_id, const std::string& name) {
  auto found = SKERRY_TRY(Find(org_id, name));
  if (!found) return NotFound(name);
  if (!options_.require_verification) return Ok();
  if (found->domain.StatusOf(RecordPurpose::kOwnership) != RecordStatus::kVerified) {
    // The administrator may just have published the record: look once before refusing.
    if (resolver_ && Now() - found->domain.checked_at >= options_.recheck_seconds) SKERRY_TRY(Refresh(org_id, *found));
    if (found->domain.StatusOf(RecordPurpose::kOwnership) != RecordStatus::kVerified)
      return DirectoryError(ErrorCode::kFailedPrecondition, kMailDomainStateError,
                            fmt::format("The domain {} is not verified yet: publish its ownership TXT record "
                                        "(GetMailDomain lists it).",
                                        name));
  }
  return Ok();
}

Result<std::string> MailDomainService::ZoneFile(const std::string& org_id, const std::string& raw_name) {
  SKERRY_TRY(entities_.RequireOrg(org_id));
  std::vector<ZoneSection> sections;
  if (!raw_name.empty()) {
    auto name = SKERRY_TRY(NormalizeMailDomainName(raw_name));
    auto found = SKERRY_TRY(Find(org_id, name));
    if (!found) return NotFound(name);
    sections.push_back({name, ExpectedRecords(found->domain, options_.records)});
  } else {
    for (const auto& s : SKERRY_TRY(All(org_id)))
      sections.push_back({s.domain.name, ExpectedRecords(s.domain, options_.records)});
  }
  return RenderZoneFile(sections, options_.records.ttl_seconds,
                        fmt::format("DNS records for the mail domains of Skerry organization {}.\n"
                                    "Import into each domain's zone; names are absolute.",
                                    org_id));
}

Result<std::size_t> MailDomainService::CheckAll(std::stop_token stop) {
  std::size_t checked = 0;
  for (const auto& org : SKERRY_TRY(organizations_.List())) {
    if (org.record.state != model::OrganizationState::kActive) continue;
    auto all = All(org.record.id);
    if (!all) continue;  // the organization went away meanwhile
    for (auto& s : *all) {
      if (stop.stop_requested()) return checked;
      SKERRY_TRY(Refresh(org.record.id, s));
      ++checked;
    }
  }
  return checked;
}

}  // namespace skerry::directory
