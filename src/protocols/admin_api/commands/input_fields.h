#pragma once
// Reading members of an already validated input (the validator guaranteed types and
// constraints, so absent members are the only case left).

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

namespace skerry::admin_api {

inline std::string StringMember(const boost::json::object& in, std::string_view name) {
  auto* v = in.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
inline bool BoolMember(const boost::json::object& in, std::string_view name, bool fallback = false) {
  auto* v = in.if_contains(name);
  return v && v->is_bool() ? v->as_bool() : fallback;
}
inline std::int64_t IntMember(const boost::json::object& in, std::string_view name, std::int64_t fallback) {
  auto* v = in.if_contains(name);
  return v && v->is_int64() ? v->as_int64() : fallback;
}

}  // namespace skerry::admin_api
