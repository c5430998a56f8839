#pragma once
// The password policy of the built-in directory, which WorkMail fixes ("Amazon WorkMail
// directory password policies can't be changed", administrator guide, "Troubleshooting Amazon
// WorkMail password policies"). A password must be non-empty, at least 8 and fewer than 64
// characters, only Basic Latin or Latin-1 Supplement characters, and contain characters of three
// of five groups: uppercase, lowercase, digits, special characters, Latin-1 Supplement.
//
// Passwords arrive as UTF-8 (JSON); characters are code points, not bytes.

#include <string_view>

#include "base/error.h"

namespace skerry::directory {

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 63;  // "less than 64 characters"

// InvalidPasswordException (kInvalidArgument) naming the first rule broken.
Status CheckPasswordPolicy(std::string_view password);

}  // namespace skerry::directory
