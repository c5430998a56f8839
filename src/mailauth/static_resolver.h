#pragma once
// A Resolver answering from records held in memory: unit tests, and checks of what a zone would
// answer before it is published. Unknown names are NXDOMAIN; a name with records of other types
// only is NODATA. `Fail(name)` makes every question about a name fail (a SERVFAIL stand-in).
// Thread-safe.

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "mailauth/resolver.h"

namespace skerry::mailauth {

class StaticResolver final : public Resolver {
 public:
  void AddTxt(std::string_view name, std::string text);
  void AddMx(std::string_view name, std::uint16_t preference, std::string_view host);
  void AddCname(std::string_view name, std::string_view target);
  void AddAddress(std::string_view name, std::string address);
  void Clear(std::string_view name);
  void Fail(std::string_view name);

  Result<DnsAnswer> Lookup(std::string_view name, DnsType type) override;
  int lookups() const;

 private:
  DnsAnswer& Slot(std::string_view name, DnsType type);

  mutable std::mutex mu_;
  std::map<std::pair<std::string, DnsType>, DnsAnswer> records_;
  std::set<std::string> failing_;
  int lookups_ = 0;
};

}  // namespace skerry::mailauth
