"""The WorkMail admin API on the wire, driven by real AWS clients: Debian's /usr/bin/aws
(awscli 2.9.19, 80-operation model), the newer `aws` on PATH (92 operations), and boto3 from
both Pythons. Covers the organization operations, SigV4 failures, IAM policies and the audit
trail."""
import json
import os
import shutil
import subprocess
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402

from aws_clients import AwsCli  # noqa: E402
from admin_api_case import AdminApiCase  # noqa: E402


class AdminApiOrganizations(AdminApiCase):
    def test_first_start_wrote_admin_credentials_0600(self):
        path = os.path.join(self.s.data_dir, "admin-credentials.json")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        self.assertRegex(self.creds["accessKeyId"], r"^AKIA[A-Z2-7]{16}$")
        self.assertEqual(len(self.creds["secretAccessKey"]), 40)
        self.assertEqual(self.creds["endpoint"], self.s.base_url)
        # The server's output here is a file, as under a service manager: it names the file and
        # never carries the secret.
        log = self.s.read_log()
        self.assertIn("First admin access key: " + path, log)
        self.assertNotIn(self.creds["secretAccessKey"], log)

    def test_organization_lifecycle_with_every_cli(self):
        self.assertGreaterEqual(len(self.clis), 1)
        for i, cli in enumerate(self.clis):
            alias = f"acme-{i}-{int(time.time() * 1000) % 100000}"
            org = cli.ok("create-organization", "--alias", alias)["OrganizationId"]
            self.assertRegex(org, r"^m-[0-9a-f]{32}$")
            d = cli.ok("describe-organization", "--organization-id", org)
            self.assertEqual(d["Alias"], alias)
            self.assertEqual(d["State"], "Active")
            self.assertEqual(d["DefaultMailDomain"], f"{alias}.localhost")
            self.assertEqual(d["ARN"], f"arn:aws:workmail:eu-west-1:000000000000:organization/{org}")
            summaries = cli.ok("list-organizations")["OrganizationSummaries"]
            self.assertIn(org, [o["OrganizationId"] for o in summaries])
            # The alias is taken while the organization lives.
            code, _, err = cli.run("create-organization", "--alias", alias)
            self.assertNotEqual(code, 0)
            self.assertIn("NameAvailabilityException", err)
            deleted = cli.ok("delete-organization", "--organization-id", org, "--delete-directory")
            self.assertEqual(deleted, {"OrganizationId": org, "State": "Deleted"})
            self.assertEqual(cli.ok("describe-organization", "--organization-id", org)["State"], "Deleted")
            code, _, err = cli.run("delete-organization", "--organization-id", org, "--delete-directory")
            self.assertIn("OrganizationStateException", err)
            # ...and free again once it is deleted.
            again = cli.ok("create-organization", "--alias", alias)["OrganizationId"]
            self.assertNotEqual(again, org)

    def test_pagination_over_many_pages(self):
        cli = self.clis[0]
        made = {cli.ok("create-organization", "--alias", f"page{i}x{int(time.time())}")["OrganizationId"] for i in range(12)}
        for c in self.clis:
            # --page-size makes the CLI send MaxResults and follow NextToken page by page.
            listed = [o["OrganizationId"] for o in c.ok("list-organizations", "--page-size", "5")["OrganizationSummaries"]]
            self.assertTrue(made <= set(listed))
            self.assertEqual(len(listed), len(set(listed)), "a page repeated an organization")
            self.assertEqual(listed, sorted(listed))
        first = cli.ok("list-organizations", "--max-results", "3", "--no-paginate")
        self.assertEqual(len(first["OrganizationSummaries"]), 3)
        token = first["NextToken"]
        code, _, err = cli.run("list-organizations", "--max-results", "3", "--next-token", token[:-4] + "AAAA", "--no-paginate")
        self.assertIn("InvalidParameterException", err)

    def test_client_token_replays_across_a_restart(self):
        # Its own server: the restart moves the port, which the class's server must keep.
        with skerry.Server() as s:
            with open(os.path.join(s.data_dir, "admin-credentials.json")) as f:
                creds = json.load(f)
            cli = AwsCli(s, self.clis[0].exe, creds["accessKeyId"], creds["secretAccessKey"])
            token = str(uuid.uuid4())
            alias = f"tok{int(time.time() * 1000) % 10**8}"
            create = ("create-organization", "--alias", alias, "--client-token", token)
            first = cli.ok(*create)["OrganizationId"]
            self.assertEqual(cli.ok(*create)["OrganizationId"], first, "a retry gets the first response")
            # SIGKILL: the success was acknowledged, so its record must be durable.
            s.kill()
            s.start()
            self.assertEqual(cli.ok(*create)["OrganizationId"], first, "and still after a crash and restart")
            self.fails(cli, "InvalidParameterException", "create-organization", "--alias", alias + "b",
                       "--client-token", token)
            listed = [o for o in cli.ok("list-organizations")["OrganizationSummaries"] if o.get("Alias") == alias]
            self.assertEqual(len(listed), 1, "one organization, however often the request came")

    def test_modelled_failures(self):
        for cli in self.clis:
            code, _, err = cli.run("describe-organization", "--organization-id", "m-" + "0" * 32)
            self.assertIn("OrganizationNotFoundException", err)
            code, _, err = cli.run("create-organization", "--alias", "bad_alias!")
            self.assertIn("InvalidParameterException", err)
            self.assertIn("alias", err.lower())
            code, _, err = cli.run("list-organizations", "--max-results", "101", "--no-paginate")
            self.assertIn("InvalidParameterException", err)
            code, _, err = cli.run("list-mail-domains", "--organization-id", "m-" + "0" * 32)
            self.assertIn("OrganizationNotFoundException", err)

    def test_signature_failures(self):
        cli = self.clis[0]
        wrong_secret = AwsCli(self.s, cli.exe, self.creds["accessKeyId"], "x" * 40)
        code, _, err = wrong_secret.run("list-organizations")
        self.assertIn("InvalidSignatureException", err)
        unknown = AwsCli(self.s, cli.exe, "AKIAUNKNOWNUNKNOWN22", "x" * 40)
        code, _, err = unknown.run("list-organizations")
        self.assertIn("UnrecognizedClientException", err)
        # An unsigned request never reaches an operation.
        import urllib.request
        req = urllib.request.Request(self.s.base_url + "/", data=b"{}", method="POST",
                                     headers={"X-Amz-Target": "WorkMailService.ListOrganizations",
                                              "Content-Type": "application/x-amz-json-1.1"})
        with self.assertRaises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, context=self.s.ssl, timeout=10)
        self.assertEqual(json.loads(e.exception.read())["__type"], "MissingAuthenticationTokenException")

    def test_expired_and_future_dates(self):
        # The real CLIs with their clock moved by libfaketime: the signature itself is right, only
        # its date is outside the 5-minute window.
        if not shutil.which("faketime"):
            raise unittest.SkipTest("no faketime: run scripts/bootstrap.sh --test")
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                for offset, words in (("-20m", "Signature expired"), ("+20m", "Signature not yet current")):
                    cmd = ["faketime", "-f", offset, cli.exe, "workmail", "list-organizations",
                           "--endpoint-url", self.s.base_url]
                    r = subprocess.run(cmd, env=cli.env, capture_output=True, text=True, timeout=60)
                    self.assertNotEqual(r.returncode, 0)
                    self.assertIn("InvalidSignatureException", r.stderr)
                    self.assertIn(words, r.stderr)
                self.assertIn("OrganizationSummaries", cli.ok("list-organizations"))

    def test_read_only_and_custom_policies(self):
        ro = self.s.request("POST", "/skerry/v1/access-keys", {"name": "auditor", "policy": "AmazonWorkMailReadOnlyAccess"})
        ro_cli = AwsCli(self.s, self.clis[0].exe, ro["accessKeyId"], ro["secretAccessKey"])
        ro_cli.ok("list-organizations")
        code, _, err = ro_cli.run("create-organization", "--alias", f"denied{int(time.time())}")
        self.assertNotEqual(code, 0)
        self.assertIn("AccessDeniedException", err)
        self.assertIn("User: arn:aws:iam::000000000000:user/auditor is not authorized to perform: "
                      "workmail:CreateOrganization on resource: *", err)
        org = self.clis[0].ok("create-organization", "--alias", f"guarded{int(time.time())}")["OrganizationId"]
        def key_with_deny(name, action, resource):
            # Everything allowed but `action` on `resource`.
            policy = {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "workmail:*", "Resource": "*"},
                {"Effect": "Deny", "Action": action, "Resource": resource}]}
            key = self.s.request("POST", "/skerry/v1/access-keys", {"name": name, "policy": json.dumps(policy)})
            return AwsCli(self.s, self.clis[0].exe, key["accessKeyId"], key["secretAccessKey"])
        ops = key_with_deny("ops", "workmail:DeleteOrganization", f"arn:aws:workmail:*:*:organization/{org}")
        self.assertEqual(ops.ok("describe-organization", "--organization-id", org)["State"], "Active")
        code, _, err = ops.run("delete-organization", "--organization-id", org, "--delete-directory")
        self.assertIn("AccessDeniedException", err)
        # A Deny naming the organization in one region holds whichever region a request is signed
        # for (every region reaches the same organizations here), the tagging calls included,
        # which name the organization only in their ResourceARN.
        fenced = key_with_deny("regional", "workmail:*", f"arn:aws:workmail:us-east-1:000000000000:organization/{org}")
        arn = f"arn:aws:workmail:eu-west-1:000000000000:organization/{org}"
        for call in (["describe-organization", "--organization-id", org, "--region", "eu-west-1"],
                     ["describe-organization", "--organization-id", org, "--region", "us-east-1"],
                     ["tag-resource", "--resource-arn", arn, "--tags", "Key=k,Value=v", "--region", "eu-west-1"],
                     ["list-tags-for-resource", "--resource-arn", arn, "--region", "eu-west-1"]):
            code, _, err = fenced.run(*call)
            self.assertIn("AccessDeniedException", err, call)
        self.assertIn("OrganizationSummaries", fenced.ok("list-organizations", "--region", "eu-west-1"))
        with self.assertRaises(skerry.ApiError) as e:
            self.s.request("POST", "/skerry/v1/access-keys", {"name": "bad", "policy": '{"Statement":[{"Effect":"Maybe"}]}'})
        self.assertEqual(e.exception.status, 400)

    def test_boto3_from_both_pythons(self):
        script = self.BOTO3_PRELUDE + r'''
org = c.create_organization(Alias="boto" + botocore.__version__.replace(".", "x"))["OrganizationId"]
d = c.describe_organization(OrganizationId=org)
ids = [o["OrganizationId"] for p in c.get_paginator("list_organizations").paginate(PaginationConfig={"PageSize": 2})
       for o in p["OrganizationSummaries"]]
try:
    c.describe_organization(OrganizationId="m-" + "0" * 32)
    err = None
except c.exceptions.OrganizationNotFoundException as e:
    err = e.response["Error"]["Code"]
print(json.dumps({"org": org, "state": d["State"], "listed": org in ids, "error": err,
                  "rid": d["ResponseMetadata"]["RequestId"]}))
'''
        for py in self.boto3_pythons():
            out = self.run_boto3(py, script, timeout=120)
            self.assertEqual(out["state"], "Active")
            self.assertTrue(out["listed"])
            self.assertEqual(out["error"], "OrganizationNotFoundException")
            self.assertRegex(out["rid"], r"^[0-9a-f-]{36}$")

    def test_audit_trail_records_allowed_and_refused_calls(self):
        cli = self.clis[0]
        start = int(time.time() * 1000) - 1
        org = cli.ok("create-organization", "--alias", f"audited{int(time.time())}")["OrganizationId"]
        cli.run("describe-organization", "--organization-id", "m-" + "f" * 32)
        base = [skerry.SKERRY, "--data-dir", self.s.data_dir]
        r = subprocess.run(base + ["audit", "--event-name", "CreateOrganization", "--since-ms", str(start)],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        records = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        mine = [x for x in records if (x.get("responseElements") or {}).get("OrganizationId") == org]
        self.assertEqual(len(mine), 1)
        rec = mine[0]
        for field in ("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
                      "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "requestID",
                      "eventID", "readOnly", "eventType"):
            self.assertIn(field, rec)
        self.assertEqual(rec["eventSource"], "workmail.amazonaws.com")
        self.assertEqual(rec["userIdentity"]["accessKeyId"], self.creds["accessKeyId"])
        self.assertFalse(rec["readOnly"])
        self.assertIn("aws-cli", rec["userAgent"])
        r = subprocess.run(base + ["audit", "--event-name", "DescribeOrganization", "--since-ms", str(start),
                                   "--principal", self.creds["accessKeyId"]], capture_output=True, text=True, timeout=30)
        failed = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        self.assertTrue(any(x.get("errorCode") == "OrganizationNotFoundException" for x in failed))
        self.assertTrue(all(x["readOnly"] for x in failed))

        # Sensitive parameters are hidden (model-marked shapes, and EwsPassword by name), and an
        # unsigned request leaves no parameters of its own choosing in the trail.
        cli.ok("create-user", "--organization-id", org, "--name", "audited", "--display-name", "Audited",
               "--password", "Sekr1t-Passw0rd!")
        import urllib.request
        req = urllib.request.Request(self.s.base_url + "/", method="POST",
                                     data=json.dumps({"Alias": "forged", "OrganizationId": org}).encode(),
                                     headers={"X-Amz-Target": "WorkMailService.DeleteOrganization",
                                              "Content-Type": "application/x-amz-json-1.1",
                                              "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAFORGED/x"})
        with self.assertRaises(urllib.error.HTTPError):
            urllib.request.urlopen(req, context=self.s.ssl, timeout=10)
        def trail(event):
            r = subprocess.run(base + ["audit", "--event-name", event, "--since-ms", str(start)],
                               capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 0, r.stderr)
            return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        created = trail("CreateUser")
        self.assertEqual(len(created), 1)
        self.assertEqual(created[0]["requestParameters"]["Password"], "HIDDEN_DUE_TO_SECURITY_REASONS")
        self.assertNotIn("Sekr1t-Passw0rd!", json.dumps(created))
        forged = [x for x in trail("DeleteOrganization") if x["userIdentity"]["type"] == "Unknown"]
        self.assertEqual(len(forged), 1)
        self.assertIsNone(forged[0]["requestParameters"])


if __name__ == "__main__":
    unittest.main()


class AwsSdkForJavaScript(unittest.TestCase):
    """@aws-sdk/client-workmail from npm (installed by scripts/bootstrap.sh --test)."""

    def test_organizations_with_the_javascript_sdk(self):
        client_dir = os.path.join(os.path.dirname(__file__), "../clients/node")
        if not os.path.isdir(os.path.join(client_dir, "node_modules/@aws-sdk/client-workmail")):
            self.fail("@aws-sdk/client-workmail is missing: run scripts/bootstrap.sh --test")
        with skerry.Server() as s:
            with open(os.path.join(s.data_dir, "admin-credentials.json")) as f:
                creds = json.load(f)
            env = dict(os.environ, NODE_EXTRA_CA_CERTS=os.path.join(s.data_dir, "tls/cert.pem"))
            r = subprocess.run(["node", "workmail_organizations.mjs", s.base_url, creds["accessKeyId"],
                                creds["secretAccessKey"]], cwd=client_dir, env=env, capture_output=True,
                               text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            out = json.loads(r.stdout)
            self.assertRegex(out["organizationId"], r"^m-[0-9a-f]{32}$")
            self.assertEqual(out["state"], "Active")
            self.assertTrue(out["arn"].startswith("arn:aws:workmail:ap-southeast-2:"))
            self.assertIsNotNone(out["completedDate"], "epoch-seconds timestamps must parse as dates")
            self.assertEqual(out["listedOnce"], 1)
            self.assertEqual(out["notFound"], "OrganizationNotFoundException")
            self.assertEqual(out["deletedState"], "Deleted")
