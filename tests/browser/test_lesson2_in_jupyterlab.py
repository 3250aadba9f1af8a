"""Lesson 2, opened and run in JupyterLab in a real browser, with an activity driven by hand."""

from __future__ import annotations

import os

from browserkit import error_texts, open_and_run


def test_lesson2_runs_and_its_activities_respond(page, lab_url):
    assert open_and_run(page, lab_url, "notebooks/02-the-osce-dispute.ipynb"), "Run All reported a failing cell"
    assert error_texts(page) == []
    assert page.external_requests == [], "the page asked for something outside this machine"
    page.locator(".js-plotly-plot").nth(1).wait_for()
    assert page.locator(".js-plotly-plot").count() == 2  # statement timeline and positions map

    # Positions map: move the year slider with the keyboard; the description follows.
    description = page.locator(".jp-OutputArea-output p").filter(has_text="Grid of")
    assert "end of 2007" in description.text_content()
    handle = page.locator(".widget-slider .noUi-handle").last
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-OutputArea-output p')]"
        ".some(p => p.textContent.includes('as of the end of 2011'))"
    )

    # Commitments tracker: keep one status only.
    page.locator(".widget-select-multiple select").nth(2).select_option(label=["Not met"])
    page.get_by_text("1 commitment(s) shown.").wait_for()
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], "lesson2.png"), full_page=True)
