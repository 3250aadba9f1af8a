"""The offline guard, and fixtures shared by the tests."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest
from helpers import OFFLINE_GUARD, ROOT

_SAVED_PYTHONPATH = pytest.StashKey[str | None]()


def pytest_configure(config):
    """Every Python process this session starts (kernels of nbval and of the other tests, Voila and JupyterLab,
    subprocesses) imports the offline guard, so that all of them run without the network."""
    config.stash[_SAVED_PYTHONPATH] = os.environ.get("PYTHONPATH")
    paths = [str(OFFLINE_GUARD), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)


def pytest_unconfigure(config):
    saved = config.stash.get(_SAVED_PYTHONPATH, None)
    if saved is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = saved


@pytest.fixture(scope="session")
def executed_notebook():
    """``executed_notebook(path)``: the notebook as it is after running top to bottom in a fresh kernel
    (``netgov._notebooks.execute``), with its outputs and widget state. Each notebook runs at most once per session,
    however many tests read it; each call returns a copy of its own, which the caller may change. A notebook
    that failed raises its error again for every test that reads it, without running again."""
    from netgov._notebooks import execute

    runs = {}

    def executed(path):
        path = Path(path).resolve()
        if path not in runs:
            try:
                runs[path] = execute(path)
            except Exception as error:
                runs[path] = error
        if isinstance(runs[path], Exception):
            raise runs[path]
        return copy.deepcopy(runs[path])

    return executed


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of the data package that a test may corrupt; the loader is pointed at it."""
    import netgov

    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("staging", "*.md"))
    monkeypatch.setenv("NETGOV_DATA", str(target))
    netgov.data.clear_cache()
    yield target
    monkeypatch.delenv("NETGOV_DATA")
    netgov.data.clear_cache()


@pytest.fixture(scope="session")
def static_site(tmp_path_factory, executed_notebook):
    """The static edition of the kit, exported once per test session from the notebooks already run for the
    other tests: (site folder, {page: figures})."""
    from netgov.export import export

    out = tmp_path_factory.mktemp("static") / "site"
    pages = export(ROOT, out, log=lambda message: None, execute=executed_notebook)
    return out, pages
