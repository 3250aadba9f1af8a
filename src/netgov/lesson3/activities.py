"""Lesson 3's activities, and the drawing of the network model.

* :class:`ChokepointExplorer`: pick where a block is applied and what is blocked; see who loses access.
* :class:`ConcentrationCalculator`: adjust market shares; see the Herfindahl-Hirschman index.
* :class:`GatewayExplorer`: give networks their own international link; watch the chokepoint shrink.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import NamedTuple

import ipywidgets as widgets
import networkx as nx

from .._validate import need_figure
from ..activity import Activity, FigureOutput
from ..cards import message
from ..figures import BAD, GOOD, NEUTRAL, legend_html
from .tables import (
    ERAS,
    WORLD,
    _check_graph,
    _check_node,
    access_networks,
    add_gateways,
    betweenness,
    chokepoint_share,
    hhi,
    hhi_band,
    lose_access,
    market_shares,
    topology,
)

__all__ = ["ChokepointExplorer", "ConcentrationCalculator", "GatewayExplorer", "draw"]

LINE_STYLES = {"documented": "solid", "inferred": "dash", "illustrative": "dot"}


#: The map's look, in pixels. Labels are wrapped so that two of them fit side by side between neighbouring
#: columns on a 700 px wide figure (plotly's default width); a character is taken to be 0.6 of the font size.
LABEL_FONT = 11
LABEL_LINE_CHARS = 17
LINE_HEIGHT = 1.3 * LABEL_FONT  # plotly's spacing of the lines of one text
MARKER_SIZE = 16
#: Between a marker and its label.
TEXT_GAP = 2
LABEL_GROUND = "rgba(255, 255, 255, 0.85)"
#: Vertical room in a column: under each marker, and for a link that passes between two networks.
NODE_GAP = 10
PASSAGE = 16
#: A link between two networks of one column runs out to the side by this much (in columns).
SIDE_STEP = 0.5
MAP_MARGIN = dict(l=20, r=20, t=60, b=100)
MAP_LEGEND = dict(orientation="h", x=0, xanchor="left", y=-0.01, yanchor="top")
#: Rounds in which each row moves towards the rows it is linked to.
RELAX_ROUNDS = 30
#: The map's plot area is never lower than this; a taller map makes the figure taller.
MIN_PLOT_HEIGHT = 460


class _Look(NamedTuple):
    """What the map's layout depends on besides the network: label width in characters, room under a marker
    and for a passing link, the plot area's least height, the figure's margins and whether plotly draws the
    legend."""

    line_chars: int
    node_gap: float
    passage: float
    min_height: float
    margin: dict
    legend: bool


NORMAL = _Look(LABEL_LINE_CHARS, NODE_GAP, PASSAGE, MIN_PLOT_HEIGHT, MAP_MARGIN, True)
#: On a projector (netgov.projector) the map must fit 853x480 CSS pixels: labels use the screen's width
#: (a figure about 820 px wide leaves 150 px between columns, room for two labels of 20 characters side by
#: side), rows sit closer, and the legend is a line of text under the chart instead of 100 px of margin.
PROJECTED = _Look(20, 4, 8, 0, dict(l=20, r=20, t=40, b=10), False)
#: For a map that is still too tall that way (every network with its own gateway): rows and title closer still.
PROJECTED_TIGHT = PROJECTED._replace(node_gap=2, passage=2, margin=dict(l=20, r=20, t=28, b=4))


def _fitted_layout(graph: nx.Graph) -> tuple[_Look, _Layout]:
    """The look for where the map is shown, and the map laid out in it: on a projector, the first look whose
    figure fits the screen's height (the tightest when none does)."""
    from .. import projector

    if not projector.active():
        return NORMAL, _cached_layout(graph, NORMAL)
    for look in (PROJECTED, PROJECTED_TIGHT):
        layout = _cached_layout(graph, look)
        if layout.height + look.margin["t"] + look.margin["b"] <= projector.FIGURE_HEIGHT:
            break
    return look, layout


