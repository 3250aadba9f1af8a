"""Lesson 4, opened and run in JupyterLab in a real browser, with activities driven by hand."""

from __future__ import annotations

import os

from browserkit import error_texts, open_and_run


def test_lesson4_runs_and_its_activities_respond(page, lab_url):
    assert open_and_run(page, lab_url, "notebooks/04-blocked.ipynb"), "Run All reported a failing cell"
    assert error_texts(page) == []
    assert page.external_requests == [], "the page asked for something outside this machine"
    page.locator(".js-plotly-plot").nth(1).wait_for()
    assert page.locator(".js-plotly-plot").count() == 2  # case timeline and collateral chart

    # Detect the block: choose another method; the table follows.
    page.locator(".widget-dropdown select").nth(1).select_option(label="IP blocking")
    page.get_by_text("DNS is right but the TCP connection to the site's address fails").first.wait_for()

    # Claim checker: judge the LiveJournal claim.
    claim_list = page.locator(".widget-dropdown select").filter(has_text="LiveJournal stayed reachable")
    claim_list.select_option(label="The Russian-language version of LiveJournal stayed reachable.")
    verdict = page.locator(".widget-dropdown select").filter(has_text="Your verdict")
    verdict.select_option(label="No evidence found")
    page.locator(".widget-hbox").filter(has=verdict).get_by_role("button", name="Check").click()
    page.get_by_text("Agreed").first.wait_for()
    if os.environ.get("NETGOV_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETGOV_SCREENSHOTS"], "lesson4.png"), full_page=True)
