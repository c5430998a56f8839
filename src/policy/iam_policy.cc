#include "policy/iam_policy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/ascii.h"

namespace skerry::policy {
namespace json = boost::json;

namespace {

Result<std::vector<std::string>> StringOrList(const json::value& v, const std::string& where) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.emplace_back(v.as_string());
  } else if (v.is_array()) {
    for (const auto& e : v.as_array()) {
      if (!e.is_string()) return MakeError(ErrorCode::kInvalidArgument, where + " must hold strings");
      out.emplace_back(e.as_string());
    }
  } else if (v.is_bool()) {
    out.emplace_back(v.as_bool() ? "true" : "false");
  } else if (v.is_number()) {
    out.emplace_back(json::serialize(v));
  } else {
    return MakeError(ErrorCode::kInvalidArgument, where + " must be a string or a list of strings");
  }
  return out;
}

// Seconds since the epoch from ISO 8601 ("2026-11-22T10:00:00Z", fractional seconds and a
// "+hh:mm" offset allowed) or a plain number of epoch seconds.
std::optional<std::int64_t> ParseTime(std::string_view s) {
  std::int64_t epoch = 0;
  if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), epoch); ec == std::errc() && p == s.data() + s.size())
    return epoch;
  std::tm tm{};
  int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
  std::string str(s);
  if (std::sscanf(str.c_str(), "%d-%d-%dT%d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec, &n) < 6 &&
      std::sscanf(str.c_str(), "%d-%d-%d%n", &y, &mo, &d, &n) < 3)
    return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  std::int64_t t = timegm(&tm);
  std::string_view rest = std::string_view(str).substr(static_cast<size_t>(n));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
  }
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-')) {
    int oh = std::stoi(std::string(rest.substr(1, 2))), om = std::stoi(std::string(rest.substr(4, 2)));
    t -= (rest[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  } else if (!rest.empty() && rest != "Z") {
    return std::nullopt;
  }
  return t;
}

bool InCidr(std::string_view ip_text, std::string_view cidr_text) {
  auto slash = cidr_text.find('/');
  std::string net(cidr_text.substr(0, slash));
  std::string ip(ip_text);
  unsigned char a[16], b[16];
  int family = net.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  int bytes = family == AF_INET6 ? 16 : 4;
  if (inet_pton(family, net.c_str(), b) != 1 || inet_pton(family, ip.c_str(), a) != 1) return false;
  int bits = bytes * 8;
  if (slash != std::string_view::npos) {
    auto prefix = cidr_text.substr(slash + 1);
    if (std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits).ec != std::errc() || bits < 0 || bits > bytes * 8)
      return false;
  }
  for (int i = 0; i < bytes && bits > 0; ++i, bits -= 8) {
    unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

const char* kReadOnly = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Action":["workmail:Describe*","workmail:Get*","workmail:List*","workmail:Search*"],"Resource":"*"}]})";
const char* kFullAccess = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Action":["workmail:*"],"Resource":"*"}]})";
}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  // Iterative glob with single backtrack point: linear in practice, no recursion.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<IamPolicy> IamPolicy::Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return MakeError(ErrorCode::kInvalidArgument, "policy must be a JSON object");
  const auto* st = doc.as_object().if_contains("Statement");
  if (!st) return MakeError(ErrorCode::kInvalidArgument, "policy has no Statement");
  json::array statements = st->is_array() ? st->as_array() : json::array{*st};
  IamPolicy policy;
  for (size_t i = 0; i < statements.size(); ++i) {
    std::string where = fmt::format("Statement[{}]", i);
    if (!statements[i].is_object()) return MakeError(ErrorCode::kInvalidArgument, where + " must be an object");
    const auto& o = statements[i].as_object();
    Statement s;
    const auto* effect = o.if_contains("Effect");
    if (!effect || !effect->is_string() || (effect->as_string() != "Allow" && effect->as_string() != "Deny"))
      return MakeError(ErrorCode::kInvalidArgument, where + ".Effect must be Allow or Deny");
    s.allow = effect->as_string() == "Allow";
    const auto* action = o.if_contains("Action");
    const auto* not_action = o.if_contains("NotAction");
    if (!!action == !!not_action) return MakeError(ErrorCode::kInvalidArgument, where + " needs exactly one of Action, NotAction");
    s.not_action = not_action != nullptr;
    for (auto& a : SKERRY_TRY(StringOrList(action ? *action : *not_action, where + ".Action"))) s.actions.push_back(AsciiLower(a));
    const auto* resource = o.if_contains("Resource");
    const auto* not_resource = o.if_contains("NotResource");
    if (resource && not_resource) return MakeError(ErrorCode::kInvalidArgument, where + " has both Resource and NotResource");
    s.not_resource = not_resource != nullptr;
    if (resource || not_resource) s.resources = SKERRY_TRY(StringOrList(resource ? *resource : *not_resource, where + ".Resource"));
    else s.resources = {"*"};
    if (const auto* cond = o.if_contains("Condition")) {
      if (!cond->is_object()) return MakeError(ErrorCode::kInvalidArgument, where + ".Condition must be an object");
      for (const auto& [op_name, block] : cond->as_object()) {
        if (!block.is_object()) return MakeError(ErrorCode::kInvalidArgument, where + ".Condition." + std::string(op_name) + " must be an object");
        std::string op = AsciiLower(op_name);
        bool if_exists = op.size() > 8 && op.ends_with("ifexists");
        if (if_exists) op.resize(op.size() - 8);
        static const char* kOps[] = {"stringequals", "stringnotequals", "stringequalsignorecase",
                                     "stringnotequalsignorecase", "stringlike", "stringnotlike", "ipaddress",
                                     "notipaddress", "bool", "dateequals", "datenotequals", "datelessthan",
                                     "datelessthanequals", "dategreaterthan", "dategreaterthanequals",
                                     "arnequals", "arnlike", "arnnotequals", "arnnotlike", "null",
                                     "numericequals", "numericnotequals", "numericlessthan",
                                     "numericlessthanequals", "numericgreaterthan", "numericgreaterthanequals"};
        if (std::find(std::begin(kOps), std::end(kOps), op) == std::end(kOps))
          return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}.Condition: unsupported operator {}", where, std::string(op_name)));
        for (const auto& [key, values] : block.as_object()) {
          Condition c{op, if_exists, AsciiLower(key), SKERRY_TRY(StringOrList(values, where + ".Condition"))};
          s.conditions.push_back(std::move(c));
        }
      }
    }
    policy.statements_.push_back(std::move(s));
  }
  return policy;
}

