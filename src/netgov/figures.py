"""One look for every figure in the kit.

Importing :mod:`netgov` registers a plotly template called ``"netgov"`` and makes
``"plotly_white+netgov"`` the default, so every figure a lesson draws gets:

* the Okabe-Ito palette, which stays distinguishable for the common forms of colour blindness;
* font sizes that can be read on a projector;
* titles placed left and room for long axis titles.

Year axes need one more step, because a template cannot know which axis holds years:
call :func:`year_axis` on them so that ticks are whole years (never ``2,009.5``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import plotly.graph_objects as go
import plotly.io as pio
from plotly.basedatatypes import BaseFigure

from ._validate import need_figure, need_text, need_whole_number

__all__ = [
    "BAD",
    "CAUTION",
    "GOOD",
    "MISSING",
    "NEUTRAL",
    "OKABE_ITO",
    "SOFT",
    "SYMBOLS",
    "series_style",
    "clear",
    "TEMPLATE_NAME",
    "date_axis_years",
    "fit_rows",
    "fit_screen",
    "legend_html",
    "message_figure",
    "register_template",
    "year_axis",
]

#: Okabe & Ito (2008) colour-blind-safe qualitative palette. Black is last so that it is
#: used only when eight categories are on screen.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow (low contrast on white: used last among the colours)
    "#000000",  # black
)

#: Marker symbols that pair with the palette, so that colour is never the only carrier of meaning.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down", "hexagon", "pentagon")

# Colours with a meaning, used wherever the kit marks something as good, bad or neither (a right answer, a
# network that loses access, an opposing stance). Always paired with a word or a shape.
GOOD = OKABE_ITO[2]  #: bluish green: a right answer, a met commitment
BAD = OKABE_ITO[4]  #: vermillion: a wrong answer, a loss of access, opposition, what the lesson highlights
NEUTRAL = OKABE_ITO[3]  #: blue: the ordinary case, information
CAUTION = OKABE_ITO[0]  #: orange: concern, partly met
SOFT = OKABE_ITO[1]  #: sky blue: welcomed with reservations
MISSING = "#777777"  #: grey: no evidence in the data


def series_style(n: int) -> tuple[str, str]:
    """The colour and marker symbol of the ``n``-th category in a chart: no two of the first eight share both."""
    n = need_whole_number(n, "series_style()'s position", 0)
    return OKABE_ITO[n % len(OKABE_ITO)], SYMBOLS[n % len(SYMBOLS)]


TEMPLATE_NAME = "netgov"
BASE_FONT = 15


def register_template(make_default: bool = True) -> go.layout.Template:
    """Register the kit's plotly template (idempotent) and return it.

    Parameters
    ----------
    make_default:
        When true (the default), ``plotly_white+netgov`` becomes plotly's default template.
    """
    if not isinstance(make_default, bool):
        raise TypeError(
            f"register_template(make_default=...) must be True or False, not {type(make_default).__name__}."
        )
    template = go.layout.Template(
        layout=dict(
            colorway=list(OKABE_ITO),
            font=dict(size=BASE_FONT, family="Arial, Helvetica, sans-serif", color="#222222"),
            title=dict(x=0.0, xanchor="left", font=dict(size=BASE_FONT + 4)),
            legend=dict(font=dict(size=BASE_FONT - 1)),
            hoverlabel=dict(font=dict(size=BASE_FONT - 1)),
            xaxis=dict(automargin=True, title=dict(standoff=8), separatethousands=False),
            yaxis=dict(automargin=True, title=dict(standoff=8), separatethousands=False),
            margin=dict(l=70, r=30, t=70, b=60),
            colorscale=dict(sequential="Cividis", sequentialminus="Cividis"),
        ),
        data=dict(scatter=[go.Scatter(marker=dict(size=9), line=dict(width=3))]),
    )
    pio.templates[TEMPLATE_NAME] = template
    if make_default:
        pio.templates.default = f"plotly_white+{TEMPLATE_NAME}"
    return template


def _nice_step(span: float, max_ticks: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... years that keeps the tick count at or under ``max_ticks``."""
    if span <= 0:
        return 1
    for magnitude in range(0, 4):
        for base in (1, 2, 5):
            step = base * 10**magnitude
            if span / step + 1 <= max_ticks:
                return step
    return 10 ** math.ceil(math.log10(span))


