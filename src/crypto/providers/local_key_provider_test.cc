#include "crypto/providers/local_key_provider.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "base/file_util.h"
#include "crypto/providers/key_provider_contract.h"
#include "crypto/sealed_value.h"

namespace skerry::crypto {
namespace {

namespace fs = std::filesystem;

class LocalKeyProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "skerry-keyring-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    dir_ = root_ / "keys";
  }
  void TearDown() override { fs::remove_all(root_); }

  int Mode(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 07777;
  }
  Bytes Read(const fs::path& p) { return ReadFileBytes(p).value(); }
  // The keyring plaintext, decrypted the way the provider does (format in the header).
  Bytes KeyringPlaintext() {
    SecretBytes master(Read(dir_ / LocalKeyProvider::kMasterKeyFile));
    Bytes file = Read(dir_ / LocalKeyProvider::kKeyringFile);
    return OpenValue(master, LocalKeyProvider::kKeyringContext,
                     ByteView(file).subspan(sizeof LocalKeyProvider::kKeyringMagic))
        .value();
  }
  void ExpectRefused(ErrorCode code, std::string_view mentions) {
    auto kp = LocalKeyProvider::Open(dir_, random_);
    ASSERT_FALSE(kp.has_value());
    EXPECT_EQ(kp.error().code, code) << kp.error().ToString();
    EXPECT_NE(kp.error().detail.find(mentions), std::string::npos) << kp.error().detail;
  }

  fs::path root_, dir_;
  SeededRandom random_{11};
};

TEST_F(LocalKeyProviderTest, FirstStartCreatesPrivateFiles) {
  auto kp = LocalKeyProvider::Open(dir_, random_);
  ASSERT_TRUE(kp.has_value()) << kp.error().ToString();
  EXPECT_EQ((*kp)->Name(), "local");
  EXPECT_EQ(Mode(dir_), 0700);
  EXPECT_EQ(Mode(dir_ / "master.key"), 0600);
  EXPECT_EQ(Mode(dir_ / "keyring"), 0600);
  EXPECT_EQ(Read(dir_ / "master.key").size(), 32u);
  EXPECT_EQ(HexEncode(KeyringPlaintext()), "00000000");  // zero entries
}

TEST_F(LocalKeyProviderTest, CreationNeverRefusesAMissingKeyringAndCreatesNothing) {
  auto kp = LocalKeyProvider::Open(dir_, random_, LocalKeyProvider::Creation::kNever);
  ASSERT_FALSE(kp.has_value());
  EXPECT_EQ(kp.error().code, ErrorCode::kNotFound);
  EXPECT_NE(kp.error().detail.find(dir_.string() + " holds no keyring"), std::string::npos)
      << kp.error().detail;
  EXPECT_FALSE(fs::exists(dir_));  // a mistyped directory is not left behind
  {
    auto created = LocalKeyProvider::Open(dir_, random_);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
    ASSERT_TRUE((*created)->CreateKey("k").has_value());
  }
  auto reopened = LocalKeyProvider::Open(dir_, random_, LocalKeyProvider::Creation::kNever);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().ToString();
  EXPECT_TRUE((*reopened)->HasKey("k").value());
}

TEST_F(LocalKeyProviderTest, Contract) {
  auto kp = LocalKeyProvider::Open(dir_, random_).value();
  testing::ExerciseKeyProviderContract(*kp, random_);
}

TEST_F(LocalKeyProviderTest, Concurrency) {
  auto kp = LocalKeyProvider::Open(dir_, Random::Secure()).value();
  ASSERT_TRUE(kp->CreateKey("org").has_value());
  testing::ExerciseConcurrency(*kp, "org", 4, 50);
}

