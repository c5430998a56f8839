#pragma once
// Test fixture for the entity services: an organization in an in-memory store with a local key
// provider, an OrgLookup the test can flip to "deleted", and mailbox hooks that record calls.

#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "crypto/key_hierarchy.h"
#include "crypto/providers/local_key_provider.h"
#include "directory/entity_service.h"
#include "directory/entity_store.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

// An empty in-memory store; defined in entity_service_test.cc (only tests may name the fake).
std::unique_ptr<storage::MetadataStore> MakeTestMetadataStore();

class EntityTest : public ::testing::Test {
 protected:
  static constexpr const char* kOrg = "m-0123456789abcdef0123456789abcdef";
  static constexpr const char* kDomain = "acme.localhost";

  void SetUp() override {
    provider_ = std::move(*crypto::LocalKeyProvider::Open(dir_.path(), random_));
    providers_.Add(provider_.get(), true);
    model::OrganizationRecord org;
    org.id = kOrg;
    org.key = {"local", crypto::DefaultOrgKeyId(org.id)};
    ASSERT_TRUE(provider_->CreateKey(org.key.key_id));
    auto dk = crypto::GenerateKey(random_);
    org.wrapped_directory_key = *provider_->Wrap(org.key.key_id, crypto::OrgKeyContext(org.id, "directory"), dk);
    mstore_ = MakeTestMetadataStore();
    ASSERT_TRUE(mstore_->Write([&](storage::WriteTxn& t) { return t.PutOrganization(org); }));
    directory_ = std::make_unique<OrgDirectory>(*mstore_, providers_, clock_, random_);
    store_ = std::make_unique<EntityStore>(
        *directory_,
        [this](const std::string& id) -> Result<OrgInfo> {
          if (id != kOrg) return MakeError(ErrorCode::kNotFound, "no such organization");
          return OrgInfo{org_active_, {kDomain}};
        },
        clock_, random_);
    entities_ = std::make_unique<EntityService>(
        *store_, MailboxHooks{[this](const std::string&) -> Result<std::string> {
                                auto id = "mbx-" + std::to_string(++mailbox_counter_);
                                live_mailboxes_.insert(id);
                                return id;
                              },
                              [this](const std::string& id) -> Status {
                                live_mailboxes_.erase(id);
                                return Ok();
                              }});
  }

  static std::string Exception(const Error& e) { return e.detail.substr(0, e.detail.find(':')); }

  TempDir dir_;  // the keyring's
  SeededRandom random_{11};
  FakeClock clock_;
  std::unique_ptr<storage::MetadataStore> mstore_;
  std::unique_ptr<crypto::LocalKeyProvider> provider_;
  KeyProviders providers_;
  std::unique_ptr<OrgDirectory> directory_;
  std::unique_ptr<EntityStore> store_;
  std::unique_ptr<EntityService> entities_;
  bool org_active_ = true;
  int mailbox_counter_ = 0;
  std::set<std::string> live_mailboxes_;
};

}  // namespace skerry::directory
