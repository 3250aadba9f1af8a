"""Dashboard mode: Voila serves every lesson as an app, with the code hidden and every activity present.

One Voila server (on a free loopback port) renders each notebook in ``notebooks/``; the page comes back
once the notebook has executed. What a browser then does with the widgets is in
``tests/browser/test_lessons_in_voila.py``.
"""

from __future__ import annotations

import time
import urllib.request

import nbformat
import pytest
from helpers import ROOT, displayed_widgets, voila_server

from netgov._notebooks import notebooks

LESSONS = [path.name for path in notebooks(ROOT, ["notebooks"])]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def fetch(url: str, deadline: float = 180.0) -> str:
    """The whole page, or AssertionError after ``deadline`` seconds.

    Voila keeps a slow page alive with heartbeat chunks, so a socket timeout alone never fires.
    """
    stop = time.monotonic() + deadline
    chunks = []
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        while chunk := response.read1(65536):
            chunks.append(chunk)
            assert time.monotonic() < stop, f"{url} was still streaming after {deadline:.0f} s"
    return b"".join(chunks).decode()


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    with voila_server(ROOT / "notebooks", tmp_path_factory.mktemp("voila") / "voila.log") as url:
        yield url


@pytest.mark.parametrize("notebook", LESSONS)
def test_voila_renders_the_lesson_with_its_activities_and_no_code(voila_url, notebook):
    page = fetch(f"{voila_url}/voila/render/{notebook}")
    assert "There was an error" not in page, f"a cell of {notebook} failed under Voila"
    assert "Traceback" not in page
    # Code stays hidden: no source line of the lesson reaches the page.
    assert "import netgov" not in page
    # The title is there, and one widget view per activity and quiz.
    title = nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells[0].source.splitlines()[0].lstrip("# ")
    assert title.split(":")[0].split(".")[0] in page
    assert page.count(WIDGET_VIEW) == displayed_widgets(ROOT / "notebooks" / notebook) > 0


def test_the_widget_count_finds_activities_and_quizzes():
    assert displayed_widgets(ROOT / "notebooks" / "01-the-2009-law.ipynb") == 4  # three activities and the quiz
    assert displayed_widgets(ROOT / "notebooks" / "04-blocked.ipynb") == 6  # five widgets and the quiz


@pytest.mark.notebooks
def test_these_checks_catch_a_failing_cell_and_a_page_that_never_finishes(tmp_path):
    for name, source in {"fails": "1 / 0", "stalls": "import time\ntime.sleep(120)"}.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
    with voila_server(tmp_path, tmp_path / "voila.log") as url:
        assert "There was an error" in fetch(f"{url}/voila/render/fails.ipynb")
        with pytest.raises(AssertionError, match="still streaming"):
            fetch(f"{url}/voila/render/stalls.ipynb", deadline=8)