TEST_F(LocalKeyProviderTest, ReopenKeepsKeysAndTombstones) {
  SecretBytes mailbox_key(random_.Generate(32));
  EncryptionContext ctx{{"org", "m-1"}, {"mailbox", "7"}};
  Bytes wrapped_live, wrapped_gone;
  {
    auto kp = LocalKeyProvider::Open(dir_, random_).value();
    ASSERT_TRUE(kp->CreateKey("live").has_value());
    ASSERT_TRUE(kp->CreateKey("gone").has_value());
    wrapped_live = kp->Wrap("live", ctx, mailbox_key).value();
    wrapped_gone = kp->Wrap("gone", ctx, mailbox_key).value();
    // Destroying removes the 32 key bytes from the keyring, leaving the tombstone.
    std::size_t before = KeyringPlaintext().size();
    ASSERT_TRUE(kp->DestroyKey("gone").has_value());
    Bytes after = KeyringPlaintext();
    EXPECT_EQ(after.size(), before - 32);
    // be32 2 | 00 04 "gone" 02 | 00 04 "live" 01 <32 bytes>
    EXPECT_EQ(HexEncode(ByteView(after).first(4 + 2 + 4 + 1)), "000000020004676f6e6502");
  }
  auto kp = LocalKeyProvider::Open(dir_, random_);
  ASSERT_TRUE(kp.has_value()) << kp.error().ToString();
  auto back = (*kp)->Unwrap("live", ctx, wrapped_live);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(ConstantTimeEqual(back->view(), mailbox_key.view()));
  EXPECT_EQ((*kp)->Unwrap("gone", ctx, wrapped_gone).error().code, ErrorCode::kKeyDestroyed);
  EXPECT_EQ((*kp)->CreateKey("gone").error().code, ErrorCode::kAlreadyExists);
}

// Crypto-shredding against old copies: every DestroyKey seals the keyring under a new master
// key, so a keyring copied before (a backup) no longer opens with the master key in use.
TEST_F(LocalKeyProviderTest, DestroyKeyLeavesOlderKeyringCopiesUnopenable) {
  Bytes old_keyring, old_master;
  {
    auto kp = LocalKeyProvider::Open(dir_, random_).value();
    ASSERT_TRUE(kp->CreateKey("org/a").has_value());
    ASSERT_TRUE(kp->CreateKey("org/b").has_value());
    old_keyring = Read(dir_ / "keyring");
    old_master = Read(dir_ / "master.key");
    ASSERT_TRUE(kp->DestroyKey("org/a").has_value());
    EXPECT_NE(HexEncode(Read(dir_ / "master.key")), HexEncode(old_master));
    EXPECT_FALSE(fs::exists(dir_ / "master.key.new"));
    EXPECT_EQ(Mode(dir_ / "master.key"), 0600);
    ASSERT_TRUE(kp->CreateKey("org/c").has_value());  // later writes use the new master key
  }
  {
    auto kp = LocalKeyProvider::Open(dir_, random_);  // the live pair still opens
    ASSERT_TRUE(kp.has_value()) << kp.error().ToString();
    EXPECT_TRUE((*kp)->HasKey("org/b").value());
    EXPECT_TRUE((*kp)->HasKey("org/c").value());
  }
  ASSERT_TRUE(WriteFileDurable(dir_ / "keyring", old_keyring, 0600).has_value());
  ExpectRefused(ErrorCode::kCorrupt, "failed authentication");
}

// A crash inside a master key change, at each step: Open() settles it either way.
TEST_F(LocalKeyProviderTest, OpenSettlesAMasterKeyChangeACrashInterrupted) {
  SecretBytes key(random_.Generate(32));
  EncryptionContext ctx{{"org", "m-1"}};
  Bytes wrapped;
  {
    auto kp = LocalKeyProvider::Open(dir_, random_).value();
    ASSERT_TRUE(kp->CreateKey("org/a").has_value());
    wrapped = kp->Wrap("org/a", ctx, key).value();
  }
  auto unwraps = [&] {
    auto kp = LocalKeyProvider::Open(dir_, random_);
    ASSERT_TRUE(kp.has_value()) << kp.error().ToString();
    auto back = (*kp)->Unwrap("org/a", ctx, wrapped);
    ASSERT_TRUE(back.has_value()) << back.error().ToString();
    EXPECT_TRUE(ConstantTimeEqual(back->view(), key.view()));
    EXPECT_FALSE(fs::exists(dir_ / "master.key.new"));
  };
  // Crash after step 1: the new master key is written, the keyring is still the old one's.
  SecretBytes next(random_.Generate(32));
  ASSERT_TRUE(WriteFileDurable(dir_ / "master.key.new", next.view(), 0600).has_value());
  unwraps();
  // Crash after step 2: the keyring is sealed under the new key, not yet renamed.
  Bytes plain = KeyringPlaintext();
  Bytes file(std::begin(LocalKeyProvider::kKeyringMagic), std::end(LocalKeyProvider::kKeyringMagic));
  Bytes sealed = SealValue(next, LocalKeyProvider::kKeyringContext, plain, random_);
  file.insert(file.end(), sealed.begin(), sealed.end());
  ASSERT_TRUE(WriteFileDurable(dir_ / "master.key.new", next.view(), 0600).has_value());
  ASSERT_TRUE(WriteFileDurable(dir_ / "keyring", file, 0600).has_value());
  unwraps();
  EXPECT_EQ(HexEncode(Read(dir_ / "master.key")), HexEncode(next.view()));
}

