"""HTML building blocks for what the kit shows in words.

Activities, checks and quizzes show their results as plain HTML (readable by screen readers, unlike a
plotly SVG): a *card* with labelled facts and the sources behind them, a *status box* for feedback and a
*message* when a selection is empty. Everything a learner or the data supplies is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from . import data
from ._validate import ANY_ITERABLE, need_items, need_text
from .figures import BAD, GOOD, NEUTRAL

__all__ = ["card", "fact_list", "message", "sources_list", "status_box"]


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value))


def sources_list(ids: object, heading: str = "Sources") -> str:
    """An HTML list of formatted references for the given source ids, with clickable addresses."""
    items = []
    for ref in data.reference_list(ids):
        link = f'<a href="{html.escape(ref.url)}" target="_blank" rel="noopener">{html.escape(ref.short_url)}</a>'
        items.append(f"<li>{html.escape(ref.text)} {link}</li>")
    return (
        f'<p style="margin-bottom:0.2em"><strong>{html.escape(heading)}</strong></p>'
        f'<ol style="margin-top:0">{"".join(items)}</ol>'
    )


def _when(row, date: str, precision: str | None) -> str:
    value = row.get(date)
    if not hasattr(value, "strftime"):  # a missing date, or a column that does not hold dates
        return ""
    return data.format_date(value, row.get(precision) if precision else "day")


def fact_list(
    frame,
    *,
    title: str = "title",
    text: str | None = "description",
    date: str | None = "date",
    precision: str | None = "date_precision",
    heading: str | None = None,
):
    """Rows of a table as a bulleted list of dated facts, each with numbered citations to its sources.

    Returns an ``IPython.display.HTML`` object: display it, or let it be a cell's result. The reference
    list under the bullets is built from the rows' ``source_ids``, so citations are never typed by hand.
    """
    import pandas as pd
    from IPython.display import HTML

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"fact_list() needs a DataFrame, not {type(frame).__name__}.")
    missing = [c for c in (title, text, date, "source_ids") if c and c not in frame.columns]
    if missing:
        raise ValueError(f"fact_list(): the table has no column(s) {missing}; it has {list(frame.columns)}.")
    if frame.empty:
        return HTML(message("No rows to show: the selection is empty."))
    numbers: dict[str, int] = {}
    items = []
    for _, row in frame.iterrows():
        refs = []
        for source in data.split_ids(row["source_ids"]):
            numbers.setdefault(source, len(numbers) + 1)
            refs.append(str(numbers[source]))
        when = _when(row, date, precision if precision in frame.columns else None) if date else ""
        lead = f"<strong>{html.escape(when)}</strong> " if when else ""
        body = f" {_text(row[text])}" if text else ""
        items.append(f"<li>{lead}{_text(row[title])}.{body} <sup>[{', '.join(refs)}]</sup></li>")
    head = f"<p><strong>{html.escape(heading)}</strong></p>" if heading else ""
    return HTML(f"{head}<ul>{''.join(items)}</ul>" + sources_list(list(numbers), heading="Sources for this list"))


def card(title: str, facts: Iterable[tuple[str, object]], source_ids: object = None) -> str:
    """A titled block of labelled facts, optionally followed by the sources that support them.

    Facts whose value is empty are left out, so a card never shows a label with nothing after it.
    """
    need_text(title, "A card's title")
    facts = need_items(facts, "A card's facts", "a list of (label, value) pairs", containers=ANY_ITERABLE)
    if not all(isinstance(f, (tuple, list)) and len(f) == 2 and isinstance(f[0], str) for f in facts):
        raise TypeError(f"A card's facts must be (label, value) pairs with a text label; got {facts!r}.")
    rows = [
        f"<div style='margin:0.5em 0'><strong>{html.escape(label)}</strong><br>{_text(value)}</div>"
        for label, value in facts
        if _text(value)
    ]
    ids = data.id_list(source_ids) if source_ids is not None else []
    sources = sources_list(ids) if ids else ""
    return (
        '<section style="border:1px solid #bbb;border-radius:6px;padding:0.6em 1em;max-width:60em">'
        f"<h4 style='margin-top:0'>{html.escape(title)}</h4>"
        f"{''.join(rows)}{sources}</section>"
    )


#: What each kind of status box looks like: its bar colour and the icon before its label. The label is always
#: written out in words, so colour is never the only signal.
_STATUS_LOOK = {"good": (GOOD, "✔"), "bad": (BAD, "✘"), "info": (NEUTRAL, "?")}


def status_box(body_html: str, kind: str = "info", *, label: str | None = None) -> str:
    """A feedback or status paragraph: a coloured bar, an optional bold ``label``, then ``body_html`` (inline
    HTML, already escaped).

    ``kind`` is ``"good"`` (a right answer), ``"bad"`` (not yet right) or ``"info"`` (anything else).
    """
    if kind not in _STATUS_LOOK:
        raise ValueError(f"Unknown status box kind {kind!r}. Kinds: {', '.join(map(repr, _STATUS_LOOK))}.")
    need_text(body_html, "A status box's body")
    need_text(label, "A status box's label", optional=True)
    colour, icon = _STATUS_LOOK[kind]
    mark = f'<span aria-hidden="true">{icon} </span>' if icon and label else ""
    lead = f"<strong>{mark}{html.escape(label)}.</strong> " if label else ""
    return (
        f'<p role="status" style="border-left:6px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">'
        f"{lead}{body_html}</p>"
    )


def message(text: str) -> str:
    """A short status message, for example when nothing matches the learner's filters."""
    need_text(text, "A message")
    return status_box(f"<strong>{html.escape(text)}</strong>")
