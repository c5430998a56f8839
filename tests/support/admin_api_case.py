"""The base of the WorkMail admin API suites: one real skerryd per test class, its first admin
access key, and every AWS CLI found (Debian's /usr/bin/aws and the newer one on PATH) pointed at it."""
import json
import os
import time
import unittest

import skerry
from aws_clients import DEBIAN_AWS, AwsCli, path_aws


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

    def fails(self, cli, exception, *args):
        code, _, err = cli.run(*args)
        self.assertNotEqual(code, 0, f"{cli.exe} {args} should fail with {exception}")
        self.assertIn(f"({exception})" if self.exception_in_parens else exception, err)
        return err
