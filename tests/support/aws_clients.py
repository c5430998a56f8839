"""Real AWS CLIs for integration tests: Debian's /usr/bin/aws (awscli 2.9.19, 80-operation model)
and the newer `aws` on PATH (92 operations), pointed at a running skerry.Server."""
import json
import os
import shutil
import subprocess

DEBIAN_AWS = "/usr/bin/aws"
DEBIAN_PYTHON = "/usr/bin/python3"


def path_aws():
    """The `aws` on PATH, when it is not Debian's (the newer botocore)."""
    found = shutil.which("aws")
    return found if found and os.path.realpath(found) != os.path.realpath(DEBIAN_AWS) else None


class AwsCli:
    def __init__(self, server, exe, key_id, secret):
        self.server, self.exe = server, exe
        self.env = dict(os.environ, AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret,
                        AWS_DEFAULT_REGION="eu-west-1", AWS_CA_BUNDLE=os.path.join(server.data_dir, "tls/cert.pem"),
                        AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="",
                        AWS_MAX_ATTEMPTS="1")
        self.env.pop("AWS_PROFILE", None)

    def run(self, *args):
        cmd = [self.exe, "workmail", *args, "--endpoint-url", self.server.base_url, "--output", "json"]
        r = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        return r.returncode, (json.loads(r.stdout) if r.stdout.strip() else {}), r.stderr

    def ok(self, *args):
        code, out, err = self.run(*args)
        if code != 0:
            raise AssertionError(f"{self.exe} {' '.join(args)} failed ({code}): {err}")
        return out

