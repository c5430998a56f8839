#pragma once
// Randomness, injected so tests can be deterministic. The real source is the kernel CSPRNG
// (getrandom), suitable for keys and nonces.

#include <cstdint>
#include <span>
#include <string>

#include "base/bytes.h"

namespace skerry {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(std::span<std::uint8_t> out) = 0;

  Bytes Generate(std::size_t n) {
    Bytes b(n);
    Fill(b);
    return b;
  }
  std::uint64_t NextU64() {
    std::uint8_t b[8];
    Fill(b);
    std::uint64_t v = 0;
    for (auto x : b) v = v << 8 | x;
    return v;
  }

  static Random& Secure();
};

// Deterministic generator for tests (splitmix64). Never for keys in production.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  void Fill(std::span<std::uint8_t> out) override;

 private:
  std::uint64_t state_;
};

}  // namespace skerry