def _column(attrs: dict) -> int:
    """Columns from the world (left) to the neighbours' networks (right)."""
    if attrs["role"] == "world":
        return 0
    if attrs["role"] in ("foreign_upstream", "gateway"):
        return 1
    if attrs["country"] == "KZ" and attrs["role"] in ("incumbent", "backbone"):
        return 2
    if attrs["country"] == "KZ":
        return 3
    return 4


def _label(name: str, line_chars: int = LABEL_LINE_CHARS) -> str:
    """A network's name wrapped into lines of at most ``line_chars`` characters (plotly's ``<br>``)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= line_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


class _Layout(NamedTuple):
    """Where :func:`draw` puts each network (x in columns, y in pixels from the top, negative) and the points
    each link passes through from one end to the other; ``height``: the plot area's height in pixels."""

    positions: dict[str, tuple[float, float]]
    routes: dict[tuple[str, str], list[tuple[float, float]]]
    labels: dict[str, str]
    height: float


def _crossings(order: dict[str, int], pairs: list[tuple[str, str]]) -> int:
    """How many of the links between two neighbouring columns cross each other."""
    ends = sorted((order[a], order[b]) for a, b in pairs)
    return sum(1 for i, (a1, b1) in enumerate(ends) for a2, b2 in ends[i + 1 :] if a1 < a2 and b1 > b2)


