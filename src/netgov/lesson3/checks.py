"""Checks for exercises/03-one-gateway-exercises.ipynb: each is the expected answer, computed from the data and the
model, and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import re
from collections.abc import Sequence

import networkx as nx
import pandas as pd

from .. import data
from ..checks import (
    Feedback,
    _items_in_text,
    as_figure,
    as_number,
    as_text,
    as_text_set,
    check,
    correct,
    judge,
    names_match,
    not_yet,
    trace_values,
    unlabelled_chart,
)
from .tables import access_networks, betweenness, chokepoint_share, hhi, hhi_band, lose_access, topology

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

#: Task 6 follows the traffic of these users to this foreign upstream; task 7 blocks at this operator.
PATH_FROM, PATH_TO = "isps-kg", "foreign-transit-a"
BLOCKED_AT = "kazakhtelecom"

#: Legal forms a learner may leave off a company's name ("Kazakhtelecom" for "Kazakhtelecom JSC").
LEGAL_FORMS = ("JSC", "LLP", "LLC", "Ltd", "PJSC", "OJSC")


def _network_names(network_id: str) -> list[str]:
    """What a learner may call a network: its id, its name with or without the legal form, its AS number."""
    row = data.load("networks").set_index("id").loc[network_id]
    names = [network_id, row["name"]]
    words = str(row["name"]).split()
    if len(words) > 1 and words[-1] in LEGAL_FORMS:
        names.append(" ".join(words[:-1]))
    if pd.notna(row["asn"]):
        names += [f"AS{row['asn']}", f"AS {row['asn']}", str(row["asn"])]
    return names


#: Country names a learner may type instead of the codes.
COUNTRY_CODES = {
    "kazakhstan": "KZ",
    "kyrgyzstan": "KG",
    "tajikistan": "TJ",
    "turkmenistan": "TM",
    "uzbekistan": "UZ",
    "russia": "RU",
}


class _Share:
    """A share as the learner gave it: the number typed, and whether it is a fraction (0.86) or a percentage
    (86, or "86%"). Feedback speaks of the number typed, not of a conversion the learner did not make."""

    def __init__(self, number: float, percent_sign: bool):
        self.number = number
        self.percent_sign = percent_sign
        self.scale = 100 if percent_sign or number > 1 else 1

    def __str__(self) -> str:
        if self.percent_sign:
            return f"{self.number:g}%"
        return f"{self.number:g}" + (f" ({100 * self.number:.1f}%)" if self.scale == 1 else "")


def _as_share(answer: object, expected: str) -> _Share | Feedback:
    """A share given as a fraction (0.5), a percentage (50) or a percentage in text ("50%")."""
    percent_sign = isinstance(answer, str) and answer.strip().endswith("%")
    value = as_number(answer.strip().removesuffix("%") if percent_sign else answer, expected)
    if isinstance(value, Feedback):
        return value
    if not 0 <= value <= 100:
        return Feedback("unreadable", f"A share lies between 0 and 1 (or 0% and 100%), not {value:g}.")
    return _Share(value, percent_sign)


def _judge_share(
    share: _Share,
    expected: float,
    right: str,
    *,
    counts: Sequence[tuple[int, str, str]],
    mistakes: Sequence[tuple[float, str, str]] = (),
    otherwise: str,
) -> Feedback:
    """Judge a share against ``expected`` (a fraction, 0 to 1) within half a percentage point, in the scale the
    learner used. ``counts`` are the whole numbers the share divides, ``(count, message, hint)``: a learner who
    gives one of them has not divided yet. A share divided the wrong way round (all by some) is named as such,
    and so is a share rounded too far; ``otherwise`` is the hint for any other value."""
    scale = share.scale
    typed_count = not share.percent_sign and share.number == int(share.number)

    def upside_down(value: float) -> bool:
        return not share.percent_sign and expected > 0 and abs(value * expected - 1) < 0.01

    return judge(
        share.number,
        expected * scale,
        right,
        mistakes=[
            *((lambda v, n=n: typed_count and v == n, message, hint) for n, message, hint in counts if n > 1),
            (
                upside_down,
                f"{share} looks like the division the wrong way round: the whole divided by the part.",
                "Divide the part (the networks that lose access) by the whole (all the networks counted).",
            ),
            *((wrong * scale, message, hint) for wrong, message, hint in mistakes),
        ],
        tolerance=0.006 * scale,
        otherwise=(f"{share} does not match.", otherwise),
    )


@check(as_number, "a number (the index)")
def q1(value):
    """The Herfindahl-Hirschman index of mobile broadband in 2016, from the market table."""
    market = data.load("market")
    shares = market[
        (market["segment"] == "mobile_broadband") & (market["metric"] == "share_percent") & (market["year"] == 2016)
    ]["value"]
    expected = hhi(shares)
    return judge(
        value,
        expected,
        f"HHI {expected:,.0f}: far above 1,800, so highly concentrated with only three operators.",
        mistakes=[
            (
                lambda v: abs(v - shares.sum()) <= 1,
                "That is the sum of the shares.",
                "Square each share first, then add the squares.",
            ),
            (
                lambda v: abs(v - shares.sum() ** 2) <= 1,
                "That squares the total.",
                "Square each share on its own, then add the squares: for shares of 40, 35 and 25 that is "
                "`40 ** 2 + 35 ** 2 + 25 ** 2`.",
            ),
            (
                lambda v: abs(v - expected / 10_000) <= 0.001,
                "You used shares as fractions.",
                "Use percentages (40, not 0.4), as the table does.",
            ),
        ],
        tolerance=1,
        no_rows_hint="Compare each column with the value as the table writes it: the segment "
        "'mobile_broadband', the metric 'share_percent' and the year 2016, a number rather than text.",
        otherwise=(f"{value:,g} does not match.", "Keep the 2016 mobile-broadband shares, square them, add them up."),
    )


def _without_operator(graph, operator: str = "kazakhtelecom") -> float:
    """The share a learner gets by leaving the filtering operator's own network out of both counts (percent)."""
    lost = [n for n in lose_access(graph, operator) if n != operator]
    return 100 * len(lost) / len([n for n in access_networks(graph) if n != operator])


