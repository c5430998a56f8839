"""The layering check fails on an #include that crosses DESIGN §1's dependency rule."""
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(__file__), "../../scripts/check_layers.py")


class CheckLayers(unittest.TestCase):
    def run_on(self, files):
        with tempfile.TemporaryDirectory() as d:
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(d, path)), exist_ok=True)
                with open(os.path.join(d, path), "w") as f:
                    f.write(text)
            return subprocess.run([sys.executable, SCRIPT, d], capture_output=True, text=True)

    def test_allows_downward_includes(self):
        r = self.run_on({"mailbox/a.cc": '#include "storage/metadata_store.h"\n#include "crypto/aead.h"\n'})
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_wire_may_include_its_own_wire_only(self):
        ok = self.run_on({"protocols/imap/wire/a.cc": '#include "protocols/imap/wire/b.h"\n#include "base/bytes.h"\n'})
        self.assertEqual(ok.returncode, 0, ok.stdout)
        bad = self.run_on({"protocols/imap/wire/a.cc": '#include "protocols/imap/session.h"\n'})
        self.assertEqual(bad.returncode, 1, bad.stdout)
        other = self.run_on({"protocols/imap/wire/a.cc": '#include "protocols/smtp/wire/b.h"\n'})
        self.assertEqual(other.returncode, 1, other.stdout)

    def test_refuses_upward_and_concrete_includes(self):
        for path, inc in [("base/a.cc", "crypto/aead.h"),
                          ("mailbox/a.cc", "storage/sqlite/sqlite_store.h"),
                          ("protocols/imap/wire/parser.cc", "mailbox/mailbox_service.h"),
                          ("storage/x.cc", "mailbox/mailbox_service.h")]:
            r = self.run_on({path: f'#include "{inc}"\n'})
            self.assertEqual(r.returncode, 1, f"{path} including {inc} should fail")
            self.assertIn(inc, r.stdout)

    def test_no_spelling_or_new_directory_slips_past(self):
        for files, names in [
            ({"base/a.cc": "#include <crypto/aead.h>\n", "crypto/aead.h": ""}, "crypto/aead.h"),  # angled, ours
            ({"base/z.hpp": '#include "server/server.h"\n'}, "server/server.h"),  # any source suffix
            ({"newlayer/a.cc": '#include "server/server.h"\n'}, "newlayer/ is not a layer"),
            ({"loose.cc": "int x;\n"}, "outside every layer"),
            ({"protocols/imap/wire/a.cc": "#include <boost/asio.hpp>\n"}, "no Asio"),
            ({"formats/a.cc": "#include <boost/asio/ip/tcp.hpp>\n"}, "no Asio"),
            ({"protocols/imap/commands.cc": '#include "storage/metadata_store.h"\n'}, "storage/metadata_store.h"),
        ]:
            r = self.run_on(files)
            self.assertEqual(r.returncode, 1, f"{files} should fail: {r.stdout}")
            self.assertIn(names, r.stdout)
        ok = self.run_on({"protocols/imap/session.cc": "#include <boost/asio.hpp>\n#include <vector>\n",
                          "base/iface.cc": "#include <net/if.h>\n", "net/x.h": "",
                          "protocols/imap/commands_test.cc": '#include "storage/memory/memory_metadata_store.h"\n'})
        self.assertEqual(ok.returncode, 0, ok.stdout)

    def test_the_real_tree_passes(self):
        r = subprocess.run([sys.executable, SCRIPT, os.path.join(os.path.dirname(__file__), "../../src")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout)


if __name__ == "__main__":
    unittest.main()
