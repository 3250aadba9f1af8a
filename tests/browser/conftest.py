"""Fixtures: JupyterLab in headless Chromium, for tests that look at the kit the way a learner does.

Uses Debian's chromium through playwright (nothing is downloaded). Without chromium or playwright
these tests skip with the reason, except under CI (CI=true), where they must run.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from browserkit import CHROMIUM_FLAGS, chromium_path, need_browser, new_page
from helpers import ROOT, free_port, lab_test_flags, running_server, voila_server


@pytest.fixture(scope="session")
def lab_url():
    """A JupyterLab server on a free loopback port, serving a copy of the kit's notebooks."""
    need_browser()
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="netgov-lab-")
    settings = Path(workdir) / "settings"
    overrides = settings / "overrides.json"
    settings.mkdir()
    # Render every cell, not only those on screen; never autosave (the tests must not write notebooks).
    overrides.write_text(
        '{"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},'
        ' "@jupyterlab/docmanager-extension:plugin": {"autosave": false}}'
    )
    # Serve a copy of the notebooks, so that nothing the browser does can change the repository.
    served = Path(workdir) / "kit"
    for folder in ("notebooks", "exercises", "docs"):
        shutil.copytree(ROOT / folder, served / folder)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTER_CONFIG_DIR=str(Path(workdir) / "config"))
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        *lab_test_flags(port),
        "--ServerApp.password=",
        f"--ServerApp.root_dir={served}",
        f"--LabApp.workspaces_dir={workdir}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    with running_server(cmd, port, "/api/status", Path(workdir) / "server.log", env=env, cwd=ROOT) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A browser tab; ``page.external_requests`` lists every request it made to anything but this machine."""
    context, page = new_page(browser, viewport={"width": 1400, "height": 1000})
    yield page
    context.close()


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory):
    """Voila on a free loopback port, serving the lessons as a teacher would project them."""
    need_browser()
    with voila_server(ROOT / "notebooks", tmp_path_factory.mktemp("voila") / "voila.log") as url:
        yield url
