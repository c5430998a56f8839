#include "crypto/providers/local_key_provider.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/file_util.h"
#include "base/log.h"
#include "base/log_events.h"
#include "crypto/aead.h"
#include "crypto/key_hierarchy.h"
#include "crypto/sealed_value.h"

namespace skerry::crypto {
namespace {

namespace fs = std::filesystem;

constexpr std::uint8_t kLive = 0x01;
constexpr std::uint8_t kDestroyed = 0x02;

// Zeroes a plain buffer that held key material before it is freed.
void Wipe(Bytes& b) {
  if (!b.empty()) explicit_bzero(b.data(), b.size());
}

// Result of looking at one of the two files.
enum class FileState { kMissing, kPresent };

Result<FileState> CheckPrivateFile(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {  // a symlink is refused below, not followed
    if (errno == ENOENT) return FileState::kMissing;
    return MakeError(ErrorCode::kIo, ErrnoText("stat", path));
  }
  if (!S_ISREG(st.st_mode)) {
    return MakeError(ErrorCode::kConfig, fmt::format("{} is not a regular file", path.string()));
  }
  if ((st.st_mode & 077) != 0) {
    return MakeError(ErrorCode::kConfig,
                     fmt::format("{} has mode {:04o}: it must not be accessible by group or "
                                 "others (chmod 600 {})",
                                 path.string(), st.st_mode & 07777, path.string()));
  }
  return FileState::kPresent;
}

std::string WrapContext(std::string_view key_id, const EncryptionContext& context) {
  std::string out = "kms/";
  out += key_id;
  out.push_back('\0');  // key ids cannot contain NUL (ValidateKeyId), so this is unambiguous
  Bytes ctx = SerializeEncryptionContext(context);
  out.append(ctx.begin(), ctx.end());
  return out;
}

}  // namespace

// Parses the authenticated keyring plaintext. Malformed content can only come from a bug or a
// newer format, since it passed authentication; it is still refused rather than guessed at.
static Result<std::map<std::string, std::pair<bool, SecretBytes>, std::less<>>> ParseEntries(
    ByteView in, const fs::path& file) {
  auto bad = [&file] {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("{}: malformed keyring entries", file.string()));
  };
  std::map<std::string, std::pair<bool, SecretBytes>, std::less<>> out;
  if (in.size() < 4) return bad();
  std::uint32_t count = ReadBe32(in);
  in = in.subspan(4);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (in.size() < 2) return bad();
    std::size_t len = static_cast<std::size_t>(in[0]) << 8 | in[1];
    if (in.size() < 2 + len + 1) return bad();
    std::string id(AsChars(in.subspan(2, len)));
    std::uint8_t state = in[2 + len];
    in = in.subspan(3 + len);
    if (!ValidateKeyId(id) || out.count(id)) return bad();
    if (state == kLive) {
      if (in.size() < kAesKeySize) return bad();
      out.emplace(id, std::make_pair(false, SecretBytes(in.first(kAesKeySize))));
      in = in.subspan(kAesKeySize);
    } else if (state == kDestroyed) {
      out.emplace(id, std::make_pair(true, SecretBytes()));
    } else {
      return bad();
    }
  }
  if (!in.empty()) return bad();
  return out;
}

// A master key file's 32 bytes; kConfig naming the file for any other length.
static Result<SecretBytes> ReadMasterKey(const fs::path& path) {
  auto bytes = SKERRY_TRY(ReadFileBytes(path));
  SecretBytes master(bytes);
  Wipe(bytes);
  if (master.size() != kAesKeySize) {
    return MakeError(ErrorCode::kConfig, fmt::format("{} holds {} bytes; a master key is exactly {}",
                                                     path.string(), master.size(), kAesKeySize));
  }
  return master;
}

