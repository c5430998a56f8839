#include "server/server.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/file_util.h"
#include "base/log.h"
#include "base/log_events.h"
#include "net/listener.h"
#include "net/session_tracker.h"
#include "net/tls.h"
#include "protocols/http/http_server.h"
#include "protocols/http/router.h"
#include "server/services.h"

namespace skerry::server {
namespace asio = boost::asio;

namespace {
// How long the store gets to close after a second stop signal before the process exits without
// it. An exit is safe for the store: every acknowledged commit is in the fsynced WAL already.
constexpr auto kForcedStopLimit = std::chrono::seconds(5);
}  // namespace

// Members are declared after what they use, so that even the implicit destruction (in reverse)
// would end the users first. Teardown() spells the order out and joins the threads, which the
// implicit destruction cannot do.
struct Server::Parts {
  net::SessionTracker tracker;
  std::shared_ptr<asio::ssl::context> tls;  // owners: this and every TLS session
  std::unique_ptr<Services> services;
  http::Router router;                     // its handlers use the services and the tracker
  std::unique_ptr<http::HttpServer> http;  // uses the router and the tracker

  // Pending handlers and session coroutines live in these two and use everything above.
  std::unique_ptr<asio::io_context> io = std::make_unique<asio::io_context>();
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  // Handlers that may block (store commits, key provider calls) run here, never on `io`.
  std::unique_ptr<asio::thread_pool> blocking;
  std::vector<std::thread> io_threads;
  std::vector<std::unique_ptr<net::Listener>> listeners;  // acceptors on `io`

  // Stop signals are heard on a context and a thread of their own until the teardown's very end:
  // a second signal must work while the I/O threads are stopped and while the store closes.
  asio::io_context control;
  std::unique_ptr<asio::signal_set> signals;
  std::thread control_thread;
  std::thread watchdog;  // started by a second signal, on the control thread

