// MailDomainService over the in-memory store, a local key provider and a StaticResolver standing
// in for DNS (the real resolver and a real DNS server are exercised by
// tests/integration/test_admin_api_domains.py).
#include "directory/mail_domain_service.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "crypto/key_cache.h"
#include "crypto/providers/local_key_provider.h"
#include "directory/entity_service.h"
#include "directory/user_service.h"
#include "mailauth/static_resolver.h"

namespace skerry::directory {

std::unique_ptr<storage::MetadataStore> MakeTestMetadataStore();

namespace {

class MailDomainServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = std::move(*crypto::LocalKeyProvider::Open(dir_.path(), random_));
    providers_.Add(provider_.get(), true);
    store_ = MakeTestMetadataStore();
    service_keys_ = std::move(*ServiceKeys::Open(*store_, *provider_, random_));
    orgs_ = std::make_unique<OrganizationService>(*store_, providers_, key_cache_, *service_keys_, "localhost",
                                                  random_, clock_);
    directory_ = std::make_unique<OrgDirectory>(*store_, providers_, clock_, random_);
    MailDomainOptions options;
    options.records = {"mail.skerry.net", "mail.skerry.net", 3600};
    options.dkim_bits = 1024;  // fast; the size is not what these tests are about
    options.recheck_seconds = 0;
    domains_ = std::make_unique<MailDomainService>(*directory_, *orgs_, *service_keys_, &dns_, clock_, random_,
                                                   options);
    entity_store_ = std::make_unique<EntityStore>(*directory_, orgs_->AsLookup(), clock_, random_, domains_->AsCheck());
    entities_ = std::make_unique<EntityService>(
        *entity_store_, MailboxHooks{[](const std::string&) -> Result<std::string> { return std::string("mbx"); },
                                     [](const std::string&) -> Status { return Ok(); }});
    users_ = std::make_unique<UserService>(*entity_store_);
    org_ = orgs_->Create({.alias = "acme"})->record.id;
    other_ = orgs_->Create({.alias = "globex"})->record.id;
  }

  static std::string Exception(const Error& e) { return e.detail.substr(0, e.detail.find(':')); }

  // Publishes what GetMailDomain asks for.
  void Publish(const std::string& org, const std::string& name) {
    auto view = domains_->Get(org, name);
    ASSERT_TRUE(view) << view.error().ToString();
    for (const auto& r : view->records) {
      if (r.record.type == "TXT") dns_.AddTxt(r.record.hostname, r.record.value);
      if (r.record.type == "CNAME") dns_.AddCname(r.record.hostname, r.record.value);
      if (r.record.type == "MX") dns_.AddMx(r.record.hostname, 10, "mail.skerry.net");
    }
  }

  TempDir dir_;  // the keyring's
  SeededRandom random_{7};
  FakeClock clock_;
  crypto::MailboxKeyCache key_cache_{clock_};
  std::unique_ptr<crypto::LocalKeyProvider> provider_;
  KeyProviders providers_;
  std::unique_ptr<storage::MetadataStore> store_;
  std::unique_ptr<ServiceKeys> service_keys_;
  std::unique_ptr<OrganizationService> orgs_;
  std::unique_ptr<OrgDirectory> directory_;
  mailauth::StaticResolver dns_;
  std::unique_ptr<MailDomainService> domains_;
  std::unique_ptr<EntityStore> entity_store_;
  std::unique_ptr<EntityService> entities_;
  std::unique_ptr<UserService> users_;
  std::string org_, other_;
};

