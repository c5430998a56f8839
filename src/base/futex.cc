#include "base/futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>

namespace skerry {
namespace {

// std::atomic<uint32_t> is a plain 32-bit word on Linux (static_assert below), which is what
// the kernel compares and sleeps on.
static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

long Futex(std::atomic<std::uint32_t>& word, int op, std::uint32_t value) {
  return ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), op | FUTEX_PRIVATE_FLAG,
                   value, nullptr, nullptr, 0);
}

}  // namespace

void FutexWait(std::atomic<std::uint32_t>& word, std::uint32_t expected) {
  // EAGAIN (the word already changed) and EINTR are both "re-check"; nothing else can happen
  // with a valid private word and no timeout.
  (void)Futex(word, FUTEX_WAIT, expected);
}

void FutexWakeAll(std::atomic<std::uint32_t>& word) { (void)Futex(word, FUTEX_WAKE, INT_MAX); }

}  // namespace skerry
