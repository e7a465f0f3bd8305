"""Starts the real heed binary on a free loopback port with a temporary database, for end-to-end tests."""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

HEED = os.environ.get("HEED_BINARY", os.path.join(os.path.dirname(__file__), "..", "..", "build", "heed"))


def run_cli(*args, check=True, timeout=300, env=None, input=None):
    """Runs `heed ARGS` (with `input` on stdin) and returns the CompletedProcess."""
    result = subprocess.run([HEED, *args], capture_output=True, text=True, timeout=timeout, env=env, input=input)
    if check and result.returncode != 0:
        raise AssertionError(f"heed {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


class HeedServer:
    """One `heed serve` process. Stops by itself when the test ends (stop() or the context manager)."""

    def __init__(self, db_path=None, env=None, role="manager", args=()):
        self.tmp = tempfile.mkdtemp(prefix="heed-e2e-")
        self.db_path = db_path or os.path.join(self.tmp, "heed.db")
        self.env = dict(os.environ, **(env or {}))
        self.process = None
        self.port = None
        self.role = role
        self.token = None
        self.args = list(args)

    def add_user(self, username, password, role="agent", team="", tenant="default", email=""):
        """`heed user add`, the password on stdin."""
        run_cli("user", "add", "--db", self.db_path, "--tenant", tenant, "--role", role, "--team", team, "--username", username,
                *(["--email", email] if email else []), input=password + "\n")

    def create_token(self, tenant="default", role="manager", name="e2e"):
        """`heed token create`; returns the secret, printed alone on the last line."""
        result = run_cli("token", "create", "--db", self.db_path, "--tenant", tenant, "--role", role, "--name", name)
        return result.stdout.strip().splitlines()[-1]

    def start(self):
        if self.token is None:
            self.token = self.create_token(role=self.role)
        if self.process:
            self.process.stdout.close()
            self.process.stderr.close()
        self.process = subprocess.Popen(
            [HEED, "serve", "--db", self.db_path, "--listen", "127.0.0.1:0", *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError("heed serve exited: " + self.process.stderr.read())
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
                return self
        raise AssertionError("heed serve did not report its port")

    def kill(self):
        """kill -9: no chance to flush anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cleanup(self):
        self.stop()
        if self.process:
            self.process.stdout.close()
            self.process.stderr.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, headers=None, raw=None, token=""):
        """Returns (status, parsed JSON or text, response headers). Sends this server's token unless `token` is
        given (None: no Authorization header)."""
        conn = self.connection()
        try:
            data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
            hdrs = {"Content-Type": "application/json"} if data is not None else {}
            token = self.token if token == "" else token
            if token:
                hdrs["Authorization"] = "Bearer " + token
            hdrs.update(headers or {})
            conn.request(method, path, body=data, headers=hdrs)
            response = conn.getresponse()
            payload = response.read()
            content_type = response.getheader("Content-Type", "")
            parsed = json.loads(payload) if "json" in content_type and payload else payload.decode(errors="replace")
            return response.status, parsed, dict(response.getheaders())
        finally:
            conn.close()