@check(_as_share, "a share, as a fraction (0.5) or a percentage (50)")
def q2(share: _Share):
    """In the 2009 model (OpenNet reading), what share of networks lose sites abroad if Kazakhtelecom blocks them?"""
    graph = topology("2009-all")
    lost, users = len(lose_access(graph, "kazakhtelecom")), len(access_networks(graph))
    expected = lost / users
    return _judge_share(
        share,
        expected,
        f"{100 * expected:.0f}%, the chokepoint share: one operator's filter reaches almost every network in the "
        "model.",
        counts=[
            (
                lost,
                f"{lost} is the number of networks that lose access, not yet their share.",
                "Divide it by the number of networks with users, `len(lesson3.access_networks(model_2009))`.",
            ),
            (
                users,
                f"{users} is the number of networks with users, not yet a share.",
                "Divide the number of networks that lose access by it.",
            ),
        ],
        mistakes=[
            (
                _without_operator(graph) / 100,
                "That leaves Kazakhtelecom's own network out.",
                "Its own users lose access too: count every network in "
                '`lesson3.lose_access(model_2009, "kazakhtelecom")`.',
            )
        ],
        otherwise="Divide the number of networks that lose access by the number of networks with users.",
    )


def _as_network(answer: object, expected: str) -> str | Feedback:
    """A network's name, id or AS number; a score in place of a name is named as such."""
    if pd.api.types.is_float(answer) and 0 <= answer <= 1:
        return Feedback(
            "unreadable",
            f"{answer:g} is a betweenness score, not a network. The networks are the labels of "
            "`lesson3.betweenness(model_2009)`, its index; the numbers beside them are their scores.",
        )
    if pd.api.types.is_integer(answer):
        return str(answer)  # an AS number
    return as_text(answer, expected)