// A crash during the very first start, after the master key and before the keyring: the next
// start is a first start again, not a refusal that only a person could clear.
TEST_F(LocalKeyProviderTest, FirstStartInterruptedBeforeTheKeyringStartsOver) {
  ASSERT_TRUE(EnsurePrivateDirectory(dir_).has_value());
  ASSERT_TRUE(WriteFileDurable(dir_ / "master.key.new", random_.Generate(32), 0600).has_value());
  auto kp = LocalKeyProvider::Open(dir_, random_);
  ASSERT_TRUE(kp.has_value()) << kp.error().ToString();
  EXPECT_FALSE(fs::exists(dir_ / "master.key.new"));
  EXPECT_EQ(HexEncode(KeyringPlaintext()), "00000000");
}

TEST_F(LocalKeyProviderTest, OneProcessPerKeyring) {
  auto first = LocalKeyProvider::Open(dir_, random_).value();
  ExpectRefused(ErrorCode::kUnavailable, "in use");
  first.reset();
  EXPECT_TRUE(LocalKeyProvider::Open(dir_, random_).has_value());
}

TEST_F(LocalKeyProviderTest, RefusesGroupOrWorldAccessibleFiles) {
  { ASSERT_TRUE(LocalKeyProvider::Open(dir_, random_).has_value()); }
  for (const char* name : {"master.key", "keyring"}) {
    for (mode_t mode : {0640, 0604, 0660, 0606}) {
      ASSERT_EQ(::chmod((dir_ / name).c_str(), mode), 0);
      ExpectRefused(ErrorCode::kConfig, (dir_ / name).string());
    }
    ASSERT_EQ(::chmod((dir_ / name).c_str(), 0600), 0);
  }
  EXPECT_TRUE(LocalKeyProvider::Open(dir_, random_).has_value());
}

// A ".tmp" left in the keys directory (by a crash, or planted as a symlink or an open file
// with a wide mode) never receives key bytes: the provider writes through a file it creates.
TEST_F(LocalKeyProviderTest, KeyFilesNeverGoThroughAPlantedTempFile) {
  ASSERT_TRUE(EnsurePrivateDirectory(dir_).has_value());
  auto target = root_ / "elsewhere";
  fs::create_symlink(target, dir_ / "master.key.tmp");
  ASSERT_TRUE(WriteFileDurable(dir_ / "keyring.tmp", AsBytes("stale"), 0666).has_value());
  ASSERT_TRUE(LocalKeyProvider::Open(dir_, random_).has_value());
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists(dir_ / "master.key.tmp"));
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dir_ / "master.key")));
  EXPECT_EQ(Mode(dir_ / "master.key"), 0600);
  EXPECT_EQ(Mode(dir_ / "keyring"), 0600);
}

// The keys directory must be the process's own: a symlinked one, or one it cannot close to
// others, is refused before anything is read or written in it.
TEST_F(LocalKeyProviderTest, RefusesASymlinkedKeysDirectory) {
  auto real = root_ / "real-keys";
  ASSERT_TRUE(EnsurePrivateDirectory(real).has_value());
  fs::create_symlink(real, dir_);
  ExpectRefused(ErrorCode::kConfig, "not a directory");
  EXPECT_FALSE(fs::exists(real / "master.key"));
}

