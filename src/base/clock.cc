#include "base/clock.h"

namespace skerry {
namespace {
class RealClock final : public Clock {
 public:
  WallTime Now() const override { return std::chrono::system_clock::now(); }
  MonoTime Monotonic() const override { return std::chrono::steady_clock::now(); }
};
}  // namespace

Clock& Clock::Real() {
  static RealClock clock;
  return clock;
}
}  // namespace skerry
