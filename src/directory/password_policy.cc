#include "directory/password_policy.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "directory/directory_errors.h"

namespace skerry::directory {
namespace {

// Decodes UTF-8 strictly; nullopt for malformed input (overlong forms, stray continuation
// bytes), which the policy rejects like any character outside Latin-1.
std::optional<std::vector<std::uint32_t>> CodePoints(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return std::nullopt;
    std::uint32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = cp << 6 | (c & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n]) return std::nullopt;
    out.push_back(cp);
    i += n;
  }
  return out;
}

tl::unexpected<Error> Broken(std::string_view rule) {
  return DirectoryError(ErrorCode::kInvalidArgument, kInvalidPasswordError,
                        std::string("The password does not meet the password policy: ") + std::string(rule));
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password) {
  if (password.empty()) return Broken("it must not be empty.");
  auto cps = CodePoints(password);
  if (!cps) return Broken("it must use only Basic Latin or Latin-1 Supplement characters.");
  for (auto cp : *cps)
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp > 0xFF)
      return Broken("it must use only Basic Latin or Latin-1 Supplement characters.");
  if (cps->size() < kMinPasswordLength) return Broken("it must be at least 8 characters long.");
  if (cps->size() > kMaxPasswordLength) return Broken("it must be less than 64 characters long.");
  bool upper = false, lower = false, digit = false, special = false, latin1 = false;
  for (auto cp : *cps) {
    if (cp >= 'A' && cp <= 'Z') upper = true;
    else if (cp >= 'a' && cp <= 'z') lower = true;
    else if (cp >= '0' && cp <= '9') digit = true;
    else if (cp < 0x80) special = true;
    else latin1 = true;
  }
  if (upper + lower + digit + special + latin1 < 3)
    return Broken("it must contain characters from three of these groups: uppercase letters, lowercase letters, "
                  "digits, special characters, Latin-1 Supplement characters.");
  return Ok();
}

}  // namespace skerry::directory
