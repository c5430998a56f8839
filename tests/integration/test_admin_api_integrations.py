"""Mailbox export jobs, availability configurations, personal access tokens, the identity
provider configuration and Identity Center applications on the WorkMail admin API, driven by real
clients against one real skerryd: Debian's /usr/bin/aws (awscli 2.9.19), the newer `aws` on PATH
(1.45.11) and boto3 from both Pythons. Personal access tokens, the identity provider
configuration and Identity Center applications exist only in the newer model (wire reference
§19): they run with the newer CLI and a boto3 that knows them. Includes the administrator
guide's export-job CLI examples verbatim (real organization and job ids substituted)."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from aws_clients import DEBIAN_AWS  # noqa: E402
from admin_api_case import AdminApiCase  # noqa: E402

STRONG = "Str0ng-Passw0rd"
ROLE = "arn:aws:iam::111122223333:role/WorkmailMailboxExportRole"
KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
LAMBDA = "arn:aws:lambda:us-east-1:111122223333:function:MyAvailabilityProvider"
INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
EWS = "EwsEndpoint=https://ews.example.com/EWS/Exchange.asmx,EwsUsername=svc@example.com,EwsPassword=S3cret!Pw"


class AdminApiIntegrations(AdminApiCase):
    exception_in_parens = True

    def newer_clis(self):
        return [c for c in self.clis if c.exe != DEBIAN_AWS]

    # ------------------------------------------------------------------ mailbox export jobs

    def test_mailbox_export_jobs_with_every_cli_and_the_guide_examples(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org, domain = self.create_org_with_domain(cli, "integ")
                o = ("--organization-id", org)
                uid = cli.ok("create-user", *o, "--name", "jdoe", "--display-name", "J", "--password", STRONG)["UserId"]
                start = ("start-mailbox-export-job", *o, "--role-arn", ROLE, "--kms-key-arn", KMS,
                         "--s3-bucket-name", "my-export-bucket", "--s3-prefix", "exports/jdoe")
                # No mailbox yet (not registered): refused.
                self.fails(cli, "InvalidParameterException", *start, "--entity-id", uid)
                self.fails(cli, "EntityNotFoundException", *start, "--entity-id", "0f9e8d7c-6b5a-4c3d-8e2f-1a2b3c4d5e6f")
                cli.ok("register-to-work-mail", *o, "--entity-id", uid, "--email", f"jdoe@{domain}")
                job = cli.ok(*start, "--entity-id", uid, "--description", "legal hold")["JobId"]
                self.assertRegex(job, r"^[A-Za-z0-9-]{1,63}$")
                # The guide's two monitoring commands, verbatim but for the ids.
                jobs = cli.ok("list-mailbox-export-jobs", "--organization-id", org)["Jobs"]
                self.assertEqual(len(jobs), 1)
                self.assertEqual((jobs[0]["JobId"], jobs[0]["EntityId"], jobs[0]["State"], jobs[0]["EstimatedProgress"],
                                  jobs[0]["S3BucketName"], jobs[0]["S3Path"], jobs[0]["Description"]),
                                 (job, uid, "RUNNING", 0, "my-export-bucket", f"exports/jdoe/{job}.zip", "legal hold"))
                d = cli.ok("describe-mailbox-export-job", "--organization-id", org, "--job-id", job)
                self.assertEqual((d["EntityId"], d["RoleArn"], d["KmsKeyArn"], d["S3Prefix"], d["State"]),
                                 (uid, ROLE, KMS, "exports/jdoe", "RUNNING"))
                self.assertIn("StartTime", d)
                self.assertNotIn("EndTime", d)
                # By e-mail too (EntityIdentifier); a second job; cancel one.
                job2 = cli.ok(*start, "--entity-id", f"jdoe@{domain}")["JobId"]
                self.assertNotEqual(job, job2)
                self.assertEqual(cli.ok("cancel-mailbox-export-job", *o, "--job-id", job), {})
                self.assertEqual(cli.ok("cancel-mailbox-export-job", *o, "--job-id", job), {})
                d = cli.ok("describe-mailbox-export-job", *o, "--job-id", job)
                self.assertEqual(d["State"], "CANCELLED")
                self.assertIn("EndTime", d)
                states = {j["JobId"]: j["State"] for j in cli.ok("list-mailbox-export-jobs", *o)["Jobs"]}
                self.assertEqual(states, {job: "CANCELLED", job2: "RUNNING"})
                page = cli.ok("list-mailbox-export-jobs", *o, "--max-results", "1", "--no-paginate")
                self.assertEqual(len(page["Jobs"]), 1)
                self.assertIn("NextToken", page)
                self.fails(cli, "EntityNotFoundException", "describe-mailbox-export-job", *o, "--job-id", "nope")
                self.fails(cli, "EntityNotFoundException", "cancel-mailbox-export-job", *o, "--job-id", "nope")
                # Groups have no mailbox.
                gid = cli.ok("create-group", *o, "--name", "team")["GroupId"]
                self.fails(cli, "EntityNotFoundException", *start, "--entity-id", gid)

    # ------------------------------------------------------------------ availability configurations

    def test_availability_configurations_with_every_cli(self):
        for cli in self.clis:
            with self.subTest(cli=cli.exe):
                org, _ = self.create_org_with_domain(cli, "integ")
                o = ("--organization-id", org)
                self.assertEqual(cli.ok("list-availability-configurations", *o)["AvailabilityConfigurations"], [])
                self.assertEqual(cli.ok("create-availability-configuration", *o, "--domain-name", "example.com",
                                        "--ews-provider", EWS), {})
                self.fails(cli, "NameAvailabilityException", "create-availability-configuration", *o,
                           "--domain-name", "EXAMPLE.com", "--lambda-provider", f"LambdaArn={LAMBDA}")
                self.fails(cli, "InvalidParameterException", "create-availability-configuration", *o,
                           "--domain-name", "two.example", "--ews-provider", EWS, "--lambda-provider", f"LambdaArn={LAMBDA}")
                self.fails(cli, "InvalidParameterException", "create-availability-configuration", *o,
                           "--domain-name", "none.example")
                cli.ok("create-availability-configuration", *o, "--domain-name", "cap.example",
                       "--lambda-provider", f"LambdaArn={LAMBDA}")
                listed = cli.ok("list-availability-configurations", *o)["AvailabilityConfigurations"]
                self.assertEqual([c["DomainName"] for c in listed], ["cap.example", "example.com"])
                self.assertEqual(listed[0]["ProviderType"], "LAMBDA")
                self.assertEqual(listed[0]["LambdaProvider"], {"LambdaArn": LAMBDA})
                self.assertEqual(listed[1]["ProviderType"], "EWS")
                self.assertEqual(listed[1]["EwsProvider"], {"EwsEndpoint": "https://ews.example.com/EWS/Exchange.asmx",
                                                            "EwsUsername": "svc@example.com"})
                self.assertNotIn("S3cret", json.dumps(listed))
                self.assertIn("DateCreated", listed[1])
                # Update switches the provider type; unknown domain → ResourceNotFoundException.
                cli.ok("update-availability-configuration", *o, "--domain-name", "example.com",
                       "--lambda-provider", f"LambdaArn={LAMBDA}")
                self.fails(cli, "ResourceNotFoundException", "update-availability-configuration", *o,
                           "--domain-name", "other.example", "--ews-provider", EWS)
                listed = cli.ok("list-availability-configurations", *o)["AvailabilityConfigurations"]
                self.assertEqual(listed[1]["ProviderType"], "LAMBDA")
                self.assertNotIn("EwsProvider", listed[1])
                page = cli.ok("list-availability-configurations", *o, "--max-results", "1", "--no-paginate")
                self.assertEqual(len(page["AvailabilityConfigurations"]), 1)
                self.assertIn("NextToken", page)
                # Test: no outbound request yet.
                t = cli.ok("test-availability-configuration", *o, "--domain-name", "example.com")
                self.assertEqual(t["TestPassed"], False)
                self.assertIn("Not tested", t["FailureReason"])
                t = cli.ok("test-availability-configuration", *o, "--ews-provider", EWS)
                self.assertEqual(t["TestPassed"], False)
                self.fails(cli, "ResourceNotFoundException", "test-availability-configuration", *o,
                           "--domain-name", "other.example")
                self.fails(cli, "InvalidParameterException", "test-availability-configuration", *o)
                # Delete is idempotent.
                self.assertEqual(cli.ok("delete-availability-configuration", *o, "--domain-name", "Example.COM"), {})
                cli.ok("delete-availability-configuration", *o, "--domain-name", "example.com")
                names = [c["DomainName"] for c in cli.ok("list-availability-configurations", *o)["AvailabilityConfigurations"]]
                self.assertEqual(names, ["cap.example"])

    # ------------------------------------------------------------------ newer model only

    def test_newer_model_operations_with_the_newer_cli(self):
        clis = self.newer_clis()
        if not clis:
            self.skipTest("no newer aws CLI on PATH")
        for cli in clis:
            org, _ = self.create_org_with_domain(cli, "integ")
            o = ("--organization-id", org)
            # Personal access tokens: nothing issues them yet.
            self.assertEqual(cli.ok("list-personal-access-tokens", *o)["PersonalAccessTokenSummaries"], [])
            uid = cli.ok("create-user", *o, "--name", "pat", "--display-name", "P", "--password", STRONG)["UserId"]
            self.assertEqual(cli.ok("list-personal-access-tokens", *o, "--user-id", uid)["PersonalAccessTokenSummaries"], [])
            self.fails(cli, "EntityNotFoundException", "list-personal-access-tokens", *o, "--user-id", "nobody")
            self.fails(cli, "ResourceNotFoundException", "get-personal-access-token-metadata", *o,
                       "--personal-access-token-id", "tok-1")
            self.assertEqual(cli.ok("delete-personal-access-token", *o, "--personal-access-token-id", "tok-1"), {})
            # Identity Center application and identity provider configuration.
            app = cli.ok("create-identity-center-application", "--name", "WorkMail", "--instance-arn", INSTANCE)["ApplicationArn"]
            self.assertRegex(app, r"^arn:aws:sso::\d{12}:application/ssoins-1234567890abcdef/apl-[a-zA-Z0-9]{16}$")
            self.fails(cli, "ResourceNotFoundException", "describe-identity-provider-configuration", *o)
            idc = f"InstanceArn={INSTANCE},ApplicationArn={app}"
            self.assertEqual(cli.ok("put-identity-provider-configuration", *o, "--authentication-mode",
                                    "IDENTITY_PROVIDER_AND_DIRECTORY", "--identity-center-configuration", idc,
                                    "--personal-access-token-configuration", "Status=ACTIVE,LifetimeInDays=30"), {})
            d = cli.ok("describe-identity-provider-configuration", *o)
            self.assertEqual(d, {"AuthenticationMode": "IDENTITY_PROVIDER_AND_DIRECTORY",
                                 "IdentityCenterConfiguration": {"InstanceArn": INSTANCE, "ApplicationArn": app},
                                 "PersonalAccessTokenConfiguration": {"Status": "ACTIVE", "LifetimeInDays": 30}})
            other = app.replace("ssoins-1234567890abcdef", "ssoins-fedcba0987654321")
            self.fails(cli, "InvalidParameterException", "put-identity-provider-configuration", *o,
                       "--authentication-mode", "IDENTITY_PROVIDER_ONLY", "--identity-center-configuration",
                       f"InstanceArn={INSTANCE},ApplicationArn={other}",
                       "--personal-access-token-configuration", "Status=INACTIVE")
            # The application is in use: deleting it is refused until the configuration goes.
            self.fails(cli, "OrganizationStateException", "delete-identity-center-application", "--application-arn", app)
            self.assertEqual(cli.ok("delete-identity-provider-configuration", *o), {})
            self.assertEqual(cli.ok("delete-identity-provider-configuration", *o), {})
            self.fails(cli, "ResourceNotFoundException", "describe-identity-provider-configuration", *o)
            self.assertEqual(cli.ok("delete-identity-center-application", "--application-arn", app), {})

    # ------------------------------------------------------------------ boto3

    def test_boto3_from_both_pythons(self):
        script = self.BOTO3_PRELUDE + r'''
out = {}
org = c.create_organization(Alias="ib" + botocore.__version__.replace(".", "x"))["OrganizationId"]
O = dict(OrganizationId=org)
domain = c.describe_organization(**O)["DefaultMailDomain"]
uid = c.create_user(Name="exp", DisplayName="E", Password="Str0ng-Passw0rd", **O)["UserId"]
c.register_to_work_mail(EntityId=uid, Email="exp@" + domain, **O)
job = c.start_mailbox_export_job(EntityId=uid, RoleArn="arn:aws:iam::111122223333:role/r",
                                 KmsKeyArn="arn:aws:kms:us-east-1:111122223333:key/k", S3BucketName="b",
                                 S3Prefix="p", **O)["JobId"]
d = c.describe_mailbox_export_job(JobId=job, **O)
out["job"] = [d["State"], d["S3Path"] == "p/" + job + ".zip", type(d["StartTime"]).__name__]
c.cancel_mailbox_export_job(JobId=job, **O)
out["jobs"] = [j["State"] for j in c.list_mailbox_export_jobs(**O)["Jobs"]]
c.create_availability_configuration(DomainName="example.com", EwsProvider={
    "EwsEndpoint": "https://ews.example.com/EWS/Exchange.asmx", "EwsUsername": "u", "EwsPassword": "pw"}, **O)
try:
    c.create_availability_configuration(DomainName="example.com", LambdaProvider={
        "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:cap"}, **O)
except c.exceptions.NameAvailabilityException as x:
    out["dup"] = x.response["Error"]["Code"]
a = c.list_availability_configurations(**O)["AvailabilityConfigurations"][0]
out["avail"] = [a["ProviderType"], sorted(a["EwsProvider"]), type(a["DateModified"]).__name__]
out["test"] = c.test_availability_configuration(DomainName="example.com", **O)["TestPassed"]
c.update_availability_configuration(DomainName="example.com", LambdaProvider={
    "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:cap"}, **O)
c.delete_availability_configuration(DomainName="example.com", **O)
out["avail_left"] = len(c.list_availability_configurations(**O)["AvailabilityConfigurations"])
if hasattr(c, "list_personal_access_tokens"):
    out["pats"] = c.list_personal_access_tokens(**O)["PersonalAccessTokenSummaries"]
    try:
        c.get_personal_access_token_metadata(PersonalAccessTokenId="t", **O)
    except c.exceptions.ResourceNotFoundException as x:
        out["pat_missing"] = x.response["Error"]["Code"]
    c.delete_personal_access_token(PersonalAccessTokenId="t", **O)
    app = c.create_identity_center_application(Name="wm", InstanceArn="arn:aws:sso:::instance/ssoins-1234567890abcdef")["ApplicationArn"]
    c.put_identity_provider_configuration(AuthenticationMode="IDENTITY_PROVIDER_ONLY",
        IdentityCenterConfiguration={"InstanceArn": "arn:aws:sso:::instance/ssoins-1234567890abcdef", "ApplicationArn": app},
        PersonalAccessTokenConfiguration={"Status": "INACTIVE"}, **O)
    out["idp"] = c.describe_identity_provider_configuration(**O)["AuthenticationMode"]
    c.delete_identity_provider_configuration(**O)
    c.delete_identity_center_application(ApplicationArn=app)
print(json.dumps(out))
'''
        for py in self.boto3_pythons():
            with self.subTest(python=py):
                out = self.run_boto3(py, script, timeout=120)
                self.assertEqual(out["job"], ["RUNNING", True, "datetime"])
                self.assertEqual(out["jobs"], ["CANCELLED"])
                self.assertEqual(out["dup"], "NameAvailabilityException")
                self.assertEqual(out["avail"], ["EWS", ["EwsEndpoint", "EwsUsername"], "datetime"])
                self.assertEqual(out["test"], False)
                self.assertEqual(out["avail_left"], 0)
                if "pats" in out:
                    self.assertEqual(out["pats"], [])
                    self.assertEqual(out["pat_missing"], "ResourceNotFoundException")
                    self.assertEqual(out["idp"], "IDENTITY_PROVIDER_ONLY")


if __name__ == "__main__":
    unittest.main()