def _layout(graph: nx.Graph, look: _Look = NORMAL) -> _Layout:
    """Place the networks so that no link passes over a network it does not connect and no labels overlap.

    Each network has its column (:func:`_column`). A link that spans several columns gets a waypoint in each
    column between its ends, which takes a row of its own there, so the link passes between networks rather
    than over them; two networks of one column that are linked sit next to each other, their link drawn out
    to the side. Rows are ordered to reduce crossings (the barycentre method, as in layered graph drawing),
    then each moves towards the rows it is linked to while keeping the room it needs in its column: its
    label's height and its marker's for a network, a passage for a link. tests/test_diagrams.py measures the
    result.
    """
    columns: dict[int, list[str]] = {}
    column_of: dict[str, int] = {}
    for node, attrs in graph.nodes(data=True):
        column_of[node] = _column(attrs)
    names = nx.get_node_attributes(graph, "name")
    for node in sorted(graph, key=lambda n: (names[n], n)):
        columns.setdefault(column_of[node], []).append(node)
    labels = {node: _label(names[node], look.line_chars) for node in graph}

    # Waypoints: ("via", a, b, column) stands for the link a-b where it crosses that column.
    chains: dict[tuple[str, str], list] = {}
    together: list[tuple[str, str]] = []
    for a, b in sorted(graph.edges(), key=lambda e: (column_of[e[0]], e)):
        if column_of[a] > column_of[b]:
            a, b = b, a
        if column_of[a] == column_of[b]:
            together.append((a, b))
            chains[(a, b)] = [a, b]
            continue
        vias = [("via", a, b, c) for c in range(column_of[a] + 1, column_of[b])]
        for via in vias:
            columns.setdefault(via[3], []).append(via)
        chains[(a, b)] = [a, *vias, b]

    # Blocks: a network and those of its column it is linked to move as one.
    blocks: dict[int, list[list]] = {}
    block_of: dict = {}
    for c, items in columns.items():
        blocks[c] = []
        for item in items:
            if item in block_of:
                continue
            block = [item]
            if isinstance(item, str):
                partners = [b if a == item else a for a, b in together if item in (a, b)]
                block += [p for p in partners if p not in block_of]
            for member in block:
                block_of[member] = block
            blocks[c].append(block)

    neighbours: dict = {}
    for chain in chains.values():
        for u, v in zip(chain, chain[1:], strict=False):
            if u != v and _col(u, column_of) != _col(v, column_of):
                neighbours.setdefault(u, []).append(v)
                neighbours.setdefault(v, []).append(u)
    between = {
        c: [
            (u, v)
            for chain in chains.values()
            for u, v in zip(chain, chain[1:], strict=False)
            if _col(u, column_of) == c and _col(v, column_of) == c + 1
        ]
        for c in columns
    }

    def orders() -> dict:
        return {item: i for c in blocks for i, item in enumerate(m for block in blocks[c] for m in block)}

    def total_crossings() -> int:
        order = orders()
        return sum(_crossings(order, pairs) for pairs in between.values())

    best = (total_crossings(), {c: list(b) for c, b in blocks.items()})
    ordered = sorted(columns)
    for sweep in range(8):
        sequence = ordered[1:] if sweep % 2 == 0 else ordered[-2::-1]
        side = -1 if sweep % 2 == 0 else 1
        for c in sequence:
            order = orders()

            def barycentre(block: list, order=order, c=c, side=side) -> float:
                seen = [order[n] for m in block for n in neighbours.get(m, []) if _col(n, column_of) == c + side]
                return sum(seen) / len(seen) if seen else order[block[0]]

            blocks[c].sort(key=barycentre)
        score = total_crossings()
        if score < best[0]:
            best = (score, {c: list(b) for c, b in blocks.items()})
    blocks = best[1]

    def above(item) -> float:
        """The room a row needs above its anchor: a network's label and half its marker, or half a passage."""
        if not isinstance(item, str):
            return look.passage / 2
        return (labels[item].count("<br>") + 1) * LINE_HEIGHT + TEXT_GAP + MARKER_SIZE / 2

    def below(item) -> float:
        return look.passage / 2 if not isinstance(item, str) else MARKER_SIZE / 2 + look.node_gap

    # Depths in pixels from the top. Rows start stacked; then each moves towards the rows it is linked to (the
    # mean of their depths) as far as its column's rows above and below allow: long links straighten and a
    # network with many links sits among them.
    stacks = {c: [m for block in blocks[c] for m in block] for c in blocks}
    depth: dict = {}
    for stack in stacks.values():
        y = 0.0
        for i, item in enumerate(stack):
            y += above(item) + (below(stack[i - 1]) if i else 0)
            depth[item] = y
    for _ in range(RELAX_ROUNDS):
        for c in ordered:
            stack = stacks[c]
            wanted = [
                sum(depth[n] for n in neighbours[m]) / len(neighbours[m]) if neighbours.get(m) else depth[m]
                for m in stack
            ]
            gaps = [below(a) + above(b) for a, b in zip(stack, stack[1:], strict=False)]
            depth.update(zip(stack, _settle(wanted, gaps), strict=True))
    top = min(depth[stack[0]] - above(stack[0]) for stack in stacks.values())
    bottom = max(depth[stack[-1]] + below(stack[-1]) for stack in stacks.values())
    height = max(look.min_height, bottom - top + 2 * look.node_gap)
    shift = (height - (bottom - top)) / 2 - top
    points = {item: (float(_col(item, column_of)), -(y + shift)) for item, y in depth.items()}

    routes: dict[tuple[str, str], list[tuple[float, float]]] = {}
    last = max(columns)
    for (a, b), chain in chains.items():
        route = [points[item] for item in chain]
        if column_of[a] == column_of[b]:
            # Out to the side and back, so that the link never runs over the lower network's label.
            x = route[0][0] + (SIDE_STEP if column_of[a] == last else -SIDE_STEP)
            route = [route[0], (x, route[0][1]), (x, route[1][1]), route[1]]
        routes[(a, b)] = route
    return _Layout({n: points[n] for n in graph}, routes, labels, height)


def _settle(wanted: list[float], gaps: list[float]) -> list[float]:
    """The depths closest to ``wanted`` (least squares) that keep each row at least ``gaps[i]`` below the one
    above it: the depths less the gaps above them must not decrease, an isotonic regression (pool adjacent
    violators)."""
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    pools: list[tuple[float, int]] = []  # (mean, rows)
    for want, offset in zip(wanted, offsets, strict=True):
        pools.append((want - offset, 1))
        while len(pools) > 1 and pools[-2][0] > pools[-1][0]:
            (low, n_low), (high, n_high) = pools.pop(), pools.pop()
            pools.append(((low * n_low + high * n_high) / (n_low + n_high), n_low + n_high))
    settled = [mean for mean, rows in pools for _ in range(rows)]
    return [z + offset for z, offset in zip(settled, offsets, strict=True)]


