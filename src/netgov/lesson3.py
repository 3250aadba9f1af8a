"""Lesson 3, "One gateway": network models and the widgets behind its activities.

The topologies come from ``networks`` and ``links``: who reached the world through whom, around 2009 and
today, each link marked documented, inferred or illustrative. The model is deliberately simple (an
undirected graph; a block at a network cuts every path through it) and says so wherever it is shown.

* :class:`ChokepointExplorer`: pick where a block is applied and what is blocked; see who loses access.
* :class:`ConcentrationCalculator`: adjust market shares; see the Herfindahl-Hirschman index.
* :class:`GatewayExplorer`: give networks their own international link; watch the chokepoint shrink.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets
import networkx as nx
import pandas as pd

from . import data
from ._validate import ANY_ITERABLE, need_figure, need_items, need_number
from .figures import OKABE_ITO
from .widgets import FigureOutput, message

__all__ = [
    "ERAS",
    "HHI_THRESHOLDS",
    "WORLD",
    "ChokepointExplorer",
    "ConcentrationCalculator",
    "GatewayExplorer",
    "add_gateways",
    "betweenness",
    "chokepoint_share",
    "hhi",
    "hhi_band",
    "lose_access",
    "market_shares",
    "topology",
]

WORLD = "world"
NEW_GATEWAY = "new-gateway"

#: The topologies a learner can choose. The two 2009 readings follow the sources' disagreement about how
#: much first-tier traffic went through Kazakhtelecom.
ERAS = {
    "2009-all": "Around 2009: all first-tier traffic via Kazakhtelecom (OpenNet Initiative, 2010)",
    "2009-part": "Around 2009: first-tier ISPs also had their own links (Freedom on the Net, 2011)",
    "today": "Today",
}

#: The 2023 US Merger Guidelines' bands, as the US Department of Justice page in `sources` gives them.
HHI_THRESHOLDS = ((1000, "unconcentrated"), (1800, "moderately concentrated"), (10_001, "highly concentrated"))

LINE_STYLES = {"documented": "solid", "inferred": "dash", "illustrative": "dot"}


def topology(era: str = "2009-all") -> nx.Graph:
    """The network model of an era as an undirected graph, with a 'world' node behind the foreign upstreams.

    Node attributes: name, country, role, certainty. Edge attributes: certainty, relation, link (id).
    """
    if era not in ERAS:
        raise ValueError(f"Unknown era {era!r}. Choose one of: {', '.join(ERAS)}.")
    networks = data.load("networks").set_index("id")
    links = data.load("links")
    links = links[links["era"] == era.split("-")[0]]
    if era == "2009-all":
        # ONI's reading: first-tier ISPs' international traffic went through Kazakhtelecom, so their own
        # foreign links are left out of the model.
        first_tier = {"nursat", "transtelecom", "kaztranscom", "arna", "astel", "tns-plus"}
        foreign = set(networks.index[networks["role"] == "foreign_upstream"])
        links = links[~(links["from_id"].isin(first_tier) & links["to_id"].isin(foreign))]
    graph = nx.Graph()
    for node in set(links["from_id"]) | set(links["to_id"]):
        row = networks.loc[node]
        graph.add_node(
            node,
            name=row["name"],
            country=row["country"] if pd.notna(row["country"]) else "",
            role=row["role"],
            certainty=row["certainty"],
        )
    for row in links.itertuples():
        graph.add_edge(row.from_id, row.to_id, certainty=row.certainty, relation=row.relation, link=row.id)
    graph.add_node(WORLD, name="Sites abroad", country="", role="world", certainty="illustrative")
    for node, attrs in list(graph.nodes(data=True)):
        if attrs["role"] == "foreign_upstream":
            graph.add_edge(node, WORLD, certainty="illustrative", relation="transit", link="model")
    return graph


def _check_graph(graph: object, what: str) -> None:
    if not isinstance(graph, nx.Graph) or WORLD not in graph:
        got = type(graph).__name__ if not isinstance(graph, nx.Graph) else "a graph without the 'world' node"
        raise TypeError(f"{what} needs a network model from topology(), such as topology('2009-all'); got {got}.")


def access_networks(graph: nx.Graph) -> list[str]:
    """The networks whose users the model counts: everything but foreign upstreams, placeholders and the world."""
    _check_graph(graph, "access_networks()")
    return sorted(n for n, a in graph.nodes(data=True) if a["role"] not in ("foreign_upstream", "world", "gateway"))


def _check_node(graph: nx.Graph, node: str, what: str) -> None:
    if not isinstance(node, str) or node not in graph:
        known = ", ".join(sorted(graph.nodes))
        raise ValueError(f"Unknown {what} {node!r} in this topology. Known networks: {known}.")


def lose_access(graph: nx.Graph, blocked_at: str, destination: str = WORLD) -> list[str]:
    """The access networks that can no longer reach ``destination`` when ``blocked_at`` filters it.

    A block at a network cuts every path through that network; its own users lose access too. Blocking at
    the destination itself takes the site down for everyone.
    """
    _check_graph(graph, "lose_access()")
    _check_node(graph, blocked_at, "blocking point")
    _check_node(graph, destination, "destination")
    nodes = access_networks(graph)
    if blocked_at == destination:
        return [n for n in nodes if n != destination]
    cut = graph.subgraph(n for n in graph if n != blocked_at)
    reachable = nx.node_connected_component(cut, destination) if destination in cut else set()
    return [n for n in nodes if n != destination and (n == blocked_at or n not in reachable)]


def chokepoint_share(graph: nx.Graph, operator: str = "kazakhtelecom") -> float:
    """The share of the other access networks whose every path abroad crosses ``operator`` (0 to 1)."""
    _check_graph(graph, "chokepoint_share()")
    _check_node(graph, operator, "operator")
    others = [n for n in access_networks(graph) if n != operator]
    if not others:
        return 0.0
    lost = set(lose_access(graph, operator)) - {operator}
    return len(lost) / len(others)


def betweenness(graph: nx.Graph) -> pd.Series:
    """Normalised betweenness centrality of every network (networkx), highest first."""
    _check_graph(graph, "betweenness()")
    scores = nx.betweenness_centrality(graph, normalized=True)
    names = nx.get_node_attributes(graph, "name")
    series = pd.Series({names[n]: v for n, v in scores.items()}, name="betweenness")
    return series.sort_values(ascending=False, kind="stable")


def add_gateways(graph: nx.Graph, networks: Iterable[str]) -> nx.Graph:
    """A copy of the graph in which each named network also has its own (hypothetical) international link."""
    _check_graph(graph, "add_gateways()")
    expected = "a list of network ids such as ['nursat']"
    chosen = need_items(networks, "add_gateways()'s networks", expected, item=str, containers=ANY_ITERABLE)
    result = graph.copy()
    for node in chosen:
        _check_node(graph, node, "network")
    if chosen:
        result.add_node(
            NEW_GATEWAY, name="New gateway (hypothetical)", country="", role="gateway", certainty="illustrative"
        )
        result.add_edge(NEW_GATEWAY, WORLD, certainty="illustrative", relation="transit", link="model")
        for node in chosen:
            result.add_edge(node, NEW_GATEWAY, certainty="illustrative", relation="transit", link="model")
    return result


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
    # One add_traces() of plain dicts: add_scatter() builds and validates each trace twice.
    traces = []
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
            ("Keeps access", lambda n: n not in lost and n not in (blocked_at, destination), OKABE_ITO[3], "circle"),
            ("Loses access", lambda n: n in lost and n != blocked_at, OKABE_ITO[4], "x"),
            ("Where the block is applied", lambda n: n == blocked_at, "#000000", "square"),
            ("Blocked destination", lambda n: n == destination and n != blocked_at, OKABE_ITO[2], "star"),
        ]
        for label, test, colour, symbol in groups:
            nodes = [n for n in graph if test(n)]
            if not nodes:
                continue
            names = [graph.nodes[n]["name"] for n in nodes]
            traces.append(
                dict(
                    type="scatter",
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
            )
        figure.add_traces(traces)
        figure.update_xaxes(visible=False, range=[-0.6, 4.8])
        figure.update_yaxes(visible=False)
    return figure


def _map_chart(title: str) -> FigureOutput:
    """The chart that :func:`draw` draws a network map into: tall, with the legend under it."""
    return FigureOutput(title_text=title, height=620, legend=dict(orientation="h", y=-0.05), margin=dict(l=20, r=20))


def _names(graph: nx.Graph, nodes: Iterable[str]) -> str:
    return ", ".join(sorted(graph.nodes[n]["name"] for n in nodes)) or "none"


class ChokepointExplorer:
    """Pick a topology, the network where a block is applied and what it blocks; see who loses access."""

    def __init__(self, era: str = "2009-all", blocked_at: str = "kazakhtelecom"):
        if era not in ERAS:
            raise ValueError(f"Unknown era {era!r}. Choose one of: {', '.join(ERAS)}.")
        graph = topology(era)
        _check_node(graph, blocked_at, "blocking point")
        self.era = widgets.Dropdown(
            options=[(v, k) for k, v in ERAS.items()],
            value=era,
            description="Topology",
            layout=widgets.Layout(width="44em"),
        )
        self.blocked_at = widgets.Dropdown(description="Block at", layout=widgets.Layout(width="30em"))
        self.destination = widgets.Dropdown(description="Blocking", layout=widgets.Layout(width="30em"))
        self.chart = _map_chart("Who loses access when one network filters")
        self.figure = self.chart.figure
        self.description = widgets.HTML()
        self._initial_block = blocked_at
        self.era.observe(self._new_era, names="value")
        self.blocked_at.observe(self.update, names="value")
        self.destination.observe(self.update, names="value")
        self.widget = widgets.VBox(
            [self.era, widgets.HBox([self.blocked_at, self.destination]), self.chart.output, self.description]
        )
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
        if getattr(self, "_updating", False) or blocked_at is None or destination is None:
            return
        lost = lose_access(self.graph, blocked_at, destination)
        draw(self.figure, self.graph, lost=lost, blocked_at=blocked_at, destination=destination)
        self.chart.refresh()
        self.description.value = self.describe(lost, blocked_at, destination)

    def describe(self, lost: list[str], blocked_at: str, destination: str) -> str:
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


def market_shares(segment: str = "mobile_broadband") -> pd.DataFrame:
    """Operators' market shares (percent) by year for a segment: one row per year, one column per operator."""
    market = data.load("market")
    shares = market[(market["segment"] == segment) & (market["metric"] == "share_percent")]
    if shares.empty:
        segments = sorted(set(market.loc[market["metric"] == "share_percent", "segment"]))
        raise ValueError(f"No market shares for segment {segment!r}. Segments with shares: {segments}.")
    return shares.pivot_table(index="year", columns="operator", values="value", aggfunc="first")


