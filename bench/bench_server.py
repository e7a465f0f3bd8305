"""What the Python benchmarks share: `heed serve` on a free loopback port with a manager's token, and its memory."""
import re
import socket
import subprocess


def memory_mib(pid):
    """{"VmHWM": peak, "VmRSS": resident} of a process, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        text = f.read()
    return {k: int(re.search(rf"{k}:\s+(\d+) kB", text).group(1)) // 1024 for k in ("VmHWM", "VmRSS")}


def start_server(binary, db):
    """Starts `binary serve` on `db` at 127.0.0.1 on a free port: (the process, the port, a manager's token)."""
    token = subprocess.run([binary, "token", "create", "--db", db, "--role", "manager", "--name", "bench"],
                           capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, port, token
