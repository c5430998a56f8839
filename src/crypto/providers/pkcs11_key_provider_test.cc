#include "crypto/providers/pkcs11_key_provider.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "crypto/providers/key_provider_contract.h"
#include "crypto/providers/pkcs11_module.h"

namespace skerry::crypto {
namespace {

namespace fs = std::filesystem;

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";
constexpr const char* kLabel = "skerry-test";

// Runs a shell command, returning its exit status and combined output.
std::pair<int, std::string> RunShell(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return {-1, "popen failed"};
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  return {::pclose(p), out};
}

// The slot holding the test token, looked up directly through the module.
CK_SLOT_ID TestSlot(CK_FUNCTION_LIST* fn) {
  CK_ULONG count = 8;
  CK_SLOT_ID slots[8];
  EXPECT_EQ(fn->C_GetSlotList(CK_TRUE, slots, &count), CKR_OK);
  for (CK_ULONG i = 0; i < count; ++i) {
    CK_TOKEN_INFO info{};
    EXPECT_EQ(fn->C_GetTokenInfo(slots[i], &info), CKR_OK);
    std::string label(reinterpret_cast<char*>(info.label), sizeof info.label);
    if (label.rfind(std::string(kLabel) + " ", 0) == 0) return slots[i];
  }
  ADD_FAILURE() << "test token not found";
  return 0;
}

// Every test gets a fresh SoftHSM2 token in its own directory (DESIGN §10): SOFTHSM2_CONF
// points at a private config whose tokendir is a temp dir, initialised by softhsm2-util.
class Pkcs11KeyProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Not a skip: CI must run this, so a missing SoftHSM2 is a failure with the fix in it.
    if (!fs::exists(kModule) || RunShell("command -v softhsm2-util").first != 0) {
      FAIL() << "SoftHSM2 is not installed (" << kModule << ", softhsm2-util): run "
             << "scripts/bootstrap.sh --test";
    }
    std::string tmpl = (fs::temp_directory_path() / "skerry-softhsm-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    fs::create_directory(dir_ / "tokens");
    {
      std::ofstream conf(dir_ / "softhsm2.conf");
      conf << "directories.tokendir = " << (dir_ / "tokens").string() << "\n"
           << "objectstore.backend = file\n"
           << "log.level = ERROR\n"
           << "slots.removable = false\n";
    }
    ASSERT_EQ(::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1), 0);
    auto [rc, out] = RunShell(std::string("softhsm2-util --init-token --free --label ") + kLabel +
                              " --pin 1234 --so-pin 5678");
    ASSERT_EQ(rc, 0) << "softhsm2-util --init-token failed: " << out;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static Pkcs11Config Config(std::string pin = "1234", std::string label = kLabel,
                             std::string module = kModule) {
    return Pkcs11Config{std::move(module), std::move(label), SecretBytes(AsBytes(pin))};
  }
  std::unique_ptr<Pkcs11KeyProvider> OpenOrDie() {
    auto kp = Pkcs11KeyProvider::Open(Config(), random_);
    EXPECT_TRUE(kp.has_value()) << kp.error().ToString();
    return kp ? std::move(*kp) : nullptr;
  }

  fs::path dir_;
  SeededRandom random_{21};
};

TEST_F(Pkcs11KeyProviderTest, Contract) {
  auto kp = OpenOrDie();
  ASSERT_TRUE(kp);
  EXPECT_EQ(kp->Name(), "pkcs11");
  testing::ExerciseKeyProviderContract(*kp, random_);
}

TEST_F(Pkcs11KeyProviderTest, KeysAreNonExtractableTokenObjectsAndTombstonesAreRecorded) {
  auto kp = OpenOrDie();
  ASSERT_TRUE(kp);
  ASSERT_TRUE(kp->CreateKey("org-key").has_value());
  ASSERT_TRUE(kp->CreateKey("doomed").has_value());
  ASSERT_TRUE(kp->DestroyKey("doomed").has_value());

  // Look at the token directly, through a second session of the same module.
  auto module = Pkcs11Module::Acquire(kModule);
  ASSERT_TRUE(module.has_value());
  CK_FUNCTION_LIST* fn = module->fn();
  CK_SLOT_ID slot = TestSlot(fn);
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
  ASSERT_EQ(fn->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session), CKR_OK);
  auto find = [&](CK_OBJECT_CLASS cls, const std::string& label) {
    CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                           {CKA_LABEL, const_cast<char*>(label.data()), label.size()}};
    EXPECT_EQ(fn->C_FindObjectsInit(session, tmpl, 2), CKR_OK);
    CK_OBJECT_HANDLE found[4];
    CK_ULONG n = 0;
    EXPECT_EQ(fn->C_FindObjects(session, found, 4, &n), CKR_OK);
    EXPECT_EQ(fn->C_FindObjectsFinal(session), CKR_OK);
    return std::vector<CK_OBJECT_HANDLE>(found, found + n);
  };
  auto keys = find(CKO_SECRET_KEY, "org-key");
  ASSERT_EQ(keys.size(), 1u);
  CK_BBOOL sensitive = CK_FALSE, extractable = CK_TRUE, token = CK_FALSE;
  CK_ULONG len = 0;
  CK_ATTRIBUTE attrs[] = {{CKA_SENSITIVE, &sensitive, sizeof sensitive},
                          {CKA_EXTRACTABLE, &extractable, sizeof extractable},
                          {CKA_TOKEN, &token, sizeof token},
                          {CKA_VALUE_LEN, &len, sizeof len}};
  ASSERT_EQ(fn->C_GetAttributeValue(session, keys[0], attrs, 4), CKR_OK);
  EXPECT_EQ(sensitive, CK_TRUE);
  EXPECT_EQ(extractable, CK_FALSE);
  EXPECT_EQ(token, CK_TRUE);
  EXPECT_EQ(len, 32u);
  std::uint8_t value[64];
  CK_ATTRIBUTE value_attr = {CKA_VALUE, value, sizeof value};
  EXPECT_EQ(fn->C_GetAttributeValue(session, keys[0], &value_attr, 1), CKR_ATTRIBUTE_SENSITIVE);

  EXPECT_TRUE(find(CKO_SECRET_KEY, "doomed").empty()) << "destroyed key must be gone";
  EXPECT_EQ(find(CKO_DATA, "skerry-tombstone:doomed").size(), 1u);
  fn->C_CloseSession(session);
}

