"""Lesson 3's network maps do not mislead: no link passes over a network it does not connect, and no label
overlaps another label or a network's marker, in every topology and with the gateways the gateway activity adds.

The geometry is measured on the figure itself, in pixels, the way plotly lays it out: each point's position
from the axis ranges and the plot area (the figure's size less its margins), each marker as a circle of its
size, each label (a point's text or an annotation) as a box of its lines, a character taken to be 0.6 of the
font size wide and a line 1.3 of it high (plotly's line spacing); measured in Chromium, every label's real box
lies inside the estimate. A link is the polyline of its trace between two gaps; it passes over a network when
one of its segments comes within the marker's radius of a network that is not one of its ends. Labels must
also stay inside the plot area. The maps are measured at plotly's default width (700 px) and on a wide screen.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from netgov import lesson3, projector
from netgov.figures import fit_screen

WIDTHS = (700, 1280)
DEFAULT_HEIGHT = 450  # plotly's, when a figure sets none
CHAR_WIDTH = 0.6
LINE_HEIGHT = 1.3
#: Plotly leaves about 4 px between a marker and its text; the boxes are taken to start 2 px from the marker.
TEXT_GAP = 2


def _margin(fig, side: str) -> float:
    for source in (fig.layout.margin, fig.layout.template.layout.margin):
        value = getattr(source, side)
        if value is not None:
            return value
    return {"l": 80, "r": 80, "t": 100, "b": 80}[side]


def _axis_range(axis, values: list[float]) -> tuple[float, float]:
    if axis.range is not None:
        return tuple(axis.range)
    low, high = min(values), max(values)  # autorange, roughly: the data and a little room
    pad = 0.05 * (high - low or 1)
    return low - pad, high + pad


def _geometry(fig, width: float):
    """The markers (name, centre, radius), the labels (text, box, the marker they belong to) and the links
    (polylines) of a figure, in pixels from its top left corner; and the plot area."""
    height = fig.layout.height or DEFAULT_HEIGHT
    left, right, top, bottom = (_margin(fig, s) for s in "lrtb")
    plot = (left, top, width - right, height - bottom)
    points = [
        (x, y) for trace in fig.data for x, y in zip(trace.x, trace.y, strict=True) if x is not None and y is not None
    ]
    x0, x1 = _axis_range(fig.layout.xaxis, [p[0] for p in points])
    y0, y1 = _axis_range(fig.layout.yaxis, [p[1] for p in points])

    def pixel(x: float, y: float) -> tuple[float, float]:
        return (
            plot[0] + (x - x0) / (x1 - x0) * (plot[2] - plot[0]),
            plot[1] + (y1 - y) / (y1 - y0) * (plot[3] - plot[1]),
        )

    def each(value, i):
        return value[i] if isinstance(value, tuple) else value

    markers, labels, links = [], [], []
    for trace in fig.data:
        mode = trace.mode or ""
        if "markers" in mode:
            for i, (x, y) in enumerate(zip(trace.x, trace.y, strict=True)):
                size, text = each(trace.marker.size, i), each(trace.text, i)
                name = each(trace.hovertext, i) or text or f"the point at ({x}, {y})"
                marker = {"name": name.replace("<br>", " "), "centre": pixel(x, y), "radius": size / 2}
                markers.append(marker)
                if text and "text" in mode:
                    where = each(trace.textposition, i) or "middle center"
                    box = _text_box(marker["centre"], size / 2, text, where, trace.textfont.size)
                    labels.append({"name": marker["name"], "box": box, "owner": marker})
        elif "lines" in mode:
            line: list[tuple[float, float]] = []
            for x, y in zip([*trace.x, None], [*trace.y, None], strict=True):
                if x is None:
                    if line:
                        links.append(line)
                    line = []
                else:
                    line.append(pixel(x, y))
    for note in fig.layout.annotations:
        anchor = pixel(note.x, note.y)
        owner = next((m for m in markers if math.dist(m["centre"], anchor) < 0.5), None)
        box = _annotation_box(anchor, note)
        labels.append({"name": note.text.replace("<br>", " "), "box": box, "owner": owner})
    return markers, labels, links, plot


def _text_box(centre, radius: float, text: str, where: str, font: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a point's text in pixels, placed the way plotly's textposition places it."""
    lines = text.split("<br>")
    width = CHAR_WIDTH * font * max(len(line) for line in lines)
    height = LINE_HEIGHT * font * len(lines)
    vertical, horizontal = where.split()
    x, y = centre
    left = {"left": x - radius - TEXT_GAP - width, "center": x - width / 2, "right": x + radius + TEXT_GAP}[horizontal]
    top = {"top": y - radius - TEXT_GAP - height, "middle": y - height / 2, "bottom": y + radius + TEXT_GAP}[vertical]
    return left, top, left + width, top + height