// The keyring's entries, opened under `master`; kCorrupt when it does not authenticate (wrong
// master key, or the file was modified).
static Result<std::map<std::string, std::pair<bool, SecretBytes>, std::less<>>> LoadKeyring(
    const fs::path& keyring_path, const fs::path& master_path, const SecretBytes& master) {
  auto file = SKERRY_TRY(ReadFileBytes(keyring_path));
  ByteView body(file);
  if (body.size() < sizeof LocalKeyProvider::kKeyringMagic ||
      !std::equal(std::begin(LocalKeyProvider::kKeyringMagic),
                  std::end(LocalKeyProvider::kKeyringMagic), body.begin())) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("{} is not a Skerry keyring (bad magic)", keyring_path.string()));
  }
  auto sealer = SKERRY_TRY(ValueSealer::Create(master));
  auto plain = sealer.Open(LocalKeyProvider::kKeyringContext,
                           body.subspan(sizeof LocalKeyProvider::kKeyringMagic));
  if (!plain) {
    return MakeError(ErrorCode::kCorrupt,
                     fmt::format("{} failed authentication under {}: wrong master key or the "
                                 "keyring was modified; refusing to start",
                                 keyring_path.string(), master_path.string()));
  }
  SecretBytes plain_secret(*plain);
  Wipe(*plain);
  return ParseEntries(plain_secret.view(), keyring_path);
}

LocalKeyProvider::LocalKeyProvider(fs::path dir, Random& random, SecretBytes master,
                                   Entries entries, int lock_fd)
    : dir_(std::move(dir)),
      random_(random),
      master_(std::move(master)),
      lock_fd_(lock_fd),
      entries_(std::move(entries)) {}

LocalKeyProvider::~LocalKeyProvider() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

Result<std::unique_ptr<LocalKeyProvider>> LocalKeyProvider::Open(const fs::path& dir,
                                                                 Random& random,
                                                                 Creation creation) {
  const fs::path master_path = dir / kMasterKeyFile;
  const fs::path keyring_path = dir / kKeyringFile;
  const fs::path lock_path = dir / kLockFile;
  // Only a clear "absent": a directory that cannot be read goes on to the checks below, whose
  // errors say why (its owner, its mode).
  auto absent = [](const fs::path& p) {
    std::error_code ec;
    return fs::symlink_status(p, ec).type() == fs::file_type::not_found;
  };
  if (creation == Creation::kNever && absent(master_path) && absent(keyring_path) &&
      absent(dir / kPendingMasterFile)) {
    // Before anything is created: a mistyped directory must not be left behind.
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("{} holds no keyring (neither {} nor {} exists)", dir.string(),
                                 kMasterKeyFile, kKeyringFile));
  }
  SKERRY_TRY(EnsurePrivateDirectory(dir));

  // One process per keyring: two writers would each rewrite the file from their own memory
  // and silently drop the other's new keys.
  int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) return MakeError(ErrorCode::kIo, ErrnoText("open", lock_path));
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(lock_fd);
    if (err == EWOULDBLOCK) {
      return MakeError(ErrorCode::kUnavailable,
                       fmt::format("keyring {} is in use by another provider instance or process",
                                   keyring_path.string()));
    }
    errno = err;
    return MakeError(ErrorCode::kIo, ErrnoText("flock", lock_path));
  }
  auto fail = [lock_fd](Error e) -> Result<std::unique_ptr<LocalKeyProvider>> {
    ::close(lock_fd);
    return tl::unexpected(std::move(e));
  };

  // A master key change a crash interrupted (see CommitUnder): finished when the keyring already
  // opens under the new key, undone otherwise.
  const fs::path pending_path = dir / kPendingMasterFile;
  auto pending_state = CheckPrivateFile(pending_path);
  if (!pending_state) return fail(pending_state.error());
  auto keyring_state = CheckPrivateFile(keyring_path);
  if (!keyring_state) return fail(keyring_state.error());
  if (*pending_state == FileState::kPresent) {
    auto pending = ReadMasterKey(pending_path);
    bool committed = pending && *keyring_state == FileState::kPresent &&
                     LoadKeyring(keyring_path, pending_path, *pending).has_value();
    int rc = committed ? ::rename(pending_path.c_str(), master_path.c_str())
                       : ::unlink(pending_path.c_str());
    if (rc != 0) return fail(Error{ErrorCode::kIo, ErrnoText("settle", pending_path)});
    if (auto st = FsyncDirectory(dir); !st) return fail(st.error());
  }
  auto master_state = CheckPrivateFile(master_path);
  if (!master_state) return fail(master_state.error());

  if (*master_state == FileState::kMissing && *keyring_state == FileState::kMissing) {
    // First start: an empty keyring under a new master key, committed like any master change.
    auto provider = std::unique_ptr<LocalKeyProvider>(
        new LocalKeyProvider(dir, random, SecretBytes(), {}, lock_fd));
    std::lock_guard lock(provider->mu_);
    if (auto st = provider->CommitUnder(GenerateKey(random)); !st) return tl::unexpected(st.error());
    Log(LogLevel::kInfo, ev::kKeyringCreated, {{"dir", dir.string()}});
    return provider;
  }
  if (*master_state == FileState::kMissing || *keyring_state == FileState::kMissing) {
    const auto& present = *master_state == FileState::kPresent ? master_path : keyring_path;
    const auto& missing = *master_state == FileState::kMissing ? master_path : keyring_path;
    return fail(Error{ErrorCode::kConfig,
                      fmt::format("{} exists but {} is missing; refusing to create a new keyring "
                                  "(restore the missing file from backup)",
                                  present.string(), missing.string())});
  }

  auto master = ReadMasterKey(master_path);
  if (!master) return fail(master.error());
  auto parsed = LoadKeyring(keyring_path, master_path, *master);
  if (!parsed) return fail(parsed.error());
  Entries entries;
  for (auto& [id, entry] : *parsed) {
    entries.emplace(id, Entry{entry.first, std::move(entry.second)});
  }
  Log(LogLevel::kInfo, ev::kKeyProviderOpened,
      {{"provider", "local"}, {"dir", dir.string()}, {"keys", entries.size()}});
  return std::unique_ptr<LocalKeyProvider>(
      new LocalKeyProvider(dir, random, std::move(*master), std::move(entries), lock_fd));
}

