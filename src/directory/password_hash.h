#pragma once
// Password hashes for the built-in directory: argon2id (RFC 9106) in the PHC encoded form
// ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"), so the parameters travel with each hash and can
// be raised later without invalidating stored ones. Parameters follow OWASP's argon2id minimum
// (19 MiB, 2 passes, 1 lane): a hash costs tens of milliseconds, run on the blocking pool.

#include <string>
#include <string_view>

#include "base/error.h"
#include "base/random.h"

namespace skerry::directory {

Result<std::string> HashPassword(std::string_view password, Random& random);
// False for a wrong password; an error only for a hash that cannot be parsed.
Result<bool> VerifyPassword(std::string_view password, const std::string& encoded_hash);

}  // namespace skerry::directory
