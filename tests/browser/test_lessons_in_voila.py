"""Every lesson as a Voila dashboard (code hidden) in a real browser, with its activities driven by hand."""

from __future__ import annotations

import os

import pytest
from activities import LESSONS, wait_for_figures
from browserkit import VOILA_OWN_REQUESTS, cut_texts, error_texts


@pytest.mark.parametrize("notebook", list(LESSONS))
def test_lesson_renders_in_voila_and_its_activities_respond(page, voila_url, notebook):
    figures, drive = LESSONS[notebook]
    page.goto(f"{voila_url}/voila/render/{notebook}", timeout=180_000)
    wait_for_figures(page, figures)
    assert page.get_by_text("There was an error").count() == 0
    assert error_texts(page) == []
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0, "code should be hidden"
    # Voila's own template asks a CDN for icon fonts (documented in docs/jupyterhub.md); nothing else may leave.
    assert set(page.external_requests) <= VOILA_OWN_REQUESTS
    assert cut_texts(page) == [], "a learner cannot read these whole"
    drive(page)
    assert error_texts(page) == []
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], f"voila-{notebook}.png"), full_page=True)
