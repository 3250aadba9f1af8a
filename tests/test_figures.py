"""The kit's plotly template and axis helpers."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import netgov
from netgov.figures import OKABE_ITO, _nice_step, message_figure, year_axis


def test_import_registers_the_template_as_default():
    assert netgov.figures.TEMPLATE_NAME in pio.templates
    assert pio.templates.default == "plotly_white+netgov"
    assert list(pio.templates["netgov"].layout.colorway) == list(OKABE_ITO)


def test_palette_is_okabe_ito():
    assert OKABE_ITO[:3] == ("#E69F00", "#56B4E9", "#009E73")
    assert len(set(OKABE_ITO)) == 8


def test_fonts_are_readable_on_a_projector():
    layout = pio.templates["netgov"].layout
    assert layout.font.size >= 14
    assert layout.title.font.size > layout.font.size


@pytest.mark.parametrize(
    ("span", "max_ticks", "step"),
    [(0, 12, 1), (5, 12, 1), (11, 12, 1), (12, 12, 2), (22, 12, 2), (23, 12, 5), (60, 12, 10), (20, 5, 5)],
)
def test_year_step_keeps_ticks_under_the_limit(span, max_ticks, step):
    assert _nice_step(span, max_ticks) == step
    assert span / step + 1 <= max_ticks or span == 0


def test_year_axis_gives_whole_years_from_the_traces():
    fig = go.Figure(go.Scatter(x=[2009, 2010, 2011, 2012], y=[1, 2, 3, 4]))
    year_axis(fig)
    axis = fig.layout.xaxis
    assert axis.tickformat == "d"
    assert axis.tickmode == "linear" and axis.dtick == 1 and axis.tick0 == 2009
    assert axis.separatethousands is False


def test_year_axis_on_y_with_explicit_years():
    fig = go.Figure()
    year_axis(fig, range(2000, 2026), axis="y")
    assert fig.layout.yaxis.dtick == 5 and fig.layout.yaxis.tickformat == "d"
    assert fig.layout.yaxis.tick0 == 2000


def test_year_axis_works_on_figure_widgets():
    fig = go.FigureWidget(go.Scatter(x=[2008, 2024], y=[0, 1]))
    year_axis(fig)
    assert fig.layout.xaxis.dtick == 2


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        (dict(fig="not a figure"), TypeError, "plotly Figure"),
        (dict(axis="z"), ValueError, "'x' or 'y'"),
        (dict(max_ticks=1), ValueError, "at least 2"),
        (dict(max_ticks=True), ValueError, "at least 2"),
    ],
)
def test_year_axis_rejects_bad_input_clearly(kwargs, error, text):
    args = dict(fig=go.Figure())
    args.update(kwargs)
    fig = args.pop("fig")
    with pytest.raises(error, match=text):
        year_axis(fig, **args)


def test_message_figure_says_why_it_is_empty():
    fig = message_figure("No case matches these filters.")
    assert fig.layout.annotations[0].text == "No case matches these filters."
    assert fig.layout.title.text
    with pytest.raises(ValueError, match="non-empty message"):
        message_figure("  ")


def test_date_axis_years_labels_whole_years():
    from netgov.figures import date_axis_years

    fig = go.Figure(go.Scatter(x=["2009-07-10", "2023-07-10"], y=[1, 2]))
    date_axis_years(fig, "2009-07-10", 2023)
    axis = fig.layout.xaxis
    assert axis.type == "date" and axis.tickformat == "%Y"
    assert axis.dtick == "M24" and axis.range == ("2009-01-01", "2024-01-01")
    assert axis.tick0 == "2008-01-01"  # ticks on multiples of the step


def test_date_axis_years_rejects_bad_input():
    from netgov.figures import date_axis_years

    with pytest.raises(ValueError, match="before the start"):
        date_axis_years(go.Figure(), 2020, 2010)
    with pytest.raises(ValueError, match="needs dates or years"):
        date_axis_years(go.Figure(), "soon", 2010)
    with pytest.raises(TypeError, match="plotly Figure"):
        date_axis_years({}, 2009, 2010)


def test_lesson_modules_load_on_first_use():
    from netgov.lessons import LESSONS

    for name in (*(lesson.name for lesson in LESSONS), "quiz", "cards", "activity", "lessons", "export"):
        assert getattr(netgov, name).__name__ == f"netgov.{name}"
    with pytest.raises(AttributeError, match="no attribute 'lesson9'"):
        netgov.lesson9  # noqa: B018
