#include "policy/access_control_rules.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace skerry::policy {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsIgnoreCase(const std::vector<std::string>& list, std::string_view value) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& v) { return EqualsIgnoreCase(v, value); });
}

// Ranges are validated before they are stored; one that does not parse contains no address.
bool InAnyRange(const std::vector<std::string>& ranges, std::optional<std::uint32_t> address) {
  if (!address) return false;
  return std::any_of(ranges.begin(), ranges.end(), [&](const std::string& r) {
    auto range = ParseIpv4Range(r);
    return range && range->Contains(*address);
  });
}

// A positive list holds when empty or when the value is in it; a negative list holds when empty
// or when the value is not in it. An absent value is in no list.
bool ListHolds(const std::vector<std::string>& include, const std::vector<std::string>& exclude,
               std::string_view value) {
  if (!include.empty() && (value.empty() || !ContainsIgnoreCase(include, value))) return false;
  if (!exclude.empty() && !value.empty() && ContainsIgnoreCase(exclude, value)) return false;
  return true;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Lower(x) == Lower(y); });
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

std::string_view RuleEffectName(RuleEffect effect) { return effect == RuleEffect::kAllow ? "ALLOW" : "DENY"; }

Result<RuleEffect> ParseRuleEffect(std::string_view text) {
  if (text == "ALLOW") return RuleEffect::kAllow;
  if (text == "DENY") return RuleEffect::kDeny;
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("effect '{}' is not ALLOW or DENY", text));
}

Result<std::uint32_t> ParseIpv4(std::string_view text) {
  std::uint32_t address = 0;
  std::string_view rest = text;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (rest.empty() || rest.front() != '.') break;
      rest.remove_prefix(1);
    }
    auto digits = std::min(rest.find('.'), rest.size());
    auto part = rest.substr(0, digits);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    // No sign, no leading zeros (they read as octal in some tools: refuse the ambiguity).
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() || value > 255 ||
        (part.size() > 1 && part.front() == '0'))
      return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not an IPv4 address", text));
    address = address << 8 | value;
    rest.remove_prefix(digits);
    if (octet == 3 && rest.empty()) return address;
  }
  return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not an IPv4 address", text));
}

Result<Ipv4Range> ParseIpv4Range(std::string_view text) {
  auto slash = text.find('/');
  auto bad = [&] { return MakeError(ErrorCode::kInvalidArgument, fmt::format("'{}' is not an IPv4 CIDR range", text)); };
  if (slash == std::string_view::npos) return bad();
  auto address = ParseIpv4(text.substr(0, slash));
  if (!address) return bad();
  auto bits_text = text.substr(slash + 1);
  unsigned bits = 0;
  auto [end, ec] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
  if (bits_text.empty() || bits_text.size() > 2 || ec != std::errc() || end != bits_text.data() + bits_text.size() ||
      bits > 32)
    return bad();
  std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return Ipv4Range{*address & mask, mask};
}

AccessControlRule DefaultAccessControlRule(double now) {
  AccessControlRule rule;
  rule.name = "default";
  rule.description = "Default rule: allow all access";
  rule.effect = RuleEffect::kAllow;
  rule.date_created = rule.date_modified = now;
  return rule;
}

Status ValidateAccessControlRule(const AccessControlRule& rule) {
  for (const auto* list : {&rule.ip_ranges, &rule.not_ip_ranges})
    for (const auto& r : *list) SKERRY_TRY(ParseIpv4Range(r));
  if (rule.name.empty()) return MakeError(ErrorCode::kInvalidArgument, "an access control rule needs a name");
  return Ok();
}

bool AccessRuleMatches(const AccessControlRule& rule, const AccessRequest& request) {
  auto address = ParseIpv4(request.ip_address);
  std::optional<std::uint32_t> ip = address ? std::optional(*address) : std::nullopt;
  if (!rule.ip_ranges.empty() && !InAnyRange(rule.ip_ranges, ip)) return false;
  // An address we cannot read is in no range, so NotIpRanges cannot vouch for it either.
  if (!rule.not_ip_ranges.empty() && (!ip || InAnyRange(rule.not_ip_ranges, ip))) return false;
  if (!ListHolds(rule.actions, rule.not_actions, request.action)) return false;
  if (!ListHolds(rule.user_ids, rule.not_user_ids, request.user_id)) return false;
  return ListHolds(rule.impersonation_role_ids, rule.not_impersonation_role_ids, request.impersonation_role_id);
}

AccessDecision EvaluateAccessControl(const std::vector<AccessControlRule>& rules, const AccessRequest& request) {
  std::vector<std::string> allowed, denied;
  for (const auto& rule : rules) {
    if (!AccessRuleMatches(rule, request)) continue;
    (rule.effect == RuleEffect::kDeny ? denied : allowed).push_back(rule.name);
  }
  if (!denied.empty()) return {RuleEffect::kDeny, std::move(denied)};
  if (!allowed.empty()) return {RuleEffect::kAllow, std::move(allowed)};
  return {RuleEffect::kDeny, {}};
}

}  // namespace skerry::policy
