#include "net/session_tracker.h"

#include <thread>

namespace skerry::net {

bool SessionTracker::WaitIdle(std::chrono::steady_clock::duration grace) const {
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (active() > 0) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace skerry::net