def _col(item, column_of: dict[str, int]) -> int:
    return item[3] if isinstance(item, tuple) else column_of[item]


def draw(
    figure, graph: nx.Graph, *, lost: Iterable[str] = (), blocked_at: str | None = None, destination: str | None = None
):
    """Draw the topology into a plotly figure: links styled by certainty, networks marked by their fate.

    The map sets the figure's height, margins and legend: its labels are placed in pixels.
    """
    need_figure(figure, "draw()")
    _check_graph(graph, "draw()")
    lost = set(lost)
    look, layout = _fitted_layout(graph)
    positions = layout.positions
    traces = []
    for certainty, dash in LINE_STYLES.items():
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b, attrs in graph.edges(data=True):
            if attrs["certainty"] == certainty:
                route = layout.routes[(a, b)] if (a, b) in layout.routes else layout.routes[(b, a)]
                xs += [x for x, _ in route] + [None]
                ys += [y for _, y in route] + [None]
        if xs:
            traces.append(
                dict(
                    type="scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=f"Link: {certainty}",
                    hoverinfo="skip",
                    line=dict(dash=dash, width=2, color="#555555"),
                )
            )
    groups = [
        ("Keeps access", lambda n: n not in lost and n not in (blocked_at, destination), NEUTRAL, "circle"),
        ("Loses access", lambda n: n in lost and n != blocked_at, BAD, "x"),
        ("Where the block is applied", lambda n: n == blocked_at, "#000000", "square"),
        ("Blocked destination", lambda n: n == destination and n != blocked_at, GOOD, "star"),
    ]
    for label, test, colour, symbol in groups:
        nodes = [n for n in graph if test(n)]
        if nodes:
            traces.append(
                dict(
                    type="scatter",
                    x=[positions[n][0] for n in nodes],
                    y=[positions[n][1] for n in nodes],
                    mode="markers",
                    name=label,
                    hovertext=[graph.nodes[n]["name"] for n in nodes],
                    marker=dict(size=MARKER_SIZE, color=colour, symbol=symbol, line=dict(width=1, color="#222222")),
                    hovertemplate="%{hovertext}<extra>" + label + "</extra>",
                )
            )
    labels = [(x, y, layout.labels[node]) for node, (x, y) in positions.items()]
    columns = [x for x, _ in positions.values()]
    frame = {
        "height": layout.height + look.margin["t"] + look.margin["b"],
        "x": [min(columns) - SIDE_STEP - 0.1, max(columns) + SIDE_STEP + 0.1],
        "y": [-layout.height, 0],
    }
    with figure.batch_update():
        figure.data = []
        figure.add_traces(traces)  # one call with plain dicts: add_scatter() builds and checks each twice
        # Labels as annotations, on a white ground: a link that passes behind a label does not strike it
        # through. Set again only when they moved: the explorer redraws the same map for every block.
        if [(a.x, a.y, a.text) for a in figure.layout.annotations] != labels:
            figure.layout.annotations = [
                dict(
                    x=x,
                    y=y,
                    text=text,
                    showarrow=False,
                    xanchor="center",
                    yanchor="bottom",
                    yshift=MARKER_SIZE / 2 + TEXT_GAP,
                    font=dict(size=LABEL_FONT),
                    bgcolor=LABEL_GROUND,
                    borderpad=0,
                )
                for x, y, text in labels
            ]
        _frame(figure, look, **frame)
    return figure


