"""The kit's terms in English, Russian and Kazakh.

The laws, courts, operators and most of the press the kit teaches about write in Russian and Kazakh.
``data/glossary.csv`` gives each term's Russian (``ru``) and Kazakh (``kk``) forms as sources use them
(``terms_source_ids``), or leaves a form empty with ``terms_note`` saying why; the kit never translates a term
itself.

* :func:`terms` gives the glossary of one lesson (or all), in the order of the table;
* :func:`term` writes one term for a notebook's prose: the English, then its Russian and Kazakh forms;
* :func:`handout` is a printable page (A4 or US Letter, black and white) with the three columns, for a class;
  ``python -m netgov glossary [--lesson N] [--out FILE]`` writes it.
"""

from __future__ import annotations

import html

import pandas as pd

from . import data
from ._validate import shown

__all__ = ["LANGUAGES", "handout", "term", "terms"]

#: The glossary's language columns and how the kit names them.
LANGUAGES = {"ru": "Russian", "kk": "Kazakh"}


def _lessons() -> list[int]:
    return sorted(int(n) for n in data.load("glossary")["lesson"].dropna().unique())


def terms(lesson: int | None = None) -> pd.DataFrame:
    """The glossary, indexed by term, with ``definition``, ``ru``, ``kk``: every term, or those of one lesson."""
    glossary = data.load("glossary").set_index("term")
    if lesson is None:
        return glossary
    known = _lessons()
    if isinstance(lesson, bool) or not isinstance(lesson, int) or lesson not in known:
        raise ValueError(
            f"lesson must be one of the glossary's lessons {known} (or None for all), not {shown(lesson)}."
        )
    return glossary[glossary["lesson"].astype("Int64") == lesson]


def term(name: str) -> str:
    """One term as HTML for a notebook: the English in bold, then its Russian and Kazakh forms where known."""
    if not isinstance(name, str):
        raise TypeError(f"term() needs a glossary term as text, such as 'mass media', not {shown(name)}.")
    glossary = terms()
    if name not in glossary.index:
        close = [t for t in glossary.index if name.lower() in t.lower()][:3]
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"{name!r} is not a term of data/glossary.csv.{hint}")
    row = glossary.loc[name]
    forms = [
        f'{label}: <span lang="{code}">{html.escape(row[code])}</span>'
        for code, label in LANGUAGES.items()
        if isinstance(row[code], str)
    ]
    shown_forms = f" ({'; '.join(forms)})" if forms else ""
    return f"<strong>{html.escape(name)}</strong>{shown_forms}"


_HANDOUT_STYLE = """
  @page { size: auto; margin: 15mm; }
  body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #000; margin: 1em; }
  h1 { font-size: 16pt; margin: 0 0 0.3em; }
  h2 { font-size: 13pt; margin: 1.2em 0 0.4em; break-after: avoid; }
  p.note { font-size: 9pt; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left;
           overflow-wrap: anywhere; }
  th { background: #e6e6e6; }
  tr { break-inside: avoid; }
  td.missing { color: #444; font-style: italic; }
"""


def _cell(value: object, language: str) -> str:
    if isinstance(value, str):
        return f'<td lang="{language}">{html.escape(value)}</td>'
    return '<td class="missing">not found in a source</td>'


def handout(lesson: int | None = None) -> str:
    """A printable glossary page in three columns (English, Russian, Kazakh), for one lesson or for all."""
    from .lessons import LESSONS

    chosen = [lesson] if lesson is not None else _lessons()
    if lesson is not None:
        terms(lesson)  # a bad lesson number fails here, with the accepted ones
    titles = {entry.number: entry.title for entry in LESSONS}
    sections = []
    for number in chosen:
        rows = terms(number)
        body = "".join(
            f"<tr><td><strong>{html.escape(name)}</strong></td>{_cell(row['ru'], 'ru')}{_cell(row['kk'], 'kk')}</tr>"
            for name, row in rows.iterrows()
        )
        title = titles.get(number, "")
        sections.append(
            f"<h2>Lesson {number}{': ' + html.escape(title) if title else ''}</h2>"
            '<table><colgroup><col style="width:30%"><col style="width:35%"><col style="width:35%"></colgroup>'
            "<thead><tr><th>English</th><th>Russian (русский)</th><th>Kazakh (қазақша)</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )
    heading = "Glossary" if lesson is None else f"Glossary, lesson {lesson}"
    note = (
        "Each Russian and Kazakh form is taken from a source that uses it (a law, an official page, the press); "
        "data/glossary.csv names the sources. Where no source was found the cell says so: the kit does not "
        "translate terms itself."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>netgov: {html.escape(heading)}</title><style>{_HANDOUT_STYLE}</style></head><body>"
        f'<h1>netgov: {html.escape(heading)}</h1><p class="note">{note}</p>{"".join(sections)}</body></html>\n'
    )
