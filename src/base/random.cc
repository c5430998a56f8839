#include "base/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

namespace skerry {
namespace {
class SecureRandom final : public Random {
 public:
  void Fill(std::span<std::uint8_t> out) override {
    size_t done = 0;
    while (done < out.size()) {
      ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        std::abort();  // No entropy means no safe keys: refusing to continue is the only option.
      }
      done += static_cast<size_t>(n);
    }
  }
};
}  // namespace

Random& Random::Secure() {
  static SecureRandom random;
  return random;
}

void SeededRandom::Fill(std::span<std::uint8_t> out) {
  for (auto& b : out) {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    b = static_cast<std::uint8_t>(z ^ (z >> 31));
  }
}
}  // namespace skerry
