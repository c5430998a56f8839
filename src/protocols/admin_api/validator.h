#pragma once
// Validates a parsed JSON 1.1 request body against its operation's input shape from the model
// (model/workmail_model.h): required members, JSON types, string/list length and number bounds,
// patterns, enums, nested structures, lists and maps (wire reference §7: clients check only
// required, type and min, so everything else is the server's job).
//
// Errors (ApiError, HTTP 400):
//   operation not in the model      UnknownOperationException "... is not a WorkMail operation"
//   any constraint violated         InvalidParameterException when the operation declares it,
//                                   ValidationException otherwise, with AWS's message form:
//   "2 validation errors detected: Value 'MAYBE' at 'effect' failed to satisfy constraint: Member
//    must satisfy enum value set: [ALLOW, DENY]; Value null at 'name' failed to satisfy
//    constraint: Member must not be null"
// Paths name members as AWS does (first letter lowercased), with list indexes and map keys in
// brackets: 'rules[0].effect'. Sensitive members (Password) are never echoed. Members the model
// does not know are ignored; a JSON null counts as absent. A value may satisfy either the newer or
// the older model's shape where they differ (model "alternative").
//
// Create() compiles every model pattern once. Validate() is const and thread-safe.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <regex>
#include <string>
#include <vector>

#include "base/error.h"
#include "protocols/admin_api/model/workmail_model.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

struct ValidationIssue {
  std::string path;     // "rules[0].effect"
  std::string message;  // "Value 'MAYBE' at 'rules[0].effect' failed to satisfy constraint: ..."
};

class Validator {
 public:
  // kInternal if a model pattern does not compile as ECMAScript (a generator bug).
  [[nodiscard]] static Result<Validator> Create();

  // The operation, or UnknownOperationException naming it.
  [[nodiscard]] ApiResult<const model::OperationDef*> FindOperation(std::string_view name) const;

  // OK, or one ApiError listing every violation (the first kMaxListed of them).
  [[nodiscard]] ApiStatus Validate(const model::OperationDef& op,
                                   const boost::json::object& input) const;

  // Every violation, for tests and callers that want them itemised.
  [[nodiscard]] std::vector<ValidationIssue> Check(const model::OperationDef& op,
                                                   const boost::json::object& input) const;

  static constexpr std::size_t kMaxListed = 10;

 private:
  Validator() = default;
  void CheckValue(model::ShapeId id, const boost::json::value& value, const std::string& path,
                  std::vector<ValidationIssue>& issues) const;
  void CheckShape(const model::ShapeDef& shape, model::ShapeId id, const boost::json::value& value,
                  const std::string& path, std::vector<ValidationIssue>& issues) const;
  void CheckMembers(const model::ShapeDef& shape, const boost::json::object& object,
                    const std::string& path, std::vector<ValidationIssue>& issues) const;
  void CheckString(const model::ShapeDef& shape, model::ShapeId id, const boost::json::value& value,
                   const std::string& path, std::vector<ValidationIssue>& issues) const;

  std::vector<std::wregex> patterns_;  // compiled patterns, indexed by pattern_index_
  std::vector<int> pattern_index_;     // ShapeId -> index into patterns_, -1 for none
};

}  // namespace skerry::admin_api
