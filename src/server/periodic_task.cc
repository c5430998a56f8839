#include "server/periodic_task.h"

namespace skerry::server {

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, Job job)
    : interval_(interval), job_(std::move(job)), thread_([this](std::stop_token stop) { Run(stop); }) {}

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> job)
    : PeriodicTask(interval, Job([job = std::move(job)](std::stop_token) { job(); })) {}

void PeriodicTask::Run(std::stop_token stop) {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      // Returns early, and at once, when a stop is requested.
      cv_.wait_for(lock, stop, interval_, [] { return false; });
    }
    if (stop.stop_requested()) return;
    job_(stop);
  }
}

}  // namespace skerry::server
