"""skerryd as a process: start-up, listeners, TLS policy, health, graceful shutdown, config
errors, the operator API end to end, crypto-shredding and tamper detection."""
import glob
import warnings
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402
from aws_clients import DEBIAN_AWS, AwsCli  # noqa: E402

MESSAGE = (b"From: Ann Example <ann@example.com>\r\nTo: bob@example.com\r\n"
           b"Subject: quarterly numbers\r\n\r\n" + b"".join(b"line %06d of the body\r\n" % i for i in range(20000)))


class ServerProcess(unittest.TestCase):
    def _fill_and_refuse_one_more(self, s, allowed):
        """Opens `allowed` idle connections, then checks that one more is closed without a byte;
        returns the idle ones."""
        host, port = s.listeners["https"].rsplit(":", 1)
        idle = [socket.create_connection((host, int(port))) for _ in range(allowed)]
        time.sleep(0.3)  # all accepted and counted: idle TLS handshakes in progress
        extra = socket.create_connection((host, int(port)))
        extra.settimeout(5)
        self.assertEqual(extra.recv(1), b"")  # closed by the server without a byte
        extra.close()
        return idle

    def _close_and_wait_until_served(self, s, idle):
        for c in idle:
            c.close()
        deadline = time.time() + 10
        while True:  # the slots come free as their sessions notice the close
            try:
                self.assertEqual(s.request("GET", "/healthz", token=False), {"status": "ok"})
                return
            except (OSError, skerry.ApiError):
                if time.time() > deadline:
                    raise
                time.sleep(0.1)

    def test_connections_past_the_limit_are_closed_at_once(self):
        with skerry.Server(config_text="[server]\nmax_connections = 2\n") as s:
            idle = self._fill_and_refuse_one_more(s, 2)
            self._close_and_wait_until_served(s, idle)
            self.assertIn("connection limit reached", s.read_log())

    def test_connections_past_the_per_client_limit_are_closed_at_once(self):
        import http.client
        with skerry.Server(config_text="[server]\nmax_connections_per_ip = 2\n") as s:
            idle = self._fill_and_refuse_one_more(s, 2)
            # Another client address (all of 127/8 is loopback) has an allowance of its own.
            host, port = s.listeners["https"].rsplit(":", 1)
            other = http.client.HTTPSConnection(host, int(port), context=s.ssl, timeout=30,
                                                source_address=("127.0.0.2", 0))
            other.request("GET", "/healthz")
            self.assertEqual(other.getresponse().status, 200)
            other.close()
            self._close_and_wait_until_served(s, idle)
            log = s.read_log()
            self.assertIn("server.max_connections_per_ip", log)
            self.assertIn("127.0.0.1", log)
            self.assertNotIn("server.max_connections)", log)  # the global limit was never reached

    def test_credential_apis_answer_plain_http_from_this_host_only(self):
        # A plain-HTTP listener on a network address: /healthz answers anyone (load balancers),
        # the operator and WorkMail APIs only the host itself; over HTTPS they answer everyone.
        ip = next((a for a in subprocess.run(["hostname", "-I"], capture_output=True, text=True)
                   .stdout.split() if "." in a and not a.startswith("127.")), None)
        if ip is None:
            self.skipTest("no non-loopback IPv4 address on this host")
        with tempfile.TemporaryDirectory() as d:
            base = skerry.free_port_base()
            config = os.path.join(d, "skerry.toml")
            with open(config, "w") as f:
                f.write(f'[listeners]\nhttp = ["{ip}:{base + 80}"]\nhttps = ["{ip}:{base + 443}"]\n')
            proc = subprocess.Popen([skerry.SKERRYD, "--data-dir", d, "--config", config],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            try:
                deadline = time.time() + 60
                while not os.path.exists(os.path.join(d, "listeners.json")):
                    self.assertIsNone(proc.poll(), "skerryd exited")
                    self.assertLess(time.time(), deadline)
                    time.sleep(0.1)
                with open(os.path.join(d, "operator-token")) as f:
                    token = f.read().strip()

                def get(url, context=None):
                    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
                    try:
                        with urllib.request.urlopen(req, timeout=30, context=context) as r:
                            return r.status, r.read().decode()
                    except urllib.error.HTTPError as e:
                        return e.code, e.read().decode()

                plain = f"http://{ip}:{base + 80}"
                self.assertEqual(get(plain + "/healthz")[0], 200)
                status, body = get(plain + "/skerry/v1/access-keys")
                self.assertEqual(status, 403)
                self.assertIn("HTTPS only", body)
                tls = ssl.create_default_context(cafile=os.path.join(d, "tls/cert.pem"))
                tls.check_hostname = False
                self.assertEqual(get(f"https://{ip}:{base + 443}/skerry/v1/access-keys", tls)[0], 200)
                with open(os.path.join(d, "admin-credentials.json")) as f:
                    creds = json.load(f)
                for endpoint, refused in ((plain, True), (f"https://{ip}:{base + 443}", False)):
                    env = dict(os.environ, AWS_ACCESS_KEY_ID=creds["accessKeyId"],
                               AWS_SECRET_ACCESS_KEY=creds["secretAccessKey"], AWS_DEFAULT_REGION="us-east-1",
                               AWS_CA_BUNDLE=os.path.join(d, "tls/cert.pem"), AWS_CONFIG_FILE="/dev/null",
                               AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_MAX_ATTEMPTS="1")
                    r = subprocess.run([DEBIAN_AWS, "workmail", "list-organizations", "--endpoint-url", endpoint,
                                        "--no-verify-ssl"], env=env, capture_output=True, text=True, timeout=60)
                    if refused:
                        self.assertNotEqual(r.returncode, 0)
                        self.assertIn("AccessDeniedException", r.stderr)
                    else:
                        self.assertEqual(r.returncode, 0, r.stderr)
            finally:
                proc.terminate()
                proc.wait(timeout=60)

    def test_health_over_https_and_http_and_listeners_file(self):
        with skerry.Server() as s:
            self.assertEqual(s.request("GET", "/healthz", token=False), {"status": "ok"})
            self.assertEqual(set(s.listeners), {"http", "https"})
            host, port = s.listeners["https"].rsplit(":", 1)
            self.assertEqual(host, "127.0.0.1")
            self.assertEqual(int(port), s.port_base + 443)
            with urllib.request.urlopen(f"http://{s.listeners['http']}/healthz", timeout=10) as r:
                self.assertEqual(json.loads(r.read()), {"status": "ok"})
            self.assertEqual(os.stat(os.path.join(s.data_dir, "tls/key.pem")).st_mode & 0o777, 0o600)
            self.assertEqual(os.stat(os.path.join(s.data_dir, "operator-token")).st_mode & 0o777, 0o600)

    @staticmethod
    def tls_handshake(s, ctx):
        """(version, cipher) of a TLS handshake with `s`'s https listener."""
        host, port = s.listeners["https"].rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                return tls.version(), tls.cipher()[0]

    def test_tls_refuses_versions_before_1_2(self):
        with skerry.Server() as s:
            def handshake(ctx):
                return self.tls_handshake(s, ctx)

            ok = ssl.create_default_context(cafile=os.path.join(s.data_dir, "tls/cert.pem"))
            version, cipher = handshake(ok)
            self.assertIn(version, ("TLSv1.2", "TLSv1.3"))

            tls12 = ssl.create_default_context(cafile=os.path.join(s.data_dir, "tls/cert.pem"))
            tls12.maximum_version = ssl.TLSVersion.TLSv1_2
            version, cipher = handshake(tls12)
            self.assertEqual(version, "TLSv1.2")
            self.assertIn("ECDHE", cipher)

            old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            old.check_hostname = False
            old.verify_mode = ssl.CERT_NONE
            old.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                old.maximum_version = ssl.TLSVersion.TLSv1_1
            with self.assertRaises((ssl.SSLError, ConnectionError)):
                handshake(old)

    def test_tls_with_an_rsa_certificate_offers_forward_secret_suites_only(self):
        # Static-RSA key exchange needs an RSA certificate: with the generated ECDSA one those
        # suites could never be chosen, whatever the policy, so this test configures RSA.
        with tempfile.TemporaryDirectory() as d:
            cert, key = os.path.join(d, "rsa.pem"), os.path.join(d, "rsa.key")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                            "-keyout", key, "-out", cert], check=True, capture_output=True)
            os.chmod(key, 0o600)
            with skerry.Server(config_text=f'[tls]\ncert = "{cert}"\nkey = "{key}"\n', cafile=cert) as s:
                def offering(suite):
                    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    ctx.load_verify_locations(cert)
                    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
                    ctx.set_ciphers(suite)  # outside assertRaises: the client must really offer it
                    self.assertIn(suite, [c["name"] for c in ctx.get_ciphers()])
                    return ctx

                def handshake(ctx):
                    return self.tls_handshake(s, ctx)[1]

                self.assertEqual(handshake(offering("ECDHE-RSA-AES256-GCM-SHA384")), "ECDHE-RSA-AES256-GCM-SHA384")
                for suite in ("AES256-GCM-SHA384", "AES128-GCM-SHA256", "AES128-SHA", "ECDHE-RSA-AES128-SHA"):
                    with self.subTest(suite=suite):
                        ctx = offering(suite)
                        with self.assertRaises((ssl.SSLError, ConnectionError)):
                            handshake(ctx)

    def test_sigterm_drains_and_exits_cleanly(self):
        with skerry.Server() as s:
            org = s.create_org()
            mbx = s.create_mailbox(org)
            s.append(mbx, s.folder_id(mbx, "Inbox"), MESSAGE)
            self.assertEqual(s.stop(), 0)
            self.assertFalse(os.path.exists(os.path.join(s.data_dir, "listeners.json")))
            log = s.read_log()
            self.assertRegex(log, r"server\.stopping cause=SIGTERM")
            self.assertNotIn("second signal", log)
            self.assertIn("server.stopped", log)
            # Restart on the same data: everything acknowledged is there.
            s.start()
            inbox = s.folder_id(mbx, "Inbox")
            items = s.items(mbx, inbox)
            self.assertEqual(len(items), 1)
            self.assertEqual(s.fetch(mbx, items[0]["itemId"]), MESSAGE)

    # Drain tests give sessions far longer than the bounds they assert (300 s to finish, 300 s to
    # send a request): a drain that waits for an idle session, or ignores a second signal, misses
    # them by minutes, not by a scheduling hiccup.
    SLOW_DRAIN = "[shutdown]\ngrace_seconds = 300\n[http]\nread_timeout_seconds = 300\n"

    def _start_upload(self, s, mbx, folder, body):
        """An append whose request is half sent: a request in progress, which the drain waits for."""
        import http.client
        host, port = s.listeners["https"].rsplit(":", 1)
        conn = http.client.HTTPSConnection(host, int(port), context=s.ssl, timeout=60)
        conn.putrequest("POST", f"/skerry/v1/mailboxes/{mbx}/folders/{folder}/items")
        conn.putheader("Authorization", "Bearer " + s.token)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        conn.send(body[: len(body) // 2])
        return conn

    def _wait_until_not_accepting(self, s):
        host, port = s.listeners["https"].rsplit(":", 1)
        deadline = time.time() + 10
        while time.time() < deadline:  # the listener closes while our session lives on
            try:
                socket.create_connection((host, int(port)), timeout=1).close()
                time.sleep(0.05)
            except OSError:
                return
        self.fail("the listener kept accepting after SIGTERM")

    def _keep_alive(self, conn):
        """`conn` after one answered request, open and waiting for the next (HTTP/1.1 keep-alive)."""
        conn.request("GET", "/healthz")
        r = conn.getresponse()
        self.assertEqual(r.status, 200)
        r.read()
        self.assertNotEqual(r.getheader("Connection", "").lower(), "close")
        return conn.sock

    def assertClosedBy(self, sock, seconds):
        sock.settimeout(seconds)  # a timeout (still open) fails the test
        try:
            self.assertEqual(sock.recv(1), b"")
        except (ssl.SSLEOFError, ConnectionResetError):
            pass  # closed without a TLS close_notify (a handshake cut short) or with a reset

    def test_sigterm_lets_an_upload_in_flight_finish(self):
        with skerry.Server() as s:
            mbx = s.create_mailbox(s.create_org())
            inbox = s.folder_id(mbx, "Inbox")
            body = MESSAGE * 20
            conn = self._start_upload(s, mbx, inbox, body)
            s.proc.send_signal(signal.SIGTERM)
            self._wait_until_not_accepting(s)
            self.assertIsNone(s.proc.poll(), "skerryd exited before the session in flight finished")
            conn.send(body[len(body) // 2:])
            r = conn.getresponse()
            self.assertEqual(r.status, 201)
            self.assertEqual(r.getheader("Connection"), "close")  # no next request on a draining server
            item = json.loads(r.read())["itemId"]
            self.assertEqual(s.proc.wait(timeout=30), 0)
            s.start()
            self.assertEqual(s.fetch(mbx, item), body)

    def test_ctrl_c_on_make_run_drains_like_sigterm(self):
        # A terminal's Ctrl-C sends SIGINT to the whole foreground process group: make, the script
        # and (unless the script keeps it apart) skerryd, which would then count the script's
        # SIGTERM as a second signal and cut the request in flight.
        script = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "run-dev.sh")
        launcher = lambda data, base: ["bash", script, skerry.BUILD_DIR, data, str(base)]
        with skerry.Server(launcher=launcher) as s:
            deadline = time.time() + 10  # the script prints once it has seen listeners.json
            while "Stop with Ctrl-C." not in s.read_log():
                self.assertLess(time.time(), deadline, s.read_log())
                time.sleep(0.05)
            self.assertIn("https " + s.listeners["https"], " ".join(s.read_log().split()))
            mbx = s.create_mailbox(s.create_org())
            inbox = s.folder_id(mbx, "Inbox")
            conn = self._start_upload(s, mbx, inbox, MESSAGE)
            os.killpg(s.proc.pid, signal.SIGINT)
            self._wait_until_not_accepting(s)
            conn.send(MESSAGE[len(MESSAGE) // 2:])
            r = conn.getresponse()
            self.assertEqual(r.status, 201)
            item = json.loads(r.read())["itemId"]
            self.assertEqual(s.proc.wait(timeout=30), 0)
            log = s.read_log()
            self.assertRegex(log, r"server\.stopping cause=SIGTERM")
            self.assertNotIn("second signal", log)
            self.assertRegex(log, r"server\.stopped drained=true")
            s.launcher = None
            s.start()
            self.assertEqual(s.fetch(mbx, item), MESSAGE)

    def test_sigterm_closes_idle_connections_at_once(self):
        import http.client
        with skerry.Server(config_text=self.SLOW_DRAIN) as s:
            host, port = s.listeners["http"].rsplit(":", 1)
            plain = self._keep_alive(http.client.HTTPConnection(host, int(port), timeout=60))
            host, port = s.listeners["https"].rsplit(":", 1)
            tls = self._keep_alive(http.client.HTTPSConnection(host, int(port), context=s.ssl, timeout=60))
            silent = socket.create_connection((host, int(port)))  # connected, no TLS handshake yet
            time.sleep(0.3)  # accepted: its session waits for the handshake
            s.proc.send_signal(signal.SIGTERM)
            for sock in (plain, tls, silent):
                self.assertClosedBy(sock, 60)
            self.assertEqual(s.proc.wait(timeout=60), 0)
            self.assertRegex(s.read_log(), r"server\.stopped.*drained=true")

    def test_a_second_signal_ends_the_drain_and_keeps_the_store_intact(self):
        with skerry.Server(config_text=self.SLOW_DRAIN) as s:
            mbx = s.create_mailbox(s.create_org())
            inbox = s.folder_id(mbx, "Inbox")
            kept = s.append(mbx, inbox, MESSAGE)["itemId"]
            conn = self._start_upload(s, mbx, inbox, MESSAGE * 20)
            s.proc.send_signal(signal.SIGTERM)
            self._wait_until_not_accepting(s)
            self.assertIsNone(s.proc.poll(), "skerryd exited before the session in flight finished")
            s.proc.send_signal(signal.SIGINT)  # the operator's second Ctrl-C
            self.assertEqual(s.proc.wait(timeout=60), 0)
            self.assertClosedBy(conn.sock, 10)
            log = s.read_log()
            self.assertIn("second signal", log)
            self.assertRegex(log, r"server\.stopped.*drained=false")
            s.start()  # the store opens, and what was acknowledged is there
            self.assertEqual(s.fetch(mbx, kept), MESSAGE)

    def test_a_drain_that_times_out_tears_down_in_order(self):
        # The session still in flight when the grace period ends is destroyed with the I/O, while
        # the session tracker and the services it refers to still exist.
        with skerry.Server(config_text="[shutdown]\ngrace_seconds = 1\n[http]\nread_timeout_seconds = 300\n") as s:
            mbx = s.create_mailbox(s.create_org())
            inbox = s.folder_id(mbx, "Inbox")
            kept = s.append(mbx, inbox, MESSAGE)["itemId"]
            conn = self._start_upload(s, mbx, inbox, MESSAGE * 20)
            self.assertEqual(s.stop(timeout=60), 0)
            self.assertClosedBy(conn.sock, 10)
            log = s.read_log()
            self.assertRegex(log, r"server\.stopped.*drained=false")
            self.assertNotIn("live session", log)
            s.start()
            self.assertEqual(s.fetch(mbx, kept), MESSAGE)

    def test_a_start_that_fails_after_the_listeners_are_up_exits_cleanly(self):
        # The first admin access key cannot be written (a directory is in the way), which fails
        # the start after the listeners accept: connections made meanwhile are live sessions when
        # the teardown runs, and must end before what they use does.
        for attempt in range(5):
            with tempfile.TemporaryDirectory() as d:
                os.makedirs(os.path.join(d, "admin-credentials.json", "in-the-way"))
                out, returncode = self._start_under_connection_attempts(d)
                if b"Address already in use" in out and attempt < 4:
                    continue  # another test took the port first
                self.assertEqual(returncode, 1, out.decode(errors="replace"))
                self.assertIn(b"cannot start", out)
                self.assertIn(b"admin-credentials.json", out)
                self.assertNotIn(b"live session", out)
                self.assertFalse(os.path.exists(os.path.join(d, "listeners.json")))
                # The key whose file could not be written was taken back: once the way is clear,
                # the next start writes a first key again, and it works.
                os.rmdir(os.path.join(d, "admin-credentials.json", "in-the-way"))
                os.rmdir(os.path.join(d, "admin-credentials.json"))
                with skerry.Server(data_dir=d) as s:
                    with open(os.path.join(d, "admin-credentials.json")) as f:
                        creds = json.load(f)
                    cli = AwsCli(s, DEBIAN_AWS, creds["accessKeyId"], creds["secretAccessKey"])
                    self.assertEqual(cli.ok("list-organizations")["OrganizationSummaries"], [])
                return

    def _start_under_connection_attempts(self, data_dir):
        """Starts skerryd and connects to its HTTPS port without pause until it exits."""
        base = skerry.free_port_base()
        proc = subprocess.Popen([skerry.SKERRYD, "--data-dir", data_dir, "--port-base", str(base)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        connections = []
        deadline = time.time() + 60
        while proc.poll() is None and time.time() < deadline:
            try:  # refused until the listener binds; queued, then accepted, after that
                # From another address: connecting from 127.0.0.1 to a port nobody listens on
                # can pick that very port and connect to itself, taking it from skerryd.
                connections.append(socket.create_connection(("127.0.0.1", base + 443), timeout=1,
                                                            source_address=("127.0.0.2", 0)))
            except OSError:
                pass
        out, _ = proc.communicate(timeout=60)
        for c in connections:
            c.close()
        return out, proc.returncode

    def test_wrong_or_damaged_keys_and_store_refuse_to_start(self):
        with skerry.Server() as s:
            s.create_mailbox(s.create_org())
            self.assertEqual(s.stop(), 0)
            master = os.path.join(s.data_dir, "keys/master.key")
            with open(master, "rb") as f:
                original = f.read()
            with open(master, "wb") as f:
                f.write(os.urandom(len(original)))
            with self.assertRaises(RuntimeError):
                s.start(timeout=20)
            self.assertIn("keyring", s.read_log())
            with open(master, "wb") as f:
                f.write(original)
            os.chmod(master, 0o644)
            with self.assertRaises(RuntimeError):
                s.start(timeout=20)
            self.assertIn("master.key", s.read_log())
            os.chmod(master, 0o600)
            db = os.path.join(s.data_dir, "store/skerry.db")
            with open(db, "rb") as f:
                saved = f.read()
            for suffix in ("-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)
            with open(db, "wb") as f:
                f.write(b"this is not a database" * 100)
            with self.assertRaises(RuntimeError):
                s.start(timeout=20)
            self.assertIn("skerry.db", s.read_log())
            with open(db, "wb") as f:
                f.write(saved)
            # The keys directory gone, or keys.local.dir mistyped: refused before a new keyring
            # is made (one could never unwrap the store's keys), and nothing is left behind.
            keys = os.path.join(s.data_dir, "keys")
            os.rename(keys, keys + ".saved")
            before = len(s.read_log())
            with self.assertRaises(RuntimeError):
                s.start(timeout=20)
            log = s.read_log()[before:]
            self.assertIn(f"{keys} holds no keyring", log)
            self.assertIn("refusing to create a new one", log)
            self.assertNotIn("keyring.created", log)
            self.assertFalse(os.path.exists(keys))
            os.rename(keys + ".saved", keys)
            s.config_text = '[keys.local]\ndir = "keys-typo"\n'
            with self.assertRaises(RuntimeError):
                s.start(timeout=20)
            self.assertIn("keys-typo holds no keyring", s.read_log())
            self.assertFalse(os.path.exists(os.path.join(s.data_dir, "keys-typo")))
            # Another data directory's keyring in place of this one's: named as such.
            with skerry.Server() as other:
                other.stop()
                os.rename(keys, keys + ".saved")
                shutil.copytree(os.path.join(other.data_dir, "keys"), keys)
            s.config_text = None
            before = len(s.read_log())
            with self.assertRaises(RuntimeError):
                s.start(timeout=20)
            self.assertIn("this keyring is not the one the store was created with", s.read_log()[before:])
            shutil.rmtree(keys)
            os.rename(keys + ".saved", keys)
            s.start()  # everything restored: starts again

    def test_malformed_config_is_refused_with_the_file_named(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.toml")
            with open(path, "w") as f:
                f.write("[server]\nthreads = \"many\"\n[listeners]\nimap = [\"nowhere\"]\n")
            r = subprocess.run([skerry.SKERRYD, "--config", path], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2)
            self.assertIn(f"{path}: server.threads: expected an integer", r.stderr)
            self.assertIn(f"{path}: listeners.imap", r.stderr)
            with open(path, "w") as f:
                f.write("[server\n")
            r = subprocess.run([skerry.SKERRYD, "--config", path], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2)
            self.assertIn(f"{path}:1:", r.stderr)
            sample = os.path.join(os.path.dirname(__file__), "../../etc/skerry.sample.toml")
            r = subprocess.run([skerry.SKERRYD, "--config", sample, "--check-config"], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = subprocess.run([skerry.SKERRY, "config", "check", path], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 1)

    def test_request_body_limit(self):
        with skerry.Server(config_text="[http]\nmax_body_bytes = 4096\n") as s:
            org = s.create_org()
            mbx = s.create_mailbox(org)
            with self.assertRaises(skerry.ApiError) as e:
                s.append(mbx, s.folder_id(mbx, "Inbox"), b"x" * 10000)
            self.assertEqual(e.exception.status, 413)


class OperatorApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = skerry.Server().start()

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def test_requires_the_operator_token(self):
        with self.assertRaises(skerry.ApiError) as e:
            self.s.request("POST", "/skerry/v1/organizations", {}, token=False)
        self.assertEqual(e.exception.status, 403)
        with self.assertRaises(skerry.ApiError) as e:
            self.s.request("POST", "/skerry/v1/organizations", {}, token=False, headers={"Authorization": "Bearer nope"})
        self.assertEqual(e.exception.status, 403)

    def test_ids_have_the_shapes_clients_accept(self):
        org = self.s.create_org()
        self.assertRegex(org, r"^m-[0-9a-f]{32}$")
        mbx = self.s.create_mailbox(org)
        self.assertRegex(mbx, r"^[0-9a-f]{32}$")

    def test_default_folders_items_ranges_and_change_log(self):
        s = self.s
        mbx = s.create_mailbox(s.create_org())
        names = {f["name"] for f in s.folders(mbx)}
        for n in ("Inbox", "Sent Items", "Drafts", "Deleted Items", "Junk E-mail", "Calendar", "Contacts"):
            self.assertIn(n, names)
        inbox = s.folder_id(mbx, "Inbox")
        before = s.changes(mbx)
        r1 = s.append(mbx, inbox, MESSAGE, flags=3)
        r2 = s.append(mbx, inbox, b"Subject: second\r\n\r\nshort\r\n")
        self.assertEqual((r1["uid"], r2["uid"]), (1, 2))
        self.assertLess(r1["modseq"], r2["modseq"])
        items = s.items(mbx, inbox)
        self.assertEqual([i["subject"] for i in items], ["quarterly numbers", "second"])
        self.assertEqual(items[0]["from"], "Ann Example <ann@example.com>")
        self.assertEqual(items[0]["flags"], 3)
        self.assertEqual(items[0]["size"], len(MESSAGE))
        self.assertEqual(s.fetch(mbx, r1["itemId"]), MESSAGE)
        # Ranged reads across chunk boundaries (64 KiB chunks).
        for off, n in ((0, 10), (65530, 20), (131072, 65536), (len(MESSAGE) - 5, 100), (len(MESSAGE) + 10, 5)):
            self.assertEqual(s.fetch(mbx, r1["itemId"], off, n), MESSAGE[off:off + n])
        after = s.changes(mbx, since=before[-1]["modseq"])
        self.assertEqual([c["objectId"] for c in after], [r1["itemId"], r2["itemId"]])
        self.assertEqual(s.items(mbx, inbox, after_uid=1), items[1:])

    def test_folder_rules(self):
        s = self.s
        mbx = s.create_mailbox(s.create_org())
        projects = s.create_folder(mbx, "Projects")
        s.create_folder(mbx, "2026", parent=projects)
        with self.assertRaises(skerry.ApiError) as e:
            s.create_folder(mbx, "Projects")
        self.assertEqual(e.exception.status, 409)
        with self.assertRaises(skerry.ApiError) as e:
            s.create_folder(mbx, "")
        self.assertEqual(e.exception.status, 400)
        with self.assertRaises(skerry.ApiError) as e:
            s.create_folder(mbx, "x", parent="0" * 32)
        self.assertEqual(e.exception.status, 404)

    def test_bad_input_gets_clear_errors(self):
        s = self.s
        mbx = s.create_mailbox(s.create_org())
        inbox = s.folder_id(mbx, "Inbox")
        with self.assertRaises(skerry.ApiError) as e:
            s.request("GET", f"/skerry/v1/mailboxes/{mbx}/folders/{inbox}/items?limit=lots")
        self.assertEqual(e.exception.status, 400)
        self.assertIn("limit", e.exception.json["message"])
        with self.assertRaises(skerry.ApiError) as e:
            s.request("POST", f"/skerry/v1/mailboxes/{mbx}/folders", b"{not json")
        self.assertEqual(e.exception.status, 400)
        with self.assertRaises(skerry.ApiError) as e:
            s.create_mailbox("m-" + "0" * 32)
        self.assertEqual(e.exception.status, 404)
        with self.assertRaises(skerry.ApiError) as e:
            s.fetch(mbx, "f" * 32)
        self.assertEqual(e.exception.status, 404)
        # Another mailbox's item is not reachable through this mailbox.
        other = s.create_mailbox(s.create_org())
        item = s.append(other, s.folder_id(other, "Inbox"), b"Subject: private\r\n\r\nx")["itemId"]
        with self.assertRaises(skerry.ApiError) as e:
            s.fetch(mbx, item)
        self.assertEqual(e.exception.status, 404)

    def test_crypto_shredding_mailbox_and_organization(self):
        s = self.s
        org = s.create_org()
        m1, m2 = s.create_mailbox(org), s.create_mailbox(org)
        i1 = s.append(m1, s.folder_id(m1, "Inbox"), MESSAGE)["itemId"]
        i2 = s.append(m2, s.folder_id(m2, "Inbox"), MESSAGE)["itemId"]
        shredded = s.request("DELETE", f"/skerry/v1/mailboxes/{m1}")
        self.assertEqual((shredded["mailboxId"], shredded["keyDestroyed"], shredded["dataReadable"]), (m1, True, False))
        self.assertIn("can no longer be decrypted", shredded["message"])
        with self.assertRaises(skerry.ApiError) as e:
            s.fetch(m1, i1)
        self.assertEqual(e.exception.status, 410)
        self.assertEqual(e.exception.json["error"], "KeyDestroyed")
        self.assertEqual(s.fetch(m2, i2), MESSAGE)
        deleted = s.request("DELETE", f"/skerry/v1/organizations/{org}")
        self.assertEqual((deleted["organizationId"], deleted["mailboxKeysDestroyed"],
                          deleted["organizationKeyDestroyed"], deleted["dataReadable"]), (org, True, True, False))
        self.assertIn("can no longer be decrypted", deleted["message"])
        for m, i in ((m1, i1), (m2, i2)):
            with self.assertRaises(skerry.ApiError) as e:
                s.fetch(m, i)
            self.assertEqual(e.exception.status, 410)

    def _append_and_find_blob(self, mbx, inbox):
        pattern = os.path.join(self.s.data_dir, "blobs/*/*/*")
        before = set(glob.glob(pattern))
        item = self.s.append(mbx, inbox, MESSAGE)["itemId"]
        (blob,) = set(glob.glob(pattern)) - before
        return item, blob

    def assertCorrupt(self, mbx, item, *range_):
        logged = self.s.read_log().count("integrity.failure")
        with self.assertRaises(skerry.ApiError) as e:
            self.s.fetch(mbx, item, *range_)
        self.assertEqual(e.exception.status, 500)
        self.assertEqual(e.exception.json["error"], "Corrupt")
        # The error names the item, and the operator sees the failure once, naming it too.
        self.assertIn(f"item {item}: ", e.exception.json["message"])
        new_lines = [l for l in self.s.read_log().splitlines() if "integrity.failure" in l][logged:]
        self.assertEqual(len(new_lines), 1, new_lines)
        self.assertIn(item, new_lines[0])

    def test_tampered_or_truncated_blob_is_an_error_never_wrong_data(self):
        s = self.s
        mbx = s.create_mailbox(s.create_org())
        inbox = s.folder_id(mbx, "Inbox")
        flipped, path = self._append_and_find_blob(mbx, inbox)
        with open(path, "r+b") as f:  # one bit in the second 64 KiB chunk
            f.seek(70000)
            b = f.read(1)
            f.seek(70000)
            f.write(bytes([b[0] ^ 1]))
        self.assertCorrupt(mbx, flipped)
        self.assertCorrupt(mbx, flipped, 65536, 10)
        # A range inside the untouched first chunk is still served, and correct.
        self.assertEqual(s.fetch(mbx, flipped, 0, 100), MESSAGE[:100])

        truncated, path = self._append_and_find_blob(mbx, inbox)
        with open(path, "r+b") as f:
            f.truncate(os.path.getsize(path) - 100)
        self.assertCorrupt(mbx, truncated)

        chopped, path = self._append_and_find_blob(mbx, inbox)
        with open(path, "r+b") as f:  # exactly one whole chunk missing at the end
            f.truncate(os.path.getsize(path) - (len(MESSAGE) % 65536) - 16)
        self.assertCorrupt(mbx, chopped)

        vanished, path = self._append_and_find_blob(mbx, inbox)
        os.unlink(path)
        self.assertCorrupt(mbx, vanished)

    def test_cli_drives_the_same_api(self):
        s = self.s
        base = [skerry.SKERRY, "--data-dir", s.data_dir]
        run = lambda *a, **kw: subprocess.run(base + list(a), capture_output=True, timeout=30, **kw)
        r = run("health")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b'"ok"', r.stdout)
        org = json.loads(run("org", "create").stdout)["organizationId"]
        mbx = json.loads(run("mailbox", "create", org).stdout)["mailboxId"]
        inbox = next(f["folderId"] for f in json.loads(run("mailbox", "folders", mbx).stdout)["folders"] if f["name"] == "Inbox")
        item = json.loads(run("mailbox", "append", mbx, inbox, input=MESSAGE).stdout)["itemId"]
        self.assertEqual(run("mailbox", "fetch", mbx, item).stdout, MESSAGE)
        r = run("mailbox", "fetch", mbx, "0" * 32)
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"NotFound", r.stderr)

    def test_cli_sends_the_token_only_to_the_host_its_certificate_names(self):
        # A trusted certificate for another name (here: self-signed, in the trust store the CLI
        # is given) must not receive the operator token.
        with tempfile.TemporaryDirectory() as tmp:
            cert, key = os.path.join(tmp, "c.pem"), os.path.join(tmp, "k.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=other.test",
                            "-addext", "subjectAltName=DNS:other.test"], check=True, capture_output=True)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cert, key)
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            received = []

            def serve():
                conn, _ = listener.accept()
                try:
                    with ctx.wrap_socket(conn, server_side=True) as tls:
                        received.append(tls.recv(65536))
                except (ssl.SSLError, OSError):
                    pass

            t = threading.Thread(target=serve, daemon=True)
            t.start()
            r = subprocess.run([skerry.SKERRY, "--endpoint", f"https://127.0.0.1:{listener.getsockname()[1]}",
                                "--token", "secret-operator-token", "health"],
                               capture_output=True, timeout=30, env=dict(os.environ, SSL_CERT_FILE=cert))
            t.join(10)
            listener.close()
            self.assertNotEqual(r.returncode, 0)
            self.assertIn(b"TLS handshake", r.stderr)
            self.assertFalse(any(b"secret-operator-token" in m for m in received))



class BlobCollection(unittest.TestCase):
    """The blob collector in a running skerryd: files go once nothing names them, and only then."""

    @classmethod
    def setUpClass(cls):
        cls.s = skerry.Server(config_text="[store]\nblob_gc_seconds = 1\norphan_sweep_seconds = 1\n"
                                          "orphan_grace_seconds = 3600\n").start()

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def blob_files(self):
        return set(glob.glob(os.path.join(self.s.data_dir, "blobs/*/*/*")))

    def wait_until(self, predicate, what, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            time.sleep(0.2)
        self.fail(what)

    def plant(self, age_seconds):
        ms = int((time.time() - age_seconds) * 1000)
        blob_id = f"{ms:012x}" + os.urandom(10).hex()
        path = os.path.join(self.s.data_dir, "blobs", blob_id[28:30], blob_id[30:32], blob_id)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(b"not referenced by anything")
        return path

    def test_deleted_items_lose_their_blob_and_nothing_else(self):
        s = self.s
        mbx = s.create_mailbox(s.create_org())
        inbox = s.folder_id(mbx, "Inbox")
        before = self.blob_files()
        gone = s.append(mbx, inbox, MESSAGE)["itemId"]
        (gone_blob,) = self.blob_files() - before
        kept = s.append(mbx, inbox, MESSAGE)["itemId"]
        modseq = s.request("DELETE", f"/skerry/v1/mailboxes/{mbx}/items/{gone}")["modseq"]
        self.assertEqual(s.changes(mbx)[-1]["modseq"], modseq)
        self.wait_until(lambda: not os.path.exists(gone_blob), "the deleted item's blob is still there")
        with self.assertRaises(skerry.ApiError) as e:
            s.fetch(mbx, gone)
        self.assertEqual(e.exception.status, 404)
        self.assertEqual(s.fetch(mbx, kept), MESSAGE)
        with self.assertRaises(skerry.ApiError) as e:  # twice: the item is gone
            s.request("DELETE", f"/skerry/v1/mailboxes/{mbx}/items/{gone}")
        self.assertEqual(e.exception.status, 404)

    def test_a_failed_append_leaves_no_blob(self):
        s = self.s
        mbx = s.create_mailbox(s.create_org())
        before = self.blob_files()
        with self.assertRaises(skerry.ApiError) as e:
            s.append(mbx, "0" * 32, MESSAGE)
        self.assertEqual(e.exception.status, 404)
        self.assertEqual(self.blob_files() - before, set())

    def test_orphans_go_after_the_grace_period_only(self):
        old = self.plant(2 * 3600)
        young = self.plant(60)
        self.wait_until(lambda: not os.path.exists(old), "an orphan older than the grace period survived")
        self.assertTrue(os.path.exists(young), "an orphan within the grace period (an append in flight) was removed")

if __name__ == "__main__":
    unittest.main()