TEST_F(LocalKeyProviderTest, RefusesBadMasterKeyLength) {
  { ASSERT_TRUE(LocalKeyProvider::Open(dir_, random_).has_value()); }
  Bytes master = Read(dir_ / "master.key");
  for (std::size_t n : {std::size_t{0}, std::size_t{31}, std::size_t{33}, std::size_t{64}}) {
    Bytes wrong = master;
    wrong.resize(n, 0x5a);
    ASSERT_TRUE(WriteFileDurable(dir_ / "master.key", wrong, 0600).has_value());
    ExpectRefused(ErrorCode::kConfig, (dir_ / "master.key").string());
  }
}

TEST_F(LocalKeyProviderTest, RefusesWrongMasterKeyOrTamperedKeyringAndNeverRecreates) {
  {
    auto kp = LocalKeyProvider::Open(dir_, random_).value();
    ASSERT_TRUE(kp->CreateKey("org-key").has_value());
  }
  const Bytes master = Read(dir_ / "master.key");
  const Bytes keyring = Read(dir_ / "keyring");

  // Another host's master key.
  ASSERT_TRUE(WriteFileDurable(dir_ / "master.key", random_.Generate(32), 0600).has_value());
  ExpectRefused(ErrorCode::kCorrupt, (dir_ / "keyring").string());
  EXPECT_EQ(Read(dir_ / "keyring"), keyring) << "a refused keyring must be left untouched";
  ASSERT_TRUE(WriteFileDurable(dir_ / "master.key", master, 0600).has_value());

  // Any flipped byte of the keyring file: magic, format, nonce, ciphertext, tag.
  for (std::size_t i = 0; i < keyring.size(); ++i) {
    Bytes bad = keyring;
    bad[i] ^= 0x04;
    ASSERT_TRUE(WriteFileDurable(dir_ / "keyring", bad, 0600).has_value());
    auto kp = LocalKeyProvider::Open(dir_, random_);
    ASSERT_FALSE(kp.has_value()) << "byte " << i;
    EXPECT_EQ(kp.error().code, ErrorCode::kCorrupt);
    EXPECT_EQ(Read(dir_ / "keyring"), bad);
  }
  // Truncated keyring.
  ASSERT_TRUE(WriteFileDurable(dir_ / "keyring", ByteView(keyring).first(keyring.size() - 1), 0600)
                  .has_value());
  ExpectRefused(ErrorCode::kCorrupt, "keyring");
  ASSERT_TRUE(WriteFileDurable(dir_ / "keyring", keyring, 0600).has_value());
  auto kp = LocalKeyProvider::Open(dir_, random_);
  ASSERT_TRUE(kp.has_value());
  EXPECT_TRUE((*kp)->HasKey("org-key").value());
}

TEST_F(LocalKeyProviderTest, RefusesHalfPresentPair) {
  { ASSERT_TRUE(LocalKeyProvider::Open(dir_, random_).has_value()); }
  const Bytes master = Read(dir_ / "master.key");
  fs::remove(dir_ / "master.key");
  ExpectRefused(ErrorCode::kConfig, "master.key is missing");
  EXPECT_FALSE(fs::exists(dir_ / "master.key")) << "must not create a new master key";
  ASSERT_TRUE(WriteFileDurable(dir_ / "master.key", master, 0600).has_value());
  fs::remove(dir_ / "keyring");
  ExpectRefused(ErrorCode::kConfig, "keyring is missing");
  EXPECT_FALSE(fs::exists(dir_ / "keyring")) << "must not create a new keyring";
}

TEST_F(LocalKeyProviderTest, ErrorsNeverCarryKeyMaterial) {
  auto kp = LocalKeyProvider::Open(dir_, random_).value();
  ASSERT_TRUE(kp->CreateKey("k").has_value());
  SecretBytes key(random_.Generate(32));
  EncryptionContext ctx{{"org", "o"}};
  Bytes wrapped = kp->Wrap("k", ctx, key).value();
  wrapped.back() ^= 1;
  auto err = kp->Unwrap("k", ctx, wrapped).error();
  std::string text = err.ToString();
  EXPECT_EQ(text.find(HexEncode(key.view())), std::string::npos);
  EXPECT_EQ(text.find(HexEncode(Read(dir_ / "master.key"))), std::string::npos);
  EXPECT_EQ(text.find(AsChars(key.view())), std::string::npos);
}

}  // namespace
}  // namespace skerry::crypto