  bool owns_listeners_file = false;  // main thread only
  bool torn_down = false;            // main thread only
  std::atomic<bool> forced{false};   // a second signal: stop waiting for the drain

  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;  // guarded by mu
  std::string stop_cause;       // guarded by mu: the signal's name, or "request"
  bool closed = false;          // guarded by mu: the teardown is done, the watchdog can go
};

Server::Server(Config config) : config_(std::move(config)), parts_(std::make_unique<Parts>()) {}

Server::~Server() {
  if (!parts_) return;
  if (auto closed = Teardown(); !closed)
    Log(LogLevel::kError, ev::kServerStopped, {{"error", closed.error().ToString()}});
}

namespace {
int IoThreadCount(const Config& c) {
  if (c.threads > 0) return c.threads;
  return std::max(2u, std::thread::hardware_concurrency());
}

Status WriteListenersFile(const std::filesystem::path& path,
                          const std::vector<std::unique_ptr<net::Listener>>& listeners) {
  boost::json::object o;
  for (const auto& l : listeners) o[l->protocol()] = l->LocalAddress();
  std::string text = boost::json::serialize(o) + "\n";
  return WriteFileDurable(path, AsBytes(text), 0644);
}

// Best effort: a file left behind is replaced at the next start, and scripts check the process.
void RemoveListenersFile(const Config& config) {
  std::error_code ignored;
  std::filesystem::remove(config.data_dir / "listeners.json", ignored);
}

std::string_view SignalName(int signal) {
  return signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal";
}
}  // namespace

Status Server::Start() {
  Status started = StartParts();
  if (!started) {
    // Sessions may be live already (the listeners accept before the last steps): they end here,
    // before anything they use.
    if (auto closed = Teardown(); !closed)
      Log(LogLevel::kError, ev::kServerStopped, {{"error", closed.error().ToString()}});
  }
  return started;
}

Status Server::StartParts() {
  auto& p = *parts_;
  Log(LogLevel::kInfo, ev::kServerStarting,
      {{"data_dir", config_.data_dir.string()}, {"config", config_.source.string()}});
  SKERRY_TRY(EnsureDirectory(config_.data_dir, 0700));
  auto services = SKERRY_TRY(Services::Open(config_));
  p.services = std::move(services);
  // A stale listeners.json would send scripts to the previous run's ports. Only now: opening the
  // services takes the keyring's lock, so a second skerryd on this data directory has failed
  // above and leaves the running one's file alone.
  RemoveListenersFile(config_);
  p.owns_listeners_file = true;

  net::TlsFiles tls_files{config_.tls_cert, config_.tls_key};
  if (tls_files.cert.empty()) {
    auto [files, generated] = SKERRY_TRY(net::EnsureSelfSignedCertificate(config_.data_dir / "tls", config_.hostname));
    if (generated) Log(LogLevel::kInfo, ev::kTlsCertGenerated, {{"cert", files.cert.string()}});
    tls_files = files;
  }
  p.tls = SKERRY_TRY(net::MakeServerTlsContext(tls_files));

  p.blocking = std::make_unique<asio::thread_pool>(std::max(4, config_.store_readers * 2));
  p.services->RegisterHttpRoutes(p.router, p.tracker);
  p.http = std::make_unique<http::HttpServer>(
      p.router, p.blocking->get_executor(),
      http::ServerOptions{config_.http_max_body_bytes, std::chrono::seconds(config_.http_read_timeout_seconds)},
      p.tracker);

  p.tracker.set_limits(config_.max_connections, config_.max_connections_per_ip);
  SKERRY_TRY(BindListeners());
  ListenForSignals();
  p.work.emplace(p.io->get_executor());
  for (auto& l : p.listeners) {
    l->Start();
    Log(LogLevel::kInfo, ev::kListenerUp, {{"protocol", l->protocol()}, {"address", l->LocalAddress()}});
  }
  for (int i = 0; i < IoThreadCount(config_); ++i) p.io_threads.emplace_back([&io = *p.io] { io.run(); });

  std::string endpoint;
  for (const auto& l : p.listeners)
    if (l->protocol() == "https" || (endpoint.empty() && l->protocol() == "http"))
      endpoint = (l->protocol() == "https" ? "https://" : "http://") + l->LocalAddress();
  SKERRY_TRY(p.services->EnsureFirstAdminCredentials(endpoint));
  SKERRY_TRY(WriteListenersFile(config_.data_dir / "listeners.json", p.listeners));
  Log(LogLevel::kInfo, ev::kServerReady, {{"listeners", static_cast<int>(p.listeners.size())}});
  return Ok();
}

Status Server::BindListeners() {
  auto& p = *parts_;
  for (const auto& [protocol, addresses] : config_.listeners) {
    const ProtocolInfo* info = FindProtocol(protocol);
    if (!info->implemented) {
      if (!addresses.empty())
        Log(LogLevel::kWarn, ev::kListenerFailed, {{"protocol", protocol}, {"reason", "not implemented in this version"}});
      continue;
    }
    for (const auto& addr : addresses) {
      net::SessionHandler handler =
          info->implicit_tls ? p.http->TlsHandler(p.tls) : p.http->PlainHandler();
      auto listener = net::Listener::Bind(*p.io, protocol, addr.host, addr.port, std::move(handler), p.tracker);
      if (!listener) {
        Log(LogLevel::kError, ev::kListenerFailed, {{"protocol", protocol}, {"error", listener.error().detail}});
        return tl::unexpected(listener.error());
      }
      p.listeners.push_back(std::move(*listener));
    }
  }
  if (p.listeners.empty()) {
    return MakeError(ErrorCode::kConfig,
                     fmt::format("{}: no listener of a protocol this version serves (http, https): "
                                 "skerryd would answer nothing",
                                 config_.source.string()));
  }
  return Ok();
}

void Server::ListenForSignals() {
  auto& p = *parts_;
  p.signals = std::make_unique<asio::signal_set>(p.control, SIGTERM, SIGINT);
  AwaitSignal();
  p.control_thread = std::thread([&control = p.control] { control.run(); });
}

void Server::AwaitSignal() {
  parts_->signals->async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled: the teardown is over
    OnSignal(signal);
    AwaitSignal();
  });
}