Result<IamPolicy> IamPolicy::Managed(std::string_view name) {
  if (name == "AmazonWorkMailFullAccess") return Parse(kFullAccess);
  if (name == "AmazonWorkMailReadOnlyAccess") return Parse(kReadOnly);
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("no managed policy named {}", name));
}

bool IamPolicy::ConditionHolds(const Condition& c, const AuthzRequest& r) {
  auto it = r.context.find(c.key);
  bool negated = c.op.find("not") != std::string::npos;
  if (c.op == "null") {
    bool want_absent = !c.values.empty() && AsciiLower(c.values[0]) == "true";
    return want_absent == (it == r.context.end());
  }
  if (it == r.context.end()) return c.if_exists || negated;
  const std::string& v = it->second;
  auto any = [&](auto pred) { return std::any_of(c.values.begin(), c.values.end(), pred); };
  const std::string& op = c.op;
  if (op == "stringequals") return any([&](const std::string& x) { return x == v; });
  if (op == "stringnotequals") return !any([&](const std::string& x) { return x == v; });
  if (op == "stringequalsignorecase") return any([&](const std::string& x) { return AsciiLower(x) == AsciiLower(v); });
  if (op == "stringnotequalsignorecase") return !any([&](const std::string& x) { return AsciiLower(x) == AsciiLower(v); });
  if (op == "stringlike" || op == "arnlike" || op == "arnequals")
    return any([&](const std::string& x) { return WildcardMatch(x, v); });
  if (op == "stringnotlike" || op == "arnnotlike" || op == "arnnotequals")
    return !any([&](const std::string& x) { return WildcardMatch(x, v); });
  if (op == "ipaddress") return any([&](const std::string& x) { return InCidr(v, x); });
  if (op == "notipaddress") return !any([&](const std::string& x) { return InCidr(v, x); });
  if (op == "bool") return any([&](const std::string& x) { return AsciiLower(x) == AsciiLower(v); });
  if (op.starts_with("date") || op.starts_with("numeric")) {
    bool date = op.starts_with("date");
    auto parse = [&](const std::string& s) -> std::optional<double> {
      if (date) {
        auto t = ParseTime(s);
        return t ? std::optional<double>(static_cast<double>(*t)) : std::nullopt;
      }
      try { return std::stod(s); } catch (...) { return std::nullopt; }
    };
    auto have = parse(v);
    if (!have) return false;
    std::string cmp = op.substr(date ? 4 : 7);
    auto holds = [&](const std::string& x) {
      auto want = parse(x);
      if (!want) return false;
      if (cmp == "equals") return *have == *want;
      if (cmp == "notequals") return *have != *want;
      if (cmp == "lessthan") return *have < *want;
      if (cmp == "lessthanequals") return *have <= *want;
      if (cmp == "greaterthan") return *have > *want;
      return *have >= *want;
    };
    return cmp == "notequals" ? std::all_of(c.values.begin(), c.values.end(), holds) : any(holds);
  }
  return false;
}

bool IamPolicy::Matches(const Statement& s, const AuthzRequest& r) const {
  std::string action = AsciiLower(r.action);
  bool action_listed = std::any_of(s.actions.begin(), s.actions.end(),
                                   [&](const std::string& p) { return WildcardMatch(p, action); });
  if (action_listed == s.not_action) return false;
  bool resource_listed = std::any_of(s.resources.begin(), s.resources.end(),
                                     [&](const std::string& p) { return WildcardMatch(p, r.resource); });
  if (resource_listed == s.not_resource) return false;
  return std::all_of(s.conditions.begin(), s.conditions.end(),
                     [&](const Condition& c) { return ConditionHolds(c, r); });
}

Decision IamPolicy::Evaluate(const AuthzRequest& request) const {
  bool allowed = false;
  for (const auto& s : statements_) {
    if (!Matches(s, request)) continue;
    if (!s.allow) return Decision::kExplicitDeny;
    allowed = true;
  }
  return allowed ? Decision::kAllow : Decision::kImplicitDeny;
}

Decision EvaluateAll(const std::vector<IamPolicy>& policies, const AuthzRequest& request) {
  bool allowed = false;
  for (const auto& p : policies) {
    Decision d = p.Evaluate(request);
    if (d == Decision::kExplicitDeny) return d;
    allowed = allowed || d == Decision::kAllow;
  }
  return allowed ? Decision::kAllow : Decision::kImplicitDeny;
}

}  // namespace skerry::policy
