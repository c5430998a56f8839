#include "protocols/admin_api/validator.h"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <cstdint>
#include <limits>

namespace skerry::admin_api {
namespace {

using model::ShapeDef;
using model::ShapeType;
namespace json = boost::json;

// Longer strings are not run through std::regex (its backtracking recursion grows with the
// input); every patterned WorkMail input has a max far below this, checked first.
constexpr std::size_t kMaxPatternInput = 8192;
constexpr std::size_t kMaxEchoedValue = 256;

std::string_view TypeName(ShapeType t) {
  switch (t) {
    case ShapeType::kString:
      return "string";
    case ShapeType::kInteger:
      return "integer";
    case ShapeType::kLong:
      return "long";
    case ShapeType::kBoolean:
      return "boolean";
    case ShapeType::kDouble:
      return "double";
    case ShapeType::kTimestamp:
      return "timestamp";
    case ShapeType::kList:
      return "list";
    case ShapeType::kMap:
      return "map";
    case ShapeType::kStructure:
      return "structure";
    case ShapeType::kBlob:
      return "blob";
  }
  return "value";
}

// Code points of valid UTF-8 (Boost.JSON rejects invalid UTF-8 while parsing).
std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1f) : extra == 2 ? (c & 0x0f) : (c & 0x07);
    for (int k = 1; k <= extra && i + k < s.size(); ++k)
      cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(cp);
    i += 1 + extra;
  }
  return out;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

std::string Echo(const json::value& v) {
  std::string text = v.is_string() ? std::string(v.get_string()) : json::serialize(v);
  if (CodePoints(text) > kMaxEchoedValue) {
    std::size_t cut = 0, seen = 0;
    while (cut < text.size() && seen < kMaxEchoedValue) {
      ++cut;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) ++cut;
      ++seen;
    }
    text = text.substr(0, cut) + "...";
  }
  return text;
}

void Add(std::vector<ValidationIssue>& issues, const ShapeDef& shape, const json::value* value,
         const std::string& path, std::string_view constraint) {
  std::string subject = value == nullptr  ? "Value null"
                        : shape.sensitive ? "Value"
                                          : "Value '" + Echo(*value) + "'";
  issues.push_back({path, fmt::format("{} at '{}' failed to satisfy constraint: {}", subject, path,
                                      constraint)});
}

std::string MemberPath(const std::string& parent, std::string_view member) {
  std::string name(member);
  if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z')
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
  return parent.empty() ? name : parent + "." + name;
}

void CheckLength(const ShapeDef& shape, const json::value& value, std::size_t length,
                 const std::string& path, std::vector<ValidationIssue>& issues) {
  if (shape.has_min && static_cast<std::int64_t>(length) < shape.min)
    Add(issues, shape, &value, path,
        fmt::format("Member must have length greater than or equal to {}", shape.min));
  if (shape.has_max && static_cast<std::int64_t>(length) > shape.max)
    Add(issues, shape, &value, path,
        fmt::format("Member must have length less than or equal to {}", shape.max));
}

template <typename N>
void CheckRange(const ShapeDef& shape, const json::value& value, N n, const std::string& path,
                std::vector<ValidationIssue>& issues) {
  if (shape.has_min && n < static_cast<N>(shape.min))
    Add(issues, shape, &value, path,
        fmt::format("Member must have value greater than or equal to {}", shape.min));
  if (shape.has_max && n > static_cast<N>(shape.max))
    Add(issues, shape, &value, path,
        fmt::format("Member must have value less than or equal to {}", shape.max));
}

// An integer within [lo, hi], whichever way Boost.JSON stored it.
bool AsInteger(const json::value& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (v.is_int64()) {
    out = v.get_int64();
  } else if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return false;
    out = static_cast<std::int64_t>(v.get_uint64());
  } else {
    return false;
  }
  return out >= lo && out <= hi;
}

}  // namespace

Result<Validator> Validator::Create() {
  Validator v;
  auto shapes = model::Shapes();
  v.pattern_index_.assign(shapes.size(), -1);
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    if (shapes[i].pattern.empty()) continue;
    std::wstring wide(shapes[i].pattern.begin(), shapes[i].pattern.end());  // ASCII by generation
    try {
      std::wregex re;
      re.imbue(std::locale::classic());  // \w, \d, \s stay ASCII whatever the global locale
      re.assign(wide, std::regex::ECMAScript);
      v.pattern_index_[i] = static_cast<int>(v.patterns_.size());
      v.patterns_.push_back(std::move(re));
    } catch (const std::regex_error& e) {
      return MakeError(ErrorCode::kInternal,
                       fmt::format("model pattern of {} does not compile: {}: {}", shapes[i].name,
                                   shapes[i].pattern, e.what()));
    }
  }
  return v;
}

ApiResult<const model::OperationDef*> Validator::FindOperation(std::string_view name) const {
  const model::OperationDef* op = model::FindOperation(name);
  if (op == nullptr) {
    return MakeApiError(
        kUnknownOperation,
        fmt::format("The operation '{}' is not a WorkMail operation.", name.substr(0, 128)));
  }
  return op;
}

std::vector<ValidationIssue> Validator::Check(const model::OperationDef& op,
                                              const json::object& input) const {
  std::vector<ValidationIssue> issues;
  if (op.input != model::kNoShape) CheckMembers(model::Shape(op.input), input, "", issues);
  return issues;
}

