"""Access control rules, mobile device access rules and overrides, and impersonation roles on
the WorkMail admin API, driven by real clients against a real skerryd: Debian's /usr/bin/aws
(awscli 2.9.19), the newer `aws` on PATH (1.45.11) and boto3 from both Pythons. All twenty
operations exist in both models (wire reference §19), so every client runs every operation.
Includes the administrator guide's CLI examples verbatim (real organization and rule ids
substituted for the guide's placeholders)."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from admin_api_case import AdminApiCase  # noqa: E402

USER_ID = "0f9e8d7c-6b5a-4c3d-8e2f-1a2b3c4d5e6f"  # users are opaque references for now


class AdminApiRules(AdminApiCase):
    def new_org(self, cli):
        return self.create_org(cli, "rules")

    # ------------------------------------------------------------------ mobile device access rules

    def test_guide_mobile_device_examples_verbatim(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org = self.new_org(cli)
                # "Listing mobile device access rules": a new organization has the default allow-all rule.
                listed = cli.ok("list-mobile-device-access-rules", "--organization-id", org)["Rules"]
                self.assertEqual(len(listed), 1)
                default = listed[0]
                self.assertEqual(default["Effect"], "ALLOW")
                self.assertNotIn("DeviceTypes", default)
                # "Creating mobile device access rules" (both examples).
                android = cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name",
                                 "BlockAllAndroid", "--effect", "DENY", "--device-types", "android")["MobileDeviceAccessRuleId"]
                ios = cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name", "AllowLatestiOS",
                             "--effect", "ALLOW", "--device-operating-systems", "iOS 14.3")["MobileDeviceAccessRuleId"]
                self.assertRegex(ios, r"^[a-zA-Z0-9_-]{1,64}$")
                # "Updating mobile device access rules".
                self.assertEqual(cli.ok("update-mobile-device-access-rule", "--organization-id", org,
                                        "--mobile-device-access-rule-id", ios, "--name", "AllowLatestiOS", "--effect",
                                        "ALLOW", "--device-operating-systems", "iOS 14.4"), {})
                rules = {r["Name"]: r for r in cli.ok("list-mobile-device-access-rules", "--organization-id", org)["Rules"]}
                self.assertEqual(rules["AllowLatestiOS"]["DeviceOperatingSystems"], ["iOS 14.4"])
                self.assertEqual(rules["BlockAllAndroid"]["DeviceTypes"], ["android"])
                self.assertIn("DateCreated", rules["BlockAllAndroid"])
                # "Testing mobile device access rules": the default rule lets the iPhone in...
                guide_effect = ("get-mobile-device-access-effect", "--organization-id", org, "--device-type", "iPhone",
                                "--device-model", "iPhone10C1", "--device-operating-system", "iOS 14.2.1 16F203",
                                "--device-user-agent", "iOS/14.2 (18B92) exchangesyncd/1.0")
                out = cli.ok(*guide_effect)
                self.assertEqual(out["Effect"], "ALLOW")
                self.assertEqual(out["MatchedRules"], [{"MobileDeviceAccessRuleId": default["MobileDeviceAccessRuleId"],
                                                        "Name": default["Name"]}])
                # ...and once the guide's "remove the default ALLOW-all rule" is done, iOS 14.2 matches no
                # rule: blocked.
                cli.ok("delete-mobile-device-access-rule", "--organization-id", org, "--mobile-device-access-rule-id",
                       default["MobileDeviceAccessRuleId"])
                out = cli.ok(*guide_effect)
                self.assertEqual(out["Effect"], "DENY")
                self.assertEqual(out["MatchedRules"], [])
                out = cli.ok("get-mobile-device-access-effect", "--organization-id", org, "--device-operating-system",
                             "ios 14.4.2")
                self.assertEqual((out["Effect"], [m["Name"] for m in out["MatchedRules"]]), ("ALLOW", ["AllowLatestiOS"]))
                out = cli.ok("get-mobile-device-access-effect", "--organization-id", org, "--device-type", "Android",
                             "--device-operating-system", "iOS 14.4")
                self.assertEqual((out["Effect"], [m["Name"] for m in out["MatchedRules"]]), ("DENY", ["BlockAllAndroid"]))
                # "Deleting a mobile device access rule".
                self.assertEqual(cli.ok("delete-mobile-device-access-rule", "--organization-id", org,
                                        "--mobile-device-access-rule-id", android), {})
                names = [r["Name"] for r in cli.ok("list-mobile-device-access-rules", "--organization-id", org)["Rules"]]
                self.assertEqual(names, ["AllowLatestiOS"])
                # MDM integration: the 'deny to all' rule, then overrides per user and device.
                cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name", "DefaultDenyAll",
                       "--effect", "DENY")
                self.assertEqual(cli.ok(*guide_effect)["Effect"], "DENY")
                self.assertEqual(cli.ok("list-mobile-device-access-overrides", "--organization-id", org)["Overrides"], [])
                self.assertEqual(cli.ok("put-mobile-device-access-override", "--organization-id", org, "--user-id",
                                        "user1@domain.com", "--device-id", "6APMEKPHCP2ND42VIJ4BR8ECD0", "--effect", "DENY"), {})
                got = cli.ok("get-mobile-device-access-override", "--organization-id", org, "--user-id",
                             "user1@domain.com", "--device-id", "6APMEKPHCP2ND42VIJ4BR8ECD0")
                self.assertEqual((got["UserId"], got["DeviceId"], got["Effect"]),
                                 ("user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0", "DENY"))
                cli.ok("put-mobile-device-access-override", "--organization-id", org, "--user-id", "user1@domain.com",
                       "--device-id", "6APMEKPHCP2ND42VIJ4BR8ECD0", "--effect", "ALLOW")
                overrides = cli.ok("list-mobile-device-access-overrides", "--organization-id", org)["Overrides"]
                self.assertEqual([(o["UserId"], o["Effect"]) for o in overrides], [("user1@domain.com", "ALLOW")])
                self.assertIn("DateModified", overrides[0])
                cli.ok("delete-mobile-device-access-override", "--organization-id", org, "--user-id",
                       "user1@domain.com", "--device-id", "6APMEKPHCP2ND42VIJ4BR8ECD0")
                self.fails(cli, "ResourceNotFoundException", "get-mobile-device-access-override", "--organization-id",
                           org, "--user-id", "user1@domain.com", "--device-id", "6APMEKPHCP2ND42VIJ4BR8ECD0")

    def test_mobile_device_precedence_none_and_negative_conditions(self):
        cli = self.clis[-1]
        org = self.new_org(cli)
        default = cli.ok("list-mobile-device-access-rules", "--organization-id", org)["Rules"][0]
        cli.ok("delete-mobile-device-access-rule", "--organization-id", org, "--mobile-device-access-rule-id",
               default["MobileDeviceAccessRuleId"])
        effect = lambda *a: cli.ok("get-mobile-device-access-effect", "--organization-id", org, *a)  # noqa: E731
        self.assertEqual(effect("--device-type", "iPhone"), {"Effect": "DENY", "MatchedRules": []})  # no rule → DENY
        cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name", "apple-or-unknown", "--effect",
               "ALLOW", "--device-types", "iphone", "ipad", "$NONE")
        self.assertEqual(effect("--device-type", "IPHONE")["Effect"], "ALLOW")      # case-insensitive
        self.assertEqual(effect("--device-type", "iPad7C3")["Effect"], "ALLOW")     # prefix
        self.assertEqual(effect("--device-model", "x")["Effect"], "ALLOW")          # $NONE: no type reported
        self.assertEqual(effect("--device-type", "Android")["Effect"], "DENY")
        cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name", "not-android", "--effect",
               "ALLOW", "--not-device-types", "android")
        self.assertEqual(effect("--device-type", "Windows")["Effect"], "ALLOW")
        out = effect("--device-model", "x")  # a negative condition never matches an empty value
        self.assertEqual([m["Name"] for m in out["MatchedRules"]], ["apple-or-unknown"])
        cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name", "old-ios", "--effect", "DENY",
               "--device-operating-systems", "iOS 12")
        out = effect("--device-type", "iPhone", "--device-operating-system", "iOS 12.3.1 16F203")
        self.assertEqual((out["Effect"], [m["Name"] for m in out["MatchedRules"]]), ("DENY", ["old-ios"]))  # DENY wins
        self.fails(cli, "EntityNotFoundException", "update-mobile-device-access-rule", "--organization-id", org,
                   "--mobile-device-access-rule-id", "nonexistent", "--name", "x", "--effect", "ALLOW")
        self.fails(cli, "InvalidParameterException", "create-mobile-device-access-rule", "--organization-id", org,
                   "--name", "x", "--effect", "MAYBE")
        for i in range(7):
            cli.ok("create-mobile-device-access-rule", "--organization-id", org, "--name", f"r{i}", "--effect", "ALLOW")
        self.fails(cli, "LimitExceededException", "create-mobile-device-access-rule", "--organization-id", org,
                   "--name", "one-too-many", "--effect", "ALLOW")

    def test_overrides_paginate(self):
        cli = self.clis[-1]
        org = self.new_org(cli)
        for dev in ("DEVA", "DEVB", "DEVC"):
            cli.ok("put-mobile-device-access-override", "--organization-id", org, "--user-id", "user2@domain.com",
                   "--device-id", dev, "--effect", "ALLOW")
        first = cli.ok("list-mobile-device-access-overrides", "--organization-id", org, "--max-results", "2")
        self.assertEqual([o["DeviceId"] for o in first["Overrides"]], ["DEVA", "DEVB"])
        rest = cli.ok("list-mobile-device-access-overrides", "--organization-id", org, "--max-results", "2",
                      "--next-token", first["NextToken"])
        self.assertEqual([o["DeviceId"] for o in rest["Overrides"]], ["DEVC"])
        self.assertNotIn("NextToken", rest)
        only = cli.ok("list-mobile-device-access-overrides", "--organization-id", org, "--device-id", "devb")
        self.assertEqual(len(only["Overrides"]), 1)
        self.fails(cli, "InvalidParameterException", "list-mobile-device-access-overrides", "--organization-id", org,
                   "--max-results", "2", "--device-id", "DEVA", "--next-token", first["NextToken"])

    # ------------------------------------------------------------------ access control rules

    def test_access_control_rules(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org = self.new_org(cli)
                rules = cli.ok("list-access-control-rules", "--organization-id", org)["Rules"]
                self.assertEqual([(r["Name"], r["Effect"]) for r in rules], [("default", "ALLOW")])
                effect = lambda *a: cli.ok("get-access-control-effect", "--organization-id", org, *a)  # noqa: E731
                out = effect("--ip-address", "203.0.113.5", "--action", "IMAP", "--user-id", USER_ID)
                self.assertEqual(out, {"Effect": "ALLOW", "MatchedRules": ["default"]})
                # Only ActiveSync from outside the corporate range.
                self.assertEqual(cli.ok("put-access-control-rule", "--organization-id", org, "--name", "outside-eas-only",
                                        "--effect", "DENY", "--description", "EAS only from outside",
                                        "--not-ip-ranges", "10.0.0.0/8", "192.168.0.0/16",
                                        "--not-actions", "ActiveSync"), {})
                self.assertEqual(effect("--ip-address", "203.0.113.5", "--action", "IMAP", "--user-id", USER_ID),
                                 {"Effect": "DENY", "MatchedRules": ["outside-eas-only"]})
                self.assertEqual(effect("--ip-address", "203.0.113.5", "--action", "ActiveSync", "--user-id", USER_ID)["Effect"], "ALLOW")
                self.assertEqual(effect("--ip-address", "10.20.30.40", "--action", "IMAP", "--user-id", USER_ID)["Effect"], "ALLOW")
                listed = {r["Name"]: r for r in cli.ok("list-access-control-rules", "--organization-id", org)["Rules"]}
                self.assertEqual(listed["outside-eas-only"]["NotIpRanges"], ["10.0.0.0/8", "192.168.0.0/16"])
                self.assertEqual(listed["outside-eas-only"]["Description"], "EAS only from outside")
                # Users and NotUserIds: a rule per user.
                cli.ok("put-access-control-rule", "--organization-id", org, "--name", "block-user", "--effect", "DENY",
                       "--description", "one user", "--user-ids", USER_ID, "--actions", "SMTP")
                self.assertEqual(effect("--ip-address", "10.1.1.1", "--action", "smtp", "--user-id", USER_ID)["Effect"], "DENY")
                self.assertEqual(effect("--ip-address", "10.1.1.1", "--action", "SMTP", "--user-id",
                                        "11111111-2222-4333-8444-555555555555")["Effect"], "ALLOW")
                # Bad input: a malformed CIDR, an unknown effect, neither user nor role, an unknown role.
                self.fails(cli, "InvalidParameterException", "put-access-control-rule", "--organization-id", org,
                           "--name", "bad", "--effect", "ALLOW", "--description", "x", "--ip-ranges", "10.0.0.0/33")
                self.fails(cli, "InvalidParameterException", "put-access-control-rule", "--organization-id", org,
                           "--name", "bad", "--effect", "MAYBE", "--description", "x")
                self.fails(cli, "InvalidParameterException", "get-access-control-effect", "--organization-id", org,
                           "--ip-address", "10.1.1.1", "--action", "IMAP")
                self.fails(cli, "ResourceNotFoundException", "get-access-control-effect", "--organization-id", org,
                           "--ip-address", "10.1.1.1", "--action", "EWS", "--impersonation-role-id", "no-such-role")
                self.fails(cli, "ResourceNotFoundException", "put-access-control-rule", "--organization-id", org,
                           "--name", "roles", "--effect", "ALLOW", "--description", "x",
                           "--impersonation-role-ids", "no-such-role")
                # Deleting every rule blocks all access (the guide's warning).
                for name in ("default", "outside-eas-only", "block-user", "never-existed"):
                    self.assertEqual(cli.ok("delete-access-control-rule", "--organization-id", org, "--name", name), {})
                self.assertEqual(cli.ok("list-access-control-rules", "--organization-id", org)["Rules"], [])
                self.assertEqual(effect("--ip-address", "10.1.1.1", "--action", "IMAP", "--user-id", USER_ID),
                                 {"Effect": "DENY", "MatchedRules": []})

    def test_twenty_access_control_rules_at_most(self):
        cli = self.clis[0]
        org = self.new_org(cli)
        for i in range(19):  # plus the default rule
            cli.ok("put-access-control-rule", "--organization-id", org, "--name", f"rule-{i}", "--effect", "ALLOW",
                   "--description", f"rule {i}")
        self.assertEqual(len(cli.ok("list-access-control-rules", "--organization-id", org)["Rules"]), 20)
        err = self.fails(cli, "LimitExceededException", "put-access-control-rule", "--organization-id", org, "--name",
                         "rule-20", "--effect", "ALLOW", "--description", "x")
        self.assertIn("20", err)
        # Replacing an existing rule is not a new one.
        cli.ok("put-access-control-rule", "--organization-id", org, "--name", "rule-3", "--effect", "DENY",
               "--description", "changed", "--actions", "IMAP")
        rules = {r["Name"]: r for r in cli.ok("list-access-control-rules", "--organization-id", org)["Rules"]}
        self.assertEqual((rules["rule-3"]["Effect"], rules["rule-3"]["Actions"]), ("DENY", ["IMAP"]))

    def test_organization_checks(self):
        cli = self.clis[0]
        missing = "m-" + "0" * 32
        for args in (("list-access-control-rules",), ("list-mobile-device-access-rules",), ("list-impersonation-roles",),
                     ("get-mobile-device-access-effect",)):
            self.fails(cli, "OrganizationNotFoundException", *args, "--organization-id", missing)
        org = self.new_org(cli)
        cli.ok("delete-organization", "--organization-id", org, "--delete-directory")
        self.fails(cli, "OrganizationStateException", "list-access-control-rules", "--organization-id", org)
        self.fails(cli, "OrganizationStateException", "create-impersonation-role", "--organization-id", org, "--name",
                   "x", "--type", "READ_ONLY", "--rules", "[]")

    # ------------------------------------------------------------------ impersonation roles

    def test_impersonation_roles(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org = self.new_org(cli)
                rules = [{"ImpersonationRuleId": "allow-all", "Name": "everyone", "Effect": "ALLOW"},
                         {"ImpersonationRuleId": "protect-ceo", "Name": "not the CEO", "Effect": "DENY",
                          "TargetUsers": ["ceo@example.com"]}]
                role = cli.ok("create-impersonation-role", "--organization-id", org, "--name", "Archiver", "--type",
                              "READ_ONLY", "--description", "archives mail", "--rules", json.dumps(rules))["ImpersonationRoleId"]
                got = cli.ok("get-impersonation-role", "--organization-id", org, "--impersonation-role-id", role)
                self.assertEqual((got["Name"], got["Type"], got["Description"]), ("Archiver", "READ_ONLY", "archives mail"))
                self.assertEqual([r["ImpersonationRuleId"] for r in got["Rules"]], ["allow-all", "protect-ceo"])
                self.assertIn("DateCreated", got)
                listed = cli.ok("list-impersonation-roles", "--organization-id", org)["Roles"]
                self.assertEqual([(r["ImpersonationRoleId"], r["Name"]) for r in listed], [(role, "Archiver")])
                eff = lambda user: cli.ok("get-impersonation-role-effect", "--organization-id", org,  # noqa: E731
                                          "--impersonation-role-id", role, "--target-user", user)
                self.assertEqual(eff("CEO@example.com"), {"Type": "READ_ONLY", "Effect": "DENY", "MatchedRules": [
                    {"ImpersonationRuleId": "protect-ceo", "Name": "not the CEO"}]})
                self.assertEqual(eff("bob@example.com")["Effect"], "ALLOW")
                self.fails(cli, "InvalidParameterException", "create-impersonation-role", "--organization-id", org,
                           "--name", "archiver", "--type", "READ_ONLY", "--rules", "[]")  # names are unique
                self.fails(cli, "InvalidParameterException", "create-impersonation-role", "--organization-id", org,
                           "--name", "bad-type", "--type", "ADMIN", "--rules", "[]")
                # Update: FULL_ACCESS and no rules at all → impersonation denied.
                self.assertEqual(cli.ok("update-impersonation-role", "--organization-id", org, "--impersonation-role-id",
                                        role, "--name", "Archiver", "--type", "FULL_ACCESS", "--rules", "[]"), {})
                self.assertEqual(eff("bob@example.com"), {"Type": "FULL_ACCESS", "Effect": "DENY", "MatchedRules": []})
                self.fails(cli, "ResourceNotFoundException", "update-impersonation-role", "--organization-id", org,
                           "--impersonation-role-id", "nope", "--name", "x", "--type", "READ_ONLY", "--rules", "[]")
                # Assume: a token valid 15 minutes.
                t = cli.ok("assume-impersonation-role", "--organization-id", org, "--impersonation-role-id", role)
                self.assertEqual(t["ExpiresIn"], 900)
                self.assertRegex(t["Token"], r"^[\x21-\x7e]{1,256}$")
                t2 = cli.ok("assume-impersonation-role", "--organization-id", org, "--impersonation-role-id", role)
                self.assertNotEqual(t["Token"], t2["Token"])
                # An access control rule may name the role.
                cli.ok("put-access-control-rule", "--organization-id", org, "--name", "role-ews-only", "--effect", "DENY",
                       "--description", "role only on EWS", "--impersonation-role-ids", role, "--not-actions", "EWS")
                out = cli.ok("get-access-control-effect", "--organization-id", org, "--ip-address", "1.2.3.4",
                             "--action", "IMAP", "--impersonation-role-id", role)
                self.assertEqual(out, {"Effect": "DENY", "MatchedRules": ["role-ews-only"]})
                out = cli.ok("get-access-control-effect", "--organization-id", org, "--ip-address", "1.2.3.4",
                             "--action", "EWS", "--impersonation-role-id", role)
                self.assertEqual(out, {"Effect": "ALLOW", "MatchedRules": ["default"]})
                self.assertEqual(cli.ok("delete-impersonation-role", "--organization-id", org, "--impersonation-role-id", role), {})
                for op in ("get-impersonation-role", "assume-impersonation-role"):
                    self.fails(cli, "ResourceNotFoundException", op, "--organization-id", org, "--impersonation-role-id", role)
                self.fails(cli, "ResourceNotFoundException", "get-impersonation-role-effect", "--organization-id", org,
                           "--impersonation-role-id", role, "--target-user", "bob@example.com")
                self.assertEqual(cli.ok("list-impersonation-roles", "--organization-id", org)["Roles"], [])

    # ------------------------------------------------------------------ boto3

    def test_boto3_every_operation_from_both_pythons(self):
        script = self.BOTO3_PRELUDE + r'''
out = {}
org = c.create_organization(Alias="rb" + botocore.__version__.replace(".", "x"))["OrganizationId"]
O = dict(OrganizationId=org)
c.put_access_control_rule(Name="deny-imap", Effect="DENY", Description="d", Actions=["IMAP"], **O)
out["acl"] = [r["Name"] for r in c.list_access_control_rules(**O)["Rules"]]
out["acl_created_is_datetime"] = type(c.list_access_control_rules(**O)["Rules"][1]["DateCreated"]).__name__
e = c.get_access_control_effect(IpAddress="192.0.2.1", Action="IMAP", UserId="0f9e8d7c-6b5a-4c3d-8e2f-1a2b3c4d5e6f", **O)
out["acl_effect"] = [e["Effect"], e["MatchedRules"]]
c.delete_access_control_rule(Name="deny-imap", **O)
try:
    c.put_access_control_rule(Name="bad", Effect="ALLOW", Description="d", IpRanges=["10.0.0.1/40"], **O)
except c.exceptions.InvalidParameterException as x:
    out["bad_cidr"] = x.response["Error"]["Code"]
rid = c.create_mobile_device_access_rule(Name="BlockAllAndroid", Effect="DENY", DeviceTypes=["android"], **O)["MobileDeviceAccessRuleId"]
c.update_mobile_device_access_rule(MobileDeviceAccessRuleId=rid, Name="BlockAndroid8", Effect="DENY",
                                   DeviceTypes=["android"], DeviceOperatingSystems=["Android 8"], **O)
out["mdm_rules"] = [r["Name"] for r in c.list_mobile_device_access_rules(**O)["Rules"]]
e = c.get_mobile_device_access_effect(DeviceType="Android", DeviceOperatingSystem="Android 8.1.0", **O)
out["mdm_effect"] = [e["Effect"], [m["MobileDeviceAccessRuleId"] == rid for m in e["MatchedRules"]]]
c.delete_mobile_device_access_rule(MobileDeviceAccessRuleId=rid, **O)
c.put_mobile_device_access_override(UserId="user1@domain.com", DeviceId="DEV1", Effect="DENY", Description="lost", **O)
g = c.get_mobile_device_access_override(UserId="user1@domain.com", DeviceId="DEV1", **O)
out["override"] = [g["Effect"], g["Description"], type(g["DateCreated"]).__name__]
out["overrides"] = len(c.list_mobile_device_access_overrides(UserId="user1@domain.com", **O)["Overrides"])
c.delete_mobile_device_access_override(UserId="user1@domain.com", DeviceId="DEV1", **O)
try:
    c.get_mobile_device_access_override(UserId="user1@domain.com", DeviceId="DEV1", **O)
except c.exceptions.ResourceNotFoundException as x:
    out["override_gone"] = x.response["Error"]["Code"]
role = c.create_impersonation_role(Name="r", Type="FULL_ACCESS", Rules=[
    {"ImpersonationRuleId": "a", "Effect": "ALLOW", "TargetUsers": ["alice@example.com"]}], **O)["ImpersonationRoleId"]
c.update_impersonation_role(ImpersonationRoleId=role, Name="r2", Type="FULL_ACCESS", Description="x", Rules=[
    {"ImpersonationRuleId": "a", "Effect": "ALLOW", "NotTargetUsers": ["bob@example.com"]}], **O)
out["role"] = c.get_impersonation_role(ImpersonationRoleId=role, **O)["Name"]
out["roles"] = len(c.list_impersonation_roles(**O)["Roles"])
out["role_effect"] = [c.get_impersonation_role_effect(ImpersonationRoleId=role, TargetUser=u, **O)["Effect"]
                      for u in ("alice@example.com", "bob@example.com")]
t = c.assume_impersonation_role(ImpersonationRoleId=role, **O)
out["expires"] = t["ExpiresIn"]
c.delete_impersonation_role(ImpersonationRoleId=role, **O)
try:
    c.assume_impersonation_role(ImpersonationRoleId=role, **O)
except c.exceptions.ResourceNotFoundException as x:
    out["role_gone"] = x.response["Error"]["Code"]
print(json.dumps(out))
'''
        for py in self.boto3_pythons():
            with self.subTest(python=py):
                out = self.run_boto3(py, script, timeout=180)
                self.assertEqual(out["acl"], ["default", "deny-imap"])
                self.assertEqual(out["acl_created_is_datetime"], "datetime")
                self.assertEqual(out["acl_effect"], ["DENY", ["deny-imap"]])
                self.assertEqual(out["bad_cidr"], "InvalidParameterException")
                self.assertEqual(out["mdm_rules"], ["DefaultAllowAll", "BlockAndroid8"])
                self.assertEqual(out["mdm_effect"], ["DENY", [True]])
                self.assertEqual(out["override"], ["DENY", "lost", "datetime"])
                self.assertEqual(out["overrides"], 1)
                self.assertEqual(out["override_gone"], "ResourceNotFoundException")
                self.assertEqual(out["role"], "r2")
                self.assertEqual(out["roles"], 1)
                self.assertEqual(out["role_effect"], ["ALLOW", "DENY"])
                self.assertEqual(out["expires"], 900)
                self.assertEqual(out["role_gone"], "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()
