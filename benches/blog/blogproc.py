"""What benches/blog/logins.py and heads.py share: the blog's release
binary, run in a fresh directory on a port of 127.0.0.1, and its memory
figures from /proc."""
import asyncio
import os
import signal
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def binary(given=None):
    """The blog's release build, or the path given."""
    return given or os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "examples", "blog")


def memory(pid):
    """VmRSS and VmHWM of process `pid`, in MiB."""
    status = {}
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(("VmRSS", "VmHWM")):
            status[line.split(":")[0]] = int(line.split()[1]) / 1024
    return status


def run(bin_path, port, crowd):
    """Starts the blog on `port`, runs `crowd(pid)` (a coroutine function)
    against it, then stops the blog with SIGTERM."""
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.Popen([bin_path], cwd=cwd, env=dict(os.environ, PORT=str(port)),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)
            asyncio.run(crowd(p.pid))
        finally:
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=40)
