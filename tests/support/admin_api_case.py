"""The base of the WorkMail admin API suites: one real skerryd per test class, its first admin
access key, and every AWS CLI found (Debian's /usr/bin/aws and the newer one on PATH) pointed at it."""
import json
import os
import shutil
import subprocess
import time
import unittest

import skerry
from aws_clients import DEBIAN_AWS, DEBIAN_PYTHON, AwsCli, path_aws


class AdminApiCase(unittest.TestCase):
    # botocore writes "An error occurred (XException) ..."; suites that want the name matched
    # only inside those parentheses say so.
    exception_in_parens = False
    _orgs = 0

    @classmethod
    def server_config(cls):
        """TOML for skerryd, or None for its defaults."""
        return None

    @classmethod
    def setUpClass(cls):
        cls.s = skerry.Server(config_text=cls.server_config()).start()
        with open(os.path.join(cls.s.data_dir, "admin-credentials.json")) as f:
            cls.creds = json.load(f)
        cls.clis = [AwsCli(cls.s, exe, cls.creds["accessKeyId"], cls.creds["secretAccessKey"])
                    for exe in (DEBIAN_AWS, path_aws()) if exe and os.path.exists(exe)]
        if not cls.clis:
            cls.s.close()
            raise unittest.SkipTest("no aws CLI: run scripts/bootstrap.sh --test")
        cls.newer = next((c for c in cls.clis if c.exe != DEBIAN_AWS), None)

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def create_org(self, cli, prefix):
        """A fresh organization with a unique alias; returns its id."""
        AdminApiCase._orgs += 1
        alias = f"{prefix}{AdminApiCase._orgs}x{int(time.time() * 1000) % 10**8}"
        return cli.ok("create-organization", "--alias", alias)["OrganizationId"]

    def create_org_with_domain(self, cli, prefix):
        """A fresh organization; returns (id, its default mail domain)."""
        org = self.create_org(cli, prefix)
        return org, cli.ok("describe-organization", "--organization-id", org)["DefaultMailDomain"]

    def fails(self, cli, exception, *args):
        code, _, err = cli.run(*args)
        self.assertNotEqual(code, 0, f"{cli.exe} {args} should fail with {exception}")
        self.assertIn(f"({exception})" if self.exception_in_parens else exception, err)
        return err

    # boto3 runs in a child Python, once per interpreter that has it (Debian's boto3 1.26 and the
    # newer one on PATH): scripts start with BOTO3_PRELUDE, which reads the endpoint, CA and key
    # from argv[1:5] (extra arguments follow) and defines `c`, the client, and `code`.
    BOTO3_PRELUDE = r'''
import json, sys, boto3, botocore
endpoint, ca, key, secret = sys.argv[1:5]
c = boto3.client("workmail", endpoint_url=endpoint, verify=ca, region_name="us-east-1",
                 aws_access_key_id=key, aws_secret_access_key=secret)
def code(fn, **kw):
    try:
        fn(**kw)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    return None
'''

    def boto3_pythons(self):
        out = [py for py in dict.fromkeys(p for p in (DEBIAN_PYTHON, shutil.which("python3")) if p)
               if subprocess.run([py, "-c", "import boto3"], capture_output=True).returncode == 0]
        self.assertGreaterEqual(len(out), 1, "no boto3 found: run scripts/bootstrap.sh --test")
        return out

    def run_boto3(self, py, script, *args, timeout=600):
        """Runs `script` (BOTO3_PRELUDE + body printing one JSON document) in `py`; returns the document."""
        r = subprocess.run([py, "-c", script, self.s.base_url, os.path.join(self.s.data_dir, "tls/cert.pem"),
                            self.creds["accessKeyId"], self.creds["secretAccessKey"], *args],
                           capture_output=True, text=True, timeout=timeout)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)
