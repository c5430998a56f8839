#include "directory/integration_store.h"

#include <gtest/gtest.h>

#include "directory/org_directory_fixture.h"

namespace skerry::directory {
namespace {
class IntegrationStoreTest : public OrgDirectoryFixture {
 protected:
  IntegrationStoreTest() : OrgDirectoryFixture(17) {}

  void SetUp() override {
    OrgDirectoryFixture::SetUp();
    integrations_ = std::make_unique<IntegrationStore>(*directory_, clock_, random_);
  }

  ExportJob Job() {
    ExportJob j;
    j.entity_id = "0f9e8d7c-6b5a-4c3d-8e2f-1a2b3c4d5e6f";
    j.role_arn = "arn:aws:iam::111122223333:role/export";
    j.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/abc";
    j.s3_bucket = "bucket";
    j.s3_prefix = "exports/";
    return j;
  }

  std::unique_ptr<IntegrationStore> integrations_;
};

TEST_F(IntegrationStoreTest, ExportJobLifecycle) {
  auto id = integrations_->StartExportJob(org_, Job());
  ASSERT_TRUE(id) << id.error().ToString();
  auto job = *integrations_->ExportJobById(org_, *id);
  EXPECT_EQ(job.state, ExportJobState::kPending);
  EXPECT_EQ(ExportJobStateName(job.state), "RUNNING");  // the model has no PENDING
  EXPECT_EQ(job.s3_path, "exports/" + *id + ".zip");
  EXPECT_EQ(job.start_time, 1'700'000'000);
  EXPECT_EQ(job.end_time, 0);
  ASSERT_TRUE(integrations_->CancelExportJob(org_, *id));
  job = *integrations_->ExportJobById(org_, *id);
  EXPECT_EQ(job.state, ExportJobState::kCancelled);
  EXPECT_GT(job.end_time, 0);
  EXPECT_TRUE(integrations_->CancelExportJob(org_, *id));  // again: no-op
  EXPECT_EQ(integrations_->CancelExportJob(org_, "nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(integrations_->ExportJobById(org_, "nope").error().code, ErrorCode::kNotFound);
}

TEST_F(IntegrationStoreTest, ExportJobsLimitActiveAndListOnlyLastSevenDays) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kMaxActiveExportJobs; ++i) {
    ids.push_back(*integrations_->StartExportJob(org_, Job()));
    clock_.Advance(std::chrono::seconds(1));
  }
  EXPECT_EQ(integrations_->StartExportJob(org_, Job()).error().code, ErrorCode::kResourceExhausted);
  ASSERT_TRUE(integrations_->CancelExportJob(org_, ids[0]));
  auto late = integrations_->StartExportJob(org_, Job());
  ASSERT_TRUE(late);
  auto jobs = *integrations_->RecentExportJobs(org_);
  ASSERT_EQ(jobs.size(), kMaxActiveExportJobs + 1);
  EXPECT_EQ(jobs.front().id, ids[0]);
  EXPECT_EQ(jobs.back().id, *late);
  clock_.Advance(std::chrono::hours(24 * 7) - std::chrono::seconds(5));
  EXPECT_LT(integrations_->RecentExportJobs(org_)->size(), jobs.size());
  clock_.Advance(std::chrono::hours(1));
  EXPECT_TRUE(integrations_->RecentExportJobs(org_)->empty());
}

TEST_F(IntegrationStoreTest, AvailabilityDomainsAreUniqueCaseInsensitively) {
  AvailabilityConfig ews{"Example.com", false, "https://ews.example.com/EWS/Exchange.asmx", "svc", "s3cret"};
  ASSERT_TRUE(integrations_->CreateAvailability(org_, ews));
  AvailabilityConfig dup{"example.COM", true, "", "", "", "arn:aws:lambda:us-east-1:111122223333:function:cap"};
  EXPECT_EQ(integrations_->CreateAvailability(org_, dup).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(integrations_->UpdateAvailability(org_, AvailabilityConfig{"other.com", true}).error().code,
            ErrorCode::kNotFound);
  clock_.Advance(std::chrono::seconds(10));
  ASSERT_TRUE(integrations_->UpdateAvailability(org_, dup));
  auto got = *integrations_->Availability(org_, "EXAMPLE.com");
  EXPECT_EQ(got.domain, "Example.com");
  EXPECT_TRUE(got.lambda);
  EXPECT_EQ(got.ews_password, "");
  EXPECT_EQ(got.date_created + 10, got.date_modified);
  ASSERT_TRUE(integrations_->CreateAvailability(org_, AvailabilityConfig{"a.org", false, "https://a/", "u", "p"}));
  auto all = *integrations_->AvailabilityConfigs(org_);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].domain, "a.org");
  EXPECT_EQ(all[1].ews_password, "");
  EXPECT_EQ(all[0].ews_password, "p");
  ASSERT_TRUE(integrations_->DeleteAvailability(org_, "EXAMPLE.COM"));
  ASSERT_TRUE(integrations_->DeleteAvailability(org_, "example.com"));  // absent: OK
  EXPECT_EQ(integrations_->Availability(org_, "example.com").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(integrations_->CreateAvailability(org_, ews));  // the domain's claim was released
}

TEST_F(IntegrationStoreTest, AvailabilityPasswordNeverReachesDiskInTheClear) {
  ASSERT_TRUE(integrations_->CreateAvailability(
      org_, AvailabilityConfig{"example.com", false, "https://ews/", "svc", "VeryRecognizablePassword"}));
  bool seen_object = false;
  std::vector<model::DirectoryObject> objects;
  ASSERT_TRUE(store_.Read([&](storage::ReadTxn& t) -> Status {
    objects = SKERRY_TRY(t.ListObjects(org_, "availability", "", 100));
    return Ok();
  }));
  for (const auto& o : objects) {
    seen_object = true;
    std::string sealed(o.sealed.begin(), o.sealed.end());
    EXPECT_EQ(sealed.find("VeryRecognizablePassword"), std::string::npos);
    EXPECT_EQ(sealed.find("example.com"), std::string::npos);
    EXPECT_EQ(o.id.find("example"), std::string::npos);
  }
  EXPECT_TRUE(seen_object);
}

TEST_F(IntegrationStoreTest, PersonalAccessTokens) {
  EXPECT_TRUE(integrations_->Tokens(org_, "")->empty());
  EXPECT_EQ(integrations_->Token(org_, "t1").error().code, ErrorCode::kNotFound);
  PersonalAccessToken t{"t1", "user-a", "laptop", {"mail:read"}, 100, 0, 200};
  ASSERT_TRUE(integrations_->PutToken(org_, t));
  ASSERT_TRUE(integrations_->PutToken(org_, PersonalAccessToken{"t2", "user-b", "phone", {"x"}, 100, 150, 200}));
  EXPECT_EQ(integrations_->Token(org_, "t1")->scopes, std::vector<std::string>{"mail:read"});
  EXPECT_EQ(integrations_->Tokens(org_, "")->size(), 2u);
  auto mine = *integrations_->Tokens(org_, "user-b");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].date_last_used, 150);
  ASSERT_TRUE(integrations_->DeleteToken(org_, "t1"));
  ASSERT_TRUE(integrations_->DeleteToken(org_, "t1"));
  EXPECT_EQ(integrations_->Tokens(org_, "")->size(), 1u);
}

TEST_F(IntegrationStoreTest, IdentityProviderConfiguration) {
  EXPECT_EQ(integrations_->IdentityProvider(org_).error().code, ErrorCode::kNotFound);
  IdentityProviderConfig c{"IDENTITY_PROVIDER_ONLY", "arn:aws:sso:::instance/ssoins-1234567890abcdef",
                           "arn:aws:sso::000000000000:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
                           "ACTIVE", 30};
  ASSERT_TRUE(integrations_->PutIdentityProvider(org_, c));
  c.authentication_mode = "IDENTITY_PROVIDER_AND_DIRECTORY";
  ASSERT_TRUE(integrations_->PutIdentityProvider(org_, c));
  auto got = *integrations_->IdentityProvider(org_);
  EXPECT_EQ(got.authentication_mode, "IDENTITY_PROVIDER_AND_DIRECTORY");
  EXPECT_EQ(got.token_lifetime_days, 30);
  ASSERT_TRUE(integrations_->DeleteIdentityProvider(org_));
  ASSERT_TRUE(integrations_->DeleteIdentityProvider(org_));
  EXPECT_EQ(integrations_->IdentityProvider(org_).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace skerry::directory
