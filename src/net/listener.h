#pragma once
// A TCP listener: binds one address, accepts connections on a coroutine, and starts each
// connection's session coroutine on its own strand (DESIGN §6). The protocol decides what a
// session does (TLS handshake, greeting, requests); the listener only owns the acceptor.
//
// Owned by the server; Stop() may be called from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "base/error.h"
#include "net/session_tracker.h"

namespace skerry::net {

using Tcp = boost::asio::ip::tcp;

// Runs one session; owns the socket. Must not throw (errors end the session).
using SessionHandler = std::function<boost::asio::awaitable<void>(Tcp::socket)>;

class Listener {
 public:
  // Binds and listens (SO_REUSEADDR). Port 0 picks a free port.
  static Result<std::unique_ptr<Listener>> Bind(boost::asio::io_context& io, std::string protocol,
                                                const std::string& host, std::uint16_t port,
                                                SessionHandler handler, SessionTracker& tracker);
  ~Listener();

  void Start();  // begins accepting
  void Stop();   // stops accepting; live sessions continue

  const std::string& protocol() const { return protocol_; }
  std::string LocalAddress() const;  // "127.0.0.1:10443"

 private:
  Listener(boost::asio::io_context& io, std::string protocol, SessionHandler handler,
           SessionTracker& tracker);
  boost::asio::awaitable<void> AcceptLoop();
  void LogRefusal(SessionTracker::Admission refusal, const std::string& client);

  boost::asio::io_context& io_;
  std::string protocol_;
  SessionHandler handler_;
  SessionTracker& tracker_;
  Tcp::acceptor acceptor_;
  // When each limit's refusal was last logged; the accept loop's only.
  std::chrono::steady_clock::time_point last_server_refusal_log_{};
  std::chrono::steady_clock::time_point last_client_refusal_log_{};
};

}  // namespace skerry::net
