"""A real authoritative DNS server (Debian's NSD) on loopback for tests: the zones a test writes
are what Skerry's resolver sees when skerryd forwards to it ([dns] forwarders)."""
import os
import signal
import socket
import struct
import subprocess
import tempfile
import time

NSD = "/usr/sbin/nsd"
NSD_CHECKZONE = "/usr/sbin/nsd-checkzone"


def _free_port():
    # NSD needs the same port free on UDP and TCP.
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                try:
                    t.bind(("127.0.0.1", port))
                except OSError:
                    continue
        return port
    raise RuntimeError("no free port for NSD")


def soa_serial(port, zone):
    """The zone's SOA serial as the server on 127.0.0.1:port answers it (a bare DNS query)."""
    qname = b"".join(bytes([len(label)]) + label.encode() for label in zone.split(".")) + b"\0"
    query = struct.pack(">HHHHHH", 0x5eed, 0, 1, 0, 0, 0) + qname + struct.pack(">HH", 6, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.5)
        s.sendto(query, ("127.0.0.1", port))
        reply = s.recv(4096)
    if struct.unpack(">H", reply[6:8])[0] == 0:
        return None
    # Answer: name (a pointer, 2 bytes), type, class, ttl, rdlength, then MNAME and RNAME (both
    # uncompressed in NSD's answer only if not pointers: walk them), then the serial.
    pos = 12 + len(qname) + 4 + 2 + 10
    for _ in range(2):
        while True:
            n = reply[pos]
            if n >= 0xc0:
                pos += 2
                break
            pos += 1 + n
            if n == 0:
                break
    return struct.unpack(">I", reply[pos:pos + 4])[0]


class Nsd:
    def __init__(self, zones):
        """zones: names of the zones to serve; each starts with SOA and NS only."""
        self.dir = tempfile.TemporaryDirectory(prefix="skerry-nsd-")
        self.zones = {z: "" for z in zones}
        self.port = _free_port()
        self.proc = None
        self.serial = 1

    @property
    def forwarder(self):
        return f"127.0.0.1@{self.port}"

    def _zone_path(self, zone):
        return os.path.join(self.dir.name, zone + ".zone")

    def _write(self):
        conf = [
            "server:",
            f'  ip-address: 127.0.0.1@{self.port}',
            f"  port: {self.port}",
            f'  zonesdir: "{self.dir.name}"',
            f'  pidfile: "{self.dir.name}/nsd.pid"',
            '  database: ""',
            '  username: ""',
            '  chroot: ""',
            f'  logfile: "{self.dir.name}/nsd.log"',
            f'  xfrdfile: "{self.dir.name}/xfrd.state"',
            f'  zonelistfile: "{self.dir.name}/zone.list"',
            "  server-count: 1",
            "  verbosity: 1",
            "remote-control:",
            "  control-enable: no",
        ]
        for zone, records in self.zones.items():
            # Minimum TTL 0: negative answers are not cached, so a record published during a test
            # is seen at the next check.
            text = (f"$ORIGIN {zone}.\n$TTL 0\n"
                    f"@ IN SOA ns.{zone}. hostmaster.{zone}. {self.serial} 3600 600 86400 0\n"
                    f"@ IN NS ns.{zone}.\nns IN A 127.0.0.1\n" + records)
            with open(self._zone_path(zone), "w") as f:
                f.write(text)
            check = subprocess.run([NSD_CHECKZONE, zone, self._zone_path(zone)], capture_output=True, text=True)
            if check.returncode != 0:
                raise AssertionError(f"nsd-checkzone refused {zone}: {check.stdout}{check.stderr}\n{text}")
            conf += ["zone:", f"  name: {zone}", f'  zonefile: "{zone}.zone"']
        with open(os.path.join(self.dir.name, "nsd.conf"), "w") as f:
            f.write("\n".join(conf) + "\n")

    def start(self):
        self._write()
        self.proc = subprocess.Popen([NSD, "-d", "-c", os.path.join(self.dir.name, "nsd.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("nsd exited: " + self.proc.stderr.read().decode(errors="replace"))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nsd did not start")

    def set_records(self, zone, records):
        """Replaces the zone's records (zone-file lines) and reloads."""
        self.zones[zone] = records
        self.serial += 1
        self._write()
        self.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 10
        while time.time() < deadline:  # NSD reloads in a child process: wait for the new serial
            try:
                if soa_serial(self.port, zone) == self.serial:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"nsd did not load serial {self.serial} of {zone}")

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.dir.cleanup()
