"""Starting and stopping a local server (Voila, JupyterLab) around a block of code, for the tests and the
benchmarks: one way to find a free port, wait until the server answers, and stop it however it ends."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on at the moment of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 90.0) -> None:
    """Return once ``url`` answers 200; raise RuntimeError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def running_server(cmd: list[str], port: int, ready_path: str, log_path: Path | None, **popen):
    """Run a server command until the block ends; yields its base URL once ``ready_path`` answers 200.

    The server's output goes to ``log_path`` (``None``: discarded). It runs in a session of its own, so that
    stopping it cannot reach the caller's process group.
    """
    with open(log_path if log_path is not None else os.devnull, "w") as log:
        server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **popen)
        try:
            wait_for(f"http://127.0.0.1:{port}{ready_path}")
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextmanager
def voila_server(folder: Path, log_path: Path | None = None):
    """Voila serving ``folder`` on a free loopback port, as a teacher would start it; yields the base URL.

    Voila runs in this interpreter's environment (``python -m voila``), with the kit's defaults:
    code hidden, tracebacks hidden (a failing cell shows "There was an error ..."). It finds the kit's projector
    template (``?template=netgov-projector``) whether the kit was installed from a wheel or runs from its folder.
    """
    from .projector import voila_environment

    port = free_port()
    cmd = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    with running_server(cmd, port, "/", log_path, cwd=folder, env=voila_environment()) as url:
        yield url
