"""The static edition in a real browser: figures drawn and interactive from local files, no request leaves
the machine, no script error, and axe-core finds no serious or critical accessibility violation."""

from __future__ import annotations

import pytest
from helpers import ROOT

from netgov._notebooks import notebooks

PAGES = [
    *(f"{p.parent.name}/{p.stem}.html" for p in notebooks(ROOT)),
    "index.html",
    "glossary.html",
    *(f"docs/{p.stem}.html" for p in sorted((ROOT / "docs").glob("*.md"))),
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("name", PAGES)
def test_static_page_works_offline_and_passes_axe(page, static_site, name):
    from axe_playwright_python.sync_playwright import Axe

    site, figures = static_site
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto((site / name).as_uri())
    expected = figures.get(name, 0)
    if expected:
        page.locator(".js-plotly-plot .main-svg").nth(expected - 1).wait_for()
    assert page.locator(".js-plotly-plot").count() == expected
    # Drawn by plotly.js from beside the page, so the figures keep hover and zoom (the mode bar).
    assert page.locator(".js-plotly-plot .modebar").count() == expected
    assert errors == []
    assert page.external_requests == []

    # Every figure is followed, inside its activity, by a text description a screen reader can read.
    for activity in page.locator(".netgov-static-activity").filter(has=page.locator(".js-plotly-plot")).all():
        after_plot = activity.evaluate(
            "a => { const plots = a.querySelectorAll('.js-plotly-plot');"
            " const last = plots[plots.length - 1]; const range = document.createRange();"
            " range.setStartAfter(last.closest('div.plotly-graph-div') || last); range.setEndAfter(a.lastChild);"
            " return range.toString().trim(); }"
        )
        assert len(after_plot) > 60, f"a figure on {name} has no description after it"

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    serious = [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], result.generate_report()
