#pragma once
// Identifier shapes the WorkMail clients accept (DESIGN §2): organizations "m-<32 hex>",
// resources "r-<32 hex>", users and groups UUIDs.

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/random.h"

namespace skerry {

std::string NewOrganizationId(Random& random);
std::string NewResourceId(Random& random);
std::string NewUuid(Random& random);  // RFC 9562 version 4
// A 128-bit opaque id as 32 lowercase hex characters (folders, mailboxes).
std::string NewHexId(Random& random);
// The same shape, ordered by creation time: 48 bits of unix milliseconds, then 80 random bits
// (items, blobs). Rows keyed by these land at the right edge of their B-tree, so one group
// commit of many appends rewrites one leaf instead of one per append. The millisecond is no more
// than the store already shows in plaintext (internal_date, row order).
std::string NewTimeOrderedHexId(Random& random, Clock::WallTime now);
// The creation time of such an id; nullopt unless `id` is a hex id.
std::optional<Clock::WallTime> TimeOfTimeOrderedHexId(std::string_view id);

bool IsOrganizationId(std::string_view s);
bool IsUuid(std::string_view s);
bool IsHexId(std::string_view s);

}  // namespace skerry
