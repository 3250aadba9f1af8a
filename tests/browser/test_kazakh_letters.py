"""Kazakh letters render, on screen and in print: in the glossary handout, in a card and in a plotly figure.

A letter the fonts lack is drawn as the same empty box (the "tofu" glyph) whatever it is. So each of the nine
letters Kazakh adds to Russian (ә ғ қ ң ө ұ ү һ і) is drawn alone and its picture compared with the picture of
a code point no font has: the two must differ. The printed handout is also saved as a PDF by Chromium, whose
text layer must map glyphs back to those letters, so the PDF can be searched in Kazakh.
"""

from __future__ import annotations

import re
import zlib

import plotly.graph_objects as go
import pytest

import netgov
from netgov.cards import card
from netgov.glossary import handout

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
NO_GLYPH = "\U000f0000"  # a private-use code point: no installed font draws it


def _draw(page, font: str, size: str, letters: list[str]) -> list[bytes]:
    """Each letter drawn alone in a fixed 60-pixel square at whole-pixel coordinates, as a PNG picture."""
    page.evaluate(
        """([font, size, letters]) => {
            const box = document.createElement('div');
            box.id = 'glyph-probe';
            box.style.cssText = 'position:absolute;top:0;left:0;background:#fff;z-index:99999';
            letters.forEach((letter, i) => {
                const cell = document.createElement('div');
                cell.textContent = letter;
                cell.style.cssText = `position:absolute;left:0;top:${i * 60}px;width:60px;height:60px;` +
                    `font-family:${font};font-size:${size};line-height:60px;color:#000;background:#fff`;
                box.appendChild(cell);
            });
            document.body.appendChild(box);
        }""",
        [font, size, letters],
    )
    cells = page.locator("#glyph-probe > div")
    pictures = [cells.nth(i).screenshot() for i in range(cells.count())]
    page.evaluate("document.getElementById('glyph-probe').remove()")
    return pictures


def missing_glyphs(page, selector: str) -> list[str]:
    """The Kazakh letters that the font of the first element matching ``selector`` draws as the empty box."""
    element = page.locator(selector).first
    font = element.evaluate("e => getComputedStyle(e).fontFamily")
    size = element.evaluate("e => getComputedStyle(e).fontSize")
    *letters, box = _draw(page, font, size, [*KAZAKH, NO_GLYPH])
    return [letter for letter, picture in zip(KAZAKH, letters, strict=True) if picture == box]


def test_the_probe_notices_a_missing_glyph(page):
    # The check must be able to fail: two code points no font has are drawn as the same box, while two letters
    # the fonts have are drawn differently.
    page.set_content("<p>x</p>")
    first, second, a, b = _draw(page, "DejaVu Sans, sans-serif", "24px", [NO_GLYPH, "\U000f0001", "ә", "ғ"])
    assert first == second
    assert a != first and b != first and a != b


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_glossary_handout_draws_every_kazakh_letter(page, tmp_path, media):
    path = tmp_path / "glossary.html"
    path.write_text(handout(), encoding="utf-8")
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    assert page.locator('td[lang="kk"]').count() > 0
    assert missing_glyphs(page, 'td[lang="kk"]') == []


def test_a_card_draws_every_kazakh_letter(page):
    page.set_content(f"<!DOCTYPE html><html><body>{card('Атауы', [('Қазақша', KAZAKH)])}</body></html>")
    assert missing_glyphs(page, "body *") == []


def test_a_figure_draws_every_kazakh_letter(page, tmp_path):
    netgov.figures.register_template()
    fig = go.Figure(go.Bar(x=["Қазақстан"], y=[1]), layout={"title": {"text": f"Тақырып {KAZAKH}"}})
    fig.update_layout(xaxis_title="Жыл", yaxis_title="Үлесі")
    path = tmp_path / "figure.html"
    path.write_text(fig.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")
    page.goto(path.as_uri())
    page.locator(".main-svg .gtitle").wait_for()
    assert KAZAKH in page.locator(".gtitle").text_content()
    assert missing_glyphs(page, ".gtitle") == []


def _pdf_text_maps(pdf: bytes) -> str:
    """The PDF's ToUnicode maps, decompressed: what each glyph stands for, as hex code points."""
    maps = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(match.group(1)).decode("latin-1")
        except zlib.error:
            continue
        if "beginbfchar" in text or "beginbfrange" in text:
            maps.append(text)
    return "\n".join(maps)


def test_the_printed_handout_keeps_kazakh_letters_searchable(page, tmp_path):
    path = tmp_path / "glossary.html"
    path.write_text(handout(1), encoding="utf-8")
    page.goto(path.as_uri())
    pdf = page.pdf(format="A4", print_background=False)
    maps = _pdf_text_maps(pdf).upper()
    shown = "".join(page.locator('td[lang="kk"]').all_text_contents())
    wanted = sorted({letter for letter in shown if letter in KAZAKH})
    assert wanted, "the lesson's Kazakh forms hold no Kazakh-only letter"
    missing = [letter for letter in wanted if f"{ord(letter):04X}" not in maps]
    assert missing == []
