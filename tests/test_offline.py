"""Every notebook runs with connections to anything but this machine refused."""

from __future__ import annotations

import os

import nbformat
import pytest
from helpers import ROOT, all_notebooks
from nbclient import NotebookClient

GUARD = ROOT / "tests" / "offline"
NOTEBOOKS = [p for p in all_notebooks() if p.parent.name != "benchmarks"]


@pytest.fixture
def offline(monkeypatch):
    """Kernels started in this test import tests/offline/sitecustomize.py, which refuses non-loopback sockets."""
    path = os.pathsep.join(filter(None, [str(GUARD), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("PYTHONPATH", path)


def run(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def test_the_guard_refuses_the_network(offline, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)")]
    path = tmp_path / "online.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(Exception, match="connection to .* refused"):
        run(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_offline(offline, path):
    run(path)
