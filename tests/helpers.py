"""Paths and helpers shared by the unit tests (imported as `helpers`; conftest.py holds only fixtures)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from netgov.lessons import LESSONS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = ("notebooks", "exercises")
#: Plotly figures each lesson shows once it has run (the browser, Voila and static-edition tests count them),
#: from the lesson registry: one per activity that draws.
LESSON_FIGURES = {Path(lesson.notebook).name: lesson.figures for lesson in LESSONS}


def all_notebooks() -> list[Path]:
    """Every notebook the kit ships (lessons, exercises, solutions, the benchmark floor)."""
    found = []
    for folder in (*NOTEBOOK_DIRS, "benchmarks"):
        found.extend(p for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return sorted(found)


def displayed_widgets(notebook: Path) -> int:
    """Code cells whose result is a widget: an activity (``x.widget``) or a quiz (``quiz(...)``)."""
    import re

    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    last_lines = [c.source.strip().splitlines()[-1] for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    return sum(bool(re.search(r"\.widget$|\bquiz\(", line)) for line in last_lines)


def lab_test_flags(port: int) -> list[str]:
    """What a test adds to `jupyter lab`: no browser of its own, loopback on a fixed port, no token, root allowed,
    and the app exposed as ``window.jupyterapp`` for the browser tests."""
    return [
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",
        "--IdentityProvider.token=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.expose_app_in_browser=True",
    ]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 90.0) -> None:
    """Return once ``url`` answers 200; raise after ``timeout`` seconds."""
    import time
    import urllib.request

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
def running_server(cmd: list[str], port: int, ready_path: str, log_path: Path, **popen):
    """Run a server command until the block ends; yields its base URL once ``ready_path`` answers 200."""
    import subprocess

    with open(log_path, "w") as log:
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
def voila_server(folder: Path, log_path: Path):
    """Voila serving ``folder`` on a free loopback port, as a teacher would start it; yields the base URL.

    Voila runs in this interpreter's environment (``python -m voila``), with the kit's defaults:
    code hidden, tracebacks hidden (a failing cell shows "There was an error ...").
    """
    import sys

    port = free_port()
    cmd = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    with running_server(cmd, port, "/", log_path, cwd=folder) as url:
        yield url
