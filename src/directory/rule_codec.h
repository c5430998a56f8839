#pragma once
// JSON forms of the policy rule values (policy/*.h). The stored document of a rule and its
// WorkMail wire shape are the same object — AccessControlRule, MobileDeviceAccessRule,
// MobileDeviceAccessOverride, ImpersonationRole/ImpersonationRule of the wire reference §16 —
// so the admin API reads requests and writes responses with these too. Empty lists and empty
// optional strings are omitted; timestamps are epoch-seconds numbers.
//
// FromJson reads members by name and ignores others. Input that passed the wire validator only
// fails on an effect or type outside the enums; a stored document failing is kCorrupt for the
// caller to report.

#include <boost/json/object.hpp>

#include "base/error.h"
#include "policy/access_control_rules.h"
#include "policy/impersonation_roles.h"
#include "policy/mobile_device_rules.h"

namespace skerry::directory {

boost::json::object AccessControlRuleToJson(const policy::AccessControlRule& rule);
Result<policy::AccessControlRule> AccessControlRuleFromJson(const boost::json::object& json);

boost::json::object MobileDeviceAccessRuleToJson(const policy::MobileDeviceAccessRule& rule);
Result<policy::MobileDeviceAccessRule> MobileDeviceAccessRuleFromJson(const boost::json::object& json);

boost::json::object MobileDeviceAccessOverrideToJson(const policy::MobileDeviceAccessOverride& o);
Result<policy::MobileDeviceAccessOverride> MobileDeviceAccessOverrideFromJson(const boost::json::object& json);

// The full role, rules included (GetImpersonationRole); `summary` leaves out Description and
// Rules (the ImpersonationRole list item of ListImpersonationRoles).
boost::json::object ImpersonationRoleToJson(const policy::ImpersonationRole& role, bool summary = false);
Result<policy::ImpersonationRole> ImpersonationRoleFromJson(const boost::json::object& json);

}  // namespace skerry::directory
