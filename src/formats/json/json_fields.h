#pragma once
// Reading members of a JSON object whose shape was checked already (a validated request, a
// document this server wrote): an absent or differently typed member reads as the fallback.
// The one place these readers live, for the directory's documents, the API handlers and the CLI.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace skerry::formats {

inline std::string JsonString(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
inline std::int64_t JsonInt(const boost::json::object& o, std::string_view key, std::int64_t fallback = 0) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : fallback;
}
inline bool JsonBool(const boost::json::object& o, std::string_view key, bool fallback = false) {
  auto* v = o.if_contains(key);
  return v && v->is_bool() ? v->as_bool() : fallback;
}
// An integer or a double, as a double; 0 otherwise.
inline double JsonNumber(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return 0;
}
// The string elements of an array member (others skipped); empty when absent.
inline std::vector<std::string> JsonStrings(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array())
    for (const auto& s : v->as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

}  // namespace skerry::formats