def _frame(figure, look: _Look, height: float, x: list[float], y: list[float]) -> None:
    """The map's size, margins, legend and axes, each set only when it differs (plotly's updates are slow)."""
    layout = figure.layout
    if layout.height != height:
        layout.height = height
    if tuple(getattr(layout.margin, side) for side in look.margin) != tuple(look.margin.values()):
        layout.margin = look.margin
    if not look.legend:
        if layout.showlegend is not False:
            layout.showlegend = False
    elif (layout.legend.orientation, layout.legend.yanchor, layout.legend.y) != ("h", "top", MAP_LEGEND["y"]):
        layout.legend = MAP_LEGEND
    for axis, wanted in ((layout.xaxis, x), (layout.yaxis, y)):
        if axis.visible is not False:
            axis.visible = False
        if axis.range != tuple(wanted):
            axis.range = wanted


#: Maps already laid out, by what the layout depends on: the explorers redraw one map for every setting.
_LAYOUTS: dict[tuple, _Layout] = {}


def _cached_layout(graph: nx.Graph, look: _Look = NORMAL) -> _Layout:
    key = (
        look.line_chars,
        look.node_gap,
        look.passage,
        look.min_height,
        tuple(sorted((n, a["name"], a["role"], a["country"]) for n, a in graph.nodes(data=True))),
        tuple(sorted(tuple(sorted(edge)) for edge in graph.edges())),
    )
    if key not in _LAYOUTS:
        if len(_LAYOUTS) >= 64:
            _LAYOUTS.clear()
        _LAYOUTS[key] = _layout(graph, look)
    return _LAYOUTS[key]


def _map_chart(title: str) -> FigureOutput:
    """The chart that :func:`draw` draws a network map into (the map sets its own height and legend)."""
    return FigureOutput(title_text=title)


def _map() -> list:
    """What stands for the map in an activity's layout: the chart, and on a projector the legend under it,
    which the projected chart leaves out to keep its height (see PROJECTED)."""
    from .. import projector

    if not projector.active():
        return ["chart"]
    lines = "".join(
        f'<span style="display:inline-block;margin-right:1.2em;white-space:nowrap">'
        f'<span style="display:inline-block;width:2em;vertical-align:middle;border-top:3px {css} #555555">'
        f"</span> Link: {certainty}</span>"
        for certainty, css in (("documented", "solid"), ("inferred", "dashed"), ("illustrative", "dotted"))
    )
    marks = legend_html(
        [
            ("Keeps access", NEUTRAL, "circle"),
            ("Loses access", BAD, "x"),
            ("Where the block is applied", "#000000", "square"),
            ("Blocked destination", GOOD, "star"),
        ]
    )
    return ["chart", widgets.HTML(f"<p>{lines}</p>{marks}")]


def _names(graph: nx.Graph, nodes: Iterable[str]) -> str:
    return ", ".join(sorted(graph.nodes[n]["name"] for n in nodes)) or "none"


