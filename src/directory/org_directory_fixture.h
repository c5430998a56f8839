#pragma once
// Test fixture: one organization (with its wrapped directory key) in an in-memory store, a local
// key provider in a per-test temporary directory, and an OrgDirectory over them.

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "crypto/key_hierarchy.h"
#include "crypto/providers/local_key_provider.h"
#include "directory/org_directory.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

// An empty in-memory store; defined in entity_service_test.cc (only tests may name the fake).
std::unique_ptr<storage::MetadataStore> MakeTestMetadataStore();

class OrgDirectoryFixture : public ::testing::Test {
 protected:
  explicit OrgDirectoryFixture(std::uint64_t seed) : random_(seed) {}

  void SetUp() override {
    provider_ = std::move(*crypto::LocalKeyProvider::Open(dir_.path(), random_));
    providers_.Add(provider_.get(), true);
    model::OrganizationRecord org;
    org.id = "m-0123456789abcdef0123456789abcdef";
    org.key = {"local", crypto::DefaultOrgKeyId(org.id)};
    ASSERT_TRUE(provider_->CreateKey(org.key.key_id));
    auto dk = crypto::GenerateKey(random_);
    org.wrapped_directory_key = *provider_->Wrap(org.key.key_id, crypto::OrgKeyContext(org.id, "directory"), dk);
    ASSERT_TRUE(store_.Write([&](storage::WriteTxn& t) { return t.PutOrganization(org); }));
    org_ = org.id;
    directory_ = std::make_unique<OrgDirectory>(store_, providers_, clock_, random_);
  }

  TempDir dir_;  // the keyring's
  SeededRandom random_;
  FakeClock clock_;
  std::unique_ptr<storage::MetadataStore> owned_store_ = MakeTestMetadataStore();
  storage::MetadataStore& store_ = *owned_store_;
  std::unique_ptr<crypto::LocalKeyProvider> provider_;
  KeyProviders providers_;
  std::string org_;
  std::unique_ptr<OrgDirectory> directory_;
};

}  // namespace skerry::directory
