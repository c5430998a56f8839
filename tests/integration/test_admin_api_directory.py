"""WorkMail users, groups, resources, aliases and entity operations on the wire, driven by real
AWS clients: Debian's /usr/bin/aws (awscli 2.9.19, 80-operation model), the newer `aws` on PATH
(1.45.11, 92 operations), and boto3 from both Pythons, against a real skerryd."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from aws_clients import path_aws  # noqa: E402
from admin_api_case import AdminApiCase  # noqa: E402

STRONG = "Str0ng-Passw0rd"


class AdminApiDirectory(AdminApiCase):
    exception_in_parens = True

    def test_user_lifecycle_with_every_cli(self):
        for cli in self.clis:
            org, domain = self.create_org_with_domain(cli, "dir")
            o = ("--organization-id", org)
            uid = cli.ok("create-user", *o, "--name", "jdoe", "--display-name", "John Doe",
                         "--password", STRONG)["UserId"]
            self.assertRegex(uid, r"^[0-9a-f-]{36}$")
            d = cli.ok("describe-user", *o, "--user-id", uid)
            self.assertEqual((d["Name"], d["DisplayName"], d["State"], d["UserRole"]),
                             ("jdoe", "John Doe", "DISABLED", "USER"))
            self.assertNotIn("Email", d)
            self.fails(cli, "NameAvailabilityException", "create-user", *o, "--name", "JDOE",
                       "--display-name", "x", "--password", STRONG)
            err = self.fails(cli, "InvalidPasswordException", "create-user", *o, "--name", "weak",
                             "--display-name", "x", "--password", "password")
            self.assertIn("three of these groups", err)
            self.fails(cli, "InvalidPasswordException", "create-user", *o, "--name", "weak",
                       "--display-name", "x", "--password", "Ab1!")
            self.fails(cli, "EntityNotFoundException", "describe-user", *o, "--user-id", "weak-user-never-made")

            cli.ok("register-to-work-mail", *o, "--entity-id", uid, "--email", f"jdoe@{domain}")
            d = cli.ok("describe-user", *o, "--user-id", uid)
            self.assertEqual((d["State"], d["Email"]), ("ENABLED", f"jdoe@{domain}"))
            self.assertIn("EnabledDate", d)
            self.fails(cli, "EntityAlreadyRegisteredException", "register-to-work-mail", *o,
                       "--entity-id", uid, "--email", f"other@{domain}")
            self.fails(cli, "MailDomainNotFoundException", "register-to-work-mail", *o,
                       "--entity-id", cli.ok("create-user", *o, "--name", "amy", "--display-name", "Amy",
                                             "--password", STRONG)["UserId"],
                       "--email", "amy@example.com")
            self.fails(cli, "EntityStateException", "delete-user", *o, "--user-id", uid)

            self.assertEqual(cli.ok("get-mailbox-details", *o, "--user-id", uid),
                             {"MailboxQuota": 51200, "MailboxSize": 0.0})
            cli.ok("update-mailbox-quota", *o, "--user-id", uid, "--mailbox-quota", "1024")
            self.assertEqual(cli.ok("get-mailbox-details", *o, "--user-id", uid)["MailboxQuota"], 1024)
            self.fails(cli, "InvalidParameterException", "update-mailbox-quota", *o, "--user-id", uid,
                       "--mailbox-quota", "51201")
            self.fails(cli, "InvalidPasswordException", "reset-password", *o, "--user-id", uid,
                       "--password", "alllowercase")
            cli.ok("reset-password", *o, "--user-id", uid, "--password", "An0ther-Passw0rd")

            cli.ok("deregister-from-work-mail", *o, "--entity-id", uid)
            d = cli.ok("describe-user", *o, "--user-id", uid)
            self.assertEqual(d["State"], "DISABLED")
            self.assertNotIn("Email", d)
            self.assertIn("DisabledDate", d)
            self.fails(cli, "EntityStateException", "deregister-from-work-mail", *o, "--entity-id", uid)
            cli.ok("delete-user", *o, "--user-id", uid)
            self.fails(cli, "EntityNotFoundException", "describe-user", *o, "--user-id", uid)

    def test_groups_nesting_cycles_and_deletion(self):
        for cli in self.clis:
            org, domain = self.create_org_with_domain(cli, "dir")
            o = ("--organization-id", org)
            outer = cli.ok("create-group", *o, "--name", "outer")["GroupId"]
            inner = cli.ok("create-group", *o, "--name", "inner")["GroupId"]
            uid = cli.ok("create-user", *o, "--name", "member", "--display-name", "M", "--password", STRONG)["UserId"]
            self.fails(cli, "NameAvailabilityException", "create-group", *o, "--name", "member")
            cli.ok("associate-member-to-group", *o, "--group-id", outer, "--member-id", inner)
            cli.ok("associate-member-to-group", *o, "--group-id", inner, "--member-id", uid)
            err = self.fails(cli, "InvalidParameterException", "associate-member-to-group", *o,
                             "--group-id", inner, "--member-id", outer)
            self.assertIn("its own member", err)
            members = cli.ok("list-group-members", *o, "--group-id", inner)["Members"]
            self.assertEqual([(m["Id"], m["Type"], m["Name"], m["State"]) for m in members],
                             [(uid, "USER", "member", "DISABLED")])
            self.assertEqual([m["Type"] for m in cli.ok("list-group-members", *o, "--group-id", outer)["Members"]],
                             ["GROUP"])
            cli.ok("register-to-work-mail", *o, "--entity-id", inner, "--email", f"inner@{domain}")
            g = cli.ok("describe-group", *o, "--group-id", inner)
            self.assertEqual((g["State"], g["Email"], g["Name"]), ("ENABLED", f"inner@{domain}", "inner"))
            listed = cli.ok("list-groups", *o)["Groups"]
            self.assertEqual(sorted(x["Id"] for x in listed), sorted([outer, inner]))
            self.fails(cli, "EntityStateException", "delete-group", *o, "--group-id", inner)
            self.fails(cli, "EntityNotFoundException", "disassociate-member-from-group", *o,
                       "--group-id", outer, "--member-id", uid)
            cli.ok("disassociate-member-from-group", *o, "--group-id", inner, "--member-id", uid)
            self.assertEqual(cli.ok("list-group-members", *o, "--group-id", inner)["Members"], [])
            cli.ok("deregister-from-work-mail", *o, "--entity-id", inner)
            cli.ok("delete-group", *o, "--group-id", inner)
            self.assertEqual(cli.ok("list-group-members", *o, "--group-id", outer)["Members"], [])
            self.fails(cli, "EntityNotFoundException", "describe-group", *o, "--group-id", inner)

    def test_resources_booking_and_delegates(self):
        for cli in self.clis:
            org, domain = self.create_org_with_domain(cli, "dir")
            o = ("--organization-id", org)
            rid = cli.ok("create-resource", *o, "--name", "room1", "--type", "ROOM")["ResourceId"]
            self.assertRegex(rid, r"^r-[0-9a-f]{32}$")
            d = cli.ok("describe-resource", *o, "--resource-id", rid)
            self.assertEqual(d["BookingOptions"], {"AutoAcceptRequests": True, "AutoDeclineRecurringRequests": False,
                                                   "AutoDeclineConflictingRequests": True})
            self.assertEqual((d["Name"], d["Type"], d["State"]), ("room1", "ROOM", "DISABLED"))
            self.fails(cli, "NameAvailabilityException", "create-resource", *o, "--name", "Room1", "--type", "EQUIPMENT")
            self.fails(cli, "InvalidParameterException", "create-resource", *o, "--name", "car", "--type", "CAR")
            cli.ok("update-resource", *o, "--resource-id", rid, "--name", "room2",
                   "--booking-options", "AutoAcceptRequests=false")
            d = cli.ok("describe-resource", *o, "--resource-id", rid)
            self.assertEqual(d["Name"], "room2")
            self.assertFalse(d["BookingOptions"]["AutoAcceptRequests"])
            self.assertTrue(d["BookingOptions"]["AutoDeclineConflictingRequests"])
            uid = cli.ok("create-user", *o, "--name", "booker", "--display-name", "B", "--password", STRONG)["UserId"]
            gid = cli.ok("create-group", *o, "--name", "bookers")["GroupId"]
            cli.ok("associate-delegate-to-resource", *o, "--resource-id", rid, "--entity-id", uid)
            cli.ok("associate-delegate-to-resource", *o, "--resource-id", rid, "--entity-id", gid)
            delegates = cli.ok("list-resource-delegates", *o, "--resource-id", rid)["Delegates"]
            self.assertEqual(sorted((x["Id"], x["Type"]) for x in delegates), sorted([(uid, "USER"), (gid, "GROUP")]))
            cli.ok("disassociate-delegate-from-resource", *o, "--resource-id", rid, "--entity-id", gid)
            self.fails(cli, "EntityNotFoundException", "disassociate-delegate-from-resource", *o,
                       "--resource-id", rid, "--entity-id", gid)
            cli.ok("register-to-work-mail", *o, "--entity-id", rid, "--email", f"room2@{domain}")
            self.assertEqual([r["State"] for r in cli.ok("list-resources", *o)["Resources"]], ["ENABLED"])
            self.fails(cli, "EntityStateException", "delete-resource", *o, "--resource-id", rid)
            cli.ok("deregister-from-work-mail", *o, "--entity-id", rid)
            cli.ok("delete-resource", *o, "--resource-id", rid)
            self.fails(cli, "EntityNotFoundException", "describe-resource", *o, "--resource-id", rid)

    def test_aliases_and_primary_address(self):
        for cli in self.clis:
            org, domain = self.create_org_with_domain(cli, "dir")
            o = ("--organization-id", org)
            a = cli.ok("create-user", *o, "--name", "ann", "--display-name", "Ann", "--password", STRONG)["UserId"]
            b = cli.ok("create-user", *o, "--name", "ben", "--display-name", "Ben", "--password", STRONG)["UserId"]
            self.fails(cli, "EntityStateException", "create-alias", *o, "--entity-id", a, "--alias", f"a@{domain}")
            cli.ok("register-to-work-mail", *o, "--entity-id", a, "--email", f"ann@{domain}")
            cli.ok("register-to-work-mail", *o, "--entity-id", b, "--email", f"ben@{domain}")
            self.fails(cli, "EmailAddressInUseException", "register-to-work-mail", *o,
                       "--entity-id", cli.ok("create-group", *o, "--name", "g")["GroupId"], "--email", f"ANN@{domain}")
            cli.ok("create-alias", *o, "--entity-id", a, "--alias", f"a@{domain}")
            cli.ok("create-alias", *o, "--entity-id", a, "--alias", f"annie@{domain}")
            self.assertEqual(cli.ok("list-aliases", *o, "--entity-id", a)["Aliases"], [f"a@{domain}", f"annie@{domain}"])
            self.fails(cli, "EmailAddressInUseException", "create-alias", *o, "--entity-id", b, "--alias", f"a@{domain}")
            self.fails(cli, "EmailAddressInUseException", "create-alias", *o, "--entity-id", b, "--alias", f"ann@{domain}")
            self.fails(cli, "MailDomainNotFoundException", "create-alias", *o, "--entity-id", b, "--alias", "b@example.org")
            cli.ok("update-primary-email-address", *o, "--entity-id", a, "--email", f"annie@{domain}")
            self.assertEqual(cli.ok("describe-user", *o, "--user-id", a)["Email"], f"annie@{domain}")
            self.assertEqual(cli.ok("list-aliases", *o, "--entity-id", a)["Aliases"], [f"a@{domain}", f"ann@{domain}"])
            self.fails(cli, "EmailAddressInUseException", "update-primary-email-address", *o,
                       "--entity-id", a, "--email", f"ben@{domain}")
            self.fails(cli, "InvalidParameterException", "delete-alias", *o, "--entity-id", a, "--alias", f"annie@{domain}")
            cli.ok("delete-alias", *o, "--entity-id", a, "--alias", f"a@{domain}")
            cli.ok("create-alias", *o, "--entity-id", b, "--alias", f"a@{domain}")
            cli.ok("deregister-from-work-mail", *o, "--entity-id", a)
            # Deregistration released the primary address and the aliases.
            c = cli.ok("create-user", *o, "--name", "cat", "--display-name", "C", "--password", STRONG)["UserId"]
            cli.ok("register-to-work-mail", *o, "--entity-id", c, "--email", f"ann@{domain}")
            cli.ok("create-alias", *o, "--entity-id", c, "--alias", f"annie@{domain}")

    def test_organization_errors(self):
        cli = self.clis[0]
        missing = "m-" + "0" * 32
        self.fails(cli, "OrganizationNotFoundException", "list-users", "--organization-id", missing)
        self.fails(cli, "OrganizationNotFoundException", "create-group", "--organization-id", missing, "--name", "g")
        org, _ = self.create_org_with_domain(cli, "dir")
        uid = cli.ok("create-user", "--organization-id", org, "--name", "u", "--display-name", "U",
                     "--password", STRONG)["UserId"]
        cli.ok("delete-organization", "--organization-id", org, "--delete-directory")
        self.fails(cli, "OrganizationStateException", "describe-user", "--organization-id", org, "--user-id", uid)

    @unittest.skipUnless(path_aws(), "needs the newer aws CLI on PATH")
    def test_newer_model_operations(self):
        cli = self.newer
        org, domain = self.create_org_with_domain(cli, "dir")
        o = ("--organization-id", org)
        uid = cli.ok("create-user", *o, "--name", "nina", "--display-name", "Nina", "--first-name", "Nina",
                     "--role", "USER", "--hidden-from-global-address-list")["UserId"]  # no password: optional here
        cli.ok("update-user", *o, "--user-id", "nina", "--city", "Bergen", "--job-title", "Admin",
               "--display-name", "Nina N.")
        d = cli.ok("describe-user", *o, "--user-id", "nina")
        self.assertEqual((d["UserId"], d["City"], d["JobTitle"], d["DisplayName"], d["FirstName"],
                          d["HiddenFromGlobalAddressList"]), (uid, "Bergen", "Admin", "Nina N.", "Nina", True))
        remote = cli.ok("create-user", *o, "--name", "far", "--display-name", "Far", "--role", "REMOTE_USER")["UserId"]
        self.assertEqual(cli.ok("describe-user", *o, "--user-id", remote)["UserRole"], "REMOTE_USER")
        self.fails(cli, "InvalidParameterException", "create-user", *o, "--name", "sys", "--display-name", "S",
                   "--role", "SYSTEM_USER")
        cli.ok("register-to-work-mail", *o, "--entity-id", "nina", "--email", f"nina@{domain}")
        d = cli.ok("describe-user", *o, "--user-id", f"nina@{domain}")
        self.assertIn("MailboxProvisionedDate", d)
        e = cli.ok("describe-entity", *o, "--email", f"nina@{domain}")
        self.assertEqual(e, {"EntityId": uid, "Name": "nina", "Type": "USER"})
        self.fails(cli, "EntityNotFoundException", "describe-entity", *o, "--email", f"nobody@{domain}")
        top = cli.ok("create-group", *o, "--name", "top")["GroupId"]
        mid = cli.ok("create-group", *o, "--name", "mid")["GroupId"]
        cli.ok("associate-member-to-group", *o, "--group-id", "top", "--member-id", "mid")
        cli.ok("associate-member-to-group", *o, "--group-id", "mid", "--member-id", "nina")
        groups = cli.ok("list-groups-for-entity", *o, "--entity-id", uid)["Groups"]
        self.assertEqual(sorted(g["GroupName"] for g in groups), ["mid", "top"])
        self.assertEqual(cli.ok("list-groups-for-entity", *o, "--entity-id", uid, "--filters", "GroupNamePrefix=to")["Groups"],
                         [{"GroupId": top, "GroupName": "top"}])
        cli.ok("update-group", *o, "--group-id", mid, "--hidden-from-global-address-list")
        self.assertTrue(cli.ok("describe-group", *o, "--group-id", "mid")["HiddenFromGlobalAddressList"])
        names = lambda *f: sorted(u["Name"] for u in cli.ok("list-users", *o, *f)["Users"])  # noqa: E731
        self.assertEqual(names("--filters", "UsernamePrefix=ni"), ["nina"])
        self.assertEqual(names("--filters", "State=ENABLED"), ["nina"])
        self.assertEqual(names("--filters", f"PrimaryEmailPrefix=nina@"), ["nina"])
        self.assertEqual(names("--filters", "DisplayNamePrefix=F"), ["far"])
        self.assertEqual(names("--filters", "UsernamePrefix=NI"), [])
        self.assertEqual([g["Name"] for g in cli.ok("list-groups", *o, "--filters", "NamePrefix=mi")["Groups"]], ["mid"])
        rid = cli.ok("create-resource", *o, "--name", "van", "--type", "EQUIPMENT", "--description", "Blue van")["ResourceId"]
        cli.ok("update-resource", *o, "--resource-id", "van", "--type", "ROOM", "--description", "")
        d = cli.ok("describe-resource", *o, "--resource-id", rid)
        self.assertEqual(d["Type"], "ROOM")
        self.assertNotIn("Description", d)
        self.assertEqual(len(cli.ok("list-resources", *o, "--filters", "NamePrefix=va")["Resources"]), 1)

    def test_pagination_over_many_pages(self):
        """250 users, 45 groups and 45 resources made by boto3, listed a page at a time by both CLIs."""
        script = self.BOTO3_PRELUDE + r'''
org = sys.argv[5]
for i in range(250):
    c.create_user(OrganizationId=org, Name="user%03d" % i, DisplayName="User %d" % i, Password="Str0ng-Passw0rd")
for i in range(45):
    c.create_group(OrganizationId=org, Name="grp%02d" % i)
    c.create_resource(OrganizationId=org, Name="room%02d" % i, Type="ROOM")
print(json.dumps({"made": 340}))
'''
        cli = self.clis[0]
        org, _ = self.create_org_with_domain(cli, "dir")
        self.run_boto3(self.boto3_pythons()[-1], script, org)
        for c in self.clis:
            listed = [u["Name"] for u in c.ok("list-users", "--organization-id", org, "--page-size", "20")["Users"]]
            self.assertEqual(len(listed), 250)
            self.assertEqual(sorted(listed), [f"user{i:03d}" for i in range(250)])
            groups = [g["Name"] for g in c.ok("list-groups", "--organization-id", org, "--page-size", "10")["Groups"]]
            self.assertEqual(sorted(groups), [f"grp{i:02d}" for i in range(45)])
            rooms = [r["Name"] for r in c.ok("list-resources", "--organization-id", org, "--page-size", "10")["Resources"]]
            self.assertEqual(sorted(rooms), [f"room{i:02d}" for i in range(45)])
        if self.newer:
            # Filters across pages: 10 matches spread over the id order, 3 a page.
            ones = self.newer.ok("list-groups", "--organization-id", org, "--filters", "NamePrefix=grp1",
                                 "--page-size", "3")["Groups"]
            self.assertEqual(sorted(g["Name"] for g in ones), [f"grp1{i}" for i in range(10)])
        first = cli.ok("list-users", "--organization-id", org, "--max-results", "20", "--no-paginate")
        self.assertEqual(len(first["Users"]), 20)
        token = first["NextToken"]
        second = cli.ok("list-users", "--organization-id", org, "--max-results", "20", "--next-token", token, "--no-paginate")
        self.assertFalse({u["Id"] for u in first["Users"]} & {u["Id"] for u in second["Users"]})
        self.assertEqual(cli.ok("list-users", "--organization-id", org, "--max-results", "20", "--next-token", token,
                                "--no-paginate"), second, "stable")
        self.fails(cli, "InvalidParameterException", "list-users", "--organization-id", org, "--max-results", "20",
                   "--next-token", token[:-4] + "AAAA", "--no-paginate")
        other, _ = self.create_org_with_domain(cli, "dir")
        self.fails(cli, "InvalidParameterException", "list-users", "--organization-id", other, "--next-token", token,
                   "--no-paginate")

    def test_boto3_from_both_pythons(self):
        script = self.BOTO3_PRELUDE + r'''
org = c.create_organization(Alias="dirboto" + botocore.__version__.replace(".", "x"))["OrganizationId"]
domain = c.describe_organization(OrganizationId=org)["DefaultMailDomain"]
O = dict(OrganizationId=org)
u = c.create_user(Name="bo", DisplayName="Bo", Password="Str0ng-Passw0rd", **O)["UserId"]
g = c.create_group(Name="team", **O)["GroupId"]
r = c.create_resource(Name="room", Type="ROOM", **O)["ResourceId"]
c.register_to_work_mail(EntityId=u, Email="bo@" + domain, **O)
c.register_to_work_mail(EntityId=g, Email="team@" + domain, **O)
c.associate_member_to_group(GroupId=g, MemberId=u, **O)
c.associate_delegate_to_resource(ResourceId=r, EntityId=g, **O)
for i in range(100):
    c.create_alias(EntityId=u, Alias="bo%d@%s" % (i, domain), **O)
aliases = [a for p in c.get_paginator("list_aliases").paginate(EntityId=u, PaginationConfig={"PageSize": 30}, **O)
           for a in p["Aliases"]]
for i in range(30):
    c.create_group(Name="g%02d" % i, **O)
groups = [x["Id"] for p in c.get_paginator("list_groups").paginate(PaginationConfig={"PageSize": 7}, **O)
          for x in p["Groups"]]
d = c.describe_user(UserId=u, **O)
print(json.dumps({
    "state": d["State"], "email": d["Email"], "enabled_is_datetime": hasattr(d["EnabledDate"], "year"),
    "aliases": len(aliases), "unique_aliases": len(set(aliases)),
    "groups": len(groups), "unique_groups": len(set(groups)),
    "members": [m["Id"] for m in c.list_group_members(GroupId=g, **O)["Members"]] == [u],
    "delegates": c.list_resource_delegates(ResourceId=r, **O)["Delegates"] == [{"Id": g, "Type": "GROUP"}],
    "mailbox": c.get_mailbox_details(UserId=u, **O)["MailboxQuota"],
    "limit": code(c.create_alias, EntityId=u, Alias="bo-extra@" + domain, **O),
    "in_use": code(c.create_alias, EntityId=g, Alias="bo5@" + domain, **O),
    "not_found": code(c.describe_group, GroupId="00000000-0000-4000-8000-000000000000", **O),
    "enabled_group": code(c.delete_group, GroupId=g, **O),
    "password": code(c.reset_password, UserId=u, Password="short", **O),
}))
'''
        for py in self.boto3_pythons():
            out = self.run_boto3(py, script)
            self.assertEqual((out["state"], out["enabled_is_datetime"]), ("ENABLED", True))
            self.assertEqual((out["aliases"], out["unique_aliases"]), (100, 100))
            self.assertEqual((out["groups"], out["unique_groups"]), (31, 31))
            self.assertTrue(out["members"])
            self.assertTrue(out["delegates"])
            self.assertEqual(out["mailbox"], 51200)
            self.assertEqual(out["limit"], "LimitExceededException")
            self.assertEqual(out["in_use"], "EmailAddressInUseException")
            self.assertEqual(out["not_found"], "EntityNotFoundException")
            self.assertEqual(out["enabled_group"], "EntityStateException")
            self.assertEqual(out["password"], "InvalidPasswordException")


if __name__ == "__main__":
    unittest.main()
