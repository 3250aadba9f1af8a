"""Lesson 3, opened and run in JupyterLab in a real browser, with an activity driven by hand."""

from __future__ import annotations

import os

from browserkit import error_texts, open_and_run


def test_lesson3_runs_and_its_activities_respond(page, lab_url):
    assert open_and_run(page, lab_url, "notebooks/03-one-gateway.ipynb"), "Run All reported a failing cell"
    assert error_texts(page) == []
    assert page.external_requests == [], "the page asked for something outside this machine"
    page.locator(".js-plotly-plot").nth(2).wait_for()
    assert page.locator(".js-plotly-plot").count() == 3  # calculator, chokepoint map, gateway map

    # Filter at a chokepoint: move the block to a foreign placeholder; the description follows.
    description = page.locator(".jp-OutputArea-output p").filter(has_text="Network diagram:").first
    assert "cuts off 12 of 14 networks" in description.text_content()
    page.locator(".widget-dropdown select").nth(2).select_option(label="Foreign transit B")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-OutputArea-output p')]"
        ".some(p => p.textContent.includes('A block at Foreign transit B'))"
    )
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], "lesson3.png"), full_page=True)