def year_axis(
    fig: BaseFigure,
    years: Iterable[int | float] | None = None,
    *,
    axis: str = "x",
    max_ticks: int = 12,
) -> go.Figure:
    """Make a numeric axis show whole years only, and return the figure.

    Parameters
    ----------
    fig:
        A plotly figure (``go.Figure`` or ``go.FigureWidget``).
    years:
        The years shown on the axis. When omitted they are read from the figure's traces.
    axis:
        ``"x"`` or ``"y"``.
    max_ticks:
        The most ticks to show (at least 2); the step grows through 1, 2, 5, 10... years to stay under it.

    Raises
    ------
    TypeError, ValueError
        With a message naming what was wrong and what is accepted.
    """
    need_figure(fig, "year_axis()")
    if axis not in ("x", "y"):
        raise ValueError(f"year_axis(axis=...) accepts 'x' or 'y', not {axis!r}.")
    if isinstance(max_ticks, bool) or not isinstance(max_ticks, int) or max_ticks < 2:
        raise ValueError(f"year_axis(max_ticks=...) needs a whole number of at least 2, not {max_ticks!r}.")
    if years is None:
        values: list[float] = []
        for trace in fig.data:
            data = getattr(trace, axis, None)
            if data is not None:
                values.extend(v for v in data if isinstance(v, int | float) and not isinstance(v, bool))
    else:
        values = [float(v) for v in years]
    update = dict(tickformat="d", separatethousands=False)
    if values:
        low, high = math.floor(min(values)), math.ceil(max(values))
        step = _nice_step(high - low, max_ticks)
        update.update(tickmode="linear", tick0=low - low % step, dtick=step)
    if axis == "x":
        fig.update_xaxes(**update)
    else:
        fig.update_yaxes(**update)
    return fig


def date_axis_years(fig: BaseFigure, start: object, end: object, *, axis: str = "x", max_ticks: int = 12) -> BaseFigure:
    """Label a date axis with whole years only (``2009``, ``2010``...), at most ``max_ticks`` of them.

    ``start`` and ``end`` are anything pandas reads as a date (a Timestamp, ``"2009-07-10"``, a year as int).
    """
    import pandas as pd

    need_figure(fig, "date_axis_years()")
    if axis not in ("x", "y"):
        raise ValueError(f"date_axis_years(axis=...) accepts 'x' or 'y', not {axis!r}.")
    try:
        first = pd.Timestamp(f"{start}-01-01" if isinstance(start, int) else start)
        last = pd.Timestamp(f"{end}-12-31" if isinstance(end, int) else end)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"date_axis_years() needs dates or years for start and end, not {start!r} and {end!r}."
        ) from exc
    if last < first:
        raise ValueError(f"date_axis_years(): the end ({last.date()}) is before the start ({first.date()}).")
    step = _nice_step(last.year - first.year, max_ticks)
    update = dict(
        type="date",
        tickformat="%Y",
        tick0=f"{first.year - first.year % step}-01-01",
        dtick=f"M{12 * step}",
        range=[f"{first.year}-01-01", f"{last.year + 1}-01-01"],
    )
    if axis == "x":
        fig.update_xaxes(**update)
    else:
        fig.update_yaxes(**update)
    return fig


def clear(fig: BaseFigure, empty_message: str | None = None) -> None:
    """Remove a figure's traces and annotations; with a message, say in its middle why it is empty."""
    need_figure(fig, "clear()")
    need_text(empty_message, "clear(empty_message=...)", optional=True)
    fig.data = []
    fig.layout.annotations = []
    if empty_message:
        fig.add_annotation(
            text=empty_message,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            font=dict(size=BASE_FONT + 1),
        )


def message_figure(message: str, *, title: str = "Nothing to show") -> go.Figure:
    """A blank figure that says, in words, why there is nothing to draw (for example an empty filter)."""
    if not isinstance(message, str) or not message.strip():
        raise ValueError("message_figure() needs a non-empty message explaining why the figure is empty.")
    fig = go.Figure()
    clear(fig, message)
    fig.update_layout(title_text=title, xaxis_visible=False, yaxis_visible=False, height=300)
    return fig


