#pragma once
// A canonical serialisation of JSON values: object members sorted by name (bytewise), no
// insignificant whitespace, Boost.JSON's escaping and number formatting. Two requests that differ
// only in member order or spacing serialise identically; used to fingerprint request parameters
// (idempotency tokens, pagination filters). Not RFC 8785 (JCS): nothing outside Skerry reads it.

#include <boost/json/value.hpp>
#include <string>

namespace skerry::admin_api::wire {

// Recursion is bounded by the parser's depth limit (Boost.JSON default 32).
[[nodiscard]] std::string CanonicalJson(const boost::json::value& value);

}  // namespace skerry::admin_api::wire
