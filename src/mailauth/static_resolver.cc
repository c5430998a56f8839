#include "mailauth/static_resolver.h"

#include <fmt/format.h>

namespace skerry::mailauth {

DnsAnswer& StaticResolver::Slot(std::string_view name, DnsType type) {
  auto& a = records_[{NormalizeDnsName(name), type}];
  a.status = DnsAnswer::Status::kOk;
  a.ttl = 300;
  return a;
}

void StaticResolver::AddTxt(std::string_view name, std::string text) {
  std::lock_guard lock(mu_);
  Slot(name, DnsType::kTxt).texts.push_back(std::move(text));
}
void StaticResolver::AddMx(std::string_view name, std::uint16_t preference, std::string_view host) {
  std::lock_guard lock(mu_);
  Slot(name, DnsType::kMx).mx.push_back({preference, NormalizeDnsName(host)});
}
void StaticResolver::AddCname(std::string_view name, std::string_view target) {
  std::lock_guard lock(mu_);
  Slot(name, DnsType::kCname).names.push_back(NormalizeDnsName(target));
}
void StaticResolver::AddAddress(std::string_view name, std::string address) {
  std::lock_guard lock(mu_);
  auto type = address.find(':') == std::string::npos ? DnsType::kA : DnsType::kAaaa;
  Slot(name, type).addresses.push_back(std::move(address));
}
void StaticResolver::Clear(std::string_view name) {
  std::lock_guard lock(mu_);
  auto n = NormalizeDnsName(name);
  std::erase_if(records_, [&](const auto& entry) { return entry.first.first == n; });
  failing_.erase(n);
}
void StaticResolver::Fail(std::string_view name) {
  std::lock_guard lock(mu_);
  failing_.insert(NormalizeDnsName(name));
}
int StaticResolver::lookups() const {
  std::lock_guard lock(mu_);
  return lookups_;
}

Result<DnsAnswer> StaticResolver::Lookup(std::string_view name, DnsType type) {
  std::lock_guard lock(mu_);
  ++lookups_;
  auto n = NormalizeDnsName(name);
  if (failing_.contains(n))
    return MakeError(ErrorCode::kUnavailable, fmt::format("DNS query {} {}: SERVFAIL", n, DnsTypeName(type)));
  if (auto it = records_.find({n, type}); it != records_.end()) return it->second;
  DnsAnswer answer;
  answer.status = DnsAnswer::Status::kNxDomain;
  for (const auto& [key, _] : records_) {
    if (key.first == n) answer.status = DnsAnswer::Status::kNoData;
  }
  return answer;
}

}  // namespace skerry::mailauth