def fit_screen(fig: BaseFigure) -> BaseFigure:
    """In projector mode (:func:`netgov.projector.active`), lower a figure taller than the projector's screen to
    :data:`netgov.projector.FIGURE_HEIGHT`; elsewhere leave it as it is. Returns the figure.

    Every activity's figure passes through here before it is shown. A figure whose rows need their height (a
    timeline with one row per case) is better fitted with :func:`fit_rows`, which keeps the rows readable.
    """
    from . import projector

    need_figure(fig, "fit_screen()")
    if projector.active() and (fig.layout.height or 0) > projector.FIGURE_HEIGHT:
        fig.layout.height = projector.FIGURE_HEIGHT
    return fig


def fit_rows(
    fig: BaseFigure, rows: int, *, row_height: int = 24, extra: int = 220, least: int = 420, top_first: bool = False
) -> int:
    """Give a chart with one category per row on its y axis the height its ``rows`` need, and return how many
    rows it shows at once.

    The height is ``row_height`` pixels a row plus ``extra`` for the title, the axes and the legend, and at
    least ``least``. In projector mode a chart that would be taller than the screen gets
    :data:`netgov.projector.FIGURE_HEIGHT` and shows the rows that fit, from the top, at their full height;
    the others are a drag away (the chart pans up and down, not sideways). ``top_first`` says that the first
    category is drawn at the top (a reversed axis) rather than the last.
    """
    from . import projector

    need_figure(fig, "fit_rows()")
    rows = need_whole_number(rows, "fit_rows()'s rows", 12)
    for value, what in ((row_height, "row_height"), (extra, "extra"), (least, "least")):
        if need_whole_number(value, f"fit_rows({what}=...)", 24) < 0:
            raise ValueError(f"fit_rows({what}=...) must be 0 or more pixels, not {value}.")
    if rows < 0:
        raise ValueError(f"fit_rows() needs a number of rows of 0 or more, not {rows}.")
    height = max(least, row_height * rows + extra)
    shown = rows
    window = None
    if projector.active() and height > projector.FIGURE_HEIGHT:
        height = projector.FIGURE_HEIGHT
        shown = min(rows, max(1, (height - extra) // max(row_height, 1)))
        if shown < rows:
            window = [shown - 0.5, -0.5] if top_first else [rows - shown - 0.5, rows - 0.5]
    fig.layout.height = height
    if window is None:
        fig.update_yaxes(range=None, autorange="reversed" if top_first else True)
        fig.update_layout(dragmode=None)
        fig.update_xaxes(fixedrange=None)
    else:
        fig.update_yaxes(range=window, autorange=False)
        fig.update_layout(dragmode="pan")
        fig.update_xaxes(fixedrange=True)
    return shown


#: Marker symbols as characters, for a legend written in HTML.
_SYMBOL_CHARACTERS = {
    "circle": "\u25cf",
    "square": "\u25a0",
    "diamond": "\u25c6",
    "triangle-up": "\u25b2",
    "x": "\u2716",
    "star": "\u2605",
    "cross": "\u271a",
    "triangle-down": "\u25bc",
    "hexagon": "\u2b22",
    "pentagon": "\u2b1f",
}


def legend_html(entries: Iterable[tuple[str, str, str]]) -> str:
    """A chart's legend as one paragraph of HTML: each entry ``(label, colour, symbol)`` as its marker, drawn as a
    character in its colour, and its label. ``symbol`` is one of :data:`SYMBOLS` or ``"x"``.

    For a projected chart (:mod:`netgov.projector`), where plotly's legend would take rows the screen needs.
    """
    import html

    parts = []
    for entry in entries:
        if not (isinstance(entry, tuple) and len(entry) == 3 and all(isinstance(v, str) for v in entry)):
            raise TypeError(f"legend_html() needs (label, colour, symbol) entries of text, not {entry!r}.")
        label, colour, symbol = entry
        if symbol not in _SYMBOL_CHARACTERS:
            raise ValueError(f"legend_html(): unknown symbol {symbol!r}; use one of {', '.join(_SYMBOL_CHARACTERS)}.")
        parts.append(
            f'<span style="display:inline-block;margin-right:1.2em"><span style="color:{html.escape(colour)}">'
            f"{_SYMBOL_CHARACTERS[symbol]}</span> {html.escape(label)}</span>"
        )
    return f"<p>{' '.join(parts)}</p>"
