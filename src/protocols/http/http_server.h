#pragma once
// The HTTP/1.1 front end (Boost.Beast) shared by every HTTP protocol: reads requests under a body
// limit and a read deadline, hands them to the Router on the blocking pool, writes responses,
// keeps connections alive until the server drains. When the drain begins, a session waiting for
// its client (before its TLS handshake, before a first or next request) is closed at once; a
// request in progress finishes and its response carries `Connection: close`. One instance per
// server; it must outlive every session it started.

#include <chrono>
#include <cstdint>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>

#include "net/listener.h"
#include "net/session_tracker.h"
#include "protocols/http/router.h"

namespace skerry::http {

struct ServerOptions {
  std::uint64_t max_body_bytes = 64ull << 20;
  std::chrono::seconds read_timeout{30};
};

class HttpServer {
 public:
  // `blocking` is the executor of the pool that runs handlers (they may block on the store).
  HttpServer(const Router& router, boost::asio::any_io_executor blocking, ServerOptions options,
             net::SessionTracker& tracker)
      : router_(router), blocking_(std::move(blocking)), options_(options), tracker_(tracker) {}

  net::SessionHandler PlainHandler();
  // `tls` is shared with the server, which keeps it for its lifetime.
  net::SessionHandler TlsHandler(std::shared_ptr<boost::asio::ssl::context> tls);

 private:
  template <typename Stream>
  friend class SessionLoop;

  const Router& router_;
  boost::asio::any_io_executor blocking_;
  ServerOptions options_;
  net::SessionTracker& tracker_;
};

}  // namespace skerry::http
