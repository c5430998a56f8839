#include "protocols/http/router.h"

namespace skerry::http {

void Router::Add(std::string method, std::string path, Handler handler) {
  routes_.push_back({std::move(method), std::move(path), false, std::move(handler)});
}

void Router::AddPrefix(std::string method, std::string prefix, Handler handler) {
  routes_.push_back({std::move(method), std::move(prefix), true, std::move(handler)});
}

Response Router::Dispatch(const Request& request) const {
  const Route* best = nullptr;
  bool path_known = false;
  for (const auto& r : routes_) {
    bool match = r.prefix ? request.path.starts_with(r.path) : request.path == r.path;
    if (!match) continue;
    path_known = true;
    if (r.method != "*" && r.method != request.method) continue;
    if (!best || (!r.prefix && best->prefix) ||
        (r.prefix == best->prefix && r.path.size() > best->path.size()))
      best = &r;
  }
  if (best) return best->handler(request);
  if (path_known) return Response::Json(405, R"({"error":"method not allowed"})");
  return Response::Json(404, R"({"error":"not found"})");
}

}  // namespace skerry::http
