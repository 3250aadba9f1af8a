"""Projector mode in a real browser: every lesson as a 1280x720 projector at 150 % zoom shows it.

Each lesson is opened in Voila with the kit's projector template (``?template=netgov-projector``, the address a
teacher uses on a hub or Binder) in a tab of 853x480 CSS pixels at a device scale factor of 1.5, before and
after a learner's clicks (the drivers in activities.py). No figure may be taller than the screen, no table may
need sideways scrolling (nor the page), and body text must be at least 16 CSS pixels. Screenshots of the first
screen and of each figure are saved under the test's tmp dir, to look at; with NETGOV_SCREENSHOTS set, there too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from activities import LESSONS, wait_for_figures
from browserkit import VOILA_OWN_REQUESTS, error_texts, new_page

from netgov import projector

WIDTH, HEIGHT = projector.SCREEN
SMALLEST_TEXT = 16

#: What the screen shows that a projector cannot: figures taller than the window, tables (and the page) wider
#: than their box, and text smaller than SMALLEST_TEXT. Body text is every visible text outside figures (plotly
#: draws in SVG, at the sizes figures.py sets), MathJax, superscripts (the source markers) and subscripts.
MEASURE = """(smallest) => {
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const tall = [...document.querySelectorAll('.js-plotly-plot')].filter(visible)
    .map(e => ({height: e.getBoundingClientRect().height, title: (e.querySelector('.gtitle') || {}).textContent}))
    .filter(p => p.height > window.innerHeight);
  const wide = [...document.querySelectorAll('table')].filter(visible)
    .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)
    .map(t => ({width: t.scrollWidth, room: t.parentElement.clientWidth, start: t.innerText.slice(0, 80)}));
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el || !visible(el)) continue;
    if (el.closest('svg, script, style, sup, sub, mjx-container, .MathJax')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) small.push(`${el.tagName} ${size}px: ${walker.currentNode.textContent.trim().slice(0, 60)}`);
  }
  return {
    scale: window.devicePixelRatio,
    window: [window.innerWidth, window.innerHeight],
    page: document.documentElement.scrollWidth,
    tall, wide, small: small.slice(0, 10),
  };
}"""


@pytest.fixture
def projector_page(browser):
    """A tab the size a projector gives (853x480 CSS px at scale 1.5), recording requests as ``page`` does."""
    context, page = new_page(browser, viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1.5)
    yield page
    context.close()


def _screenshots(page, folder: Path, stem: str) -> None:
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=folder / f"{stem}-screen.png")
    for i, plot in enumerate(page.locator(".js-plotly-plot").all()):
        plot.scroll_into_view_if_needed()
        page.screenshot(path=folder / f"{stem}-figure{i + 1}.png")


def _fits(page, folder: Path, stem: str) -> None:
    found = page.evaluate(MEASURE, SMALLEST_TEXT)
    _screenshots(page, folder, stem)
    assert found["scale"] == 1.5 and found["window"] == [WIDTH, HEIGHT]
    assert found["tall"] == [], "figures taller than the projector's screen"
    assert found["wide"] == [], "tables that need sideways scrolling"
    assert found["page"] <= WIDTH, "the page scrolls sideways"
    assert found["small"] == [], f"text under {SMALLEST_TEXT} CSS px"


@pytest.mark.parametrize("notebook", list(LESSONS))
def test_every_lesson_fits_a_projector(projector_page, voila_url, notebook, tmp_path):
    page = projector_page
    figures, drive = LESSONS[notebook]
    page.goto(f"{voila_url}/voila/render/{notebook}?template={projector.TEMPLATE}", timeout=180_000)
    wait_for_figures(page, figures)
    assert page.get_by_text("There was an error").count() == 0
    assert error_texts(page) == []
    # The projector's stylesheet is on the page (body text of 18 px), not only Voila's own template.
    assert page.evaluate("() => getComputedStyle(document.body).getPropertyValue('--jp-content-font-size1')") == "18px"
    assert set(page.external_requests) <= VOILA_OWN_REQUESTS
    stem = notebook.removesuffix(".ipynb")
    _fits(page, tmp_path, stem)
    # What a learner's clicks change (another year, a wider filter) must fit as well.
    drive(page)
    assert error_texts(page) == []
    _fits(page, tmp_path, f"{stem}-used")
    if os.environ.get("NETGOV_SCREENSHOTS"):
        for shot in tmp_path.glob("*.png"):
            shot.replace(Path(os.environ["NETGOV_SCREENSHOTS"]) / f"projector-{shot.name}")
