"""Projector mode without a browser: when a kernel knows it is projected, what the template holds, how figures
are fitted to the screen, and that the normal view keeps its figures as they were.

tests/browser/test_lessons_on_a_projector.py opens every lesson in projector mode at the projector's size.
"""

from __future__ import annotations

import json
import os
import sys

import plotly.graph_objects as go
import pytest
from helpers import ROOT

from netgov import lesson2, lesson3, lesson4, projector
from netgov.__main__ import main, project_target
from netgov.activity import FigureOutput
from netgov.figures import fit_rows, fit_screen, legend_html
from netgov.lessons import LESSONS

TEMPLATE_DIR = projector.template_root() / "voila" / "templates" / projector.TEMPLATE


@pytest.fixture
def projected(monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv(projector.ENV, "1")


@pytest.fixture
def not_projected(monkeypatch):
    monkeypatch.delenv(projector.ENV, raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)


@pytest.mark.parametrize(
    "env, query, expected",
    [
        (None, None, False),
        ("1", None, True),
        ("0", None, False),
        (None, "template=netgov-projector", True),
        (None, "x=1&template=netgov-projector", True),
        (None, "template=lab", False),
        (None, "netgov-projector", False),
    ],
)
def test_a_kernel_knows_it_is_projected_from_voilas_environment_or_the_pages_address(monkeypatch, env, query, expected):
    for name, value in ((projector.ENV, env), ("QUERY_STRING", query)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert projector.active() is expected


def test_the_template_extends_voilas_lab_template_with_the_stylesheet():
    assert json.loads((TEMPLATE_DIR / "conf.json").read_text()) == {"base_template": "lab"}
    page = (TEMPLATE_DIR / "index.html.j2").read_text()
    assert "extends 'lab/index.html.j2'" in page and "include 'projector.css'" in page
    css = (TEMPLATE_DIR / "projector.css").read_text()
    for rule in ("--jp-content-font-size1: 18px", "overflow-wrap: anywhere", "flex-wrap: wrap"):
        assert rule in css


def test_the_wheel_installs_the_template_where_voila_looks():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shared = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    source = "src/netgov/jupyter/voila/templates/netgov-projector"
    assert shared[source] == "share/jupyter/voila/templates/netgov-projector"
    assert (ROOT / source).is_dir()


def test_the_voila_command_uses_the_template_and_tells_the_kernels(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", "/somewhere/else")
    cmd, env = projector.voila_command("notebooks/04-blocked.ipynb", port=8899)
    assert cmd[:4] == [sys.executable, "-m", "voila", "notebooks/04-blocked.ipynb"]
    assert "--template=netgov-projector" in cmd and "--port=8899" in cmd
    assert env[projector.ENV] == "1"
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(projector.template_root()), "/somewhere/else"]
    assert TEMPLATE_DIR.is_dir()


def test_project_serves_a_lesson_by_number_or_path_and_says_what_exists(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    assert str(project_target("4")) == LESSONS[4].notebook
    assert str(project_target(None)) == "notebooks"
    assert str(project_target("notebooks/01-the-2009-law.ipynb")) == "notebooks/01-the-2009-law.ipynb"
    with pytest.raises(ValueError, match="give a lesson's number"):
        project_target("9")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(["project", "4"])
    assert stopped.value.code == 2


def test_fit_screen_lowers_tall_figures_on_a_projector_only(not_projected, monkeypatch):
    fig = go.Figure(layout=dict(height=900))
    assert fit_screen(fig).layout.height == 900
    monkeypatch.setenv(projector.ENV, "1")
    assert fit_screen(fig).layout.height == projector.FIGURE_HEIGHT
    low = go.Figure(layout=dict(height=300))
    assert fit_screen(low).layout.height == 300


def test_every_activity_chart_is_fitted_before_it_is_shown(projected):
    chart = FigureOutput(height=900)
    chart.refresh()
    assert chart.figure.layout.height == projector.FIGURE_HEIGHT


def test_fit_rows_gives_each_row_its_height_and_on_a_projector_shows_those_that_fit(not_projected, monkeypatch):
    fig = go.Figure()
    assert fit_rows(fig, 40, row_height=24, extra=220, least=420) == 40
    assert fig.layout.height == 24 * 40 + 220 and fig.layout.yaxis.range is None
    assert fit_rows(fig, 3) == 3 and fig.layout.height == 420
    monkeypatch.setenv(projector.ENV, "1")
    shown = fit_rows(fig, 40, row_height=24, extra=220, least=420)
    assert shown == (projector.FIGURE_HEIGHT - 220) // 24
    assert fig.layout.height == projector.FIGURE_HEIGHT
    # The last category is drawn at the top: the window is the top rows, and the chart pans up and down only.
    assert fig.layout.yaxis.range == (40 - shown - 0.5, 40 - 0.5)
    assert fig.layout.dragmode == "pan" and fig.layout.xaxis.fixedrange is True
    assert fit_rows(fig, 40, extra=220, top_first=True) == shown
    assert fig.layout.yaxis.range == (shown - 0.5, -0.5)
    # Few rows: the chart is whole again, as the normal view draws it.
    assert fit_rows(fig, 3, top_first=True) == 3
    assert fig.layout.yaxis.range is None and fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.dragmode is None


def test_the_normal_view_keeps_its_figures(not_projected):
    cases = lesson4.CaseExplorer()
    assert cases.figure.layout.height == 24 * len(cases.selection()) + 220
    assert cases.figure.layout.showlegend is not False
    # 640 px, or a 21 px row per actor past 21 actors: the whole map, however many actors the data holds.
    positions_map = lesson2.PositionsMap(year=2025)
    assert positions_map.rows_shown == len(positions_map.figure.data[0].y)
    assert positions_map.figure.layout.height == max(640, 21 * positions_map.rows_shown + 190)
    assert lesson3.ChokepointExplorer().figure.layout.height > projector.FIGURE_HEIGHT
    assert "drag it" not in cases.text.value


def test_projected_timelines_show_the_rows_that_fit_and_say_so(projected):
    cases = lesson4.CaseExplorer()
    assert cases.figure.layout.height <= projector.FIGURE_HEIGHT
    assert 8 <= cases.rows_shown < len(cases.selection())
    assert f"shows {cases.rows_shown} rows at a time: drag it up or down" in cases.text.value
    labels = [label for label, *_ in cases._drawn]
    assert len(set(labels)) == len(labels), "shortened names must still tell the cases apart"
    # Plotly's legend gives way to one in text under the chart, with each method's colour and marker.
    assert cases.figure.layout.showlegend is False
    assert any("TLS filtering by server name" in getattr(w, "value", "") for w in cases.widget.children)
    positions = lesson2.PositionsMap(year=2025)
    assert positions.figure.layout.height <= projector.FIGURE_HEIGHT
    assert f"shows {positions.rows_shown} actors at a time" in positions.text.value


def test_projected_network_maps_carry_their_legend_as_text(projected):
    for activity in (lesson3.ChokepointExplorer(), lesson3.GatewayExplorer()):
        assert activity.figure.layout.height <= projector.FIGURE_HEIGHT
        legend = [w.value for w in activity.widget.children if "Link: documented" in getattr(w, "value", "")]
        assert len(legend) == 1 and "Where the block is applied" in legend[0]


def test_legend_html_draws_each_marker_in_its_colour_beside_its_label():
    text = legend_html([("Loses access", "#D55E00", "x"), ("Keeps <all>", "#0072B2", "circle")])
    assert '<span style="color:#D55E00">\u2716</span> Loses access' in text
    assert "Keeps &lt;all&gt;" in text
