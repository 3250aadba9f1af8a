"""Lesson 3's activities, and the drawing of the network model.

* :class:`ChokepointExplorer`: pick where a block is applied and what is blocked; see who loses access.
* :class:`ConcentrationCalculator`: adjust market shares; see the Herfindahl-Hirschman index.
* :class:`GatewayExplorer`: give networks their own international link; watch the chokepoint shrink.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets
import networkx as nx

from .._validate import need_figure
from ..activity import Activity, FigureOutput
from ..cards import message
from ..figures import BAD, GOOD, NEUTRAL
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


def _layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Columns from the world (left) to the neighbours' networks (right); rows spread evenly in each column."""

    def column(node: str, attrs: dict) -> int:
        if attrs["role"] == "world":
            return 0
        if attrs["role"] in ("foreign_upstream", "gateway"):
            return 1
        if attrs["country"] == "KZ" and attrs["role"] in ("incumbent", "backbone"):
            return 2
        if attrs["country"] == "KZ":
            return 3
        return 4

    columns: dict[int, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        columns.setdefault(column(node, attrs), []).append(node)
    positions = {}
    for x, nodes in columns.items():
        nodes.sort(key=lambda n: graph.nodes[n]["name"])
        for i, node in enumerate(nodes):
            positions[node] = (x, -(i - (len(nodes) - 1) / 2))
    return positions


def draw(
    figure, graph: nx.Graph, *, lost: Iterable[str] = (), blocked_at: str | None = None, destination: str | None = None
):
    """Draw the topology into a plotly figure: links styled by certainty, networks marked by their fate."""
    need_figure(figure, "draw()")
    _check_graph(graph, "draw()")
    lost = set(lost)
    positions = _layout(graph)
    with figure.batch_update():
        figure.data = []
        figure.layout.annotations = []
        for certainty, dash in LINE_STYLES.items():
            xs: list[float | None] = []
            ys: list[float | None] = []
            for a, b, attrs in graph.edges(data=True):
                if attrs["certainty"] == certainty:
                    xs += [positions[a][0], positions[b][0], None]
                    ys += [positions[a][1], positions[b][1], None]
            if xs:
                figure.add_scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=f"Link: {certainty}",
                    hoverinfo="skip",
                    line=dict(dash=dash, width=2, color="#555555"),
                )
        groups = [
            ("Keeps access", lambda n: n not in lost and n not in (blocked_at, destination), NEUTRAL, "circle"),
            ("Loses access", lambda n: n in lost and n != blocked_at, BAD, "x"),
            ("Where the block is applied", lambda n: n == blocked_at, "#000000", "square"),
            ("Blocked destination", lambda n: n == destination and n != blocked_at, GOOD, "star"),
        ]
        for label, test, colour, symbol in groups:
            nodes = [n for n in graph if test(n)]
            if not nodes:
                continue
            names = [graph.nodes[n]["name"] for n in nodes]
            figure.add_scatter(
                x=[positions[n][0] for n in nodes],
                y=[positions[n][1] for n in nodes],
                mode="markers+text",
                name=label,
                text=names,
                textposition="top center",
                textfont=dict(size=11),
                marker=dict(size=16, color=colour, symbol=symbol, line=dict(width=1, color="#222222")),
                hovertemplate="%{text}<extra>" + label + "</extra>",
            )
        figure.update_xaxes(visible=False, range=[-0.6, 4.8])
        figure.update_yaxes(visible=False)
    return figure


def _map_chart(title: str) -> FigureOutput:
    """The chart that :func:`draw` draws a network map into: tall, with the legend under it."""
    return FigureOutput(title_text=title, height=620, legend=dict(orientation="h", y=-0.05), margin=dict(l=20, r=20))


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
            layout=[self.era, self.blocked_at, self.destination, "chart", "text"],
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
            layout=[self.gateways, "text", "chart"],
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
            f"<p>{html.escape(lead)} Share of networks whose every path abroad crosses {html.escape(name)}: "
            f"<strong>{share:.0%}</strong> (was {base_share:.0%}). Its betweenness centrality: "
            f"<strong>{central:.2f}</strong> (was {base_central:.2f}). In the diagram, the networks marked "
            "<em>Loses access</em> are those a block at that operator would still cut off.</p>"
        )
