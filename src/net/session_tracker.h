#pragma once
// Counts live sessions, in all and per client address, so that the listeners can refuse
// connections past the server's limits and graceful shutdown can wait for the sessions to finish
// ("drain"). Carries the draining flag sessions check between requests, and closes the sessions
// that wait for their client when the drain begins. Thread-safe; lives in the server for as long
// as any session (its destructor checks).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace skerry::net {

class SessionTracker {
 public:
  SessionTracker() = default;
  ~SessionTracker();
  SessionTracker(const SessionTracker&) = delete;
  SessionTracker& operator=(const SessionTracker&) = delete;

  // Set before any listener starts; 0: no limit.
  void set_limits(int server, int per_client) {
    limit_ = server;
    per_client_limit_ = per_client;
  }

  enum class Admission { kAdmitted, kServerFull, kClientFull };
  // Counts a session of `client` (its IP address) in unless the server's or the client's limit
  // is reached. When admitted, a Scope must adopt the count.
  Admission TryEnter(const std::string& client);
  int active() const { return active_.load(std::memory_order_acquire); }

  // Marks the drain and closes every session registered as Idle.
  void BeginDrain();
  bool draining() const { return draining_.load(std::memory_order_acquire); }

  // Blocks the calling (non-I/O) thread until no session is live, the deadline passes, or
  // `give_up` (polled) says to stop waiting. Returns true when drained.
  bool WaitIdle(std::chrono::steady_clock::duration grace,
                const std::function<bool()>& give_up = {}) const;

  // Counts a session out when it ends. Made by the accept loop right after TryEnter() admitted
  // it and moved into the session, so that the count ends with the session even when its
  // coroutine never runs (destroyed with the io_context at shutdown).
  class Scope {
   public:
    Scope(SessionTracker& t, std::string client) : t_(&t), client_(std::move(client)) {}
    Scope(Scope&& other) noexcept
        : t_(std::exchange(other.t_, nullptr)), client_(std::move(other.client_)) {}
    Scope& operator=(Scope&&) = delete;
    ~Scope() {
      if (t_) t_->Leave(client_);
    }

   private:
    SessionTracker* t_;
    std::string client_;
  };

  // A session waiting for its client (for a first or a next request) registers how to close
  // it: a drain then ends it at once instead of at its read timeout. Nothing registers when the
  // drain has begun already; draining() says so and the session ends instead of waiting.
  // `close` runs on the thread that calls BeginDrain(), under the tracker's lock: it must only
  // hand the work to the session (post to its strand), never block or call back here.
  class Idle {
   public:
    Idle(SessionTracker& t, std::function<void()> close);
    ~Idle();
    Idle(const Idle&) = delete;
    Idle& operator=(const Idle&) = delete;
    bool draining() const { return !registered_; }

   private:
    SessionTracker& t_;
    std::uint64_t id_ = 0;
    bool registered_ = false;
  };

 private:
  void Leave(const std::string& client);

  std::atomic<int> active_{0};
  int limit_ = 0;
  int per_client_limit_ = 0;
  std::mutex clients_mu_;
  std::unordered_map<std::string, int> clients_;  // only with a per-client limit

  std::mutex idle_mu_;  // guards the two below and orders them with draining_
  std::atomic<bool> draining_{false};
  std::map<std::uint64_t, std::function<void()>> idle_;
  std::uint64_t next_idle_ = 0;
};

}  // namespace skerry::net