class ChokepointExplorer(Activity):
    """Pick a topology, the network where a block is applied and what it blocks; see who loses access."""

    has_figure = True

    def __init__(self, era: str = "2009-all", blocked_at: str = "kazakhtelecom"):
        if era not in ERAS:
            raise ValueError(f"Unknown era {era!r}. Choose one of: {', '.join(ERAS)}.")
        graph = topology(era)
        _check_node(graph, blocked_at, "blocking point")
        self.era = widgets.Dropdown(
            options=[(v, k) for k, v in ERAS.items()],
            value=era,
            description="Topology",
            layout=widgets.Layout(width="52em"),
        )
        self.blocked_at = widgets.Dropdown(description="Block at", layout=widgets.Layout(width="52em"))
        self.destination = widgets.Dropdown(description="Blocking", layout=widgets.Layout(width="52em"))
        self._initial_block = blocked_at
        self.graph = graph
        self._updating = True  # nothing to draw until the era has filled the lists
        self._build(
            [self.blocked_at, self.destination],
            chart=_map_chart("Who loses access when one network filters"),
            layout=[self.era, self.blocked_at, self.destination, *_map(), "text"],
        )
        self.controls.insert(0, self.era)
        self.era.observe(self._new_era, names="value")
        self._new_era(graph=graph)

    def _new_era(self, change: object = None, graph: nx.Graph | None = None) -> None:
        """Rebuild the lists and the map for the chosen era (``graph``: its topology, when already built)."""
        self.graph = graph if graph is not None else topology(self.era.value)
        names = nx.get_node_attributes(self.graph, "name")
        blockers = sorted((names[n], n) for n in self.graph if n != WORLD)
        destinations = [("A website abroad", WORLD)] + sorted(
            (f"A website hosted on {names[n]}", n)
            for n in access_networks(self.graph)
            if self.graph.nodes[n]["country"] == "KZ"
        )
        current = self.blocked_at.value or self._initial_block
        self._updating = True
        try:
            self.blocked_at.options = blockers
            self.blocked_at.value = current if current in self.graph else blockers[0][1]
            self.destination.options = destinations
            self.destination.value = WORLD
        finally:
            self._updating = False
        self.update()

    def update(self, change: object = None) -> None:
        blocked_at, destination = self.blocked_at.value, self.destination.value
        if self._updating or blocked_at is None or destination is None:
            return
        self.lost = lose_access(self.graph, blocked_at, destination)
        super().update()

    def draw(self) -> None:
        draw(
            self.figure,
            self.graph,
            lost=self.lost,
            blocked_at=self.blocked_at.value,
            destination=self.destination.value,
        )

    def describe(self) -> str:
        lost, blocked_at, destination = self.lost, self.blocked_at.value, self.destination.value
        total = access_networks(self.graph)
        names = nx.get_node_attributes(self.graph, "name")
        what = "websites abroad" if destination == WORLD else f"a website hosted on {names[destination]}"
        countries = sorted({self.graph.nodes[n]["country"] for n in lost if self.graph.nodes[n]["country"]})
        text = (
            f"Network diagram: {len(total)} networks with users, linked to the sites abroad on the left through "
            f"foreign transit. A block at {names[blocked_at]} on {what} cuts off {len(lost)} of {len(total)} "
            f"networks ({len(lost) / len(total):.0%}): {_names(self.graph, lost)}."
        )
        if countries:
            text += f" Countries affected: {', '.join(countries)}."
        text += (
            " Assumptions: each network counts once (the data has no comparable user counts), and a block cuts "
            "every path through the network that applies it. Solid links are documented by a source, dashed "
            "ones inferred, dotted ones illustrative placeholders."
        )
        return f"<p>{html.escape(text)}</p>"


