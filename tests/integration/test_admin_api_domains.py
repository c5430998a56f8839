"""Mail domains on the WorkMail admin API, checked through real DNS: skerryd's resolver
(libunbound) forwards to a real NSD on loopback whose zones the test edits — first empty, then
loaded with the zone file `skerry domain zone` exports (NSD's own nsd-checkzone must accept it),
then with wrong values. Driven by Debian's /usr/bin/aws (awscli 2.9.19), the newer `aws` on PATH
and boto3."""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402
from admin_api_case import AdminApiCase  # noqa: E402
from nsd import NSD, Nsd  # noqa: E402

MAIL_HOST = "mail.skerry-host.example.net"


def config(forwarder):
    return f"""
[dns]
forwarders = ["{forwarder}"]
timeout_ms = 3000
cache_max_ttl = 0
cache_max_negative_ttl = 0

[domains]
mail_host = "{MAIL_HOST}"
recheck_seconds = 0
check_interval_seconds = 0
"""


class AdminApiDomains(AdminApiCase):
    @classmethod
    def server_config(cls):
        return config(cls.dns.forwarder)

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(NSD):
            raise unittest.SkipTest("no nsd: run scripts/bootstrap.sh --test")
        cls.zones = [f"d{i}-{os.getpid()}.example.com" for i in range(3)]
        cls.dns = Nsd(cls.zones).start()
        try:
            super().setUpClass()
        except BaseException:
            cls.dns.close()
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.dns.close()

    def skerry_cli(self, *args):
        r = subprocess.run([skerry.SKERRY, "--data-dir", self.s.data_dir, *args], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def statuses(self, org, domain):
        view = json.loads(self.skerry_cli("domain", "status", "--org", org, "--domain", domain, "--check"))
        return {r["purpose"]: r["status"] for r in view["records"]}

    def test_register_verify_use_and_deregister(self):
        for i, cli in enumerate(self.clis):
            with self.subTest(cli=cli.exe):
                domain = self.zones[i]
                org = cli.ok("create-organization", "--alias", f"dom{i}x{os.getpid()}")["OrganizationId"]
                o = ("--organization-id", org)
                test_domain = cli.ok("describe-organization", *o)["DefaultMailDomain"]
                self.assertEqual(cli.ok("list-mail-domains", *o)["MailDomains"],
                                 [{"DomainName": test_domain, "DefaultDomain": True}])
                got = cli.ok("get-mail-domain", *o, "--domain-name", test_domain)
                self.assertTrue(got["IsTestDomain"])
                self.assertEqual(got["OwnershipVerificationStatus"], "VERIFIED")

                self.assertEqual(cli.ok("register-mail-domain", *o, "--domain-name", domain.upper()), {})
                self.assertEqual(cli.ok("register-mail-domain", *o, "--domain-name", domain), {})  # idempotent
                got = cli.ok("get-mail-domain", *o, "--domain-name", domain)
                self.assertFalse(got["IsTestDomain"])
                self.assertFalse(got["IsDefault"])
                self.assertEqual(got["OwnershipVerificationStatus"], "PENDING")
                self.assertEqual(got["DkimVerificationStatus"], "PENDING")
                records = {(r["Type"], r["Hostname"]): r["Value"] for r in got["Records"]}
                self.assertEqual(records[("MX", domain)], f"10 {MAIL_HOST}.")
                self.assertEqual(records[("CNAME", f"autodiscover.{domain}")], f"{MAIL_HOST}.")
                self.assertTrue(records[("TXT", f"_skerry.{domain}")].startswith("skerry-verification="))
                self.assertTrue(records[("TXT", f"skerry._domainkey.{domain}")].startswith("v=DKIM1; k=rsa; p="))
                self.assertEqual(records[("TXT", f"_dmarc.{domain}")], "v=DMARC1; p=quarantine; pct=100; fo=1")
                self.assertEqual(self.statuses(org, domain),
                                 {"ownership": "PENDING", "mx": "MISSING", "autodiscover": "MISSING",
                                  "dkim": "PENDING", "spf": "MISSING", "dmarc": "MISSING"})

                # Not verified: no address there, and it cannot be the default.
                user = cli.ok("create-user", *o, "--name", "alice", "--display-name", "Alice",
                              "--password", "Correct-Horse-Battery-9")["UserId"]
                self.fails(cli, "MailDomainStateException", "register-to-work-mail", *o, "--entity-id", user,
                           "--email", f"alice@{domain}")
                self.fails(cli, "MailDomainStateException", "update-default-mail-domain", *o, "--domain-name", domain)

                # Publish exactly what the zone export says, through a real DNS server.
                zone = self.skerry_cli("domain", "zone", "--org", org, "--domain", domain)
                self.assertIn(f"{domain}. 3600 IN MX 10 {MAIL_HOST}.", zone)
                self.dns.set_records(domain, zone)
                got = cli.ok("get-mail-domain", *o, "--domain-name", domain)
                self.assertEqual(got["OwnershipVerificationStatus"], "VERIFIED")
                self.assertEqual(got["DkimVerificationStatus"], "VERIFIED")
                self.assertEqual(set(self.statuses(org, domain).values()), {"VERIFIED"})

                self.assertEqual(cli.ok("register-to-work-mail", *o, "--entity-id", user,
                                        "--email", f"alice@{domain}"), {})
                self.assertEqual(cli.ok("update-default-mail-domain", *o, "--domain-name", domain), {})
                self.assertEqual(cli.ok("describe-organization", *o)["DefaultMailDomain"], domain)
                listed = {d["DomainName"]: d["DefaultDomain"] for d in cli.ok("list-mail-domains", *o)["MailDomains"]}
                self.assertEqual(listed, {domain: True, test_domain: False})
                self.assertTrue(cli.ok("get-mail-domain", *o, "--domain-name", domain)["IsDefault"])

                # A domain belongs to one organization.
                other = cli.ok("create-organization", "--alias", f"dom{i}y{os.getpid()}")["OrganizationId"]
                self.fails(cli, "MailDomainInUseException", "register-mail-domain", "--organization-id", other,
                           "--domain-name", domain)

                # Wrong values move the statuses the way the guide says.
                wrong = zone.replace("skerry-verification=", "skerry-verification=x").replace(
                    f"MX 10 {MAIL_HOST}.", "MX 10 mx.elsewhere.example.net.")
                self.dns.set_records(domain, wrong)
                st = self.statuses(org, domain)
                self.assertEqual((st["ownership"], st["mx"], st["dkim"]), ("FAILED", "INCONSISTENT", "VERIFIED"))
                self.dns.set_records(domain, zone)
                self.assertEqual(self.statuses(org, domain)["ownership"], "VERIFIED")

                # Removal: not while default, not while an address uses it.
                self.fails(cli, "MailDomainInUseException", "deregister-mail-domain", *o, "--domain-name", domain)
                self.assertEqual(cli.ok("update-default-mail-domain", *o, "--domain-name", test_domain), {})
                self.fails(cli, "MailDomainInUseException", "deregister-mail-domain", *o, "--domain-name", domain)
                self.assertEqual(cli.ok("update-primary-email-address", *o, "--entity-id", user,
                                        "--email", f"alice@{test_domain}"), {})
                self.assertEqual(cli.ok("delete-alias", *o, "--entity-id", user, "--alias", f"alice@{domain}"), {})
                self.assertEqual(cli.ok("deregister-mail-domain", *o, "--domain-name", domain), {})
                self.assertEqual(cli.ok("deregister-mail-domain", *o, "--domain-name", domain), {})  # idempotent
                self.fails(cli, "MailDomainNotFoundException", "get-mail-domain", *o, "--domain-name", domain)
                self.assertEqual(cli.ok("register-mail-domain", "--organization-id", other, "--domain-name", domain), {})

    def test_quickstart(self):
        zone = self.zones[2]
        r = subprocess.run([skerry.SKERRY, "--data-dir", self.s.data_dir, "quickstart", "--alias", f"qs{os.getpid()}",
                            "--domain", zone, "--user", "carol", "--display-name", "Carol"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout
        org = out.split("Organization", 1)[1].split()[0]
        password = out.split("Password", 1)[1].split()[0]
        self.assertIn(f"TXT    _skerry.{zone}", out)
        self.assertIn("(ownership PENDING)", out)
        self.assertIn("WorkMail API   https://", out)
        # What quickstart made is what the WorkMail API shows.
        cli = self.clis[0]
        o = ("--organization-id", org)
        test_domain = cli.ok("describe-organization", *o)["DefaultMailDomain"]
        users = [u for u in cli.ok("list-users", *o)["Users"] if u["Name"] == "carol"]
        self.assertEqual(len(users), 1)
        self.assertEqual(users[0]["State"], "ENABLED")
        self.assertEqual(users[0]["Email"], f"carol@{test_domain}")
        self.assertEqual(cli.ok("get-mail-domain", *o, "--domain-name", zone)["OwnershipVerificationStatus"], "PENDING")
        self.assertGreaterEqual(len(password), 20)
        # Signed with the admin key, so the audit trail has it.
        audit = subprocess.run([skerry.SKERRY, "--data-dir", self.s.data_dir, "audit", "--event-name",
                                "RegisterMailDomain"], capture_output=True, text=True, timeout=60)
        self.assertIn(self.creds["accessKeyId"], audit.stdout)
        self.assertNotIn(password, audit.stdout)
        # A second run with the same alias fails cleanly, naming the exception.
        again = subprocess.run([skerry.SKERRY, "--data-dir", self.s.data_dir, "quickstart", "--alias",
                                f"qs{os.getpid()}"], capture_output=True, text=True, timeout=60)
        self.assertEqual(again.returncode, 1)
        self.assertIn("CreateOrganization failed: NameAvailabilityException", again.stderr)

    def test_bad_input(self):
        cli = self.clis[0]
        org = cli.ok("create-organization", "--alias", f"dombad{os.getpid()}")["OrganizationId"]
        o = ("--organization-id", org)
        err = self.fails(cli, "InvalidParameterException", "register-mail-domain", *o, "--domain-name", "a..example.com")
        self.assertIn("DomainName", err)
        self.fails(cli, "InvalidParameterException", "register-mail-domain", *o, "--domain-name", "nodots")
        self.fails(cli, "MailDomainNotFoundException", "get-mail-domain", *o, "--domain-name", "unknown.example.org")
        self.fails(cli, "MailDomainNotFoundException", "update-default-mail-domain", *o,
                   "--domain-name", "unknown.example.org")
        test_domain = cli.ok("describe-organization", *o)["DefaultMailDomain"]
        self.fails(cli, "InvalidParameterException", "deregister-mail-domain", *o, "--domain-name", test_domain)
        self.fails(cli, "MailDomainInUseException", "register-mail-domain", *o, "--domain-name", test_domain)
        self.fails(cli, "OrganizationNotFoundException", "list-mail-domains",
                   "--organization-id", "m-00000000000000000000000000000000")
        # Nothing was left half-made.
        self.assertEqual(len(cli.ok("list-mail-domains", *o)["MailDomains"]), 1)

    def test_create_organization_with_domains(self):
        for i, cli in enumerate(self.clis):
            with self.subTest(cli=cli.exe):
                ok = [f"a{i}-{os.getpid()}.example.org", f"b{i}-{os.getpid()}.example.org"]
                alias = f"withdom{i}x{os.getpid()}"
                # One bad name refuses the whole call, and no organization is left behind.
                bad = json.dumps([{"DomainName": ok[0]}, {"DomainName": "a..example.org"}])
                self.fails(cli, "InvalidParameterException", "create-organization", "--alias", alias, "--domains", bad)
                twice = json.dumps([{"DomainName": ok[0]}, {"DomainName": ok[0].upper()}])
                self.fails(cli, "InvalidParameterException", "create-organization", "--alias", alias, "--domains", twice)
                aliases = [o.get("Alias") for o in cli.ok("list-organizations")["OrganizationSummaries"]]
                self.assertNotIn(alias, aliases)
                good = json.dumps([{"DomainName": d, "HostedZoneId": "Z123"} for d in ok])
                org = cli.ok("create-organization", "--alias", alias, "--domains", good)["OrganizationId"]
                names = {d["DomainName"] for d in cli.ok("list-mail-domains", "--organization-id", org)["MailDomains"]}
                self.assertTrue(set(ok) <= names, names)
                # Another organization cannot be created with a domain that is taken.
                self.fails(cli, "InvalidParameterException", "create-organization", "--alias", alias + "z",
                           "--domains", json.dumps([{"DomainName": ok[1]}]))

    def test_boto3_pagination_and_the_resolver_outage(self):
        try:
            import boto3
        except ImportError:
            raise unittest.SkipTest("no boto3")
        c = boto3.client("workmail", endpoint_url=self.s.base_url, region_name="us-east-1",
                         aws_access_key_id=self.creds["accessKeyId"],
                         aws_secret_access_key=self.creds["secretAccessKey"],
                         verify=os.path.join(self.s.data_dir, "tls/cert.pem"))
        org = c.create_organization(Alias=f"dompage{os.getpid()}")["OrganizationId"]
        names = [f"p{n}.pages-{os.getpid()}.example.org" for n in range(5)]
        for name in names:
            c.register_mail_domain(OrganizationId=org, DomainName=name)
        seen, token, pages = [], None, 0
        while True:
            kw = {"OrganizationId": org, "MaxResults": 2}
            if token:
                kw["NextToken"] = token
            page = c.list_mail_domains(**kw)
            pages += 1
            seen += [d["DomainName"] for d in page["MailDomains"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(pages, 3)
        self.assertEqual(sorted(seen), sorted(names + [c.describe_organization(OrganizationId=org)["DefaultMailDomain"]]))
        # These names are in no zone NSD serves: it refuses, the resolver reports an error, and the
        # statuses stay as they were rather than turning into failures.
        got = c.get_mail_domain(OrganizationId=org, DomainName=names[0])
        self.assertEqual(got["OwnershipVerificationStatus"], "PENDING")
        self.assertEqual(len(got["Records"]), 6)


if __name__ == "__main__":
    unittest.main()
