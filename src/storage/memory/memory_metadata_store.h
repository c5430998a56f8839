#pragma once
// MemoryMetadataStore: the in-memory MetadataStore for unit tests of the layers above, held to the
// same conformance suite as the SQL store. Writes are serialized by a lock (a failing closure is
// undone); reads share it. Every write closure runs twice, the first run undone, since a real
// store may run one more than once: a closure that is not re-runnable fails its tests here.
// SubmitWrite runs closures on one worker thread, so `done` never runs on the caller's stack —
// as with the real store.
//
// Unlike the SQL store, a transaction cannot open another one on the same thread (Write or Read
// inside a closure): that fails with kFailedPrecondition instead of deadlocking on the lock.
//
// Thread-safety: every method may be called from any thread. Destruction drains SubmitWrite.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <utility>

#include "storage/memory/memory_state.h"
#include "storage/metadata_store.h"

namespace skerry::storage::memory {

class MemoryMetadataStore final : public MetadataStore {
 public:
  MemoryMetadataStore();
  ~MemoryMetadataStore() override;
  MemoryMetadataStore(const MemoryMetadataStore&) = delete;
  MemoryMetadataStore& operator=(const MemoryMetadataStore&) = delete;

  Status Write(WriteFn fn) override;
  void SubmitWrite(WriteFn fn, DoneFn done) override;
  Status Read(ReadFn fn) override;

 private:
  void Loop();

  std::shared_mutex state_mu_;
  MemoryState state_;  // guarded by state_mu_

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::pair<WriteFn, DoneFn>> queue_;  // guarded by queue_mu_
  bool closing_ = false;                          // guarded by queue_mu_
  std::thread worker_;                            // last: starts once the rest exists
};

}  // namespace skerry::storage::memory
