#pragma once
// Routes a request to the handler registered for its method and path. Exact paths win over
// prefixes; the longest prefix wins among prefixes. Handlers may block (they run on the
// server's blocking pool, never on an I/O thread).

#include <functional>
#include <string>
#include <vector>

#include "protocols/http/http_types.h"

namespace skerry::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  void Add(std::string method, std::string path, Handler handler);
  void AddPrefix(std::string method, std::string prefix, Handler handler);
  Response Dispatch(const Request& request) const;

 private:
  struct Route {
    std::string method;  // "*" for any
    std::string path;
    bool prefix;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace skerry::http
