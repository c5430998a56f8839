#pragma once
// Identifier shapes the WorkMail clients accept (DESIGN §2): organizations "m-<32 hex>",
// resources "r-<32 hex>", users and groups UUIDs.

#include <string>
#include <string_view>

#include "base/random.h"

namespace skerry {

std::string NewOrganizationId(Random& random);
std::string NewResourceId(Random& random);
std::string NewUuid(Random& random);  // RFC 9562 version 4
// A 128-bit opaque id as 32 lowercase hex characters (items, blobs, folders).
std::string NewHexId(Random& random);

bool IsOrganizationId(std::string_view s);
bool IsUuid(std::string_view s);
bool IsHexId(std::string_view s);

}  // namespace skerry
