#pragma once
// The Resolver on libunbound: a full validating-capable resolver inside the process, so Skerry
// needs no resolver daemon next to it. Queries run on libunbound's own thread; one thread of
// ours delivers their results, and every Lookup waits at most `timeout` (libunbound's own
// retries can take minutes against an unreachable server).
//
// Tests and air-gapped installations answer from `local_data` (zone-file lines) or point
// `forwarders` at a DNS server on loopback; the default asks the servers of /etc/resolv.conf.
// Thread-safe.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "mailauth/resolver.h"

namespace skerry::mailauth {

struct UnboundOptions {
  std::vector<std::string> forwarders;  // "192.0.2.1" or "127.0.0.1@5353"; empty: resolv.conf
  std::vector<std::string> local_data;  // "name TTL IN TYPE rdata", answered before any query
  std::chrono::milliseconds timeout{5000};
  int cache_max_ttl_seconds = 86400;
  int cache_max_negative_ttl_seconds = 60;
};

class UnboundResolver final : public Resolver {
 public:
  // kConfig naming the option libunbound refused.
  static Result<std::unique_ptr<UnboundResolver>> Create(const UnboundOptions& options);
  ~UnboundResolver() override;

  Result<DnsAnswer> Lookup(std::string_view name, DnsType type) override;

 private:
  struct State;
  explicit UnboundResolver(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace skerry::mailauth
