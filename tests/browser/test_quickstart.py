"""The README's first command, as a newcomer runs it: JupyterLab opens the start notebook with the whole kit
in reach, and the links from the start notebook to a lesson and from the lesson to its exercises work."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from browserkit import need_browser
from helpers import ROOT, free_port, lab_test_flags, running_server


def readme_commands() -> list[str]:
    """The commands of the README's Quickstart block, one per line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = text.split("## Quickstart", 1)[1]
    block = re.search(r"```bash\n(.*?)```", quickstart, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def first_command_lab_args() -> list[str]:
    """The arguments the README gives `jupyter lab` in its first command (after the install)."""
    first = readme_commands()[0]
    install, lab = first.split("&&")
    assert re.search(r'pip install (-c constraints\.txt )?"\.\[app\]"', install), install
    words = shlex.split(lab)
    assert words[:2] == ["jupyter", "lab"], first
    return words[2:]


def test_the_first_command_serves_the_whole_kit_and_opens_the_start_notebook():
    """Without the root folder, JupyterLab serves only notebooks/ and every ../exercises link breaks."""
    args = first_command_lab_args()
    assert any(a.startswith(("--notebook-dir", "--ServerApp.root_dir")) for a in args), args
    assert args[-1] == "notebooks/00-start-here.ipynb"


def test_readme_command_opens_the_kit_and_links_lead_to_an_exercise(browser):
    need_browser()
    workdir = Path(tempfile.mkdtemp(prefix="netgov-quickstart-"))
    kit = workdir / "kit"  # a copy laid out like the repository, so nothing the browser does changes it
    for folder in ("notebooks", "exercises", "docs", "data"):
        shutil.copytree(ROOT / folder, kit / folder)
    runtime = workdir / "runtime"
    port = free_port()
    # The README's arguments as written, then what a test needs: no browser of its own, a fixed port, no token.
    cmd = [sys.executable, "-m", "jupyter", "lab", *first_command_lab_args()]
    cmd += [*lab_test_flags(port), f"--LabApp.workspaces_dir={workdir}"]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)}
    with running_server(cmd, port, "/api/status", workdir / "server.log", cwd=kit, env=env) as url:
        log = (workdir / "server.log").read_text()
        assert f"Serving notebooks from local directory: {kit}" in log, log[-2000:]
        # The page JupyterLab would open in the learner's browser for the file named on the command line.
        pages = [p.read_text() for p in runtime.glob("jpserver-*.html")]
        targets = [m.group(1) for page in pages if (m := re.search(r'url=([^"]+)"', page))]
        target = next((t for t in targets if "/lab/tree/" in t), f"no page for the notebook, only {targets}")
        assert target.endswith("/lab/tree/notebooks/00-start-here.ipynb"), target

        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            page.goto(f"{url}/lab/tree/notebooks/00-start-here.ipynb?reset")
            page.wait_for_function(
                "() => window.jupyterapp?.shell.currentWidget?.title.label === '00-start-here.ipynb'"
            )
            # The file browser shows the kit's folders, not only the notebooks.
            listing = page.locator(".jp-DirListing-content")
            page.evaluate("async () => await window.jupyterapp.commands.execute('filebrowser:go-to-path', {path: '/'})")
            for folder in ("notebooks", "exercises", "data", "docs"):
                listing.get_by_text(folder, exact=True).first.wait_for()

            # Start notebook -> Lesson 1, by clicking the link a learner sees.
            page.locator(".jp-RenderedMarkdown a", has_text="1. When a blog became mass media").first.click()
            page.wait_for_function(
                "() => window.jupyterapp.shell.currentWidget?.title.label === '01-the-2009-law.ipynb'"
            )
            path = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
            assert path == "notebooks/01-the-2009-law.ipynb"

            # Lesson 1 -> its exercises.
            lesson = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            lesson.locator(".jp-RenderedMarkdown a", has_text="Lesson 1 exercises").first.click()
            page.wait_for_function(
                "() => window.jupyterapp.shell.currentWidget?.context?.path === 'exercises/01-the-2009-law-exercises.ipynb'"
            )
            assert page.get_by_text("Could not find path").count() == 0
            assert page.get_by_text("File Load Error").count() == 0
        finally:
            context.close()