@check(_as_network, "the network's name or id")
def q3(answer):
    """Which network has the highest betweenness centrality in the 2009 model (OpenNet reading)?"""
    graph = topology("2009-all")
    scores = betweenness(graph)
    ids = {name: node for node, name in graph.nodes(data="name")}
    top, second = str(scores.index[0]), str(scores.index[1])
    if names_match(answer, _network_names(ids[top])):
        return correct(f"{top}, with {scores.iloc[0]:.2f}: most shortest paths between networks cross it.")
    if names_match(answer, [second, ids[second]]):
        return not_yet("That is the second highest.", "Sort the scores from highest to lowest and take the first.")
    return not_yet(
        f"'{answer}' is not the top network.",
        "`lesson3.betweenness(model_2009)` lists the networks from the highest score down.",
    )


@check(as_text_set, "a list of country codes such as ['KZ', ...]")
def q4(given):
    """Which countries besides Kazakhstan would a Kazakhtelecom block on sites abroad reach, in the 2009 model?"""
    graph = topology("2009-all")
    in_model = {country for _, country in graph.nodes(data="country") if country}
    expected = {graph.nodes[n]["country"] for n in lose_access(graph, "kazakhtelecom")} - {"KZ", ""}
    code = {g: COUNTRY_CODES.get(g, g).upper() for g in given}
    codes = set(code.values())
    if codes == expected:
        return correct(
            f"{', '.join(sorted(expected))}: the 2008 RFE/RL and LiveJournal blocks crossed these borders the "
            "same way. Note that only one source names Turkmenistan."
        )
    # Codes are shown as codes are written (the reader folds case): 'RU', not 'ru'.
    unknown = sorted(g.upper() if len(g) == 2 else g for g in given if code[g] not in in_model)
    if unknown:
        return not_yet(
            f"{_listed(unknown)} {'is' if len(unknown) == 1 else 'are'} not the code or the English name of a "
            "country with a network in the model.",
            "Give the two-letter codes of the networks' country attribute, such as 'KZ' for Kazakhstan.",
        )
    if "KZ" in codes:
        return not_yet("Leave Kazakhstan itself out.", "The question asks about the neighbours.")
    missing, extra = expected - codes, codes - expected
    parts = [f"{len(missing)} missing"] if missing else []
    if extra:
        parts.append(f"{_listed(sorted(extra))}: no network there loses access in the model")
    return not_yet(
        "; ".join(parts) + ".",
        'Take the country of every network in `lesson3.lose_access(model_2009, "kazakhtelecom")`, as the task '
        "shows for the roles of networks.",
    )


