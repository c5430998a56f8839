#pragma once
// Decoding of record data as libunbound hands it over (uncompressed wire format, RFC 1035 §3.3):
// kept apart from the resolver so it is tested byte by byte and fuzzed without a network.

#include <cstdint>
#include <span>
#include <string>

#include "base/error.h"
#include "mailauth/resolver.h"

namespace skerry::mailauth {

// A wire-format domain name (length-prefixed labels ending in the root label) → "a.b.c",
// lowercase. kInvalidArgument for a truncated name, a compression pointer or a label > 63.
// `consumed` gets the bytes read.
Result<std::string> DecodeWireName(std::span<const std::uint8_t> data, std::size_t& consumed);
// TXT: the record's character-strings concatenated.
Result<std::string> DecodeTxt(std::span<const std::uint8_t> rdata);
Result<MxRecord> DecodeMx(std::span<const std::uint8_t> rdata);
// A (4 bytes) or AAAA (16 bytes) → text form.
Result<std::string> DecodeAddress(std::span<const std::uint8_t> rdata);

// Adds one record of `type` to `answer`.
Status AppendRdata(DnsType type, std::span<const std::uint8_t> rdata, DnsAnswer& answer);

}  // namespace skerry::mailauth
