#include "server/server.h"

#include <condition_variable>
#include <mutex>
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

struct Server::Parts {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  // Handlers that may block (store commits, key provider calls) run here, never on `io`.
  std::unique_ptr<asio::thread_pool> blocking;
  std::vector<std::thread> io_threads;
  std::unique_ptr<asio::signal_set> signals;
  net::SessionTracker tracker;
  std::shared_ptr<asio::ssl::context> tls;  // owners: this and every TLS session
  std::unique_ptr<Services> services;
  http::Router router;
  std::unique_ptr<http::HttpServer> http;
  std::vector<std::unique_ptr<net::Listener>> listeners;

  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;
};

Server::Server(Config config) : config_(std::move(config)), parts_(std::make_unique<Parts>()) {}

Server::~Server() {
  if (!parts_) return;
  parts_->work.reset();
  parts_->io.stop();
  for (auto& t : parts_->io_threads)
    if (t.joinable()) t.join();
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
}  // namespace

Status Server::Start() {
  auto& p = *parts_;
  Log(LogLevel::kInfo, ev::kServerStarting,
      {{"data_dir", config_.data_dir.string()}, {"config", config_.source.string()}});
  SKERRY_TRY(EnsureDirectory(config_.data_dir, 0700));
  auto services = SKERRY_TRY(Services::Open(config_));
  p.services = std::move(services);
  // A stale listeners.json would send scripts to the previous run's ports. Only now: opening the
  // services takes the keyring's lock, so a second skerryd on this data directory has failed
  // above and leaves the running one's file alone.
  std::filesystem::remove(config_.data_dir / "listeners.json");

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

  p.tracker.set_limit(config_.max_connections);
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
      auto listener = net::Listener::Bind(p.io, protocol, addr.host, addr.port, std::move(handler), p.tracker);
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
  p.signals = std::make_unique<asio::signal_set>(p.io, SIGTERM, SIGINT);
  p.signals->async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) RequestStop();
  });
  for (auto& l : p.listeners) {
    l->Start();
    Log(LogLevel::kInfo, ev::kListenerUp, {{"protocol", l->protocol()}, {"address", l->LocalAddress()}});
  }
  for (int i = 0; i < IoThreadCount(config_); ++i) p.io_threads.emplace_back([&p] { p.io.run(); });

  std::string endpoint;
  for (const auto& l : p.listeners)
    if (l->protocol() == "https" || (endpoint.empty() && l->protocol() == "http"))
      endpoint = (l->protocol() == "https" ? "https://" : "http://") + l->LocalAddress();
  SKERRY_TRY(p.services->EnsureFirstAdminCredentials(endpoint));
  SKERRY_TRY(WriteListenersFile(config_.data_dir / "listeners.json", p.listeners));
  Log(LogLevel::kInfo, ev::kServerReady, {{"listeners", static_cast<int>(p.listeners.size())}});
  return Ok();
}

void Server::RequestStop() {
  std::lock_guard lock(parts_->mu);
  parts_->stop_requested = true;
  parts_->cv.notify_all();
}

Status Server::Wait() {
  auto& p = *parts_;
  {
    std::unique_lock lock(p.mu);
    p.cv.wait(lock, [&] { return p.stop_requested; });
  }
  Log(LogLevel::kInfo, ev::kServerStopping, {{"sessions", p.tracker.active()}});
  // Stop accepting, let live sessions finish their current request, then stop I/O.
  p.tracker.BeginDrain();
  for (auto& l : p.listeners) l->Stop();
  bool drained = p.tracker.WaitIdle(std::chrono::seconds(config_.shutdown_grace_seconds));
  p.work.reset();
  p.io.stop();
  for (auto& t : p.io_threads) t.join();
  p.io_threads.clear();
  if (p.blocking) p.blocking->join();
  p.listeners.clear();
  // Flush: the stores finish every queued commit before closing.
  Status closed = p.services ? p.services->Close() : Ok();
  std::filesystem::remove(config_.data_dir / "listeners.json");
  Log(LogLevel::kInfo, ev::kServerStopped, {{"drained", drained ? "true" : "false"}});
  return closed;
}

}  // namespace skerry::server