def hhi(shares: Iterable[float]) -> float:
    """The Herfindahl-Hirschman index of market shares given in percent (0 to 10,000)."""
    expected = "a list of market shares in percent, such as [40, 35, 25]"
    shares = need_items(shares, "hhi()'s shares", expected, containers=ANY_ITERABLE)
    values = [need_number(s, "Each market share", "a percentage from 0 to 100") for s in shares]
    if not values:
        raise ValueError("hhi() got no shares; give it a list of market shares in percent from 0 to 100.")
    bad = [s for s in values if s < 0 or s > 100]
    if bad:
        raise ValueError(f"Market shares are percentages from 0 to 100; got {bad}.")
    return sum(s * s for s in values)


def hhi_band(index: float) -> str:
    """Where an HHI sits in the 2023 US Merger Guidelines' bands."""
    index = need_number(index, "hhi_band()'s index", "an HHI from 0 to 10,000")
    if not 0 <= index <= 10_000:
        raise ValueError(f"An HHI lies between 0 and 10,000, not {index}.")
    for limit, label in HHI_THRESHOLDS:
        if index < limit or (limit == 1800 and index == 1800):
            return label
    return HHI_THRESHOLDS[-1][1]


class ConcentrationCalculator:
    """Start from a year's mobile-broadband shares, move the sliders, and watch the HHI and its band."""

    def __init__(self, year: int = 2016):
        self.table = market_shares("mobile_broadband")
        years = [int(y) for y in self.table.index]
        if year not in years:
            raise ValueError(f"No mobile-broadband shares for {year}. Years with shares: {years}.")
        self.year = widgets.Dropdown(options=years, value=year, description="Start from")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.slider_box = widgets.VBox()
        self.chart = FigureOutput(
            title_text="Mobile broadband market shares",
            xaxis_title="Operator",
            yaxis_title="Share of subscribers (%)",
            yaxis_range=[0, 105],
            height=380,
        )
        self.figure = self.chart.figure
        self.result = widgets.HTML()
        self.year.observe(self._load_year, names="value")
        self.widget = widgets.VBox([self.year, self.slider_box, self.result, self.chart.output])
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
        self.update()

    @property
    def shares(self) -> dict[str, float]:
        return {op: s.value for op, s in self.sliders.items()}

    def update(self, change: object = None) -> None:
        shares = self.shares
        total = sum(shares.values())
        with self.figure.batch_update():
            self.figure.data = []
            self.figure.add_bar(
                x=list(shares),
                y=list(shares.values()),
                marker_color=OKABE_ITO[3],
                text=[f"{v:.1f}%" for v in shares.values()],
                textposition="outside",
                name="Share",
            )
            self.figure.layout.title.text = f"Mobile broadband market shares: HHI {hhi(shares.values()):,.0f}"
        self.chart.refresh()
        self.result.value = self.describe(shares, total)

    def describe(self, shares: dict[str, float], total: float) -> str:
        if total == 0:
            return message("All shares are zero: move at least one slider to describe a market.")
        index = hhi(shares.values())
        parts = [
            f"<p><strong>HHI = {index:,.0f}</strong>: {hhi_band(index)} by the 2023 US Merger Guidelines "
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


class GatewayExplorer:
    """Give networks their own international link and watch Kazakhtelecom's chokepoint share and centrality fall."""

    def __init__(self, era: str = "2009-all", operator: str = "kazakhtelecom"):
        self.base = topology(era)
        _check_node(self.base, operator, "operator")
        self.operator = operator
        candidates = [n for n in access_networks(self.base) if n != operator]
        names = nx.get_node_attributes(self.base, "name")
        self.gateways = widgets.SelectMultiple(
            options=sorted((names[n], n) for n in candidates),
            value=(),
            rows=min(len(candidates), 10),
            description="Own link for",
            layout=widgets.Layout(width="36em"),
        )
        self.chart = _map_chart("A network with new international gateways")
        self.figure = self.chart.figure
        self.result = widgets.HTML()
        self.gateways.observe(self.update, names="value")
        self.baseline = (chokepoint_share(self.base, operator), betweenness(self.base).get(names[operator], 0.0))
        self.widget = widgets.VBox([self.gateways, self.result, self.chart.output])
        self.update()

    def update(self, change: object = None) -> None:
        graph = add_gateways(self.base, self.gateways.value)
        share = chokepoint_share(graph, self.operator)
        name = graph.nodes[self.operator]["name"]
        central = betweenness(graph).get(name, 0.0)
        self.current = (share, central)
        draw(self.figure, graph, lost=lose_access(graph, self.operator), blocked_at=self.operator, destination=WORLD)
        self.chart.refresh()
        base_share, base_central = self.baseline
        chosen = len(self.gateways.value)
        lead = "No new gateway yet: pick networks in the list." if not chosen else f"{chosen} new gateway(s)."
        self.result.value = (
            f"<p>{html.escape(lead)} Share of networks whose every path abroad crosses {html.escape(name)}: "
            f"<strong>{share:.0%}</strong> (was {base_share:.0%}). Its betweenness centrality: "
            f"<strong>{central:.2f}</strong> (was {base_central:.2f}). In the diagram, the networks marked "
            "<em>Loses access</em> are those a block at that operator would still cut off.</p>"
        )


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions; numbers in the explanations come from the model."""
    from .quiz import Choice, MultipleChoice

    share_2009 = chokepoint_share(topology("2009-all"))
    return [
        MultipleChoice(
            "What does a network buy when it buys transit?",
            [
                Choice(
                    "Another network carries its traffic to the rest of the internet",
                    True,
                    "Transit is the customer-supplier link: the upstream provider gives its customer a route to "
                    "everyone else.",
                ),
                Choice(
                    "A direct, usually unpaid, exchange of customers' traffic",
                    False,
                    "That is peering, which networks of similar size arrange between themselves.",
                ),
                Choice("A domain name for its website", False, "Domain names are registered, not bought as transit."),
                Choice("A faster connection inside one building", False, "Transit is about reaching other networks."),
            ],
        ),
        MultipleChoice(
            "Three operators hold 50%, 30% and 20% of a market. What is the HHI?",
            [
                Choice("3,800", True, "50² + 30² + 20² = 2,500 + 900 + 400 = 3,800: highly concentrated."),
                Choice("100", False, "That is the sum of the shares; the HHI squares each share first."),
                Choice("10,000", False, "That is the HHI of a monopoly, one firm with 100%."),
                Choice("0.38", False, "That uses shares as fractions; the usual scale uses percentages."),
            ],
        ),
        MultipleChoice(
            "Why did the 2008 block of RFE/RL also cut the site off in neighbouring countries?",
            [
                Choice(
                    "Their providers reached the internet through Kazakhtelecom",
                    True,
                    "Some providers in Kyrgyzstan, Tajikistan and Uzbekistan used Kazakhtelecom as their upstream, so "
                    "its filter applied to their users too (one source adds Turkmenistan).",
                ),
                Choice(
                    "Their governments ordered the same block",
                    False,
                    "The sources describe a spillover through Kazakhtelecom, not orders in those countries.",
                ),
                Choice(
                    "RFE/RL closed its sites for the whole region",
                    False,
                    "RFE/RL announced that its sites were reachable again in all of them once the block ended.",
                ),
                Choice(
                    "The OSCE asked for a regional block",
                    False,
                    "The OSCE media representative asked for access to be restored.",
                ),
            ],
        ),
        MultipleChoice(
            "What does the dotted line to 'Foreign transit A' in the network map mean?",
            [
                Choice(
                    "An illustrative link to a placeholder: no source names that upstream",
                    True,
                    f"The model needs a route abroad, so it draws one and labels it; the {share_2009:.0%} chokepoint "
                    "share depends on such assumptions, which is why the lesson shows them.",
                ),
                Choice(
                    "A documented link to a named foreign company",
                    False,
                    "Documented links are solid lines; placeholders are never named companies.",
                ),
                Choice("A link that was cut in 2009", False, "Line styles show certainty, not whether a link worked."),
                Choice(
                    "A peering link at an exchange point", False, "The model marks certainty, not the kind of link."
                ),
            ],
        ),
    ]
