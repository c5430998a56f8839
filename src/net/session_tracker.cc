#include "net/session_tracker.h"

#include <cstdlib>
#include <thread>

#include "base/log.h"
#include "base/log_events.h"

namespace skerry::net {

SessionTracker::~SessionTracker() {
  // A session still counted would touch this tracker when it ends: the owner tore down in the
  // wrong order, and continuing would be a use after free.
  if (int n = active(); n != 0) {
    Log(LogLevel::kError, ev::kInvariantBroken,
        {{"error", "session tracker destroyed with live sessions: teardown order broken"}, {"sessions", n}});
    std::abort();
  }
}

SessionTracker::Admission SessionTracker::TryEnter(const std::string& client) {
  int n = active_.load(std::memory_order_relaxed);
  do {
    if (limit_ > 0 && n >= limit_) return Admission::kServerFull;
  } while (!active_.compare_exchange_weak(n, n + 1, std::memory_order_relaxed));
  if (per_client_limit_ > 0) {
    std::lock_guard lock(clients_mu_);
    int& count = clients_[client];
    if (count >= per_client_limit_) {
      active_.fetch_sub(1, std::memory_order_relaxed);
      return Admission::kClientFull;
    }
    ++count;
  }
  return Admission::kAdmitted;
}

void SessionTracker::Leave(const std::string& client) {
  if (per_client_limit_ > 0) {
    std::lock_guard lock(clients_mu_);
    auto it = clients_.find(client);
    if (it != clients_.end() && --it->second == 0) clients_.erase(it);
  }
  active_.fetch_sub(1, std::memory_order_acq_rel);
}

void SessionTracker::BeginDrain() {
  std::lock_guard lock(idle_mu_);
  draining_.store(true, std::memory_order_release);
  for (auto& [id, close] : idle_) close();
  idle_.clear();
}

bool SessionTracker::WaitIdle(std::chrono::steady_clock::duration grace,
                              const std::function<bool()>& give_up) const {
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (active() > 0) {
    if (std::chrono::steady_clock::now() >= deadline || (give_up && give_up())) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

SessionTracker::Idle::Idle(SessionTracker& t, std::function<void()> close) : t_(t) {
  std::lock_guard lock(t_.idle_mu_);
  if (t_.draining_.load(std::memory_order_relaxed)) return;
  id_ = ++t_.next_idle_;
  t_.idle_.emplace(id_, std::move(close));
  registered_ = true;
}

SessionTracker::Idle::~Idle() {
  if (!registered_) return;
  std::lock_guard lock(t_.idle_mu_);
  t_.idle_.erase(id_);  // gone already when the drain closed it
}

}  // namespace skerry::net
