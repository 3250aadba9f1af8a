"""Lesson 1, opened and run in JupyterLab in a real browser, with two activities driven by hand."""

from __future__ import annotations

import os

from browserkit import error_texts, open_and_run


def test_lesson1_runs_and_its_activities_respond(page, lab_url):
    assert open_and_run(page, lab_url, "notebooks/01-the-2009-law.ipynb"), "Run All reported a failing cell"
    assert error_texts(page) == []
    assert page.external_requests == [], "the page asked for something outside this machine"
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 1  # the legislation timeline
    assert page.locator(".widget-radio-box").count() == 4  # the quiz

    # Activity 1: choose another provision; the card follows.
    dropdown = page.locator(".widget-dropdown select").first
    dropdown.select_option(label="2009 internet law: Fast court procedure to block foreign sites")
    page.get_by_role("heading", name="Fast court procedure to block foreign sites").wait_for()

    # Activity 3: untick a theme; the description under the timeline changes.
    description = page.locator(".jp-OutputArea-output p").filter(has_text="Timeline of")
    before = description.text_content()
    markers = page.locator(".js-plotly-plot .scatterlayer .point").count()
    page.get_by_label("Blocking powers").uncheck()
    page.wait_for_function(
        "(n) => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length < n", arg=markers
    )
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('.jp-OutputArea-output p')]"
        ".some(p => p.textContent.startsWith('Timeline of') && p.textContent !== before)",
        arg=before,
    )
    assert "blocking powers" not in description.text_content()

    # The quiz answers a click with an explanation.
    page.locator(".widget-radio-box").first.get_by_text("Any internet resource").click()
    page.get_by_role("button", name="Check").first.click()
    page.get_by_text("Correct.").first.wait_for()
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], "lesson1.png"), full_page=True)
