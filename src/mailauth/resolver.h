#pragma once
// The DNS resolver every mail-authentication check and every domain check goes through
// (DESIGN §1 mailauth/): ask for one record type at one name, get the answer already decoded.
//
// The three outcomes a caller must tell apart are kept apart: the name does not exist
// (kNxDomain), it exists without records of that type (kNoData), and the question could not be
// answered right now (an Error with kUnavailable or kTimeout — SPF's "temperror", a domain check
// that must keep its previous status).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace skerry::mailauth {

enum class DnsType : std::uint16_t {
  kA = 1,
  kNs = 2,
  kCname = 5,
  kMx = 15,
  kTxt = 16,
  kAaaa = 28,
};
std::string_view DnsTypeName(DnsType type);

struct MxRecord {
  std::uint16_t preference = 0;
  std::string host;  // lowercase, no trailing dot
  bool operator==(const MxRecord&) const = default;
};

struct DnsAnswer {
  enum class Status { kOk, kNxDomain, kNoData };
  Status status = Status::kNoData;
  // One entry per record, by type: TXT strings of one record joined (RFC 7208 §3.3), MX records,
  // CNAME/NS target names (lowercase, no trailing dot), A/AAAA addresses as text.
  std::vector<std::string> texts;
  std::vector<MxRecord> mx;
  std::vector<std::string> names;
  std::vector<std::string> addresses;
  std::uint32_t ttl = 0;
  bool secure = false;  // DNSSEC-validated

  bool empty() const { return texts.empty() && mx.empty() && names.empty() && addresses.empty(); }
};

class Resolver {
 public:
  virtual ~Resolver() = default;
  // `name` without or with a trailing dot. Blocking (bounded by the resolver's timeout): call
  // from a blocking pool.
  virtual Result<DnsAnswer> Lookup(std::string_view name, DnsType type) = 0;
};

// Lowercase and without the trailing dot: the form names are compared in.
std::string NormalizeDnsName(std::string_view name);

}  // namespace skerry::mailauth
