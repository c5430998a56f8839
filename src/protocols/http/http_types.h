#pragma once
// The request and response shapes HTTP handlers see: plain values, no Beast types, so handlers
// (admin API, healthz, later EWS/EAS/DAV/JMAP) compile without Beast's headers.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace skerry::http {

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as sent
  std::string path;    // target without the query
  std::string query;
  std::vector<Header> headers;
  std::string body;
  std::string remote_ip;
  bool secure = false;  // arrived over TLS

  // Case-insensitive lookup; nullptr when absent.
  const std::string* FindHeader(std::string_view name) const;
  // Over TLS, or from this host: what the APIs that carry credentials (operator token, SigV4
  // requests and the data they answer with) demand, so that a plain-HTTP listener opened on a
  // network address serves them to no one but the host itself.
  bool SecureOrLocal() const;
};

// 127.0.0.0/8, ::1, or an IPv4-mapped 127.x address.
bool IsLoopbackAddress(std::string_view ip);

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<Header> headers;

  static Response Json(int status, std::string body) { return {status, "application/json", std::move(body), {}}; }
  static Response Text(int status, std::string body) { return {status, "text/plain; charset=utf-8", std::move(body), {}}; }
};

}  // namespace skerry::http
