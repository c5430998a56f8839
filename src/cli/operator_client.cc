#include "cli/operator_client.h"

#include <future>
#include <memory>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/file_util.h"

namespace skerry::cli {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Result<Endpoint> EndpointFromUrl(const std::string& url) {
  Endpoint e;
  std::string_view rest = url;
  if (rest.starts_with("https://")) rest.remove_prefix(8);
  else if (rest.starts_with("http://")) { rest.remove_prefix(7); e.tls = false; }
  else return MakeError(ErrorCode::kInvalidArgument, "endpoint must start with https:// or http://");
  rest = rest.substr(0, rest.find('/'));
  auto close = rest.rfind(']');  // "[::1]:8443": the port follows the bracket
  auto colon = rest.rfind(':');
  if (colon == std::string_view::npos || (close != std::string_view::npos && colon < close)) {
    e.host = std::string(rest);
    e.port = e.tls ? "443" : "80";
  } else {
    e.host = std::string(rest.substr(0, colon));
    e.port = std::string(rest.substr(colon + 1));
  }
  if (e.host.size() >= 2 && e.host.front() == '[' && e.host.back() == ']') {
    e.host = e.host.substr(1, e.host.size() - 2);
  }
  return e;
}

Result<Endpoint> EndpointFromDataDir(const std::filesystem::path& data_dir) {
  auto listeners = ReadFileBytes(data_dir / "listeners.json");
  if (!listeners)
    return MakeError(ErrorCode::kUnavailable, fmt::format("{}: is skerryd running with this data directory?", listeners.error().detail));
  boost::system::error_code ec;
  auto v = boost::json::parse(AsChars(*listeners), ec);
  if (ec || !v.is_object()) return MakeError(ErrorCode::kCorrupt, (data_dir / "listeners.json").string() + " is not JSON");
  const auto& o = v.as_object();
  std::string url;
  if (auto* https = o.if_contains("https"); https && https->is_string()) url = "https://" + std::string(https->as_string());
  else if (auto* http = o.if_contains("http"); http && http->is_string()) url = "http://" + std::string(http->as_string());
  else return MakeError(ErrorCode::kUnavailable, "skerryd has no HTTP listener");
  auto e = SKERRY_TRY(EndpointFromUrl(url));
  // A listener on every address is reached here through loopback, which the server's own
  // certificate names.
  if (e.host == "0.0.0.0") e.host = "127.0.0.1";
  if (e.host == "::") e.host = "::1";
  auto token = SKERRY_TRY(ReadFileBytes(data_dir / "operator-token"));
  e.token = ToString(WithoutLineEnd(token));
  if (std::filesystem::exists(data_dir / "tls" / "cert.pem")) e.ca_file = data_dir / "tls" / "cert.pem";
  return e;
}

namespace {
using tcp = asio::ip::tcp;

// The network steps of a call, each named in its error.
enum class Step { kResolve, kConnect, kHandshake, kSend, kReceive };

std::string HostPort(const Endpoint& e) {
  return e.host.find(':') == std::string::npos ? fmt::format("{}:{}", e.host, e.port)
                                               : fmt::format("[{}]:{}", e.host, e.port);
}

// "connect to 127.0.0.1:10443: Connection refused",
// "timed out after 30 s waiting for the response from 127.0.0.1:10443".
tl::unexpected<Error> StepFailed(Step step, const Endpoint& e, const beast::error_code& ec) {
  static constexpr std::string_view kDoing[] = {"resolving", "connecting to", "in the TLS handshake with",
                                                "sending the request to", "waiting for the response from"};
  static constexpr std::string_view kFailed[] = {"resolve", "connect to", "TLS handshake with", "send to",
                                                 "receive from"};
  auto i = static_cast<std::size_t>(step);
  if (ec == beast::error::timeout)
    return MakeError(ErrorCode::kTimeout,
                     fmt::format("timed out after {} s {} {}", e.timeout.count(), kDoing[i], HostPort(e)));
  return MakeError(ErrorCode::kUnavailable, fmt::format("{} {}: {}", kFailed[i], HostPort(e), ec.message()));
}

// getaddrinfo cannot be interrupted, and asio's resolver joins its thread when its io_context is
// destroyed: a name server that never answers would hold the CLI past its deadline. A detached
// thread can be left behind instead; the process exits soon after.
Result<tcp::resolver::results_type> Resolve(const Endpoint& e) {
  using Answer = std::pair<beast::error_code, tcp::resolver::results_type>;
  auto answer = std::make_shared<std::promise<Answer>>();
  auto future = answer->get_future();
  std::thread([answer, host = e.host, port = e.port] {
    asio::io_context io;
    tcp::resolver resolver(io);
    beast::error_code ec;
    auto results = resolver.resolve(host, port, ec);
    answer->set_value({ec, std::move(results)});
  }).detach();
  if (future.wait_for(e.timeout) == std::future_status::timeout)
    return StepFailed(Step::kResolve, e, beast::error::timeout);
  auto [ec, results] = future.get();
  if (ec) return StepFailed(Step::kResolve, e, ec);
  return results;
}

// Runs one asynchronous step to its end. Beast's synchronous calls ignore the stream's expiry;
// its asynchronous ones close the socket when it passes and end with error::timeout.
template <typename Start>
Status RunStep(asio::io_context& io, beast::tcp_stream& tcp, Step step, const Endpoint& e, Start start) {
  beast::error_code result;
  tcp.expires_after(e.timeout);
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  if (result) return StepFailed(step, e, result);
  return Ok();
}

bhttp::request<bhttp::string_body> MakeRequest(const Endpoint& e, const std::string& method, const std::string& target,
                                               const std::string& body, const std::string& content_type,
                                               const Headers& headers) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  for (const auto& [name, value] : headers) req.set(name, value);
  req.set(bhttp::field::host, e.host);
  req.set(bhttp::field::user_agent, "skerry-cli");
  if (!e.token.empty()) req.set(bhttp::field::authorization, "Bearer " + e.token);
  if (!body.empty()) req.set(bhttp::field::content_type, content_type);
  req.body() = body;
  req.prepare_payload();
  return req;
}

// Sends and receives piece by piece, each piece a step of its own, so that the deadline bounds a
// stall rather than the time a large body takes.
template <typename Stream>
Result<HttpResult> Exchange(asio::io_context& io, Stream& stream, const Endpoint& e,
                            bhttp::request<bhttp::string_body>& req) {
  auto& tcp = beast::get_lowest_layer(stream);
  bhttp::request_serializer<bhttp::string_body> writer(req);
  while (!writer.is_done())
    SKERRY_TRY(RunStep(io, tcp, Step::kSend, e, [&](auto done) { bhttp::async_write_some(stream, writer, done); }));
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(1ull << 30);
  while (!parser.is_done())
    SKERRY_TRY(RunStep(io, tcp, Step::kReceive, e,
                       [&](auto done) { bhttp::async_read_some(stream, buffer, parser, done); }));
  return HttpResult{static_cast<int>(parser.get().result_int()), parser.get().body()};
}
}  // namespace

