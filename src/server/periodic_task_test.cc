#include "server/periodic_task.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

namespace skerry::server {
namespace {

TEST(PeriodicTask, RunsEveryInterval) {
  std::atomic<int> runs{0};
  PeriodicTask task(std::chrono::milliseconds(5), [&] { ++runs; });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (runs < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_GE(runs.load(), 3);
}

TEST(PeriodicTask, StoppingDoesNotWaitForTheInterval) {
  std::atomic<int> runs{0};
  auto start = std::chrono::steady_clock::now();
  {
    PeriodicTask task(std::chrono::hours(1), [&] { ++runs; });
    task.RequestStop();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(1));
  EXPECT_EQ(runs.load(), 0);
}

// A run in progress (a pass over many domains or blobs) sees the stop token and returns early:
// the shutdown does not wait for the whole pass.
TEST(PeriodicTask, ARunInProgressSeesTheStopToken) {
  std::promise<void> running;
  std::atomic<bool> saw_stop{false};
  auto task = std::make_unique<PeriodicTask>(std::chrono::milliseconds(1), [&](std::stop_token stop) {
    if (saw_stop) return;
    running.set_value();
    // Bounded, so that a task that never says stop fails the test instead of hanging it.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (!stop.stop_requested() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    saw_stop = stop.stop_requested();
  });
  running.get_future().wait();
  auto start = std::chrono::steady_clock::now();
  task.reset();
  EXPECT_TRUE(saw_stop.load());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(1));
}

}  // namespace
}  // namespace skerry::server