Status LocalKeyProvider::CommitUnder(SecretBytes next) {
  // 1. the new master key beside the old one; 2. the keyring sealed under it (the commit point);
  // 3. the new key takes the old one's name. Open() settles a crash between any two steps.
  const fs::path pending = dir_ / kPendingMasterFile;
  SKERRY_TRY(WriteFileDurable(pending, next.view(), 0600));
  if (auto st = Persist(next); !st) {
    ::unlink(pending.c_str());  // the keyring is still the one under the current master key
    return st;
  }
  master_ = std::move(next);
  if (::rename(pending.c_str(), (dir_ / kMasterKeyFile).c_str()) != 0) {
    // Committed all the same: the keyring on disk is sealed under the new key, which the next
    // Open() finds in the pending file and renames.
    Log(LogLevel::kWarn, ev::kKeyringMasterPending,
        {{"dir", dir_.string()}, {"error", ErrnoText("rename", pending)}});
    return Ok();
  }
  if (auto st = FsyncDirectory(dir_); !st) {
    Log(LogLevel::kWarn, ev::kKeyringMasterPending,
        {{"dir", dir_.string()}, {"error", st.error().ToString()}});
  }
  return Ok();
}

Status LocalKeyProvider::Persist(const SecretBytes& master) {
  // The plaintext is built in SecretBytes so it is wiped after sealing.
  std::size_t size = 4;
  for (const auto& [id, entry] : entries_) size += 2 + id.size() + 1 + entry.key.size();
  SecretBytes plain(size);
  std::uint8_t* p = plain.data();
  auto be = [&p](std::uint64_t v, int bytes) {
    for (int b = bytes - 1; b >= 0; --b) *p++ = static_cast<std::uint8_t>(v >> (8 * b));
  };
  be(entries_.size(), 4);
  for (const auto& [id, entry] : entries_) {
    be(id.size(), 2);
    std::memcpy(p, id.data(), id.size());
    p += id.size();
    *p++ = entry.destroyed ? kDestroyed : kLive;
    if (!entry.destroyed) {
      std::memcpy(p, entry.key.data(), entry.key.size());
      p += entry.key.size();
    }
  }
  auto sealer = SKERRY_TRY(ValueSealer::Create(master));
  Bytes sealed = SKERRY_TRY(sealer.Seal(kKeyringContext, plain.view(), random_));
  Bytes file(std::begin(kKeyringMagic), std::end(kKeyringMagic));
  file.insert(file.end(), sealed.begin(), sealed.end());
  return WriteFileDurable(dir_ / kKeyringFile, file, 0600);
}

