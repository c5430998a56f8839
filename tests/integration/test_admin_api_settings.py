"""Organization settings on the WorkMail admin API — inbound DMARC, the retention policy, email
monitoring, tags and mailbox permissions — driven by real clients against one real skerryd:
Debian's /usr/bin/aws (awscli 2.9.19), the newer `aws` on PATH and boto3 from both Pythons."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from admin_api_case import AdminApiCase  # noqa: E402

LOG_GROUP = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/workmail/events:*"
ROLE = "arn:aws:iam::111122223333:role/WorkMailMonitoring"


class AdminApiSettings(AdminApiCase):
    def new_org(self, cli):
        org = self.create_org(cli, "set")
        return org, cli.ok("describe-organization", "--organization-id", org)

    def test_dmarc_retention_and_monitoring(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org, _ = self.new_org(cli)
                o = ("--organization-id", org)
                # The guide: new organizations have DMARC enforcement turned on.
                self.assertEqual(cli.ok("describe-inbound-dmarc-settings", *o), {"Enforced": True})
                self.assertEqual(cli.ok("put-inbound-dmarc-settings", *o, "--no-enforced"), {})
                self.assertEqual(cli.ok("describe-inbound-dmarc-settings", *o), {"Enforced": False})

                self.fails(cli, "EntityNotFoundException", "get-default-retention-policy", *o)
                folders = json.dumps([{"Name": "DELETED_ITEMS", "Action": "PERMANENTLY_DELETE", "Period": 30},
                                      {"Name": "INBOX", "Action": "NONE"}])
                self.assertEqual(cli.ok("put-retention-policy", *o, "--name", "default", "--description", "d",
                                        "--folder-configurations", folders), {})
                got = cli.ok("get-default-retention-policy", *o)
                self.assertEqual(got["Name"], "default")
                self.assertEqual(got["FolderConfigurations"][0], {"Name": "DELETED_ITEMS", "Action": "PERMANENTLY_DELETE", "Period": 30})
                self.assertNotIn("Period", got["FolderConfigurations"][1])
                no_period = json.dumps([{"Name": "JUNK_EMAIL", "Action": "DELETE"}])
                self.fails(cli, "InvalidParameterException", "put-retention-policy", *o, "--name", "x",
                           "--folder-configurations", no_period)
                self.fails(cli, "LimitExceededException", "put-retention-policy", *o, "--id", "another",
                           "--name", "x", "--folder-configurations", folders)
                self.assertEqual(cli.ok("delete-retention-policy", *o, "--id", got["Id"]), {})
                self.fails(cli, "EntityNotFoundException", "get-default-retention-policy", *o)

                self.fails(cli, "ResourceNotFoundException", "describe-email-monitoring-configuration", *o)
                self.assertEqual(cli.ok("put-email-monitoring-configuration", *o, "--role-arn", ROLE,
                                        "--log-group-arn", LOG_GROUP), {})
                self.assertEqual(cli.ok("describe-email-monitoring-configuration", *o),
                                 {"RoleArn": ROLE, "LogGroupArn": LOG_GROUP})
                self.assertEqual(cli.ok("delete-email-monitoring-configuration", *o), {})
                self.fails(cli, "ResourceNotFoundException", "describe-email-monitoring-configuration", *o)

                cli.ok("delete-organization", *o, "--no-delete-directory")
                self.fails(cli, "OrganizationStateException", "describe-inbound-dmarc-settings", *o)

    def test_tags(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org, described = self.new_org(cli)
                arn = ("--resource-arn", described["ARN"])
                self.assertEqual(cli.ok("list-tags-for-resource", *arn), {"Tags": []})
                tags = [{"Key": f"k{i:02d}", "Value": "v"} for i in range(49)]
                self.assertEqual(cli.ok("tag-resource", *arn, "--tags", json.dumps(tags)), {})
                cli.ok("tag-resource", *arn, "--tags", "Key=k00,Value=changed", "Key=last,Value=")
                listed = cli.ok("list-tags-for-resource", *arn)["Tags"]
                self.assertEqual(len(listed), 50)
                self.assertEqual(listed[0], {"Key": "k00", "Value": "changed"})
                self.fails(cli, "TooManyTagsException", "tag-resource", *arn, "--tags", "Key=more,Value=x")
                self.fails(cli, "InvalidParameterException", "tag-resource", *arn, "--tags", "Key=aws:x,Value=x")
                cli.ok("untag-resource", *arn, "--tag-keys", "k00", "absent")
                self.assertEqual(len(cli.ok("list-tags-for-resource", *arn)["Tags"]), 49)
                other = described["ARN"].replace(org, "m-" + "0" * 32)
                self.fails(cli, "ResourceNotFoundException", "list-tags-for-resource", "--resource-arn", other)

    def test_mailbox_permissions(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org, described = self.new_org(cli)
                o = ("--organization-id", org)
                domain = described["DefaultMailDomain"]

                def user(name, enable=True):
                    uid = cli.ok("create-user", *o, "--name", name, "--display-name", name,
                                 "--password", "Str0ng-Passw0rd!")["UserId"]
                    if enable:
                        cli.ok("register-to-work-mail", *o, "--entity-id", uid, "--email", f"{name}@{domain}")
                    return uid
                shared, alice, off = user("shared"), user("alice"), user("off", enable=False)
                team = cli.ok("create-group", *o, "--name", "team")["GroupId"]
                cli.ok("register-to-work-mail", *o, "--entity-id", team, "--email", f"team@{domain}")

                put = ("put-mailbox-permissions", *o, "--entity-id", shared)
                self.assertEqual(cli.ok(*put, "--grantee-id", alice, "--permission-values", "FULL_ACCESS", "SEND_AS"), {})
                cli.ok(*put, "--grantee-id", f"team@{domain}", "--permission-values", "SEND_ON_BEHALF")
                listed = cli.ok("list-mailbox-permissions", *o, "--entity-id", f"shared@{domain}")["Permissions"]
                self.assertEqual(sorted(listed, key=lambda p: p["GranteeType"]), [
                    {"GranteeId": team, "GranteeType": "GROUP", "PermissionValues": ["SEND_ON_BEHALF"]},
                    {"GranteeId": alice, "GranteeType": "USER", "PermissionValues": ["FULL_ACCESS", "SEND_AS"]},
                ])
                self.fails(cli, "InvalidParameterException", *put, "--grantee-id", team, "--permission-values", "FULL_ACCESS")
                self.fails(cli, "EntityStateException", "put-mailbox-permissions", *o, "--entity-id", off,
                           "--grantee-id", alice, "--permission-values", "SEND_AS")
                self.fails(cli, "InvalidParameterException", "put-mailbox-permissions", *o, "--entity-id", team,
                           "--grantee-id", alice, "--permission-values", "SEND_AS")
                self.fails(cli, "EntityNotFoundException", *put, "--grantee-id", "nobody-at-all", "--permission-values", "SEND_AS")
                self.assertEqual(cli.ok("delete-mailbox-permissions", *o, "--entity-id", shared, "--grantee-id", team), {})
                self.assertEqual(cli.ok("delete-mailbox-permissions", *o, "--entity-id", shared, "--grantee-id", team), {})
                page = cli.ok("list-mailbox-permissions", *o, "--entity-id", shared)["Permissions"]
                self.assertEqual([p["GranteeId"] for p in page], [alice])

    def test_boto3_every_operation_from_both_pythons(self):
        script = self.BOTO3_PRELUDE + r'''
log_group, role = sys.argv[5:7]
out = {}
org = c.create_organization(Alias="sb" + botocore.__version__.replace(".", "x"))["OrganizationId"]
d = c.describe_organization(OrganizationId=org)
O = dict(OrganizationId=org)
out["dmarc0"] = c.describe_inbound_dmarc_settings(**O)["Enforced"]
c.put_inbound_dmarc_settings(Enforced=False, **O)
out["dmarc1"] = c.describe_inbound_dmarc_settings(**O)["Enforced"]
c.put_retention_policy(Name="p", FolderConfigurations=[{"Name": "JUNK_EMAIL", "Action": "DELETE", "Period": 7}], **O)
p = c.get_default_retention_policy(**O)
out["policy"] = [p["Name"], p["FolderConfigurations"]]
try:
    c.put_retention_policy(Name="p", FolderConfigurations=[{"Name": "INBOX", "Action": "NONE", "Period": 3}], **O)
except c.exceptions.InvalidParameterException as x:
    out["none_with_period"] = x.response["Error"]["Code"]
c.delete_retention_policy(Id=p["Id"], **O)
c.put_email_monitoring_configuration(RoleArn=role, LogGroupArn=log_group, **O)
out["monitoring"] = c.describe_email_monitoring_configuration(**O)["LogGroupArn"]
c.delete_email_monitoring_configuration(**O)
try:
    c.describe_email_monitoring_configuration(**O)
except c.exceptions.ResourceNotFoundException as x:
    out["monitoring_gone"] = x.response["Error"]["Code"]
c.tag_resource(ResourceARN=d["ARN"], Tags=[{"Key": "team", "Value": "mail"}, {"Key": "cost", "Value": "42"}])
c.untag_resource(ResourceARN=d["ARN"], TagKeys=["cost"])
out["tags"] = c.list_tags_for_resource(ResourceARN=d["ARN"])["Tags"]
dom = d["DefaultMailDomain"]
uids = []
for n in ("owner", "alice"):
    uid = c.create_user(Name=n, DisplayName=n, Password="Str0ng-Passw0rd!", **O)["UserId"]
    c.register_to_work_mail(EntityId=uid, Email=n + "@" + dom, **O)
    uids.append(uid)
c.put_mailbox_permissions(EntityId=uids[0], GranteeId=uids[1], PermissionValues=["SEND_AS"], **O)
out["perms"] = c.list_mailbox_permissions(EntityId=uids[0], **O)["Permissions"] == [
    {"GranteeId": uids[1], "GranteeType": "USER", "PermissionValues": ["SEND_AS"]}]
c.delete_mailbox_permissions(EntityId=uids[0], GranteeId=uids[1], **O)
out["perms_after"] = c.list_mailbox_permissions(EntityId=uids[0], **O)["Permissions"]
print(json.dumps(out))
'''
        for py in self.boto3_pythons():
            with self.subTest(python=py):
                out = self.run_boto3(py, script, LOG_GROUP, ROLE, timeout=120)
                self.assertEqual(out["dmarc0"], True)
                self.assertEqual(out["dmarc1"], False)
                self.assertEqual(out["policy"], ["p", [{"Name": "JUNK_EMAIL", "Action": "DELETE", "Period": 7}]])
                self.assertEqual(out["none_with_period"], "InvalidParameterException")
                self.assertEqual(out["monitoring"], LOG_GROUP)
                self.assertEqual(out["monitoring_gone"], "ResourceNotFoundException")
                self.assertEqual(out["tags"], [{"Key": "team", "Value": "mail"}])
                self.assertTrue(out["perms"])
                self.assertEqual(out["perms_after"], [])


if __name__ == "__main__":
    unittest.main()