TEST_F(MailDomainServiceTest, TestDomainIsListedVerifiedAndDefault) {
  auto list = domains_->List(org_);
  ASSERT_TRUE(list) << list.error().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].name, "acme.localhost");
  EXPECT_TRUE((*list)[0].is_default);
  EXPECT_TRUE((*list)[0].is_test);
  auto view = domains_->Get(org_, "ACME.localhost");
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->is_test);
  EXPECT_EQ(view->ownership, RecordStatus::kVerified);
  auto gone = domains_->Deregister(org_, "acme.localhost");
  ASSERT_FALSE(gone);
  EXPECT_EQ(Exception(gone.error()), "InvalidParameterException");
  auto again = domains_->Register(org_, "acme.localhost");
  ASSERT_FALSE(again);
  EXPECT_EQ(Exception(again.error()), "MailDomainInUseException");
  auto under_base = domains_->Register(org_, "other.localhost");
  ASSERT_FALSE(under_base);
  EXPECT_EQ(Exception(under_base.error()), "InvalidParameterException");
}

TEST_F(MailDomainServiceTest, RegisterVerifyUseAndDeregister) {
  ASSERT_TRUE(domains_->Register(org_, "Example.com"));
  ASSERT_TRUE(domains_->Register(org_, "example.com"));  // idempotent
  auto view = domains_->Get(org_, "example.com");
  ASSERT_TRUE(view) << view.error().ToString();
  EXPECT_FALSE(view->is_test);
  EXPECT_FALSE(view->is_default);
  EXPECT_EQ(view->ownership, RecordStatus::kPending);
  EXPECT_EQ(view->dkim, RecordStatus::kPending);
  ASSERT_EQ(view->records.size(), 6u);

  // Unverified: no addresses there yet, and it cannot become the default.
  ASSERT_TRUE(users_->Create(org_, {.name = "alice", .display_name = "Alice", .password = "Correct-Horse-1"}));
  auto early = entities_->Register(org_, "alice", "alice@example.com");
  ASSERT_FALSE(early);
  EXPECT_EQ(Exception(early.error()), "MailDomainStateException");
  auto early_default = domains_->SetDefault(org_, "example.com");
  ASSERT_FALSE(early_default);
  EXPECT_EQ(Exception(early_default.error()), "MailDomainStateException");

  Publish(org_, "example.com");
  view = domains_->Get(org_, "example.com");
  ASSERT_TRUE(view);
  EXPECT_EQ(view->ownership, RecordStatus::kVerified);
  EXPECT_EQ(view->dkim, RecordStatus::kVerified);
  for (const auto& r : view->records) EXPECT_EQ(r.status, RecordStatus::kVerified) << r.record.hostname;

  ASSERT_TRUE(entities_->Register(org_, "alice", "alice@example.com"));
  ASSERT_TRUE(domains_->SetDefault(org_, "example.com"));
  auto list = domains_->List(org_);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].name, "example.com");
  EXPECT_TRUE((*list)[1].is_default);
  EXPECT_FALSE((*list)[0].is_default);

  auto busy = domains_->Deregister(org_, "example.com");
  ASSERT_FALSE(busy);
  EXPECT_EQ(Exception(busy.error()), "MailDomainInUseException");
  ASSERT_TRUE(domains_->SetDefault(org_, "acme.localhost"));
  busy = domains_->Deregister(org_, "example.com");
  ASSERT_FALSE(busy);
  EXPECT_EQ(Exception(busy.error()), "MailDomainInUseException");  // alice still has an address there
  ASSERT_TRUE(entities_->UpdatePrimaryEmail(org_, "alice", "alice@acme.localhost"));
  ASSERT_TRUE(entities_->DeleteAlias(org_, "alice", "alice@example.com"));
  ASSERT_TRUE(domains_->Deregister(org_, "example.com"));
  ASSERT_TRUE(domains_->Deregister(org_, "example.com"));  // idempotent
  auto missing = domains_->Get(org_, "example.com");
  ASSERT_FALSE(missing);
  EXPECT_EQ(Exception(missing.error()), "MailDomainNotFoundException");
}

