"""Starts a real skerryd on loopback for integration tests and talks to it over HTTPS.

Used by every test under tests/integration. The server is the built binary, started with
`--data-dir DIR --port-base N`; the test waits for DIR/listeners.json as the ready signal.
"""
import json
import os
import random
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

BUILD_DIR = os.environ.get("SKERRY_BUILD_DIR", os.path.join(os.path.dirname(__file__), "../../build"))
SKERRYD = os.path.join(BUILD_DIR, "src/server/skerryd")
SKERRY = os.path.join(BUILD_DIR, "src/cli/skerry")
OFFSETS = [25, 587, 465, 143, 993, 80, 443]


def _ports_free(base):
    for off in OFFSETS:
        s = socket.socket()
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", base + off))
        except OSError:
            return False
        finally:
            s.close()
    return True


def free_port_base():
    rng = random.Random(os.getpid() ^ int(time.time() * 1000))
    for _ in range(200):
        base = rng.randrange(20000, 64000)
        if _ports_free(base):
            return base
    raise RuntimeError("no free port base")


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body
        try:
            self.json = json.loads(body)
        except ValueError:
            self.json = None


class Server:
    def __init__(self, data_dir=None, config_text=None, extra_args=(), launcher=None, cafile=None):
        """`launcher(data_dir, port_base)`, when given, returns the command that starts skerryd in
        place of skerryd itself (make run's script); it runs as its own process group, as a
        terminal's foreground job does."""
        self._tmp = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="skerry-test-")
            data_dir = self._tmp.name
        self.data_dir = data_dir
        self.config_text = config_text
        self.extra_args = list(extra_args)
        self.launcher = launcher
        self.cafile = cafile  # the configured tls.cert; None: the generated DATA/tls/cert.pem
        self.proc = None
        self.port_base = None
        self.log_path = self.data_dir.rstrip("/") + ".log"
        self.log = None

    def start(self, timeout=30):
        # Another test process may take a checked-free port before skerryd binds it: retry.
        for attempt in range(5):
            try:
                return self._start_once(timeout)
            except RuntimeError as e:
                if "Address already in use" not in str(e) or attempt == 4:
                    raise

    def _start_once(self, timeout):
        self.port_base = free_port_base()
        args = [SKERRYD, "--data-dir", self.data_dir, "--port-base", str(self.port_base)]
        if self.config_text is not None:
            path = os.path.join(self.data_dir, "skerry.toml")
            os.makedirs(self.data_dir, exist_ok=True)
            with open(path, "w") as f:
                f.write(self.config_text)
            args += ["--config", path]
        args += self.extra_args
        if self.launcher:
            args = self.launcher(self.data_dir, self.port_base)
        self._close_log()
        listeners = os.path.join(self.data_dir, "listeners.json")
        if os.path.exists(listeners):  # left by a killed run: not this run's ready signal
            os.unlink(listeners)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=self.launcher is not None)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"skerryd exited with {self.proc.returncode}: {self.read_log()[-2000:]}")
            if os.path.exists(listeners):
                with open(listeners) as f:
                    self.listeners = json.load(f)
                self._load_client()
                return self
            time.sleep(0.02)
        raise RuntimeError("skerryd did not become ready: " + self.read_log()[-2000:])

    def _load_client(self):
        with open(os.path.join(self.data_dir, "operator-token")) as f:
            self.token = f.read().strip()
        self.ssl = ssl.create_default_context(cafile=self.cafile or os.path.join(self.data_dir, "tls/cert.pem"))
        self.base_url = "https://" + self.listeners["https"]

    def read_log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def _close_log(self):
        if self.log:
            self.log.close()
            self.log = None

    def stop(self, timeout=30):
        """SIGTERM and wait; returns the exit code."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=timeout)
        self._close_log()
        return self.proc.returncode if self.proc else None

    def kill(self):
        if self.proc and self.proc.poll() is None:
            if self.launcher:
                # SIGKILL would leave skerryd, in a session of its own, running: the script's
                # SIGTERM handling stops it first.
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    pass
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGKILL)
                self.proc.wait(timeout=30)
        self._close_log()

    def close(self):
        self.kill()
        if self._tmp:
            self._tmp.cleanup()
            try:
                os.unlink(self.log_path)
            except OSError:
                pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    # --- HTTP -----------------------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, token=True, raw=False, timeout=60):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        if token:
            req.add_header("Authorization", "Bearer " + self.token)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, context=self.ssl, timeout=timeout) as r:
                payload = r.read()
                return payload if raw else (json.loads(payload) if payload else None)
        except urllib.error.HTTPError as e:
            raise ApiError(e.code, e.read().decode(errors="replace")) from None

    # --- operator API ---------------------------------------------------------------------
    def create_org(self, **kw):
        return self.request("POST", "/skerry/v1/organizations", kw)["organizationId"]

    def create_mailbox(self, org):
        return self.request("POST", f"/skerry/v1/organizations/{org}/mailboxes")["mailboxId"]

    def folders(self, mbx):
        return self.request("GET", f"/skerry/v1/mailboxes/{mbx}/folders")["folders"]

    def folder_id(self, mbx, name):
        return next(f["folderId"] for f in self.folders(mbx) if f["name"] == name)

    def create_folder(self, mbx, name, parent=""):
        return self.request("POST", f"/skerry/v1/mailboxes/{mbx}/folders", {"name": name, "parentId": parent})["folderId"]

    def append(self, mbx, folder, content, flags=0):
        return self.request("POST", f"/skerry/v1/mailboxes/{mbx}/folders/{folder}/items?flags={flags}", content)

    def fetch(self, mbx, item, offset=None, length=None):
        q = []
        if offset is not None:
            q.append(f"offset={offset}")
        if length is not None:
            q.append(f"length={length}")
        path = f"/skerry/v1/mailboxes/{mbx}/items/{item}/content" + ("?" + "&".join(q) if q else "")
        return self.request("GET", path, raw=True)

    def items(self, mbx, folder, after_uid=0, limit=1000):
        return self.request("GET", f"/skerry/v1/mailboxes/{mbx}/folders/{folder}/items?afterUid={after_uid}&limit={limit}")["items"]

    def changes(self, mbx, since=0):
        return self.request("GET", f"/skerry/v1/mailboxes/{mbx}/changes?since={since}")["changes"]
