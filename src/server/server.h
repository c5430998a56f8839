#pragma once
// The composition root: turns a Config into running parts (key provider, stores, services,
// listeners) and tears them down in reverse on shutdown. Only this layer knows concrete classes
// (DESIGN §1).
//
// Lifecycle: Start() on the main thread, then Wait() blocks until a stop is requested (SIGTERM,
// SIGINT or RequestStop()), then the server stops accepting, closes the sessions that wait for
// their client, lets the others finish their request within the grace period, flushes the stores
// and returns. A second signal ends the drain at once (the store still closes, given a few
// seconds). A Start() that fails tears down what it built before it returns.

#include <memory>
#include <string_view>

#include "base/error.h"
#include "server/config.h"

namespace skerry::server {

class Server {
 public:
  explicit Server(Config config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  Status Start();
  // Blocks until stopped; returns the shutdown outcome.
  Status Wait();
  void RequestStop();

 private:
  struct Parts;
  Status StartParts();
  Status BindListeners();
  void ListenForSignals();
  void AwaitSignal();
  void OnSignal(int signal);
  bool BeginStop(std::string_view cause);
  Status Teardown();

  Config config_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace skerry::server
