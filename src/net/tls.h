#pragma once
// Server TLS: a context restricted to TLS 1.2+ with forward-secret (ECDHE) suites only, and a
// self-signed certificate generated on first start when none is configured.

#include <filesystem>
#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "base/error.h"

namespace skerry::net {

struct TlsFiles {
  std::filesystem::path cert;
  std::filesystem::path key;
};

// Shared by every TLS listener and session (owners: the server and each live session).
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const TlsFiles& files);

// Creates dir/cert.pem and dir/key.pem (ECDSA P-256, 0600 key, SAN = hostname, localhost,
// 127.0.0.1, valid 825 days) unless both already exist. Returns the paths and whether it
// generated them.
Result<std::pair<TlsFiles, bool>> EnsureSelfSignedCertificate(const std::filesystem::path& dir,
                                                               const std::string& hostname);

}  // namespace skerry::net
