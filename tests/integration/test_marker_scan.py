"""Nothing customer-provided reaches the disk in plaintext (DESIGN §3).

Stores a marker string in item bodies and subjects, in sender and recipient addresses, in
folder names, and in the directory (organization alias, mail domain, user, group and resource
names, display names, email addresses and aliases, through the real AWS CLI), then scans the raw bytes of every file under the data directory — SQLite's
database, WAL and shared-memory files, blob files, temporary files — while the server is running
and again after it stopped. The marker must appear nowhere, in any common encoding."""
import base64
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402
from aws_clients import DEBIAN_AWS, AwsCli, path_aws  # noqa: E402

MARKER = "Zq7MarkerXv93kP"


def encodings(marker):
    raw = marker.encode()
    forms = {
        "utf-8": raw,
        "utf-8 lowercase": raw.lower(),
        "utf-16le": marker.encode("utf-16-le"),
        "utf-16be": marker.encode("utf-16-be"),
        "hex": raw.hex().encode(),
    }
    # base64 of the marker at each of the three alignments, minus the unstable edges.
    for shift in range(3):
        b = base64.b64encode(b"x" * shift + raw)[4:-4]
        forms[f"base64+{shift}"] = b
    return forms


class MarkerScan(unittest.TestCase):
    def scan(self, root):
        hits = []
        forms = encodings(MARKER)
        forms.update({f"lowercase {k}": v for k, v in encodings(MARKER.lower()).items()})
        files = 0
        for dirpath, _, names in os.walk(root):
            for n in names:
                path = os.path.join(dirpath, n)
                if n.endswith(".log") or n == "skerry.toml":
                    continue
                files += 1
                with open(path, "rb") as f:
                    data = f.read()
                for label, form in forms.items():
                    if form and form in data:
                        hits.append(f"{path}: {label}")
        return files, hits

    def test_marker_never_on_disk(self):
        s = skerry.Server()
        try:
            s.start()
            org = s.create_org()
            mbx = s.create_mailbox(org)
            folder = s.create_folder(mbx, f"Projects {MARKER}")
            sub = s.create_folder(mbx, f"{MARKER} sub", parent=folder)
            msg = (f"From: {MARKER} <{MARKER.lower()}@example.com>\r\n"
                   f"To: Bob <{MARKER}@example.org>\r\nSubject: about {MARKER}\r\n\r\n"
                   + f"{MARKER} in the body\r\n" * 5000).encode()
            items = []
            for f in (folder, sub, s.folder_id(mbx, "Inbox")):
                for _ in range(5):
                    items.append((f, s.append(mbx, f, msg)["itemId"]))
            # The server itself can read everything back in plaintext.
            self.assertIn(f"Projects {MARKER}", [x["name"] for x in s.folders(mbx)])
            self.assertEqual(s.items(mbx, folder)[0]["subject"], f"about {MARKER}")
            self.assertEqual(s.fetch(mbx, items[0][1]), msg)

            files, hits = self.scan(s.data_dir)  # live: WAL and -shm present
            self.assertGreater(files, 5)
            self.assertEqual(hits, [], "plaintext found while running")
            self.assertEqual(s.stop(), 0)
            files, hits = self.scan(s.data_dir)  # after checkpoint and shutdown
            self.assertEqual(hits, [], "plaintext found after shutdown")
            log = s.read_log()
            self.assertNotIn(MARKER, log, "the server log must not carry customer data")
        finally:
            s.close()

    def test_directory_data_never_on_disk(self):
        m = MARKER.lower()  # aliases, domains and addresses are lowercase
        s = skerry.Server()
        try:
            s.start()
            with open(os.path.join(s.data_dir, "admin-credentials.json")) as f:
                creds = json.load(f)
            exe = next((e for e in (path_aws(), DEBIAN_AWS) if e and os.path.exists(e)), None)
            if exe is None:
                self.skipTest("no aws CLI: run scripts/bootstrap.sh --test")
            cli = AwsCli(s, exe, creds["accessKeyId"], creds["secretAccessKey"])
            org = cli.ok("create-organization", "--alias", f"org-{m}")["OrganizationId"]
            o = ("--organization-id", org)
            domain = cli.ok("describe-organization", *o)["DefaultMailDomain"]
            cli.ok("register-mail-domain", *o, "--domain-name", f"{m}.example.com")
            user = cli.ok("create-user", *o, "--name", f"u{m}", "--display-name", f"Ann {MARKER}",
                          "--password", "Corr3ct-Horse-Battery")["UserId"]
            cli.ok("register-to-work-mail", *o, "--entity-id", user, "--email", f"ann.{m}@{domain}")
            cli.ok("create-alias", *o, "--entity-id", user, "--alias", f"alias.{m}@{domain}")
            group = cli.ok("create-group", *o, "--name", f"g{m}")["GroupId"]
            cli.ok("register-to-work-mail", *o, "--entity-id", group, "--email", f"team.{m}@{domain}")
            cli.ok("create-resource", *o, "--name", f"room{m}", "--type", "ROOM")
            # The server reads it all back in plaintext.
            self.assertEqual(cli.ok("describe-user", *o, "--user-id", user)["DisplayName"], f"Ann {MARKER}")
            self.assertIn(f"alias.{m}@{domain}", cli.ok("list-aliases", *o, "--entity-id", user)["Aliases"])

            files, hits = self.scan(s.data_dir)
            self.assertGreater(files, 5)
            self.assertEqual(hits, [], "directory plaintext found while running")
            self.assertEqual(s.stop(), 0)
            _, hits = self.scan(s.data_dir)
            self.assertEqual(hits, [], "directory plaintext found after shutdown")
            self.assertNotIn(m, s.read_log().lower(), "the server log must not carry directory data")
        finally:
            s.close()

    def test_scan_can_fail(self):
        """The scan itself finds a planted plaintext marker (so a pass above means something)."""
        s = skerry.Server()
        try:
            s.start()
            with open(os.path.join(s.data_dir, "blobs", "planted"), "wb") as f:
                f.write(b"prefix" + MARKER.encode("utf-16-le") + b"suffix")
            _, hits = self.scan(s.data_dir)
            self.assertEqual(len(hits), 1)
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main()
