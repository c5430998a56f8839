"""The `skerry` CLI against servers that stall: every network step has a deadline (--timeout), and
on expiry the CLI names the step and host:port and exits non-zero instead of hanging. Peers here
are Python sockets that accept and then go quiet at each step; the last test runs the same
options against a real skerryd."""
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import skerry  # noqa: E402

TIMEOUT = 2
BOUND = 20  # seconds the CLI may take at most; generous against a loaded machine


class StalledPeer:
    """A loopback listener whose connections are handed to `serve(conn)` on a thread, kept open
    until close(): it never closes them itself, so only the CLI's deadline can end a call."""

    def __init__(self, serve=None, backlog=8):
        self.serve = serve
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(backlog)
        self.port = self.listener.getsockname()[1]
        self.held = []
        self.done = threading.Event()
        if serve:
            threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.done.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            held = self.serve(conn)
            if held is not None:
                self.held.append(held)
        except (ssl.SSLError, OSError):
            pass

    def close(self):
        self.done.set()
        self.listener.close()
        for c in self.held:
            try:
                c.close()
            except OSError:
                pass


class StalledServers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A certificate for 127.0.0.1 that the CLI trusts, so that TLS peers get past the
        # handshake and stall later.
        cls.tmp = tempfile.TemporaryDirectory(prefix="skerry-cli-test-")
        cls.cert, cls.key = os.path.join(cls.tmp.name, "cert.pem"), os.path.join(cls.tmp.name, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-keyout", cls.key, "-out", cls.cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        cls.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cls.tls.load_cert_chain(cls.cert, cls.key)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def peer(self, serve=None, backlog=8):
        p = StalledPeer(serve, backlog)
        self.addCleanup(p.close)
        return p

    def run_cli(self, *args, scheme="https", port=None, data_dir=None):
        where = ["--data-dir", data_dir] if data_dir else ["--endpoint", f"{scheme}://127.0.0.1:{port}",
                                                           "--token", "secret-operator-token"]
        start = time.monotonic()
        try:
            r = subprocess.run([skerry.SKERRY, "--timeout", str(TIMEOUT), *where, *args], capture_output=True,
                               text=True, timeout=BOUND + 30, env=dict(os.environ, SSL_CERT_FILE=self.cert))
        except subprocess.TimeoutExpired:
            self.fail(f"skerry {' '.join(args)} still running after {BOUND + 30} s")
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, BOUND, r.stderr)
        return r

    def assertTimedOut(self, r, step, port):
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn(f"timed out after {TIMEOUT} s {step} 127.0.0.1:{port}", r.stderr)
        self.assertNotIn("secret-operator-token", r.stderr)

    # --- the steps ---------------------------------------------------------------------------
    def test_tcp_accepted_but_tls_never_spoken(self):
        p = self.peer(lambda conn: None)
        self.assertTimedOut(self.run_cli("health", port=p.port), "in the TLS handshake with", p.port)

    def test_tls_handshake_then_no_answer(self):
        def serve(conn):
            tls = self.tls.wrap_socket(conn, server_side=True)
            tls.recv(65536)  # the request, then silence
            return tls
        p = self.peer(serve)
        self.assertTimedOut(self.run_cli("health", port=p.port), "waiting for the response from", p.port)

    def test_stall_in_the_middle_of_the_response(self):
        def serve(conn):
            tls = self.tls.wrap_socket(conn, server_side=True)
            tls.recv(65536)
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sta")
            return tls
        p = self.peer(serve)
        self.assertTimedOut(self.run_cli("health", port=p.port), "waiting for the response from", p.port)

    def test_plain_http_without_an_answer(self):
        p = self.peer(lambda conn: None)
        self.assertTimedOut(self.run_cli("health", scheme="http", port=p.port), "waiting for the response from",
                            p.port)

    def test_slow_but_steady_response_is_not_cut_off(self):
        # The deadline bounds a stall, not the whole transfer: a body that trickles in for longer
        # than --timeout, a piece at a time well within it, arrives whole.
        body = b'{"status":"ok"}'

        def serve(conn):
            tls = self.tls.wrap_socket(conn, server_side=True)
            tls.recv(65536)
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
            for i in range(0, len(body), 3):
                time.sleep(TIMEOUT * 0.25)  # 5 pieces: longer than TIMEOUT in all
                tls.sendall(body[i:i + 3])
            return tls
        p = self.peer(serve)
        r = self.run_cli("health", port=p.port)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout), {"status": "ok"})

    def test_connect_to_a_full_backlog(self):
        # Nothing accepts, and once the accept queue is full Linux drops further SYNs: connect()
        # waits for an answer that never comes.
        p = self.peer(backlog=0)
        fillers = []
        for _ in range(4):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", p.port))
            fillers.append(s)
            self.addCleanup(s.close)
        time.sleep(0.2)
        self.assertTimedOut(self.run_cli("health", port=p.port), "connecting to", p.port)

    def test_quickstart_over_the_workmail_client(self):
        # The WorkMail API client shares the same exchange, deadline included.
        def serve(conn):
            tls = self.tls.wrap_socket(conn, server_side=True)
            tls.recv(65536)
            return tls
        p = self.peer(serve)
        data_dir = os.path.join(self.tmp.name, "var")
        os.makedirs(os.path.join(data_dir, "tls"), exist_ok=True)
        with open(os.path.join(data_dir, "listeners.json"), "w") as f:
            json.dump({"https": f"127.0.0.1:{p.port}"}, f)
        with open(os.path.join(data_dir, "operator-token"), "w") as f:
            f.write("secret-operator-token\n")
        with open(os.path.join(data_dir, "admin-credentials.json"), "w") as f:
            json.dump({"accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "secret-access-key"}, f)
        with open(self.cert) as src, open(os.path.join(data_dir, "tls", "cert.pem"), "w") as dst:
            dst.write(src.read())
        r = self.run_cli("quickstart", "--alias", "stalled", data_dir=data_dir)
        self.assertTimedOut(r, "waiting for the response from", p.port)
        self.assertIn("CreateOrganization failed", r.stderr)
        self.assertNotIn("secret-access-key", r.stderr)

    # --- the option --------------------------------------------------------------------------
    def test_help_documents_the_timeout(self):
        r = subprocess.run([skerry.SKERRY, "--help"], capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("--timeout", r.stdout)
        self.assertIn("30", r.stdout)

    def test_timeout_must_be_positive(self):
        r = subprocess.run([skerry.SKERRY, "--timeout", "0", "health"], capture_output=True, text=True, timeout=30)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("--timeout", r.stderr)


class RealServer(unittest.TestCase):
    def test_calls_with_a_deadline_still_succeed(self):
        with skerry.Server() as s:
            base = [skerry.SKERRY, "--timeout", str(TIMEOUT), "--data-dir", s.data_dir]
            r = subprocess.run(base + ["health"], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(json.loads(r.stdout), {"status": "ok"})
            r = subprocess.run(base + ["org", "create"], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(json.loads(r.stdout)["organizationId"].startswith("m-"))


if __name__ == "__main__":
    unittest.main()
