#pragma once
// E-mail addresses and names of directory entities, and the unique claims they make in an
// organization (OrgDirectory keyed hashes): every address (primary or alias, of any entity type)
// claims "email"; every entity name claims "name" — one namespace for users, groups and
// resources, as in the directory WorkMail builds on, which also keeps a name lookup unambiguous.
// Both compare case-insensitively (ASCII), as mail addresses and directory names do.

#include <string>
#include <string_view>

#include "base/ascii.h"
#include "directory/org_directory.h"

namespace skerry::directory {

inline constexpr std::string_view kEmailClaim = "email";
inline constexpr std::string_view kNameClaim = "name";

// The part after the last '@', lowercased; empty when there is none.
std::string DomainOf(std::string_view address);

inline Claim EmailClaim(std::string_view address) { return {std::string(kEmailClaim), AsciiLower(address)}; }
inline Claim NameClaim(std::string_view name) { return {std::string(kNameClaim), AsciiLower(name)}; }

}  // namespace skerry::directory
