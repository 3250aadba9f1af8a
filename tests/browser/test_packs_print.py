"""Class packs printed by Chromium: every page of every pack (each lesson with a plan.toml, and Lessons 1 to 4 from
the fixtures) prints on A4 and US Letter in a bounded number of pages, nothing reaches past the printed page's
width, no request leaves the machine, and every answer in an answer key is one its check accepts, as shown."""

from __future__ import annotations

import re

import pytest
from helpers import key_answer, pack_cases, same_answer

from netgov.lessons import lesson
from netgov.packs import AUDIENCES, build

#: The most sheets one page file may take: a run sheet, a role card or a set of rubrics is a handout, not a book.
MOST_PAGES = 6
#: The printable width of an A4 page with the packs' 15 mm margins (210 - 30 mm at 96 px per inch), the narrower
#: of A4 and US Letter (215.9 mm).
A4_CONTENT_PX = 680

WIDER_THAN_THE_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) found.push(`${el.tagName.toLowerCase()} ${el.className}: ${box.right}`);
  }
  if (document.documentElement.scrollWidth > width + 1) found.push(`the page scrolls: ${document.documentElement.scrollWidth}`);
  return found;
}"""


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """Every pack the tests make, for both audiences: ``[(case, audience, lesson number, pages)]``."""
    made = []
    for name, number, files in pack_cases():
        for audience in AUDIENCES:
            out = tmp_path_factory.mktemp(f"{name}-{audience}")
            made.append((name, audience, number, build(number, audience, out, **files)))
    return made


CASES = [(name, audience) for name, _, _ in pack_cases() for audience in AUDIENCES]


@pytest.mark.parametrize("name, audience", CASES, ids=[f"{n}-{a}" for n, a in CASES])
def test_every_page_prints_within_the_page_without_the_network(page, packs, name, audience):
    _, _, number, files = next(p for p in packs if p[:2] == (name, audience))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    for path in files:
        page.goto(path.as_uri())
        assert page.evaluate(WIDER_THAN_THE_PAGE) == [], f"{path.name} is wider than the printed page"
        for paper in ("A4", "Letter"):
            sheets = _pages(page.pdf(format=paper))
            assert 1 <= sheets <= MOST_PAGES, f"{path.name} prints on {sheets} {paper} pages"
    assert errors == []
    assert page.external_requests == []


@pytest.mark.parametrize("name", sorted({name for name, _ in CASES}))
def test_every_answer_on_the_answer_key_is_accepted_by_its_check(page, packs, name):
    _, _, number, files = next(p for p in packs if p[:2] == (name, "instructors"))
    entry = lesson(number)
    page.goto(next(f for f in files if f.name == "answer-key.html").as_uri())
    shown = page.locator("[data-check]")
    assert shown.count() == len(entry.checks())
    key, checks = entry.answers(), entry.checks()
    for n in range(shown.count()):
        item = shown.nth(n)
        question = item.get_attribute("data-check").rpartition(".")[2]
        value = key_answer(item.get_attribute("data-answer"))
        assert same_answer(value, key[question])
        assert checks[question](value).status == "correct"
        if hasattr(value, "to_plotly_json"):
            continue  # a chart is described on the key, not typed back
        typed = item.inner_text()  # what an instructor reads out, typed back as a learner would
        assert checks[question](typed).status == "correct", f"{question}: {typed!r} is rejected"
