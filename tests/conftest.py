"""Test tiers, the offline guard, and fixtures shared by the tests.

Every test belongs to one tier, a marker registered in pyproject.toml:

- ``browser``: everything in tests/browser/ (headless Chromium driven by playwright);
- ``notebooks``: nbval's notebook cells, tests that use a fixture which runs notebooks (``NOTEBOOK_FIXTURES``),
  and tests marked ``@pytest.mark.notebooks`` because they start a kernel or a server themselves;
- ``unit``: everything else. A unit test that starts a kernel or a server fails and says how to mark it.

``python -m pytest`` runs all three; ``-m unit``, ``-m notebooks`` or ``-m browser`` runs one.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest
from helpers import OFFLINE_GUARD, ROOT

TIERS = ("unit", "notebooks", "browser")
BROWSER_TESTS = ROOT / "tests" / "browser"
#: Fixtures that execute notebooks or serve them: a test that uses one is in the notebooks tier.
NOTEBOOK_FIXTURES = {"executed_notebook", "static_site", "voila_url"}
_SAVED_PYTHONPATH = pytest.StashKey[str | None]()


# ----------------------------------------------------------------------------------------- nbval options


def pytest_addoption(parser, pluginmanager):
    """nbval's options are in pyproject's addopts, so that `pytest notebooks/01-the-2009-law.ipynb` runs a notebook
    exactly as the whole suite does. Without nbval (a checkout with only the runtime installed, or
    ``-p no:nbval``), pytest would refuse to start on those options, even for one unit test file: declare them
    here, doing nothing, so that the unit tests need only what they import."""
    if pluginmanager.has_plugin("nbval"):
        return
    group = parser.getgroup("nbval", "nbval is not installed: these options do nothing")
    group.addoption("--nbval-lax", action="store_true")
    group.addoption("--nbval-current-env", action="store_true")
    group.addoption("--nbval-cell-timeout", action="store")


def pytest_report_header(config):
    if not config.pluginmanager.has_plugin("nbval"):
        return "nbval is not installed: the notebooks in notebooks/ and exercises/ are not executed"
    return None


# ----------------------------------------------------------------------------------------- offline guard


def pytest_configure(config):
    """Every Python process this session starts (kernels of nbval, of the shared notebook runs and of Voila,
    servers, subprocesses) imports the offline guard, so that all of them run without the network."""
    config.stash[_SAVED_PYTHONPATH] = os.environ.get("PYTHONPATH")
    paths = [str(OFFLINE_GUARD), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)


def pytest_unconfigure(config):
    saved = config.stash.get(_SAVED_PYTHONPATH, None)
    if saved is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = saved


# ----------------------------------------------------------------------------------------- tiers


def required_tier(item) -> str | None:
    """The tier a test must be in, by where it is and what it uses; None when nothing decides."""
    if Path(item.path).resolve().is_relative_to(BROWSER_TESTS):
        return "browser"
    if type(item).__name__ == "IPyNbCell":  # a notebook cell, run by nbval
        return "notebooks"
    if NOTEBOOK_FIXTURES & set(getattr(item, "fixturenames", ())):
        return "notebooks"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        marked = {mark.name for mark in item.iter_markers() if mark.name in TIERS}
        required = required_tier(item)
        if len(marked) > 1 or (required and marked and marked != {required}):
            raise pytest.UsageError(
                f"{item.nodeid} is marked {' and '.join(sorted(marked))}, but a test belongs to one tier"
                + (f", and this one must be in {required}" if required else "")
                + " (see tests/conftest.py)."
            )
        if not marked:
            item.add_marker(required or "unit")


class StartsAKernel(RuntimeError):
    """A test in the unit tier tried to start a kernel or a server."""


@pytest.fixture(autouse=True)
def _unit_tests_start_no_kernel(request, monkeypatch):
    """The unit tier must stay fast: a unit test that starts a kernel or a server fails, naming the fix."""
    if request.node.get_closest_marker("unit") is None:
        return

    def refuse(*args, **kwargs):
        raise StartsAKernel(
            f"{request.node.nodeid} starts a kernel or a server, but it is in the unit tier. Mark it "
            "@pytest.mark.notebooks, or use a fixture that runs notebooks (tests/conftest.py: NOTEBOOK_FIXTURES)."
        )

    import jupyter_client.provisioning.local_provisioner as local_provisioner

    import netgov._servers

    monkeypatch.setattr(local_provisioner, "launch_kernel", refuse)
    monkeypatch.setattr(netgov._servers, "running_server", refuse)


# ----------------------------------------------------------------------------------------- fixtures


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
    """The instructors' static edition of the kit (the students' one without anything left out: the documents and
    the instructors' packs too), exported once per test session from the notebooks already run for the other
    tests: (site folder, {page: figures}). What the students' edition leaves out is tested in tests/test_packs.py."""
    from netgov.export import export

    out = tmp_path_factory.mktemp("static") / "site"
    pages = export(ROOT, out, log=lambda message: None, execute=executed_notebook, audience="instructors")
    return out, pages