Result<HttpResult> Call(const Endpoint& e, const std::string& method, const std::string& target,
                        const std::string& body, const std::string& content_type, const Headers& headers) {
  auto results = SKERRY_TRY(Resolve(e));
  auto req = MakeRequest(e, method, target, body, content_type, headers);
  asio::io_context io;
  auto connect = [&](beast::tcp_stream& tcp) {
    return RunStep(io, tcp, Step::kConnect, e, [&](auto done) { tcp.async_connect(results, done); });
  };
  if (!e.tls) {
    beast::tcp_stream stream(io);
    SKERRY_TRY(connect(stream));
    return Exchange(io, stream, e, req);
  }
  beast::error_code ec;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_verify_mode(e.insecure ? asio::ssl::verify_none : asio::ssl::verify_peer);
  if (!e.ca_file.empty()) ctx.load_verify_file(e.ca_file.string(), ec);
  else ctx.set_default_verify_paths(ec);
  if (ec) return MakeError(ErrorCode::kConfig, "TLS trust store: " + ec.message());
  beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
  // The certificate must name the server asked for, not merely chain to a trusted root: the
  // request carries the operator token.
  boost::system::error_code not_ip;
  asio::ip::make_address(e.host, not_ip);
  X509_VERIFY_PARAM* param = SSL_get0_param(stream.native_handle());
  if (!not_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, e.host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, e.host.c_str(), 0);
    SSL_set_tlsext_host_name(stream.native_handle(), e.host.c_str());
  }
  auto& tcp = beast::get_lowest_layer(stream);
  SKERRY_TRY(connect(tcp));
  SKERRY_TRY(RunStep(io, tcp, Step::kHandshake, e,
                     [&](auto done) { stream.async_handshake(asio::ssl::stream_base::client, done); }));
  return Exchange(io, stream, e, req);
}

}  // namespace skerry::cli
