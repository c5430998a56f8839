#include "directory/password_hash.h"

#include <argon2.h>
#include <fmt/format.h>

namespace skerry::directory {
namespace {
constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKib = 19 * 1024;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltLength = 16;
constexpr std::size_t kHashLength = 32;
}  // namespace

Result<std::string> HashPassword(std::string_view password, Random& random) {
  auto salt = random.Generate(kSaltLength);
  std::string encoded(argon2_encodedlen(kTimeCost, kMemoryKib, kLanes, kSaltLength, kHashLength, Argon2_id), '\0');
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKib, kLanes, password.data(), password.size(), salt.data(),
                                 salt.size(), kHashLength, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return MakeError(ErrorCode::kInternal, fmt::format("argon2id: {}", argon2_error_message(rc)));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

Result<bool> VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  int rc = argon2id_verify(encoded_hash.c_str(), password.data(), password.size());
  if (rc == ARGON2_OK) return true;
  if (rc == ARGON2_VERIFY_MISMATCH) return false;
  return MakeError(ErrorCode::kCorrupt, fmt::format("stored password hash: {}", argon2_error_message(rc)));
}

}  // namespace skerry::directory