// On the control thread. The first signal starts the drain; the next one ends it.
void Server::OnSignal(int signal) {
  auto& p = *parts_;
  if (BeginStop(SignalName(signal))) return;
  if (p.forced.exchange(true)) return;  // hurrying already
  Log(LogLevel::kWarn, ev::kServerStopping,
      {{"signal", SignalName(signal)}, {"drain", "skipped: second signal"}, {"sessions", p.tracker.active()}});
  p.watchdog = std::thread([&p] {
    std::unique_lock lock(p.mu);
    if (p.cv.wait_for(lock, kForcedStopLimit, [&p] { return p.closed; })) return;
    Log(LogLevel::kError, ev::kServerStopped,
        {{"error", fmt::format("not stopped {} s after the second signal: exiting without closing the store",
                               kForcedStopLimit.count())}});
    ::_exit(1);  // not exit(): the other threads still run, static destructors must not
  });
}

void Server::RequestStop() { (void)BeginStop("request"); }

// False when a stop had begun already: the first cause is the one logged.
bool Server::BeginStop(std::string_view cause) {
  std::lock_guard lock(parts_->mu);
  if (parts_->stop_requested) return false;
  parts_->stop_requested = true;
  parts_->stop_cause = cause;
  parts_->cv.notify_all();
  return true;
}

Status Server::Wait() {
  auto& p = *parts_;
  std::string cause;
  {
    std::unique_lock lock(p.mu);
    p.cv.wait(lock, [&] { return p.stop_requested; });
    cause = p.stop_cause;
  }
  Log(LogLevel::kInfo, ev::kServerStopping, {{"cause", cause}, {"sessions", p.tracker.active()}});
  // Close the sessions that wait for their client and stop accepting; let the others finish
  // their current request.
  p.tracker.BeginDrain();
  for (auto& l : p.listeners) l->Stop();
  bool drained = p.tracker.WaitIdle(std::chrono::seconds(config_.shutdown_grace_seconds),
                                    [&p] { return p.forced.load(); });
  Status closed = Teardown();
  Log(LogLevel::kInfo, ev::kServerStopped, {{"drained", drained ? "true" : "false"}});
  return closed;
}

// The one way down, after a stop, a drain that timed out, or a start that failed half-way.
// Order: nothing runs any more, then what held pending work is destroyed, then what that work
// used; signals last.
Status Server::Teardown() {
  auto& p = *parts_;
  if (p.torn_down) return Ok();
  p.torn_down = true;

  // 1. No handler runs any more. Work queued on the pool but not started is dropped: past the
  // drain nobody waits for its answer.
  p.work.reset();
  p.io->stop();
  for (auto& t : p.io_threads) t.join();
  p.io_threads.clear();
  if (p.blocking) {
    p.blocking->stop();
    p.blocking->join();
  }
  // 2. Destroy the handlers and session coroutines left (their sockets close, their counts leave
  // the tracker); I/O objects before the io_context they belong to.
  p.listeners.clear();
  p.blocking.reset();
  p.io.reset();
  // 3. What they used. The services close last: the stores finish every queued commit.
  p.http.reset();
  p.router = http::Router();
  Status closed = p.services ? p.services->Close() : Ok();
  p.services.reset();
  if (p.owns_listeners_file) RemoveListenersFile(config_);

  // 4. Signals: a second one during the steps above still ended the process (watchdog).
  {
    std::lock_guard lock(p.mu);
    p.closed = true;
  }
  p.cv.notify_all();
  p.control.stop();
  if (p.control_thread.joinable()) p.control_thread.join();
  if (p.watchdog.joinable()) p.watchdog.join();
  p.signals.reset();
  return closed;
}

}  // namespace skerry::server
