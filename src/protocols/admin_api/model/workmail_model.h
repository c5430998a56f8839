#pragma once
// The WorkMail admin API's input model: for every operation, the shapes of its input members
// (types, required flags, length/value bounds, ECMAScript patterns, enums, nesting), its declared
// errors, its idempotency-token member and whether it paginates.
//
// The tables are generated from botocore's service models by scripts/gen_admin_model.py into
// workmail_model.cc (never edit that file by hand). Both models the project's clients carry are
// merged leniently (docs/admin-api.md, "Leniency"): a shape whose constraints differ between them
// records the older one as `alternative`; a value is valid when it satisfies either.
//
// Everything here is constant data with static storage duration: safe from any thread.

#include <cstdint>
#include <span>
#include <string_view>

namespace skerry::admin_api::model {

using ShapeId = std::uint16_t;
inline constexpr ShapeId kNoShape = 0xffff;

enum class ShapeType : std::uint8_t {
  kString,
  kInteger,  // JSON integer within int32
  kLong,     // JSON integer within int64
  kBoolean,
  kDouble,
  kTimestamp,  // output-only in WorkMail; accepted as a JSON number (epoch seconds) on input
  kList,
  kMap,
  kStructure,
  kBlob,  // none in WorkMail; accepted as a base64 string
};

struct MemberDef {
  std::string_view name;  // exactly as on the wire (PascalCase)
  ShapeId shape;
  bool required;
  bool idempotency_token;  // filled with a UUID by clients when omitted (ClientToken)
};

struct ShapeDef {
  std::string_view name;  // the model's shape name, e.g. "EntityIdentifier"
  ShapeType type;
  bool has_min;
  bool has_max;
  std::int64_t min;  // string: length in code points; list/map: entries; numbers: value
  std::int64_t max;
  std::string_view pattern;  // ECMAScript (std::regex), matched against the whole value; "" = none
  std::span<const std::string_view> enum_values;
  std::span<const MemberDef> members;  // kStructure
  ShapeId member;                      // kList
  ShapeId key;                         // kMap
  ShapeId value;                       // kMap
  ShapeId alternative;                 // the older model's shape, when its constraints differ
  bool sensitive;                      // never echo the value in an error message
};

struct OperationDef {
  std::string_view name;                     // "CreateUser"
  ShapeId input;                             // a kStructure
  std::span<const std::string_view> errors;  // declared exception names, sorted
  bool paginated;                            // input has NextToken
  bool has_max_results;                      // input has MaxResults
  std::string_view idempotency_token;        // member name ("ClientToken") or ""
  bool in_older_model;                       // Debian botocore 1.29.27 / awscli 2.9.19 know it
  bool in_newer_model;                       // botocore 1.43.11 knows it
};

std::span<const ShapeDef> Shapes();
std::span<const OperationDef> Operations();  // sorted by name
// nullptr when the name is not a WorkMail operation (case-sensitive, as AWS is).
const OperationDef* FindOperation(std::string_view name);

inline const ShapeDef& Shape(ShapeId id) { return Shapes()[id]; }

inline bool Declares(const OperationDef& op, std::string_view exception) {
  for (auto e : op.errors)
    if (e == exception) return true;
  return false;
}

}  // namespace skerry::admin_api::model
