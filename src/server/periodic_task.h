#pragma once
// Runs a function every `interval` on its own thread until destroyed — the server's small
// recurring jobs (mail-domain DNS checks) until a job scheduler (DESIGN src/jobs/) exists.
// Destruction interrupts the wait at once and waits for a run in progress.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace skerry::server {

class PeriodicTask {
 public:
  PeriodicTask(std::chrono::seconds interval, std::function<void()> fn);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  std::chrono::seconds interval_;
  std::function<void()> fn_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace skerry::server
