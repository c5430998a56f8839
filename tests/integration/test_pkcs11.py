"""skerryd with organization keys on a PKCS#11 token: SoftHSM2, initialised by this test.

Service-managed keys are generated on the token; a customer-managed key made beforehand with
pkcs11-tool (OpenSC) is selected by name; deleting an organization destroys its key on the token."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
MESSAGE = b"Subject: kept in the HSM's care\r\n\r\n" + b"hello\r\n" * 30000


class Pkcs11Provider(unittest.TestCase):
    def setUp(self):
        if not (os.path.exists(MODULE) and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool")):
            self.fail("SoftHSM2 and OpenSC are needed: run scripts/bootstrap.sh --test")
        self.tmp = tempfile.TemporaryDirectory(prefix="skerry-hsm-")
        tokens = os.path.join(self.tmp.name, "tokens")
        os.makedirs(tokens)
        conf = os.path.join(self.tmp.name, "softhsm2.conf")
        with open(conf, "w") as f:
            f.write(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
        os.environ["SOFTHSM2_CONF"] = conf
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "skerry-it",
                        "--pin", "1234", "--so-pin", "5678"], check=True, capture_output=True)
        with open(os.path.join(self.tmp.name, "pin"), "w") as f:
            f.write("1234\n")
        self.config = (f"[keys]\nprovider = \"pkcs11\"\n[keys.pkcs11]\nmodule = \"{MODULE}\"\n"
                       f"token_label = \"skerry-it\"\npin_file = \"{self.tmp.name}/pin\"\n")

    def tearDown(self):
        os.environ.pop("SOFTHSM2_CONF", None)
        self.tmp.cleanup()

    def token_labels(self):
        r = subprocess.run(["pkcs11-tool", "--module", MODULE, "--token-label", "skerry-it", "--login",
                            "--pin", "1234", "--list-objects"], capture_output=True, text=True, check=True)
        return r.stdout

    def has_key(self, label):
        """A secret key object with exactly this label (tombstone data objects don't count)."""
        return re.search(r"^Secret Key Object.*\n\s+label:\s+" + re.escape(label) + r"\s*$",
                         self.token_labels(), re.M) is not None

    def test_org_keys_live_on_the_token(self):
        s = skerry.Server(config_text=self.config)
        try:
            s.start()
            created = s.request("POST", "/skerry/v1/organizations", {})
            self.assertEqual(created["keyProvider"], "pkcs11")
            org = created["organizationId"]
            self.assertTrue(self.has_key(f"org/{org}"))
            mbx = s.create_mailbox(org)
            item = s.append(mbx, s.folder_id(mbx, "Inbox"), MESSAGE)["itemId"]
            self.assertEqual(s.fetch(mbx, item), MESSAGE)
            self.assertEqual(s.stop(), 0)

            s.start()  # a fresh process unwraps the mailbox key through the token again
            self.assertEqual(s.fetch(mbx, item), MESSAGE)

            # A customer-managed key, made on the token by the administrator beforehand.
            subprocess.run(["pkcs11-tool", "--module", MODULE, "--token-label", "skerry-it", "--login",
                            "--pin", "1234", "--keygen", "--key-type", "AES:32", "--label", "acme-cmk"],
                           check=True, capture_output=True)
            cmk_org = s.create_org(keyProvider="pkcs11", keyId="acme-cmk")
            cmk_mbx = s.create_mailbox(cmk_org)
            cmk_item = s.append(cmk_mbx, s.folder_id(cmk_mbx, "Inbox"), MESSAGE)["itemId"]
            self.assertEqual(s.fetch(cmk_mbx, cmk_item), MESSAGE)
            with self.assertRaises(skerry.ApiError) as e:
                s.create_org(keyProvider="pkcs11", keyId="no-such-key")
            self.assertEqual(e.exception.status, 400)
            # Another organization's service-managed key, or the server's own, is not a customer's
            # key: deleting that organization would shred this one too.
            for provider, key in (("pkcs11", f"org/{org}"), ("local", "skerry-service")):
                with self.assertRaises(skerry.ApiError) as e:
                    s.create_org(keyProvider=provider, keyId=key)
                self.assertEqual(e.exception.status, 400)
                self.assertIn("managed by Skerry", str(e.exception))

            # The same choice through the WorkMail API: KmsKeyArn names the provider in the
            # ARN's account field and the key after "key/".
            with open(os.path.join(s.data_dir, "admin-credentials.json")) as f:
                creds = json.load(f)
            env = dict(os.environ, AWS_ACCESS_KEY_ID=creds["accessKeyId"], AWS_SECRET_ACCESS_KEY=creds["secretAccessKey"],
                       AWS_DEFAULT_REGION="us-east-1", AWS_CA_BUNDLE=os.path.join(s.data_dir, "tls/cert.pem"),
                       AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
            aws = "/usr/bin/aws" if os.path.exists("/usr/bin/aws") else "aws"
            r = subprocess.run([aws, "workmail", "create-organization", "--alias", "cmk-via-api", "--kms-key-arn",
                                "arn:aws:kms:us-east-1:pkcs11:key/acme-cmk", "--endpoint-url", s.base_url,
                                "--output", "json"], env=env, capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            api_org = json.loads(r.stdout)["OrganizationId"]
            api_mbx = s.create_mailbox(api_org)
            api_item = s.append(api_mbx, s.folder_id(api_mbx, "Inbox"), MESSAGE)["itemId"]
            self.assertEqual(s.fetch(api_mbx, api_item), MESSAGE)
            r = subprocess.run([aws, "workmail", "create-organization", "--alias", "cmk-missing", "--kms-key-arn",
                                "arn:aws:kms:us-east-1:pkcs11:key/absent-key", "--endpoint-url", s.base_url],
                               env=env, capture_output=True, text=True, timeout=60)
            self.assertIn("InvalidParameterException", r.stderr)

            # Deleting the service-managed organization destroys its key on the token.
            deleted = s.request("DELETE", f"/skerry/v1/organizations/{org}")
            self.assertEqual((deleted["organizationKeyDestroyed"], deleted["dataReadable"]), (True, False))
            self.assertFalse(self.has_key(f"org/{org}"))
            with self.assertRaises(skerry.ApiError) as e:
                s.fetch(mbx, item)
            self.assertEqual(e.exception.status, 410)
            # The customer's own key is theirs: deleting their organization leaves it on the token.
            deleted = s.request("DELETE", f"/skerry/v1/organizations/{cmk_org}")
            self.assertEqual((deleted["mailboxKeysDestroyed"], deleted["organizationKeyDestroyed"],
                              deleted["dataReadable"]), (True, False, False))
            self.assertTrue(self.has_key("acme-cmk"))
            with self.assertRaises(skerry.ApiError) as e:
                s.fetch(cmk_mbx, cmk_item)
            self.assertEqual(e.exception.status, 410)
        finally:
            s.close()

    def test_wrong_pin_refuses_to_start_with_a_clear_error(self):
        with open(os.path.join(self.tmp.name, "pin"), "w") as f:
            f.write("9999\n")
        s = skerry.Server(config_text=self.config)
        try:
            with self.assertRaises(RuntimeError) as e:
                s.start(timeout=20)
            self.assertIn("skerryd exited with 1", str(e.exception))
            self.assertRegex(s.read_log().lower(), r"pin|login")
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main()
