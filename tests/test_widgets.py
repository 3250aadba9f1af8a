"""The shared widget pieces: a figure drawn into an Output widget."""

from __future__ import annotations

import types

import IPython
import plotly.io as pio
import pytest

from netgov.activity import FigureOutput


@pytest.fixture
def in_kernel(monkeypatch):
    """Pretend to run inside a kernel, the way FigureOutput.refresh looks for one."""
    shell = types.SimpleNamespace(kernel=object())
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")  # what plotly picks in an ipykernel


def test_refresh_outside_a_kernel_shows_nothing_but_counts():
    chart = FigureOutput(title_text="T")
    chart.figure.add_scatter(x=[1, 2], y=[3, 4])
    chart.refresh()
    assert chart.refreshes == 1
    assert chart.output.outputs == ()


def test_refresh_in_a_kernel_puts_exactly_one_plotly_figure_in_the_output(in_kernel):
    chart = FigureOutput(title_text="First")
    chart.figure.add_scatter(x=[1, 2], y=[3, 4])
    chart.refresh()
    chart.figure.update_layout(title_text="Second")
    chart.refresh()
    # The Output's state is replaced, never appended to: one figure, the latest.
    (shown,) = chart.output.outputs
    assert shown["output_type"] == "display_data"
    figure = shown["data"]["application/vnd.plotly.v1+json"]
    assert figure["layout"]["title"]["text"] == "Second"
    assert figure["data"][0]["y"] == [3, 4]
    assert set(shown["data"]) == {"application/vnd.plotly.v1+json"}  # JSON only: no plotly.js per redraw


def test_a_filtered_timeline_draws_the_card_once_per_update(monkeypatch):
    from netgov.lesson4 import CaseExplorer

    explorer = CaseExplorer()
    drawn = []
    card = explorer.card
    monkeypatch.setattr(explorer, "card", lambda case_id: drawn.append(case_id) or card(case_id))
    explorer.years.value = (2008, 2011)  # a new first case in the list
    assert drawn == [explorer.picker.value]
    assert explorer.detail.value == card(explorer.picker.value)
    drawn.clear()
    explorer.kinds.value = ()
    assert drawn == [] and explorer.detail.value == ""