ApiStatus Validator::Validate(const model::OperationDef& op, const json::object& input) const {
  std::vector<ValidationIssue> issues = Check(op, input);
  if (issues.empty()) return {};
  std::string message =
      fmt::format("{} validation error{} detected: ", issues.size(), issues.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < issues.size() && i < kMaxListed; ++i) {
    if (i) message += "; ";
    message += issues[i].message;
  }
  if (issues.size() > kMaxListed)
    message += fmt::format("; and {} more", issues.size() - kMaxListed);
  return MakeApiError(model::Declares(op, kInvalidParameter) ? kInvalidParameter : kValidation,
                      std::move(message));
}

void Validator::CheckValue(model::ShapeId id, const json::value& value, const std::string& path,
                           std::vector<ValidationIssue>& issues) const {
  const ShapeDef& shape = model::Shape(id);
  if (shape.alternative == model::kNoShape) return CheckShape(shape, id, value, path, issues);
  std::vector<ValidationIssue> primary;
  CheckShape(shape, id, value, path, primary);
  if (primary.empty()) return;
  std::vector<ValidationIssue> older;
  CheckValue(shape.alternative, value, path, older);
  if (older.empty()) return;
  issues.insert(issues.end(), primary.begin(), primary.end());  // report against the newer model
}

void Validator::CheckString(const ShapeDef& shape, model::ShapeId id, const json::value& value,
                            const std::string& path, std::vector<ValidationIssue>& issues) const {
  std::string_view s = value.get_string();
  if (!shape.enum_values.empty()) {
    bool known = false;
    for (auto e : shape.enum_values) known = known || e == s;
    if (!known) {
      std::string set;
      for (auto e : shape.enum_values) set += (set.empty() ? "" : ", ") + std::string(e);
      Add(issues, shape, &value, path, "Member must satisfy enum value set: [" + set + "]");
    }
  }
  std::size_t length = CodePoints(s);
  std::size_t before = issues.size();
  CheckLength(shape, value, length, path, issues);
  if (pattern_index_[id] < 0 || issues.size() != before) return;
  std::u32string cps = DecodeUtf8(s);
  std::wstring wide(cps.begin(), cps.end());  // wchar_t is 32-bit on Linux
  bool matched = false;
  try {
    matched = length <= kMaxPatternInput &&
              std::regex_match(wide, patterns_[static_cast<std::size_t>(pattern_index_[id])]);
  } catch (const std::regex_error&) {
    matched = false;  // error_complexity / error_stack: treat as not matching
  }
  if (!matched) {
    Add(issues, shape, &value, path,
        fmt::format("Member must satisfy regular expression pattern: {}", shape.pattern));
  }
}

void Validator::CheckShape(const ShapeDef& shape, model::ShapeId id, const json::value& value,
                           const std::string& path, std::vector<ValidationIssue>& issues) const {
  auto wrong_type = [&] {
    Add(issues, shape, &value, path,
        fmt::format("Member must be of type {}", TypeName(shape.type)));
  };
  std::int64_t n = 0;
  switch (shape.type) {
    case ShapeType::kString:
    case ShapeType::kBlob:
      if (!value.is_string()) return wrong_type();
      return CheckString(shape, id, value, path, issues);
    case ShapeType::kInteger:
      if (!AsInteger(value, std::numeric_limits<std::int32_t>::min(),
                     std::numeric_limits<std::int32_t>::max(), n))
        return wrong_type();
      return CheckRange(shape, value, n, path, issues);
    case ShapeType::kLong:
      if (!AsInteger(value, std::numeric_limits<std::int64_t>::min(),
                     std::numeric_limits<std::int64_t>::max(), n))
        return wrong_type();
      return CheckRange(shape, value, n, path, issues);
    case ShapeType::kDouble:
      if (!value.is_number()) return wrong_type();
      return CheckRange(shape, value, value.to_number<double>(), path, issues);
    case ShapeType::kTimestamp:
      if (!value.is_number()) return wrong_type();
      return;
    case ShapeType::kBoolean:
      if (!value.is_bool()) return wrong_type();
      return;
    case ShapeType::kList: {
      if (!value.is_array()) return wrong_type();
      const auto& array = value.get_array();
      CheckLength(shape, value, array.size(), path, issues);
      for (std::size_t i = 0; i < array.size(); ++i)
        CheckValue(shape.member, array[i], fmt::format("{}[{}]", path, i), issues);
      return;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) return wrong_type();
      const auto& object = value.get_object();
      CheckLength(shape, value, object.size(), path, issues);
      for (const auto& kv : object) {
        std::string entry = fmt::format("{}[{}]", path, std::string_view(kv.key()));
        CheckValue(shape.key, json::value(kv.key()), entry, issues);
        CheckValue(shape.value, kv.value(), entry, issues);
      }
      return;
    }
    case ShapeType::kStructure:
      if (!value.is_object()) return wrong_type();
      return CheckMembers(shape, value.get_object(), path, issues);
  }
}

void Validator::CheckMembers(const ShapeDef& shape, const json::object& object,
                             const std::string& path, std::vector<ValidationIssue>& issues) const {
  for (const auto& member : shape.members) {
    std::string member_path = MemberPath(path, member.name);
    auto it = object.find(member.name);
    if (it == object.end() || it->value().is_null()) {
      if (member.required)
        Add(issues, model::Shape(member.shape), nullptr, member_path, "Member must not be null");
      continue;
    }
    CheckValue(member.shape, it->value(), member_path, issues);
  }
}

}  // namespace skerry::admin_api
