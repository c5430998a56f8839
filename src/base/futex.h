#pragma once
// Futex: sleep until a 32-bit atomic word changes, and wake every sleeper on it with one system
// call. std::atomic::wait spins and calls sched_yield before it sleeps (libstdc++ 12), which on a
// busy 2-core machine costs more than the sleep it tries to avoid; a condition variable needs a
// mutex and one wake call per sleeper. Linux only, private to the process.

#include <atomic>
#include <cstdint>

namespace skerry {

// Returns when `word` may no longer hold `expected` (spurious returns happen: re-check).
void FutexWait(std::atomic<std::uint32_t>& word, std::uint32_t expected);
// Wakes every thread in FutexWait on `word`.
void FutexWakeAll(std::atomic<std::uint32_t>& word);

}  // namespace skerry
