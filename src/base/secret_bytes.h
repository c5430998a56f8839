#pragma once
// SecretBytes holds key material. It zeroes its memory on destruction and on move-from, cannot
// be copied implicitly, and has no formatter or stream operator, so it cannot reach a log.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace skerry {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size) : data_(size) {}
  explicit SecretBytes(std::span<const std::uint8_t> src) : data_(src.begin(), src.end()) {}
  ~SecretBytes() { Wipe(); }

  SecretBytes(SecretBytes&& other) noexcept : data_(std::move(other.data_)) { other.data_.clear(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      Wipe();
      data_ = std::move(other.data_);
      other.data_.clear();
    }
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // An explicit copy, so every duplication of a key is visible in review.
  [[nodiscard]] SecretBytes Clone() const { return SecretBytes(view()); }

  std::span<const std::uint8_t> view() const { return data_; }
  std::span<std::uint8_t> mutable_view() { return data_; }
  const std::uint8_t* data() const { return data_.data(); }
  std::uint8_t* data() { return data_.data(); }
  std::size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }

 private:
  void Wipe();
  std::vector<std::uint8_t> data_;
};

}  // namespace skerry
