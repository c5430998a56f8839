#include "net/listener.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

#include "base/log.h"
#include "base/log_events.h"

namespace skerry::net {
namespace asio = boost::asio;

namespace {
// `scope`, kept in the coroutine's frame, ends the count AcceptLoop started when the session ends.
asio::awaitable<void> RunTracked(SessionHandler handler, Tcp::socket socket,
                                 [[maybe_unused]] SessionTracker::Scope scope) {
  co_await handler(std::move(socket));
}

// The client's IP address, the key of its connection count. An IPv4 client of a dual-stack
// listener counts as itself, not as its v4-mapped IPv6 form. Empty when the peer is gone.
template <typename Socket>
std::string ClientAddress(const Socket& socket) {
  boost::system::error_code ec;
  auto address = socket.remote_endpoint(ec).address();
  if (ec) return "";
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  return address.to_string();
}
}  // namespace

Listener::Listener(asio::io_context& io, std::string protocol, SessionHandler handler,
                   SessionTracker& tracker)
    : io_(io),
      protocol_(std::move(protocol)),
      handler_(std::move(handler)),
      tracker_(tracker),
      acceptor_(asio::make_strand(io)) {}

Listener::~Listener() = default;

Result<std::unique_ptr<Listener>> Listener::Bind(asio::io_context& io, std::string protocol,
                                                 const std::string& host, std::uint16_t port,
                                                 SessionHandler handler, SessionTracker& tracker) {
  std::unique_ptr<Listener> l(new Listener(io, std::move(protocol), std::move(handler), tracker));
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return MakeError(ErrorCode::kConfig, fmt::format("listener {}: \"{}\" is not an IP address", l->protocol_, host));
  Tcp::endpoint endpoint(address, port);
  l->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) l->acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) l->acceptor_.bind(endpoint, ec);
  if (!ec) l->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("listener {} on {}:{}: {}", l->protocol_, host, port, ec.message()));
  }
  return l;
}

void Listener::Start() { asio::co_spawn(acceptor_.get_executor(), AcceptLoop(), asio::detached); }

void Listener::Stop() {
  asio::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
}

std::string Listener::LocalAddress() const {
  boost::system::error_code ec;
  auto ep = acceptor_.local_endpoint(ec);
  if (ec) return "";
  auto addr = ep.address().to_string();
  return ep.address().is_v6() ? fmt::format("[{}]:{}", addr, ep.port()) : fmt::format("{}:{}", addr, ep.port());
}

asio::awaitable<void> Listener::AcceptLoop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {
      // EMFILE and friends: log once per failure and keep serving the connections we have.
      Log(LogLevel::kWarn, ev::kConnectionError, {{"protocol", protocol_}, {"error", ec.message()}});
      asio::steady_timer backoff(acceptor_.get_executor(), std::chrono::milliseconds(100));
      co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    std::string client = ClientAddress(socket);
    if (client.empty()) continue;  // reset before we could look at it: nothing to serve
    // Counted now, not when the session coroutine first runs (one dispatch later): a drain that
    // starts in between must wait for this connection rather than report "drained" and drop it.
    if (auto admission = tracker_.TryEnter(client); admission != SessionTracker::Admission::kAdmitted) {
      // At a connection limit: closed at once, so that a flood of idle connections costs neither
      // memory nor the descriptors the live sessions need.
      socket.close();
      LogRefusal(admission, client);
      continue;
    }
    SessionTracker::Scope scope(tracker_, client);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, RunTracked(handler_, std::move(socket), std::move(scope)), asio::detached);
  }
}

// Once a second per limit at most: a flood must not become a flood of log lines.
void Listener::LogRefusal(SessionTracker::Admission refusal, const std::string& client) {
  bool per_client = refusal == SessionTracker::Admission::kClientFull;
  auto& last = per_client ? last_client_refusal_log_ : last_server_refusal_log_;
  auto now = std::chrono::steady_clock::now();
  if (now - last < std::chrono::seconds(1)) return;
  last = now;
  if (per_client) {
    Log(LogLevel::kWarn, ev::kConnectionError,
        {{"protocol", protocol_},
         {"remote", client},
         {"error", "connection limit of one client reached (server.max_connections_per_ip)"}});
  } else {
    Log(LogLevel::kWarn, ev::kConnectionError,
        {{"protocol", protocol_}, {"error", "connection limit reached (server.max_connections)"}});
  }
}

}  // namespace skerry::net