TEST_F(Pkcs11KeyProviderTest, ReopenKeepsKeysAndTombstones) {
  SecretBytes mailbox_key(random_.Generate(32));
  EncryptionContext ctx{{"org", "m-1"}, {"mailbox", "9"}};
  Bytes wrapped_live, wrapped_gone;
  {
    auto kp = OpenOrDie();
    ASSERT_TRUE(kp);
    ASSERT_TRUE(kp->CreateKey("live").has_value());
    ASSERT_TRUE(kp->CreateKey("gone").has_value());
    wrapped_live = kp->Wrap("live", ctx, mailbox_key).value();
    wrapped_gone = kp->Wrap("gone", ctx, mailbox_key).value();
    ASSERT_TRUE(kp->DestroyKey("gone").has_value());
  }  // last user: the module is finalised, so the next Open re-reads the token from disk
  auto kp = OpenOrDie();
  ASSERT_TRUE(kp);
  EXPECT_TRUE(kp->HasKey("live").value());
  auto back = kp->Unwrap("live", ctx, wrapped_live);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_TRUE(ConstantTimeEqual(back->view(), mailbox_key.view()));
  EXPECT_EQ(kp->Unwrap("gone", ctx, wrapped_gone).error().code, ErrorCode::kKeyDestroyed);
  EXPECT_EQ(kp->Unwrap("live", {{"org", "m-2"}, {"mailbox", "9"}}, wrapped_live).error().code,
            ErrorCode::kCorrupt);
}

TEST_F(Pkcs11KeyProviderTest, RecoversFromALostSession) {
  auto kp = OpenOrDie();
  ASSERT_TRUE(kp);
  ASSERT_TRUE(kp->CreateKey("k").has_value());
  SecretBytes key(random_.Generate(32));
  Bytes wrapped = kp->Wrap("k", {{"org", "o"}}, key).value();
  // Something (a token reset, another part of the process) closes every session on the slot:
  // the provider's handle is now invalid and its next call must reopen and log in again.
  auto module = Pkcs11Module::Acquire(kModule);
  ASSERT_TRUE(module.has_value());
  ASSERT_EQ(module->fn()->C_CloseAllSessions(TestSlot(module->fn())), CKR_OK);
  auto back = kp->Unwrap("k", {{"org", "o"}}, wrapped);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_TRUE(ConstantTimeEqual(back->view(), key.view()));
  EXPECT_TRUE(kp->HasKey("k").value());
}

TEST_F(Pkcs11KeyProviderTest, TwoProvidersShareTheModule) {
  auto a = OpenOrDie();
  auto b = OpenOrDie();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->CreateKey("shared").has_value());
  SecretBytes key(random_.Generate(32));
  Bytes wrapped = a->Wrap("shared", {{"org", "o"}}, key).value();
  a.reset();  // must not finalise the module under b
  auto back = b->Unwrap("shared", {{"org", "o"}}, wrapped);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_TRUE(ConstantTimeEqual(back->view(), key.view()));
}

TEST_F(Pkcs11KeyProviderTest, Concurrency) {
  auto kp = OpenOrDie();
  ASSERT_TRUE(kp);
  ASSERT_TRUE(kp->CreateKey("org").has_value());
  // The provider's own Random is shared by the threads, so give it the thread-safe one.
  auto secure = Pkcs11KeyProvider::Open(Config(), Random::Secure());
  ASSERT_TRUE(secure.has_value());
  testing::ExerciseConcurrency(**secure, "org", 4, 25);
}

TEST_F(Pkcs11KeyProviderTest, ConfigurationErrorsAreClear) {
  auto wrong_pin = Pkcs11KeyProvider::Open(Config("987654"), random_);
  ASSERT_FALSE(wrong_pin.has_value());
  EXPECT_EQ(wrong_pin.error().code, ErrorCode::kPermissionDenied) << wrong_pin.error().ToString();
  EXPECT_EQ(wrong_pin.error().ToString().find("987654"), std::string::npos) << "PIN leaked";

  auto no_token = Pkcs11KeyProvider::Open(Config("1234", "no-such-token"), random_);
  ASSERT_FALSE(no_token.has_value());
  EXPECT_EQ(no_token.error().code, ErrorCode::kConfig);
  EXPECT_NE(no_token.error().detail.find("no-such-token"), std::string::npos);
  EXPECT_NE(no_token.error().detail.find(kLabel), std::string::npos) << "lists what is there";

  auto no_module =
      Pkcs11KeyProvider::Open(Config("1234", kLabel, (dir_ / "missing.so").string()), random_);
  ASSERT_FALSE(no_module.has_value());
  EXPECT_EQ(no_module.error().code, ErrorCode::kConfig);

  auto not_a_module = Pkcs11KeyProvider::Open(Config("1234", kLabel, "libc.so.6"), random_);
  ASSERT_FALSE(not_a_module.has_value());
  EXPECT_EQ(not_a_module.error().code, ErrorCode::kConfig);

  // After all that, the right configuration still works.
  EXPECT_TRUE(OpenOrDie());
}

}  // namespace
}  // namespace skerry::crypto
