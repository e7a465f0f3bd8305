"""A real SMTP server for end-to-end tests: aiosmtpd (Debian python3-aiosmtpd) on a loopback port, storing what
arrives in a Maildir that the test reads. Stopped by the test that started it."""

import mailbox
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def _python_with_aiosmtpd():
    for candidate in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import aiosmtpd"], capture_output=True).returncode == 0:
            return candidate
    return None


PYTHON = _python_with_aiosmtpd()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self, port=None):
        if PYTHON is None:
            raise RuntimeError("aiosmtpd is not installed (Debian: python3-aiosmtpd; scripts/install-deps.sh)")
        self.port = port or free_port()
        self.tmp = tempfile.mkdtemp(prefix="heed-smtp-")
        self.maildir = os.path.join(self.tmp, "mail")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}", "-c", "aiosmtpd.handlers.Mailbox",
             self.maildir], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError("aiosmtpd exited: " + self.process.stderr.read().decode())
                time.sleep(0.1)
        raise AssertionError("aiosmtpd did not start")

    def messages(self):
        if not os.path.isdir(self.maildir):
            return []
        return [message for _, message in sorted(mailbox.Maildir(self.maildir, create=False).items())]

    def wait_for(self, count, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.messages()
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"expected {count} messages, got {len(self.messages())}")

    def wait_for_mail_to(self, address, count=1, timeout=30):
        """The messages to `address` once there are `count` of them (mail to others may arrive in any order)."""
        deadline, found = time.time() + timeout, []
        while time.time() < deadline:
            found = [m for m in self.messages() if m["To"] == address]
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"expected {count} messages to {address}, got {len(found)}: "
                             f"{[m['To'] for m in self.messages()]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.process.stderr.close()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