Result<const LocalKeyProvider::Entry*> LocalKeyProvider::Live(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  auto it = entries_.find(key_id);
  if (it == entries_.end()) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no key {} in the local keyring", key_id));
  }
  if (it->second.destroyed) {
    return MakeError(ErrorCode::kKeyDestroyed, fmt::format("key {} was destroyed", key_id));
  }
  return &it->second;
}

Status LocalKeyProvider::CreateKey(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(key_id); it != entries_.end()) {
    return MakeError(ErrorCode::kAlreadyExists,
                     it->second.destroyed
                         ? fmt::format("key {} was destroyed; key ids are never reused", key_id)
                         : fmt::format("key {} already exists", key_id));
  }
  entries_.emplace(key_id, Entry{false, GenerateKey(random_)});
  if (auto st = Persist(master_); !st) {
    entries_.erase(key_id);  // not durable, so it does not exist
    return st;
  }
  Log(LogLevel::kInfo, ev::kKeyCreated, {{"provider", "local"}, {"key_id", key_id}});
  return Ok();
}

Result<bool> LocalKeyProvider::HasKey(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  std::lock_guard lock(mu_);
  auto it = entries_.find(key_id);
  return it != entries_.end() && !it->second.destroyed;
}

Result<Bytes> LocalKeyProvider::Wrap(const std::string& key_id, const EncryptionContext& context,
                                     const SecretBytes& plaintext_key) {
  if (plaintext_key.empty())
    return MakeError(ErrorCode::kInvalidArgument, "cannot wrap an empty key");
  std::lock_guard lock(mu_);
  const Entry* entry = SKERRY_TRY(Live(key_id));
  auto sealer = SKERRY_TRY(ValueSealer::Create(entry->key));
  return sealer.WrapKey(WrapContext(key_id, context), plaintext_key, random_);
}

Result<SecretBytes> LocalKeyProvider::Unwrap(const std::string& key_id,
                                             const EncryptionContext& context, ByteView wrapped) {
  std::lock_guard lock(mu_);
  const Entry* entry = SKERRY_TRY(Live(key_id));
  auto sealer = SKERRY_TRY(ValueSealer::Create(entry->key));
  auto key = sealer.UnwrapKey(WrapContext(key_id, context), wrapped);
  if (!key && key.error().code == ErrorCode::kCorrupt) {
    return MakeError(
        ErrorCode::kCorrupt,
        fmt::format("wrapped key does not authenticate under {} with this context", key_id));
  }
  return key;
}

Status LocalKeyProvider::DestroyKey(const std::string& key_id) {
  SKERRY_TRY(ValidateKeyId(key_id));
  std::lock_guard lock(mu_);
  auto it = entries_.find(key_id);
  if (it == entries_.end()) {
    return MakeError(ErrorCode::kNotFound, fmt::format("no key {} in the local keyring", key_id));
  }
  if (it->second.destroyed) return Ok();
  SecretBytes old = std::move(it->second.key);
  it->second.destroyed = true;
  // Under a new master key: a copy of the keyring from before (a backup, blocks the rename left
  // on disk) then no longer opens with the master key on this host.
  if (auto st = CommitUnder(GenerateKey(random_)); !st) {
    it->second.destroyed = false;  // still on disk, so still alive
    it->second.key = std::move(old);
    return st;
  }
  // `old` is wiped as it goes out of scope; the rewritten keyring no longer holds the bytes.
  Log(LogLevel::kInfo, ev::kKeyDestroyed, {{"provider", "local"}, {"key_id", key_id}});
  return Ok();
}

}  // namespace skerry::crypto
