"""Lesson 3's model and tables: who reached the world through whom (a networkx graph built from ``networks``
and ``links``), what a block at one network cuts off, and how concentrated the market is.

The model is deliberately simple (an undirected graph; a block at a network cuts every path through it) and
the lesson says so wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from .. import data
from .._validate import ANY_ITERABLE, need_items, need_number

__all__ = [
    "ERAS",
    "HHI_THRESHOLDS",
    "WORLD",
    "access_networks",
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
        first_tier = set(networks.index[(networks["tier"] == "first") & (networks["role"] != "incumbent")])
        foreign = set(networks.index[networks["role"] == "foreign_upstream"])
        links = links[~(links["from_id"].isin(first_tier) & links["to_id"].isin(foreign))]
    graph = nx.Graph()
    for node in sorted(set(links["from_id"]) | set(links["to_id"])):  # sorted: the same drawing on every run
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
    """The share of the networks with users that lose sites abroad when ``operator`` filters them (0 to 1).

    The operator's own network counts when it has users (its users lose access too), so this is the share
    that :func:`lose_access` gives and that the lesson's activities show: one definition, one number.
    """
    _check_graph(graph, "chokepoint_share()")
    _check_node(graph, operator, "operator")
    networks = access_networks(graph)
    if not networks:
        return 0.0
    return len(lose_access(graph, operator)) / len(networks)


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
