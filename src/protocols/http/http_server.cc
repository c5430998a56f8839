#include "protocols/http/http_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "base/log.h"
#include "base/log_events.h"

namespace skerry::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

Request ToRequest(const bhttp::request<bhttp::string_body>& in, std::string remote_ip, bool secure) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  for (const auto& f : in) r.headers.push_back({std::string(f.name_string()), std::string(f.value())});
  r.body = in.body();
  r.remote_ip = std::move(remote_ip);
  r.secure = secure;
  return r;
}

bhttp::response<bhttp::string_body> ToBeast(const Response& in, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(in.status), version};
  out.set(bhttp::field::server, "Skerry");
  if (!in.content_type.empty()) out.set(bhttp::field::content_type, in.content_type);
  for (const auto& h : in.headers) out.set(h.name, h.value);
  out.body() = in.body;
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// Runs the handler on the blocking pool; the caller resumes on its own strand.
asio::awaitable<Response> Dispatch(const Router* router, Request request) {
  co_return router->Dispatch(request);
}

// A session waiting for its client, registered with the tracker for the length of one wait:
// when the drain begins, the wait is cancelled on the session's strand and the session ends at
// once. The closer acts only while the wait lasts (`waiting_` dies with it, on that strand): once
// the first bytes of a request are in, the drain lets the request finish.
class IdleWait {
 public:
  IdleWait(net::SessionTracker& tracker, beast::tcp_stream& stream)
      : waiting_(std::make_shared<int>()),
        idle_(tracker, [waiting = std::weak_ptr<int>(waiting_), stream = &stream,
                        strand = stream.get_executor()] {
          asio::post(strand, [waiting, stream] {
            // The socket's operations only: the stream's deadline stays for what follows.
            boost::system::error_code ignored;
            if (!waiting.expired()) stream->socket().cancel(ignored);
          });
        }) {}
  // The drain has begun: end the session instead of waiting.
  bool draining() const { return idle_.draining(); }

 private:
  std::shared_ptr<int> waiting_;
  net::SessionTracker::Idle idle_;
};
}  // namespace

// One connection's request loop, for a plain or TLS stream.
template <typename Stream>
class SessionLoop {
 public:
  SessionLoop(HttpServer& server, Stream& stream, std::string remote_ip, bool secure)
      : server_(server), stream_(stream), remote_ip_(std::move(remote_ip)), secure_(secure) {}

  asio::awaitable<void> Run() {
    beast::flat_buffer buffer;
    for (;;) {
      beast::get_lowest_layer(stream_).expires_after(server_.options_.read_timeout);
      // Bytes already buffered (a pipelined request) are a request in progress, not idleness.
      if (buffer.size() == 0 && !co_await AwaitRequest(buffer)) co_return;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(server_.options_.max_body_bytes);
      parser.header_limit(64 * 1024);
      auto [ec, n] = co_await bhttp::async_read(stream_, buffer, parser, kAwait);
      if (ec == bhttp::error::body_limit) {
        co_await Write(Response::Json(413, R"({"error":"request body too large"})"), 11, false);
        co_return;
      }
      if (ec) co_return;  // closed, timed out or malformed: nothing useful to answer
      auto& in = parser.get();
      Response response = co_await asio::co_spawn(
          server_.blocking_, Dispatch(&server_.router_, ToRequest(in, remote_ip_, secure_)),
          asio::use_awaitable);
      // Decided after the handler ran: a drain that began meanwhile must still close.
      bool keep_alive = in.keep_alive() && !server_.tracker_.draining();
      if (!co_await Write(response, in.version(), keep_alive) || !keep_alive) co_return;
    }
  }

 private:
  // Waits, as an idle session, for the first bytes of the next request; false when the session
  // should end (closed, timed out, or the server drains).
  asio::awaitable<bool> AwaitRequest(beast::flat_buffer& buffer) {
    IdleWait idle(server_.tracker_, beast::get_lowest_layer(stream_));
    if (idle.draining()) co_return false;
    auto [ec, n] = co_await stream_.async_read_some(buffer.prepare(kFirstRead), kAwait);
    buffer.commit(n);
    co_return !ec;
  }

  asio::awaitable<bool> Write(const Response& response, unsigned version, bool keep_alive) {
    auto out = ToBeast(response, version, keep_alive);
    beast::get_lowest_layer(stream_).expires_after(server_.options_.read_timeout);
    auto [ec, n] = co_await bhttp::async_write(stream_, out, kAwait);
    co_return !ec;
  }

  static constexpr std::size_t kFirstRead = 4096;

  HttpServer& server_;
  Stream& stream_;
  std::string remote_ip_;
  bool secure_;
};

namespace {
std::string RemoteIp(const net::Tcp::socket& socket) {
  boost::system::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  return ec ? std::string() : ep.address().to_string();
}

asio::awaitable<void> ServePlain(HttpServer* server, net::Tcp::socket socket) {
  std::string ip = RemoteIp(socket);
  beast::tcp_stream stream(std::move(socket));
  co_await SessionLoop<beast::tcp_stream>(*server, stream, ip, false).Run();
  boost::system::error_code ignored;
  stream.socket().shutdown(net::Tcp::socket::shutdown_send, ignored);
}

// Before its handshake a TLS session waits for its client as well: a drain closes it then too.
asio::awaitable<void> ServeTls(HttpServer* server, net::SessionTracker* tracker,
                               std::shared_ptr<asio::ssl::context> tls, std::chrono::seconds timeout,
                               net::Tcp::socket socket) {
  std::string ip = RemoteIp(socket);
  beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
  beast::get_lowest_layer(stream).expires_after(timeout);
  {
    IdleWait idle(*tracker, beast::get_lowest_layer(stream));
    if (idle.draining()) co_return;
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kAwait);
    if (ec) {
      if (ec != asio::error::operation_aborted)
        Log(LogLevel::kDebug, ev::kTlsHandshakeFailed, {{"remote", ip}, {"error", ec.message()}});
      co_return;
    }
  }
  co_await SessionLoop<beast::ssl_stream<beast::tcp_stream>>(*server, stream, ip, true).Run();
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  co_await stream.async_shutdown(kAwait);
}
}  // namespace

net::SessionHandler HttpServer::PlainHandler() {
  return [this](net::Tcp::socket socket) { return ServePlain(this, std::move(socket)); };
}

net::SessionHandler HttpServer::TlsHandler(std::shared_ptr<asio::ssl::context> tls) {
  return [this, tls, timeout = options_.read_timeout](net::Tcp::socket socket) {
    return ServeTls(this, &tracker_, tls, timeout, std::move(socket));
  };
}

}  // namespace skerry::http
