#pragma once
// A blocking HTTPS client for the operator API, for the `skerry` command line. It finds the
// server from a data directory (listeners.json, operator-token, tls/cert.pem) or from flags.
// Every network step of a call has a deadline, so a server that accepts and then stalls ends
// the command with an error instead of hanging it.

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"

namespace skerry::cli {

inline constexpr std::chrono::seconds kDefaultTimeout{30};

struct Endpoint {
  std::string host;
  std::string port;
  bool tls = true;
  std::string token;
  std::filesystem::path ca_file;  // trust this certificate (the server's self-signed one)
  bool insecure = false;          // skip verification (never the default)
  // Bounds each step (resolve, connect, TLS handshake) on its own, and sending or receiving
  // while no byte moves: a large body may take longer as long as it keeps flowing.
  std::chrono::seconds timeout = kDefaultTimeout;
};

struct HttpResult {
  int status = 0;
  std::string body;
};

// Reads DIR/listeners.json (https, else http), DIR/operator-token and DIR/tls/cert.pem.
Result<Endpoint> EndpointFromDataDir(const std::filesystem::path& data_dir);
// "https://127.0.0.1:10443" → host/port/tls.
Result<Endpoint> EndpointFromUrl(const std::string& url);

using Headers = std::vector<std::pair<std::string, std::string>>;

Result<HttpResult> Call(const Endpoint& endpoint, const std::string& method, const std::string& target,
                        const std::string& body, const std::string& content_type = "application/json",
                        const Headers& headers = {});

}  // namespace skerry::cli
