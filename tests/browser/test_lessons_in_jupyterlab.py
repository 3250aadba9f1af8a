"""Every lesson, opened and run in JupyterLab in a real browser, with its activities driven by hand."""

from __future__ import annotations

import os

import pytest
from activities import LESSONS, wait_for_figures
from browserkit import cut_texts, error_texts, open_and_run


@pytest.mark.parametrize("notebook", list(LESSONS))
def test_lesson_runs_in_jupyterlab_and_its_activities_respond(page, lab_url, notebook):
    figures, drive = LESSONS[notebook]
    assert open_and_run(page, lab_url, f"notebooks/{notebook}"), "Run All reported a failing cell"
    # No kernel picker: the notebook names its kernel.
    assert page.get_by_text("Select Kernel").count() == 0
    assert error_texts(page) == []
    assert page.external_requests == [], "the page asked for something outside this machine"
    wait_for_figures(page, figures)
    assert cut_texts(page) == [], "a learner cannot read these whole"
    drive(page)
    assert error_texts(page) == []
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], f"lab-{notebook}.png"), full_page=True)
