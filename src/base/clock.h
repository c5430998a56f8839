#pragma once
// Time source, injected so tests are deterministic (DESIGN §8.9).

#include <atomic>
#include <chrono>
#include <cstdint>

namespace skerry {

// A duration as a count of nanoseconds, for the counters the store's threads add up.
inline std::uint64_t Nanos(std::chrono::nanoseconds d) {
  return static_cast<std::uint64_t>(d.count());
}

class Clock {
 public:
  using WallTime = std::chrono::system_clock::time_point;
  using MonoTime = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual WallTime Now() const = 0;
  virtual MonoTime Monotonic() const = 0;

  // The process-wide real clock.
  static Clock& Real();
};

// A clock that moves only when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(WallTime start = WallTime(std::chrono::seconds(1'700'000'000)))
      : wall_ns_(start.time_since_epoch().count()) {}
  WallTime Now() const override { return WallTime(WallTime::duration(wall_ns_.load())); }
  MonoTime Monotonic() const override { return MonoTime(std::chrono::nanoseconds(mono_ns_.load())); }
  void Advance(std::chrono::nanoseconds d) {
    wall_ns_ += std::chrono::duration_cast<WallTime::duration>(d).count();
    mono_ns_ += d.count();
  }

 private:
  std::atomic<WallTime::rep> wall_ns_;
  std::atomic<std::int64_t> mono_ns_{0};
};

}  // namespace skerry