class ConcentrationCalculator(Activity):
    """Start from a year's mobile-broadband shares, move the sliders, and watch the HHI and its band."""

    has_figure = True

    def __init__(self, year: int = 2016):
        self.table = market_shares("mobile_broadband")
        years = [int(y) for y in self.table.index]
        if year not in years:
            raise ValueError(f"No mobile-broadband shares for {year}. Years with shares: {years}.")
        self.year = widgets.Dropdown(options=years, value=year, description="Start from")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.slider_box = widgets.VBox()
        chart = FigureOutput(
            title_text="Mobile broadband market shares",
            xaxis_title="Operator",
            yaxis_title="Share of subscribers (%)",
            yaxis_range=[0, 105],
            height=380,
        )
        self._build([], chart=chart, layout=[self.year, self.slider_box, "text", "chart"])
        self.year.observe(self._load_year, names="value")
        self._load_year()

    def _load_year(self, change: object = None) -> None:
        """One slider per operator with a share in the chosen year, set to that share."""
        row = self.table.loc[self.year.value].dropna()
        self.sliders = {
            op: widgets.FloatSlider(
                value=float(share),
                min=0,
                max=100,
                step=0.5,
                description=op,
                continuous_update=False,
                style={"description_width": "14em"},
                layout=widgets.Layout(width="36em"),
            )
            for op, share in row.items()
        }
        for slider in self.sliders.values():
            slider.observe(self.update, names="value")
        self.slider_box.children = list(self.sliders.values())
        self.controls = [self.year, *self.sliders.values()]
        self.update()

    @property
    def shares(self) -> dict[str, float]:
        return {op: s.value for op, s in self.sliders.items()}

    def draw(self) -> None:
        shares = self.shares
        self.figure.data = []
        self.figure.add_bar(
            x=list(shares),
            y=list(shares.values()),
            marker_color=NEUTRAL,
            text=[f"{v:.1f}%" for v in shares.values()],
            textposition="outside",
            name="Share",
        )
        index = f"HHI {hhi(shares.values()):,.0f}" if shares else "no shares"
        self.figure.layout.title.text = f"Mobile broadband market shares: {index}"

    def describe(self) -> str:
        shares = self.shares
        total = sum(shares.values())
        if total == 0:
            return message("All shares are zero: move at least one slider to describe a market.")
        index = hhi(shares.values())
        # Above 10,000 only when the shares add up to more than 100%: no band applies (the note below says why).
        band = hhi_band(index) if index <= 10_000 else "above the index's maximum of 10,000, so outside every band"
        parts = [
            f"<p><strong>HHI = {index:,.0f}</strong>: {band} by the 2023 US Merger Guidelines "
            f"(below 1,000 unconcentrated, 1,000 to 1,800 moderately, above 1,800 highly concentrated). "
            f"The largest share alone contributes {max(shares.values()) ** 2:,.0f}.</p>",
        ]
        if total > 100.5:
            parts.append(
                message(
                    f"The shares add up to {total:.1f}%, more than 100%. Sources round or count differently; "
                    "the HHI is computed on the shares as given."
                )
            )
        elif total < 99.5:
            parts.append(
                f"<p>The shares add up to {total:.1f}%; the rest is held by operators not listed, "
                "whose shares (unknown) would add a little to the index.</p>"
            )
        bars = "; ".join(f"{op} {v:.1f}%" for op, v in shares.items())
        parts.append(f"<p>Bar chart of the shares: {html.escape(bars)}.</p>")
        return "".join(parts)


class GatewayExplorer(Activity):
    """Give networks their own international link and watch Kazakhtelecom's chokepoint share and centrality fall."""

    has_figure = True

    def __init__(self, era: str = "2009-all", operator: str = "kazakhtelecom"):
        self.base = topology(era)
        _check_node(self.base, operator, "operator")
        self.operator = operator
        candidates = [n for n in access_networks(self.base) if n != operator]
        names = nx.get_node_attributes(self.base, "name")
        self.gateways = widgets.SelectMultiple(
            options=sorted((names[n], n) for n in candidates),
            value=(),
            rows=len(candidates),
            description="Own link for",
            layout=widgets.Layout(width="36em"),
        )
        self.baseline = (chokepoint_share(self.base, operator), betweenness(self.base).get(names[operator], 0.0))
        self._build(
            [self.gateways],
            chart=_map_chart("A network with new international gateways"),
            layout=[self.gateways, "text", *_map()],
        )

    def update(self, change: object = None) -> None:
        self.graph = add_gateways(self.base, self.gateways.value)
        name = self.graph.nodes[self.operator]["name"]
        self.current = (chokepoint_share(self.graph, self.operator), betweenness(self.graph).get(name, 0.0))
        super().update()

    def draw(self) -> None:
        graph = self.graph
        draw(self.figure, graph, lost=lose_access(graph, self.operator), blocked_at=self.operator, destination=WORLD)

    def describe(self) -> str:
        share, central = self.current
        name = self.graph.nodes[self.operator]["name"]
        base_share, base_central = self.baseline
        chosen = len(self.gateways.value)
        lead = "No new gateway yet: pick networks in the list." if not chosen else f"{chosen} new gateway(s)."
        return (
            f"<p>{html.escape(lead)} Share of the networks that lose sites abroad if {html.escape(name)} "
            f"filters them, its own included: <strong>{share:.0%}</strong> (was {base_share:.0%}). "
            f"Its betweenness centrality: "
            f"<strong>{central:.2f}</strong> (was {base_central:.2f}). In the diagram, the networks marked "
            "<em>Loses access</em> are those a block at that operator would still cut off.</p>"
        )
