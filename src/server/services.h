#pragma once
// Everything below the protocols, built from the config: key providers, stores, key cache and
// the services. Owned by the Server; destroyed after every session has ended.

#include <memory>

#include "base/error.h"
#include "net/session_tracker.h"
#include "protocols/http/router.h"
#include "server/config.h"

namespace skerry::server {

class Services {
 public:
  static Result<std::unique_ptr<Services>> Open(const Config& config);
  const Config& config() const;
  ~Services();

  // /healthz and the operator API; later the admin API, EWS, EAS, DAV, JMAP.
  void RegisterHttpRoutes(http::Router& router, const net::SessionTracker& tracker);
  // On the very first start (no admin access key exists yet): creates one with
  // AmazonWorkMailFullAccess, writes DATA/admin-credentials.json (0600) and prints it once.
  Status EnsureFirstAdminCredentials(const std::string& endpoint_url);
  // Finishes queued commits and closes the stores.
  Status Close();

 private:
  struct Parts;
  explicit Services(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace skerry::server