def _listed(items: Sequence[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


@check(_as_share, "a share, as a fraction or a percentage")
def q5(share: _Share):
    """In today's model, what share of the networks lose sites abroad if Kazakhtelecom blocks them?"""
    graph = topology("today")
    lost, users = len(lose_access(graph, "kazakhtelecom")), len(access_networks(graph))
    expected = chokepoint_share(graph)
    return _judge_share(
        share,
        expected,
        f"{100 * expected:.0f}%: in the model several operators reach foreign transit directly, so a block at one "
        "of them no longer reaches almost everyone; filtering then needs orders to every operator.",
        counts=[
            (
                lost,
                f"{lost} is the number of networks that lose access, not yet their share.",
                "`lesson3.chokepoint_share(model_today)` gives the share.",
            ),
            (
                users,
                f"{users} is the number of networks with users, not yet a share.",
                "`lesson3.chokepoint_share(model_today)` gives the share.",
            ),
        ],
        mistakes=[
            (chokepoint_share(topology("2009-all")), "That is the 2009 figure.", "Use `model_today`."),
            (
                _without_operator(graph) / 100,
                "That leaves Kazakhtelecom's own network out.",
                "Its own users lose access too: `lesson3.chokepoint_share(model_today)` counts them.",
            ),
        ],
        otherwise="`lesson3.chokepoint_share(model_today)` gives the share.",
    )


# ------------------------------------------------------------------------------------- networkx, directly


def _links_graph(era: str = "2009") -> nx.Graph:
    """The graph a learner builds from ``links`` with networkx: one era's links, without the model's 'world'."""
    links = data.load("links")
    return nx.from_pandas_edgelist(
        links[links["era"] == era], source="from_id", target="to_id", edge_attr=["id", "relation", "certainty"]
    )


def _network_id(text: str) -> str | None:
    """The network that a name, id or AS number stands for, or None."""
    for network_id in data.load("networks")["id"]:
        if names_match(text, _network_names(network_id)):
            return network_id
    return None


def _name(network_id: str) -> str:
    return str(data.load("networks").set_index("id").loc[network_id, "name"])


def _as_path(answer: object, expected: str) -> list[str] | Feedback:
    """Networks in order: a list, a tuple, a Series or an array, or one string ("a, b, c" or "a -> b -> c")."""
    if isinstance(answer, set | frozenset):
        return Feedback(
            "unreadable",
            "A set has no order, and a path has one: give the networks as a list, in the order the traffic "
            "crosses them.",
        )
    read = as_text_set(answer, expected)
    if isinstance(read, Feedback):
        return read
    if isinstance(answer, str):
        items = [item for part in re.split(r"->|→", answer) for item in _items_in_text(part)]
    else:
        items = [str(item).strip() for item in answer]
    return [item for item in items if item]


@check(_as_path, "a list of network ids in order, such as ['isps-kg', ...]")
def q6(path: list[str]):
    """The path from the Kyrgyz ISPs to Foreign transit A in a graph built from the 2009 links with networkx."""
    graph = _links_graph()
    expected = nx.shortest_path(graph, PATH_FROM, PATH_TO)
    ids = [_network_id(item) for item in path]
    unknown = [item for item, found in zip(path, ids, strict=True) if found is None]
    if unknown:
        return not_yet(
            f"{_listed(unknown)} {'is' if len(unknown) == 1 else 'are'} not the id, name or AS number of a network "
            "in the links table.",
            "Give the ids that `nx.shortest_path` returns, such as 'isps-kg'.",
        )
    if ids == expected:
        hops = [graph.edges[a, b] for a, b in zip(expected, expected[1:], strict=False)]
        relations = sorted({hop["relation"] for hop in hops})
        certainties = ", ".join(f"{hop['id']} {hop['certainty']}" for hop in hops)
        return correct(
            f"{' → '.join(_name(n) for n in expected)}: {len(hops)} links, all {' and '.join(relations)}. "
            f"{_name(expected[0])} buy transit from {_name(expected[1])}, their upstream provider, which carries "
            f"their traffic abroad through its international gateway; a filter there reaches them too. The links' "
            f"certainty: {certainties}."
        )
    if ids == expected[::-1]:
        return not_yet(
            "That runs from the foreign upstream to the users.",
            f"Start where the traffic starts, at '{PATH_FROM}', and end at '{PATH_TO}'.",
        )
    today = nx.shortest_path(_links_graph("today"), PATH_FROM, PATH_TO)
    if ids == today:
        return not_yet(
            "That is today's route, not the route of 2009.",
            'Build the graph from the 2009 rows only: `links[links["era"] == "2009"]`.',
        )
    if ids and all(n in expected for n in ids) and len(ids) < len(expected):
        return not_yet(
            "A network of the path is missing: a path includes both its ends.",
            f"Give every network from '{PATH_FROM}' to '{PATH_TO}', as `nx.shortest_path` returns them.",
        )
    if sorted(ids) == sorted(expected):
        return not_yet(
            "The right networks, in another order.",
            "Give them in the order the traffic crosses them, as `nx.shortest_path` returns them.",
        )
    return not_yet(
        "That is not the path the traffic takes in the 2009 links.",
        f"Build the graph with `nx.from_pandas_edgelist` (source 'from_id', target 'to_id'), then ask "
        f"`nx.shortest_path` for the path from '{PATH_FROM}' to '{PATH_TO}'.",
    )


def _foreign_upstreams() -> list[str]:
    networks = data.load("networks")
    return sorted(networks.loc[networks["role"] == "foreign_upstream", "id"])


@check(as_text_set, "a list of network ids such as ['nursat', ...]")
def q7(given):
    """With Kazakhtelecom removed from the graph of the 2009 links, which networks still reach a foreign upstream?"""
    graph = _links_graph()
    foreign = _foreign_upstreams()
    users = [n for n in graph if n not in foreign]
    cut = graph.copy()
    cut.remove_node(BLOCKED_AT)
    expected = {n for n in cut if n not in foreign and any(nx.has_path(cut, n, f) for f in foreign)}
    ids = {item: _network_id(item) for item in given}
    unknown = sorted(item for item, found in ids.items() if found is None)
    if unknown:
        return not_yet(
            f"{_listed(unknown)} {'is' if len(unknown) == 1 else 'are'} not the id, name or AS number of a network "
            "in the links table.",
            "Give the ids of the graph's nodes, such as 'nursat'.",
        )
    chosen = set(ids.values())
    model = topology("2009-all")
    in_model = set(access_networks(model)) - set(lose_access(model, BLOCKED_AT))
    if chosen == expected:
        share, share_model = chokepoint_share(topology("2009-part")), chokepoint_share(model)
        only_here = sorted(expected - in_model)
        return correct(
            f"{', '.join(_name(n) for n in sorted(expected))}: {len(expected)} of the {len(users)} networks with "
            f"users keep a route abroad; the other {len(users) - len(expected)} lose it, a chokepoint share of "
            f"{share:.0%}. That is Freedom House's reading, with every 2009 link. In OpenNet's reading, the "
            f"lesson's `model_2009`, {', '.join(_name(n) for n in only_here)} has no link abroad of its own, and the "
            f"share is {share_model:.0%}."
        )
    if BLOCKED_AT in chosen:
        return not_yet(
            f"{_name(BLOCKED_AT)} is where the block is: its own users lose sites abroad too.",
            "Remove it from the graph (the graph's remove_node method) before you test the paths.",
        )
    upstreams = sorted(chosen & set(foreign))
    if upstreams:
        return not_yet(
            f"{_listed([_name(n) for n in upstreams])}: a foreign upstream, not a network with users.",
            f"Leave out {' and '.join(repr(n) for n in foreign)} themselves.",
        )
    if chosen == in_model:
        return not_yet(
            "That is the answer in `model_2009`, OpenNet's reading, which leaves out one network's own link abroad.",
            'Build the graph from every 2009 row of `links`: `links[links["era"] == "2009"]`.',
        )
    missing, extra = expected - chosen, chosen - expected
    parts = [f"{len(missing)} missing"] if missing else []
    if extra:
        parts.append(f"{_listed([_name(n) for n in sorted(extra)])}: no path abroad once the block is in place")
    return not_yet(
        "; ".join(parts) + ".",
        "Test every network left in the graph with `nx.has_path`, against each foreign upstream.",
    )


# ------------------------------------------------------------------------------------- a figure, in the open

#: The rows task 8 draws: each operator's share of mobile-broadband subscribers, by year.
CHART_SEGMENT, CHART_METRIC = "mobile_broadband", "share_percent"

#: Axis titles that are only a column's name, not words a reader can take in.
COLUMN_NAMES = {"year", "value", "operator", "metric", "segment", "share_percent", "index", "variable"}


def _chart_rows() -> pd.DataFrame:
    market = data.load("market")
    return market[(market["segment"] == CHART_SEGMENT) & (market["metric"] == CHART_METRIC)]


def _drawn(trace) -> dict[int, float]:
    """A trace's points, year to value, without the gaps a wide table leaves (NaN)."""
    pairs = zip(trace_values(trace.x), trace_values(trace.y), strict=False)
    return {int(x): float(y) for x, y in pairs if y is not None and not pd.isna(y)}


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q8(figure):
    """A line chart of each operator's share of mobile broadband by year, with a title, axes labelled in words,
    and markers, so that a single year shows and the lines can be told apart without colour."""
    rows = _chart_rows()
    wanted = {
        operator: dict(zip(group["year"].astype(int), group["value"].astype(float), strict=True))
        for operator, group in rows.groupby("operator")
    }
    drawn, modes = {}, {}
    for trace in figure.data:
        name = str(getattr(trace, "name", "") or "")
        operator = next((o for o in wanted if names_match(name, [o])), None) if name.strip() else None
        if operator is None or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None:
            continue
        drawn[operator], modes[operator] = _drawn(trace), getattr(trace, "mode", None)
    missing = [o for o in wanted if o not in drawn]
    if missing:
        return not_yet(
            f"No line named {', '.join(missing)}.",
            "Give `px.line` every mobile-broadband share row and `color='operator'`, so that each line is named "
            "after its operator.",
        )
    for operator, points in wanted.items():
        got = drawn[operator]
        if set(got) != set(points) or any(abs(got[year] - value) > 0.01 for year, value in points.items()):
            return not_yet(
                f"The line of {operator} does not follow its shares by year.",
                "Keep the rows whose segment is 'mobile_broadband' and whose metric is 'share_percent'; put the "
                "year on x and the value on y.",
            )
    unlabelled = unlabelled_chart(
        figure,
        COLUMN_NAMES,
        says="what is plotted",
        labels_hint="Use `labels={'year': 'Year', 'value': 'Market share (%)'}`.",
    )
    if unlabelled is not None:
        return unlabelled
    single = [o for o, points in wanted.items() if len(points) == 1]
    bare = [o for o, mode in modes.items() if mode is not None and "markers" not in mode]
    if bare:
        return not_yet(
            f"Some lines have no markers ({', '.join(bare)}): "
            + (f"{single[0]}, with a single year, then draws nothing, and " if single else "")
            + "the lines differ only by colour.",
            "Add `markers=True` to `px.line`, and `line_dash='operator'` for a dash per operator.",
        )
    by_year = rows.groupby("year")["value"]
    indices = by_year.apply(hhi)
    leaders = set(rows.loc[by_year.idxmax(), "operator"])
    lead = f"{leaders.pop()} had the largest share in every year shown; " if len(leaders) == 1 else ""
    return correct(
        f"One line per operator, with a title, labelled axes and markers. {lead}the HHI of each year's shares runs "
        f"from {indices.min():,.0f} to {indices.max():,.0f}, '{hhi_band(indices.min())}' even at its lowest."
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables and the model the way a learner would,
    separately from the checks' own reasoning: the instructors' answer key, and what the tests give each check
    as right."""
    import plotly.express as px

    market = data.load("market")
    shares = market.query("segment == 'mobile_broadband' and metric == 'share_percent' and year == 2016")["value"]
    graph = topology("2009-all")
    lost = lose_access(graph, "kazakhtelecom")
    links = data.load("links")
    graph_2009 = nx.from_pandas_edgelist(links[links["era"] == "2009"], source="from_id", target="to_id")
    path = nx.shortest_path(graph_2009, "isps-kg", "foreign-transit-a")
    graph_2009.remove_node("kazakhtelecom")
    foreign = ["foreign-transit-a", "foreign-transit-b"]
    still = [n for n in graph_2009 if n not in foreign and any(nx.has_path(graph_2009, n, f) for f in foreign)]
    share_rows = market.query("segment == 'mobile_broadband' and metric == 'share_percent'")
    return {
        "q1": float((shares**2).sum()),
        "q2": len(lost) / len(access_networks(graph)),
        "q3": betweenness(graph).index[0],
        "q4": sorted({graph.nodes[n]["country"] for n in lost} - {"KZ", ""}),
        "q5": chokepoint_share(topology("today")),
        "q6": path,
        "q7": sorted(still),
        "q8": px.line(
            share_rows,
            x="year",
            y="value",
            color="operator",
            line_dash="operator",
            markers=True,
            title="Shares of the mobile-broadband market by operator",
            labels={"year": "Year", "value": "Market share (%)", "operator": "Operator"},
        ),
    }
