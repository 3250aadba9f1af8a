"""Finding the kit's notebooks and running one: the static export, the benchmarks and the tests all use these two
functions, so that they agree on which notebooks exist and on how a notebook is executed."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

#: The folders a learner works in: lessons, then exercises. Solutions are a folder of their own
#: (``exercises/solutions``), so that nothing lists them by accident next to the exercises.
FOLDERS = ("notebooks", "exercises")
#: The cell timeout (seconds) the test suite gives nbval, and so every other run of a notebook by default.
CELL_TIMEOUT = 120


def notebooks(root: Path | str, folders: Iterable[str] = FOLDERS) -> list[Path]:
    """The notebooks directly inside each of ``folders`` (paths relative to ``root``), folder by folder in the
    order given, by name within a folder. Subfolders are not searched: name them (``"exercises/solutions"``).

    A folder that does not exist raises FileNotFoundError rather than quietly giving nothing to run or test.
    """
    root = Path(root)
    if isinstance(folders, str):
        raise TypeError(f"notebooks() needs a list of folders, not the single string {folders!r}.")
    found = []
    for folder in folders:
        directory = root / folder
        if not directory.is_dir():
            raise FileNotFoundError(f"{directory} is not a folder, so it holds no notebooks.")
        found.extend(sorted(directory.glob("*.ipynb")))
    return found


def execute(
    notebook: Path | str | nbformat.NotebookNode,
    cwd: Path | str | None = None,
    timeout: float = CELL_TIMEOUT,
    env: Mapping[str, str] | None = None,
) -> nbformat.NotebookNode:
    """Run every cell of a notebook, top to bottom, in a fresh Python kernel; return the executed notebook.

    ``notebook`` is a path, or a notebook already read (which is copied, never changed). The kernel starts in
    ``cwd``, by default the notebook's own folder (the current folder for a notebook given as an object), so
    that relative paths in it work as in JupyterLab. ``timeout`` is per cell, in seconds. ``env`` adds to or
    overrides this process's environment variables for the kernel. The executed notebook keeps its outputs
    and the final state of its widgets. A cell that raises stops the run with nbclient's CellExecutionError.
    """
    # Imported here: finding notebooks should not cost nbformat's import (two seconds on a slow machine).
    import nbformat
    from nbclient import NotebookClient

    if isinstance(notebook, nbformat.NotebookNode):
        nb = copy.deepcopy(notebook)
        folder = Path(cwd) if cwd is not None else Path.cwd()
    else:
        path = Path(notebook)
        nb = nbformat.read(path, as_version=4)
        folder = Path(cwd) if cwd is not None else path.parent
    kernel = {"env": {**os.environ, **env}} if env else {}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute(**kernel)
    return nb
