#pragma once
// Runs a job every `interval` on its own thread until stopped — the server's small recurring jobs
// (mail-domain DNS checks, blob GC) until a job scheduler (DESIGN src/jobs/) exists. Stopping
// interrupts the wait between runs at once; a run in progress sees its stop token and should
// return at its next step (a job of many steps checks it between them). The destructor stops the
// task and waits for that run to return.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace skerry::server {

class PeriodicTask {
 public:
  using Job = std::function<void(std::stop_token)>;
  PeriodicTask(std::chrono::milliseconds interval, Job job);
  // For a job too short to be worth interrupting.
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> job);
  ~PeriodicTask() = default;  // thread_, the last member, is destroyed first: stop, then join
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Asks the task to stop without waiting for it: a shutdown stops every task first and then
  // waits for each, so their runs in progress wind down together.
  void RequestStop() { thread_.request_stop(); }

 private:
  void Run(std::stop_token stop);

  std::chrono::milliseconds interval_;
  Job job_;
  std::mutex mu_;
  std::condition_variable_any cv_;
  std::jthread thread_;  // last: starts after, and is joined before, everything it uses
};

}  // namespace skerry::server