def _annotation_box(anchor, note) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of an annotation without an arrow, in pixels, its padding included."""
    lines = note.text.split("<br>")
    pad = note.borderpad if note.borderpad is not None else 1
    width = CHAR_WIDTH * note.font.size * max(len(line) for line in lines) + 2 * pad
    height = LINE_HEIGHT * note.font.size * len(lines) + 2 * pad
    x = anchor[0] + (note.xshift or 0)
    y = anchor[1] - (note.yshift or 0)
    left = {"left": x, "center": x - width / 2, "right": x - width}[note.xanchor or "center"]
    top = {"top": y, "middle": y - height / 2, "bottom": y - height}[note.yanchor or "middle"]
    return left, top, left + width, top + height


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box_covers_circle(box, centre, radius: float) -> bool:
    nearest = (min(max(centre[0], box[0]), box[2]), min(max(centre[1], box[1]), box[3]))
    return math.dist(nearest, centre) < radius


def problems(fig, width: float, graph=None) -> list[str]:
    """Everything misleading in a drawn map at a given width, in words; empty when the map is clean. With the
    graph drawn, also whether every network has its marker and its label, and every link its line."""
    markers, labels, links, plot = _geometry(fig, width)
    found = []
    if graph is not None:
        counts = {"links": (len(links), graph.number_of_edges()), "markers": (len(markers), len(graph))}
        counts["labels"] = (len(labels), len(graph))
        found += [
            f"{drawn} {what} drawn for {expected}" for what, (drawn, expected) in counts.items() if drawn != expected
        ]
    for line in links:
        ends = []
        for point in (line[0], line[-1]):
            at = [m for m in markers if math.dist(m["centre"], point) < 0.5]
            if not at:
                found.append(f"a link ends at {point}, where no network is")
            ends += at
        for marker in markers:
            if any(marker is end for end in ends):
                continue
            for a, b in zip(line, line[1:], strict=False):
                if _distance_to_segment(marker["centre"], a, b) < marker["radius"]:
                    names = " - ".join(end["name"] for end in ends)
                    found.append(f"the link {names} passes over {marker['name']}")
                    break
    for i, label in enumerate(labels):
        box = label["box"]
        if box[0] < plot[0] or box[1] < plot[1] or box[2] > plot[2] or box[3] > plot[3]:
            found.append(f"the label {label['name']} is cut off by the plot area")
        for other in labels[i + 1 :]:
            if _boxes_overlap(box, other["box"]):
                found.append(f"the labels {label['name']} and {other['name']} overlap")
        for marker in markers:
            if marker is not label["owner"] and _box_covers_circle(box, marker["centre"], marker["radius"]):
                found.append(f"the label {label['name']} covers the marker of {marker['name']}")
    return found


def _gateway_graphs():
    """The topologies with the gateways the gateway activity can add: none, each one alone, two, and all."""
    for era in lesson3.ERAS:
        base = lesson3.topology(era)
        candidates = [n for n in lesson3.access_networks(base) if n != "kazakhtelecom"]
        choices = [[], *([c] for c in candidates), candidates[:2], candidates[-2:], candidates]
        for chosen in choices:
            yield f"{era}+{len(chosen)}:{','.join(chosen[:2])}", lesson3.add_gateways(base, chosen)


GRAPHS = dict(_gateway_graphs())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", list(GRAPHS))
def test_no_link_passes_over_a_network_and_no_labels_overlap(case, width):
    graph = GRAPHS[case]
    fig = lesson3.draw(go.Figure(), graph, lost=lesson3.lose_access(graph, "kazakhtelecom"), blocked_at="kazakhtelecom")
    assert problems(fig, width, graph) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_activities_maps_are_clean_in_every_setting(width):
    for activity in (lesson3.ChokepointExplorer(), lesson3.GatewayExplorer()):
        for control, value in activity.settings():
            control.value = value
            assert problems(activity.figure, width, activity.graph) == []


def test_the_measure_finds_a_link_over_a_network_and_overlapping_labels():
    fig = go.Figure(
        [
            go.Scatter(x=[0, 2, None], y=[0, 0, None], mode="lines"),
            go.Scatter(
                x=[0, 1, 2, 1.05],
                y=[0, 0, 0, 0.05],
                mode="markers+text",
                text=["A", "B in the middle", "C", "D"],
                textposition="top center",
                textfont=dict(size=11),
                marker=dict(size=16),
            ),
        ],
        layout=dict(height=400, margin=dict(l=20, r=20, t=20, b=20), xaxis_range=[-1, 3], yaxis_range=[-1, 1]),
    )
    found = problems(fig, 700)
    assert "the link A - C passes over B in the middle" in found
    assert "the labels B in the middle and D overlap" in found
    assert "the label B in the middle covers the marker of D" in found


def test_the_measure_reads_labels_drawn_as_annotations():
    fig = go.Figure(
        go.Scatter(x=[0, 0], y=[0, 0.05], mode="markers", hovertext=["E", "F"], marker=dict(size=16)),
        layout=dict(height=400, margin=dict(l=20, r=20, t=20, b=20), xaxis_range=[-1, 1], yaxis_range=[-1, 1]),
    )
    fig.update_layout(
        annotations=[
            dict(x=0, y=y, text=text, showarrow=False, yanchor="bottom", yshift=10, font=dict(size=11))
            for y, text in [(0, "Label of E"), (0.05, "Label of F")]
        ]
    )
    found = problems(fig, 700)
    assert "the labels Label of E and Label of F overlap" in found
    assert "the label Label of E covers the marker of F" in found
    fig.layout.annotations = [dict(x=0, y=0, text="E", showarrow=False, yanchor="bottom", yshift=10, font_size=11)]
    fig.data[0].y = [0, -0.5]
    assert problems(fig, 700) == []


#: The width a lesson's figure gets in projector mode (netgov.projector.SCREEN less the page's padding, as
#: measured in tests/browser/test_lessons_on_a_projector.py), and a little less for a browser with a scroll bar.
PROJECTED_WIDTHS = (800, 835)


@pytest.mark.parametrize("width", PROJECTED_WIDTHS)
@pytest.mark.parametrize("case", list(GRAPHS))
def test_the_projected_maps_fit_the_screen_and_stay_clean(case, width, monkeypatch):
    monkeypatch.setenv(projector.ENV, "1")
    graph = GRAPHS[case]
    fig = lesson3.draw(go.Figure(), graph, lost=lesson3.lose_access(graph, "kazakhtelecom"), blocked_at="kazakhtelecom")
    # The map fits by itself: fit_screen(), which every activity's chart passes through, would squash its rows.
    assert fig.layout.height <= projector.FIGURE_HEIGHT
    assert fit_screen(fig).layout.height == fig.layout.height
    assert fig.layout.showlegend is False  # the legend is a line of text under the projected chart
    assert problems(fig, width, graph) == []
