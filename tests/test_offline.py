"""Every notebook the suite runs runs with connections to anything but this machine refused.

tests/conftest.py puts tests/offline/ first on PYTHONPATH for the whole session, so every Python process the
suite starts imports tests/offline/sitecustomize.py: nbval's kernel for each notebook, the kernels of the
notebooks run once for the other tests (the ``executed_notebook`` fixture), Voila and JupyterLab and their
kernels. A notebook that needs the network therefore fails wherever the suite runs it, first of all in nbval.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from helpers import OFFLINE_GUARD
from nbclient.exceptions import CellExecutionError

from netgov._notebooks import execute


def test_the_session_puts_the_guard_first_on_every_kernels_path():
    # First: Python imports only the first sitecustomize.py it finds on its path.
    first = os.environ["PYTHONPATH"].split(os.pathsep)[0]
    assert Path(first) == OFFLINE_GUARD
    assert (OFFLINE_GUARD / "sitecustomize.py").is_file()


@pytest.mark.notebooks
def test_a_kernel_started_in_this_session_refuses_the_network(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        # Variables given to execute() add to the session's environment, which keeps the guard on the path.
        nbformat.v4.new_code_cell("import os\nassert os.environ['NETGOV_EXTRA'] == 'yes'"),
        # Loopback stays open: kernels and servers talk to this machine.
        nbformat.v4.new_code_cell("import socket\nsocket.socket().connect_ex(('127.0.0.1', 9))"),
        nbformat.v4.new_code_cell("socket.create_connection(('192.0.2.1', 80), timeout=1)"),
    ]
    with pytest.raises(CellExecutionError, match="netgov offline test: connection to .* refused"):
        execute(nb, cwd=tmp_path, env={"NETGOV_EXTRA": "yes"})