TEST_F(MailDomainServiceTest, ADomainBelongsToOneOrganizationUntilReleased) {
  ASSERT_TRUE(domains_->Register(org_, "example.com"));
  auto taken = domains_->Register(other_, "EXAMPLE.com");
  ASSERT_FALSE(taken);
  EXPECT_EQ(Exception(taken.error()), "MailDomainInUseException");
  ASSERT_TRUE(domains_->Deregister(org_, "example.com"));
  ASSERT_TRUE(domains_->Register(other_, "example.com"));
  // Deleting an organization releases its domains.
  ASSERT_TRUE(orgs_->Delete(other_));
  ASSERT_TRUE(domains_->Register(org_, "example.com"));
}

TEST_F(MailDomainServiceTest, OwnershipTokensDifferPerOrganizationAndSurviveReRegistration) {
  ASSERT_TRUE(domains_->Register(org_, "example.com"));
  auto first = domains_->Get(org_, "example.com")->records[0].record.value;
  ASSERT_TRUE(domains_->Deregister(org_, "example.com"));
  ASSERT_TRUE(domains_->Register(org_, "example.com"));
  EXPECT_EQ(domains_->Get(org_, "example.com")->records[0].record.value, first);
  ASSERT_TRUE(domains_->Deregister(org_, "example.com"));
  ASSERT_TRUE(domains_->Register(other_, "example.com"));
  EXPECT_NE(domains_->Get(other_, "example.com")->records[0].record.value, first);
}

TEST_F(MailDomainServiceTest, LimitOf100Domains) {
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(domains_->Register(org_, "d" + std::to_string(i) + ".example"));
  auto over = domains_->Register(org_, "d100.example");
  ASSERT_FALSE(over);
  EXPECT_EQ(Exception(over.error()), "LimitExceededException");
  EXPECT_EQ(domains_->List(org_)->size(), 101u);  // with the test domain
}

TEST_F(MailDomainServiceTest, ZoneFileHasEveryDomainsRecords) {
  ASSERT_TRUE(domains_->Register(org_, "example.com"));
  ASSERT_TRUE(domains_->Register(org_, "example.org"));
  auto zone = domains_->ZoneFile(org_, "");
  ASSERT_TRUE(zone) << zone.error().ToString();
  for (const char* line : {"example.com. 3600 IN MX 10 mail.skerry.net.", "example.org. 3600 IN MX 10 mail.skerry.net.",
                           "_dmarc.example.org. 3600 IN TXT", "skerry._domainkey.example.com. 3600 IN TXT"})
    EXPECT_NE(zone->find(line), std::string::npos) << line << "\n" << *zone;
  auto one = domains_->ZoneFile(org_, "example.org");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->find("example.com."), std::string::npos);
  auto none = domains_->ZoneFile(org_, "example.net");
  ASSERT_FALSE(none);
  EXPECT_EQ(Exception(none.error()), "MailDomainNotFoundException");
}

TEST_F(MailDomainServiceTest, WithoutVerificationRequiredAddressesWorkAtOnce) {
  MailDomainOptions options = domains_->options();
  options.require_verification = false;
  MailDomainService lax(*directory_, *orgs_, *service_keys_, nullptr, clock_, random_, options);
  ASSERT_TRUE(lax.Register(org_, "example.com"));
  EXPECT_TRUE(lax.RequireUsable(org_, "example.com"));
  auto unknown = lax.RequireUsable(org_, "example.net");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(Exception(unknown.error()), "MailDomainNotFoundException");
}

TEST_F(MailDomainServiceTest, DeletedOrganizationIsRefused) {
  ASSERT_TRUE(orgs_->Delete(other_));
  auto r = domains_->Register(other_, "example.com");
  ASSERT_FALSE(r);
  EXPECT_EQ(Exception(r.error()), "OrganizationStateException");
  auto l = domains_->List("m-00000000000000000000000000000000");
  ASSERT_FALSE(l);
  EXPECT_EQ(Exception(l.error()), "OrganizationNotFoundException");
}

}  // namespace
}  // namespace skerry::directory
