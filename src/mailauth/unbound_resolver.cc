#include "mailauth/unbound_resolver.h"

#include <poll.h>
#include <unbound.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "mailauth/dns_rdata.h"

namespace skerry::mailauth {
namespace {

// One query in flight. Shared between the waiting caller and libunbound's callback, because a
// caller that gave up (timeout) may leave before the callback runs.
struct Query {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  int err = 0;
  ub_result* result = nullptr;
  ~Query() {
    if (result) ub_resolve_free(result);
  }
};

void OnResult(void* arg, int err, ub_result* result) {
  auto* holder = static_cast<std::shared_ptr<Query>*>(arg);
  {
    std::lock_guard lock((*holder)->mu);
    (*holder)->err = err;
    (*holder)->result = result;
    (*holder)->done = true;
  }
  (*holder)->cv.notify_all();
  delete holder;
}

Status Set(ub_ctx* ctx, const char* option, const std::string& value) {
  if (int rc = ub_ctx_set_option(ctx, option, value.c_str()); rc != 0)
    return MakeError(ErrorCode::kConfig, fmt::format("resolver option {} {}: {}", option, value, ub_strerror(rc)));
  return Ok();
}

}  // namespace

struct UnboundResolver::State {
  ub_ctx* ctx = nullptr;
  std::chrono::milliseconds timeout{5000};
  std::atomic<bool> stopping{false};
  std::thread pump;

  ~State() {
    stopping = true;
    if (pump.joinable()) pump.join();
    if (ctx) ub_ctx_delete(ctx);
  }

  // Delivers finished queries. Polls with a short timeout so that shutdown needs no wake-up fd.
  void Pump() {
    pollfd fd{ub_fd(ctx), POLLIN, 0};
    while (!stopping) {
      int n = ::poll(&fd, 1, 100);
      if (n > 0) ub_process(ctx);
    }
  }
};

UnboundResolver::UnboundResolver(std::unique_ptr<State> state) : state_(std::move(state)) {}
UnboundResolver::~UnboundResolver() = default;

Result<std::unique_ptr<UnboundResolver>> UnboundResolver::Create(const UnboundOptions& options) {
  auto state = std::make_unique<State>();
  state->timeout = options.timeout;
  state->ctx = ub_ctx_create();
  if (!state->ctx) return MakeError(ErrorCode::kInternal, "could not create the DNS resolver");
  auto* ctx = state->ctx;
  // Forwarders on loopback are how tests and local caches are reached; unbound skips them
  // unless told otherwise.
  SKERRY_TRY(Set(ctx, "do-not-query-localhost:", "no"));
  SKERRY_TRY(Set(ctx, "cache-max-ttl:", std::to_string(options.cache_max_ttl_seconds)));
  SKERRY_TRY(Set(ctx, "cache-max-negative-ttl:", std::to_string(options.cache_max_negative_ttl_seconds)));
  if (options.forwarders.empty()) {
    if (int rc = ub_ctx_resolvconf(ctx, nullptr); rc != 0)
      return MakeError(ErrorCode::kConfig, fmt::format("reading /etc/resolv.conf: {}", ub_strerror(rc)));
  } else {
    for (const auto& f : options.forwarders) {
      if (int rc = ub_ctx_set_fwd(ctx, f.c_str()); rc != 0)
        return MakeError(ErrorCode::kConfig, fmt::format("DNS forwarder \"{}\": {}", f, ub_strerror(rc)));
    }
  }
  // Before the local data: adding data finalizes the context's settings.
  if (int rc = ub_ctx_async(ctx, 1); rc != 0)
    return MakeError(ErrorCode::kInternal, fmt::format("resolver threads: {}", ub_strerror(rc)));
  for (const auto& line : options.local_data) {
    if (int rc = ub_ctx_data_add(ctx, line.c_str()); rc != 0)
      return MakeError(ErrorCode::kConfig, fmt::format("DNS local data \"{}\": {}", line, ub_strerror(rc)));
  }
  state->pump = std::thread([s = state.get()] { s->Pump(); });
  return std::unique_ptr<UnboundResolver>(new UnboundResolver(std::move(state)));
}

Result<DnsAnswer> UnboundResolver::Lookup(std::string_view name, DnsType type) {
  std::string qname = NormalizeDnsName(name);
  if (qname.empty() || qname.size() > 253)
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("\"{}\" is not a DNS name", name));
  auto query = std::make_shared<Query>();
  auto* holder = new std::shared_ptr<Query>(query);
  int async_id = 0;
  if (int rc = ub_resolve_async(state_->ctx, qname.c_str(), static_cast<int>(type), 1 /* IN */, holder,
                                OnResult, &async_id);
      rc != 0) {
    delete holder;
    return MakeError(ErrorCode::kUnavailable, fmt::format("DNS query {} {}: {}", qname, DnsTypeName(type), ub_strerror(rc)));
  }
  {
    std::unique_lock lock(query->mu);
    if (!query->cv.wait_for(lock, state_->timeout, [&] { return query->done; })) {
      lock.unlock();
      // A successful cancel means the callback will never run: the holder is ours to free.
      if (ub_cancel(state_->ctx, async_id) == 0) delete holder;
      return MakeError(ErrorCode::kTimeout,
                       fmt::format("DNS query {} {}: no answer within {} ms", qname, DnsTypeName(type),
                                   state_->timeout.count()));
    }
  }
  if (query->err != 0)
    return MakeError(ErrorCode::kUnavailable, fmt::format("DNS query {} {}: {}", qname, DnsTypeName(type), ub_strerror(query->err)));
  const ub_result* r = query->result;
  DnsAnswer answer;
  answer.secure = r->secure != 0;
  answer.ttl = static_cast<std::uint32_t>(r->ttl);
  if (r->bogus)
    return MakeError(ErrorCode::kUnavailable, fmt::format("DNS query {} {}: DNSSEC validation failed ({})", qname,
                                                          DnsTypeName(type), r->why_bogus ? r->why_bogus : "bogus"));
  if (r->nxdomain) {
    answer.status = DnsAnswer::Status::kNxDomain;
    return answer;
  }
  if (r->rcode != 0)  // SERVFAIL, REFUSED...: not an answer about the name
    return MakeError(ErrorCode::kUnavailable, fmt::format("DNS query {} {}: rcode {}", qname, DnsTypeName(type), r->rcode));
  if (!r->havedata) {
    answer.status = DnsAnswer::Status::kNoData;
    return answer;
  }
  answer.status = DnsAnswer::Status::kOk;
  for (int i = 0; r->data[i]; ++i) {
    std::span<const std::uint8_t> rdata(reinterpret_cast<const std::uint8_t*>(r->data[i]),
                                        static_cast<std::size_t>(r->len[i]));
    if (auto added = AppendRdata(type, rdata, answer); !added)
      return MakeError(ErrorCode::kUnavailable, fmt::format("DNS query {} {}: malformed record: {}", qname,
                                                            DnsTypeName(type), added.error().detail));
  }
  return answer;
}

}  // namespace skerry::mailauth
