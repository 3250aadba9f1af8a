"""Small HTML building blocks shared by the lessons' widgets.

Widgets in the kit show their results as plain HTML (readable by screen readers, unlike a plotly
SVG): a *card* with labelled facts and the sources behind them, and a *message* when a selection is
empty. Everything a learner or the data supplies is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from . import data
from ._validate import ANY_ITERABLE, need_figure, need_items, need_text

__all__ = ["FigureOutput", "card", "fact_list", "message", "sources_list"]


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
    for reference in data.cite(ids):
        text, _, url = reference.rpartition(" ")
        shown = url if len(url) <= 80 else url[:70] + "…"
        link = f'<a href="{html.escape(url)}" target="_blank" rel="noopener">{html.escape(shown)}</a>'
        items.append(f"<li>{html.escape(text)} {link}</li>")
    return (
        f'<p style="margin-bottom:0.2em"><strong>{html.escape(heading)}</strong></p>'
        f'<ol style="margin-top:0">{"".join(items)}</ol>'
    )


def _when(row, date: str, precision: str | None) -> str:
    import pandas as pd

    value = row.get(date)
    if value is None or pd.isna(value) or not hasattr(value, "strftime"):
        return ""
    level = row.get(precision) if precision else "day"
    fmt = {"month": "%B %Y", "year": "%Y"}.get(level, "%d %B %Y")
    return value.strftime(fmt).lstrip("0")


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


def message(text: str) -> str:
    """A short status message, for example when nothing matches the learner's filters."""
    need_text(text, "A message")
    style = "border-left:6px solid #0072B2;padding:0.3em 0.8em"
    return f'<p role="status" style="{style}"><strong>{html.escape(text)}</strong></p>'


class FigureOutput:
    """A plotly figure shown inside an ``ipywidgets.Output`` and redrawn on demand.

    The kit does not use ``go.FigureWidget``: it ships a 5 MB JavaScript bundle through the kernel
    the first time one is created, which costs several seconds per notebook. Redrawing a plain
    ``go.Figure`` into an Output sends only the figure's JSON, a few kilobytes.

    Change ``figure`` (``figure.data = []``, ``figure.add_scatter(...)``, ``figure.update_layout(...)``),
    then call :meth:`refresh`. Tests read ``figure`` directly; no kernel is needed.
    """

    def __init__(self, figure=None, **layout):
        import ipywidgets as widgets
        import plotly.graph_objects as go

        if figure is not None:
            need_figure(figure, "FigureOutput(figure=...)")
        self.figure = figure if figure is not None else go.Figure()
        if layout:
            self.figure.update_layout(**layout)
        self.output = widgets.Output()
        self.refreshes = 0

    def refresh(self) -> None:
        from IPython import get_ipython

        self.refreshes += 1
        if getattr(get_ipython(), "kernel", None) is None:
            # No kernel (a test or a benchmark): do the serialisation display() would do, show nothing.
            self.figure.to_json()
            return
        # The figure's own MIME bundle, as a cell result would show it: display(figure) goes through
        # plotly's renderer machinery instead, whose first call costs several seconds of imports.
        # The bundle replaces the Output's state directly rather than being captured with
        # ``with self.output: display(...)``: captured output is routed through the executing client,
        # and Voila's executor never receives the cell's reply after such a capture (the page hangs).
        bundle = self.figure._repr_mimebundle_(None, None)
        self.output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)


#: Marker shapes that go with the Okabe-Ito colours, so that no two categories share both.
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down", "hexagon", "pentagon")


class FilteredTimeline:
    """A timeline of table rows that the learner filters, with a list of the rows shown and a card for one.

    Subclasses set ``self.table`` (every row the timeline can show, with an ``id`` column), build their filter
    widgets and a :class:`FigureOutput`, then call :meth:`_assemble`, and implement ``selection()`` (the rows
    of ``self.table`` the filters keep), ``draw(rows)`` (add traces to ``self.figure``), ``describe(rows)``
    (a text description), ``label(row)`` (a row's name in the list) and ``card(row_id)``.
    """

    empty_text = "Nothing matches these filters."

    def _assemble(
        self, filters: list, years: tuple[int, int], bounds: tuple[int, int], chart: FigureOutput, picker_label: str
    ) -> None:
        """Lay out the filters, a year-range slider (``years`` within ``bounds``), the chart, the list and the card."""
        import ipywidgets as widgets

        first, last = bounds
        if not (isinstance(years, tuple) and len(years) == 2 and first <= years[0] <= years[1] <= last):
            raise ValueError(f"years must be a (start, end) pair within {first} to {last}, not {years!r}.")
        self.years = widgets.IntRangeSlider(
            value=years,
            min=first,
            max=last,
            step=1,
            description="Years",
            continuous_update=False,
            layout=widgets.Layout(width="32em"),
        )
        self.chart = chart
        self.figure = chart.figure
        self.picker = widgets.Dropdown(description=picker_label, layout=widgets.Layout(width="95%"))
        self.description = widgets.HTML()
        self.detail = widgets.HTML()
        # A row's name in the list depends on the row alone: worked out once, not on every update.
        self._labels = {row["id"]: self.label(row) for _, row in self.table.iterrows()}
        self._refilling = False
        for control in (*filters, self.years):
            control.observe(self.update, names="value")
        self.picker.observe(self.show_item, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox(filters), self.years, chart.output, self.description, self.picker, self.detail]
        )
        self.update()

    def update(self, change: object = None) -> None:
        from .figures import clear, date_axis_years

        rows = self.selection()
        with self.figure.batch_update():
            clear(self.figure, self.empty_text if rows.empty else None)
            if not rows.empty:
                self.draw(rows)
            date_axis_years(self.figure, *self.years.value)
        self.chart.refresh()
        self.description.value = message(self.empty_text) if rows.empty else self.describe(rows)
        options = [(self._labels[row_id], row_id) for row_id in rows["id"].tolist()]
        # New options make the picker change its value, which would draw a card that is drawn again below:
        # the card is drawn once, after the list is in place.
        self._refilling = True
        try:
            self.picker.options = options
            self.picker.value = options[0][1] if options else None
        finally:
            self._refilling = False
        self.show_item()

    def show_item(self, change: object = None) -> None:
        if self._refilling:
            return
        self.detail.value = "" if self.picker.value is None else self.card(self.picker.value)
