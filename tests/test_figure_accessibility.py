"""Colour is never the only carrier of meaning, and every figure is titled and labelled.

Every figure the lessons draw is built here without a kernel: each activity's in its starting state, and each
diagram a notebook shows outside an activity. In each, the traces a legend tells apart must also differ in marker
shape or line dash; bars and heatmap cells carry their value or label as text. Text descriptions under the
figures are checked in the browser (static edition), in each lesson's tests, and for diagrams in the lesson
contract (tests/test_lessons.py).
"""

from __future__ import annotations

import pytest

from netgov.lessons import LESSONS

#: Every activity that draws, of every registered lesson.
FIGURES = {
    f"{lesson.name}.{cls.__name__}": cls for lesson in LESSONS for cls in lesson.activity_classes() if cls.has_figure
}
#: Every diagram a lesson shows on its own (``Lesson.diagrams``): a function that returns its figure.
DIAGRAMS = {f"{lesson.name}.{draw.__name__}": draw for lesson in LESSONS for draw in lesson.diagram_functions()}


def non_colour_signature(trace) -> tuple:
    marker, line = getattr(trace, "marker", None), getattr(trace, "line", None)
    mode = getattr(trace, "mode", "") or ""
    symbol = marker.symbol if marker is not None and "markers" in mode else None
    dash = line.dash if line is not None and "lines" in mode else None
    return (symbol, dash)


@pytest.fixture(scope="module", params=[*FIGURES, *DIAGRAMS])
def figure(request):
    name = request.param
    return name, DIAGRAMS[name]() if name in DIAGRAMS else FIGURES[name]().figure


def test_legend_entries_differ_in_shape_or_dash_not_only_colour(figure):
    name, fig = figure
    scatter = [t for t in fig.data if t.type == "scatter" and t.showlegend is not False and t.name]
    signatures = {}
    for trace in scatter:
        signature = non_colour_signature(trace)
        assert signature != (None, None), f"{name}: {trace.name!r} is told apart by colour alone"
        assert signature not in signatures, f"{name}: {trace.name!r} looks like {signatures.get(signature)!r}"
        signatures[signature] = trace.name


def test_bars_and_heatmap_cells_carry_text(figure):
    name, fig = figure
    for trace in fig.data:
        if trace.type in ("bar", "heatmap"):
            assert trace.text is not None and len(trace.text) > 0, f"{name}: a {trace.type} without text labels"


def test_every_figure_has_a_title_and_labelled_axes(figure):
    name, fig = figure
    assert fig.layout.title.text, f"{name} has no title"
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.visible is False:
            continue  # a network map: positions carry no quantity
        assert axis.title.text, f"{name} has an axis without a title"


def test_the_signature_check_catches_colour_only_traces():
    import plotly.graph_objects as go

    same = go.Figure([go.Scatter(name="a", mode="markers"), go.Scatter(name="b", mode="markers")])
    assert non_colour_signature(same.data[0]) == non_colour_signature(same.data[1]) == (None, None)


@pytest.mark.parametrize("name", list(FIGURES))
def test_each_legend_entry_keeps_its_colour_and_shape_whatever_else_is_shown(name):
    """A country, a kind of statement or a blocking method must not change colour when another is added."""
    activity = FIGURES[name]()
    looks: dict[str, set] = {}
    for control, value in [(None, None), *activity.settings()]:
        if control is not None:
            control.value = value
        for trace in activity.figure.data:
            marker = getattr(trace, "marker", None)
            if trace.name and trace.showlegend is not False and marker is not None:
                looks.setdefault(trace.name, set()).add((str(marker.color), getattr(marker, "symbol", None)))
    changing = {entry: styles for entry, styles in looks.items() if len(styles) > 1}
    assert changing == {}, f"{name}: legend entries drawn in more than one way: {changing}"
