#pragma once
// Counts live sessions so graceful shutdown can wait for them to finish ("drain"), and carries
// the draining flag sessions check between requests to close instead of waiting for more.
// Thread-safe; lives in the server for as long as any listener.

#include <atomic>
#include <chrono>

namespace skerry::net {

class SessionTracker {
 public:
  // Counts a session in unless `limit` sessions are live already (0: no limit); false then.
  bool TryEnter() {
    int n = active_.load(std::memory_order_relaxed);
    do {
      if (limit_ > 0 && n >= limit_) return false;
    } while (!active_.compare_exchange_weak(n, n + 1, std::memory_order_relaxed));
    return true;
  }
  // Set before any listener starts.
  void set_limit(int limit) { limit_ = limit; }
  void Leave() { active_.fetch_sub(1, std::memory_order_acq_rel); }
  int active() const { return active_.load(std::memory_order_acquire); }

  void BeginDrain() { draining_.store(true, std::memory_order_release); }
  bool draining() const { return draining_.load(std::memory_order_acquire); }

  // Blocks the calling (non-I/O) thread until no session is live or the deadline passes.
  // Returns true when drained.
  bool WaitIdle(std::chrono::steady_clock::duration grace) const;

  // Counts a session out when it ends, after a TryEnter() that let it in (the accept loop counts
  // a connection before its session coroutine first runs).
  class Scope {
   public:
    explicit Scope(SessionTracker& t) : t_(t) {}
    ~Scope() { t_.Leave(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    SessionTracker& t_;
  };

 private:
  std::atomic<int> active_{0};
  int limit_ = 0;
  std::atomic<bool> draining_{false};
};

}  // namespace skerry::net
