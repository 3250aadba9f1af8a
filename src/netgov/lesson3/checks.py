"""Checks for exercises/03-one-gateway-exercises.ipynb: each is the expected answer, computed from the data and the
model, and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import itertools
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
    named_traces,
    names_match,
    not_yet,
    trace_points,
    unlabelled_chart,
)
from ..variants import Variants
from .tables import WORLD, access_networks, betweenness, chokepoint_share, hhi, hhi_band, lose_access, topology

__all__ = ["VARIANTS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "use_variant"]

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


#: Country names by code, as the data gives them, for the feedback; and the codes by the names a learner may type.
COUNTRY_NAMES = data.labels("internet_users", "country")
COUNTRY_CODES = {name.casefold(): code for code, name in COUNTRY_NAMES.items()}


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


# ------------------------------------------------------------------------------------- variants

#: How a task names a model: the variable the setup cell defines, or the call that builds it.
MODEL_CODE = {"2009-all": "model_2009", "2009-part": 'lesson3.topology("2009-part")', "today": "model_today"}

#: What a task adds after a model's name when the setup cell does not define it.
MODEL_NOTE = {
    "2009-all": "",
    "2009-part": ", the 2009 model under Freedom House's reading",
    "today": "",
}

#: How a task's prompt names a market segment: "the {segment_words} market".
SEGMENT_WORDS = {"mobile_broadband": "mobile-broadband", "fixed_broadband": "fixed-broadband"}

#: The eras of the links table, as a prompt names them: "the {era} links".
LINKS_ERA_WORDS = {"2009": "2009", "today": "today's"}

#: The network of an era's links, as a prompt names it: "Build {network} yourself".
LINKS_ERA_NETWORK = {"2009": "the 2009 network", "today": "today's network"}


def _phrase(network_id: str) -> tuple[str, bool]:
    """How a prompt names a network ("Kazakhtelecom", "the ISPs in Kyrgyzstan"), and whether it is plural."""
    name = str(data.load("networks").set_index("id").loc[network_id, "name"])
    words = name.split()
    if len(words) > 1 and words[-1] in LEGAL_FORMS:
        name = " ".join(words[:-1])
    plural = "group)" in name or re.search(r"\b(ISPs|operators)\b", name) is not None
    name = name.replace(" (group)", "")
    return ("the " + name if plural else name), plural


def _possessive(phrase: str, plural: bool) -> str:
    return phrase + ("'" if plural and phrase.endswith("s") else "'s")


def _share_rows(segment: str) -> pd.DataFrame:
    """The market's share rows of a segment: one row per operator and year."""
    market = data.load("market")
    return market[(market["segment"] == segment) & (market["metric"] == "share_percent")]


def _q1_values(shares: pd.Series) -> tuple[float, float, float, float]:
    """Task 1's answer for some shares, and the near misses its check names (sum, sum squared, fractions)."""
    expected = hhi(shares)
    return expected, float(shares.sum()), float(shares.sum()) ** 2, expected / 10_000


def _chokepoint(graph: nx.Graph, operator: str) -> tuple[float, int, int, float | None]:
    """A block's share, the two counts it divides, and the share without the operator's own network (None when
    the operator has no users, so that leaving it out changes nothing)."""
    lost, users = lose_access(graph, operator), access_networks(graph)
    without = None
    if operator in users:
        without = len([n for n in lost if n != operator]) / len([n for n in users if n != operator])
    return len(lost) / len(users), len(lost), len(users), without


def _share_distinct(share: float, counts: Sequence[int], others: Sequence[float | None]) -> bool:
    """Whether a share can be told from the near misses its check names: the counts typed as a number, the
    share upside down and other shares (within the check's half a percentage point)."""
    if any(n > 1 and abs(n - 100 * share) <= 0.6 for n in counts):
        return False
    if share > 0 and any(abs(n * share - 1) < 0.01 for n in counts):
        return False
    return all(other is None or abs(other - share) > 0.006 for other in others)


def _reached_countries(graph: nx.Graph, operator: str) -> set[str]:
    """The countries besides Kazakhstan whose networks lose sites abroad when ``operator`` blocks them."""
    return {graph.nodes[n]["country"] for n in lose_access(graph, operator)} - {"KZ", ""}


def _upward(links: pd.DataFrame, path: list[str]) -> bool:
    """Whether every hop of a path goes from a customer to its provider, as the links table writes them."""
    hops = set(zip(links["from_id"], links["to_id"], strict=True))
    return all((a, b) in hops for a, b in itertools.pairwise(path))


def _one_path(graph: nx.Graph, start: str, end: str) -> list[str] | None:
    """The only shortest path from start to end, or None when there is none or more than one."""
    if start not in graph or end not in graph or not nx.has_path(graph, start, end):
        return None
    paths = list(itertools.islice(nx.all_shortest_paths(graph, start, end), 2))
    return paths[0] if len(paths) == 1 else None


def _still_out(graph: nx.Graph, removed: str) -> set[str] | None:
    """The networks of a links graph that still reach a foreign upstream without ``removed`` (None if absent)."""
    if removed not in graph:
        return None
    foreign = _foreign_upstreams()
    cut = graph.copy()
    cut.remove_node(removed)
    return {n for n in cut if n not in foreign and any(f in cut and nx.has_path(cut, n, f) for f in foreign)}


def _in_opennet_model(removed: str) -> set[str]:
    """Task 7's answer in the lesson's ``model_2009`` (OpenNet's reading), where it differs from the links."""
    model = topology("2009-all")
    return set(access_networks(model)) - set(lose_access(model, removed))


def _choose(rng) -> dict:
    """Another year of the market, a blocking network and model for tasks 2, 4 and 5, a model for task 3, a
    start and end for task 6's path and a network to remove for task 7 (in one era of the links), and years for
    the chart; each chosen among those whose answer differs from the published one and from the near misses
    the check names, so that a near miss is never taken for the answer."""
    published = VARIANTS.defaults
    # Task 1: a segment whose shares come from several operators in a year, and another year of it.
    market = data.load("market")
    shares = market[market["metric"] == "share_percent"]
    per_year = shares.groupby(["segment", "year"])["operator"].nunique()
    segments = sorted({segment for (segment, _), n in per_year.items() if n >= 2})
    segment = rng.choice(segments)
    rows = _share_rows(segment)
    years = sorted(int(y) for (s, y), n in per_year.items() if s == segment and n >= 2)
    published_hhi = hhi(_share_rows(published["segment"]).query(f"year == {published['hhi_year']}")["value"])
    tasks1 = []
    for year in years:
        expected, total, squared, fractions = _q1_values(rows[rows["year"] == year]["value"])
        if (
            abs(expected - published_hhi) > 1
            and min(abs(expected - total), abs(expected - squared)) > 1
            and abs(expected - fractions) > 0.001
        ):
            tasks1.append(year)
    hhi_year = rng.choice(tasks1)
    # Task 8: a run of those years, not all of them, that holds task 1's year.
    runs = [
        (years[i], years[j])
        for i, j in itertools.combinations(range(len(years)), 2)
        if years[i] <= hhi_year <= years[j] and (i, j) != (0, len(years) - 1)
    ]
    chart_from, chart_to = rng.choice(runs)
    # Tasks 2, 4 and 5: a block that reaches more networks than the blocking one's own.
    models = {era: topology(era) for era in sorted(MODEL_CODE)}
    blocks = {
        (era, node): _chokepoint(graph, node)
        for era, graph in models.items()
        for node in sorted(graph)
        if node != WORLD and len(lose_access(graph, node)) >= 2
    }
    published_q2 = blocks[(published["share_era"], published["share_at"])][0]
    tasks2 = [
        (era, node)
        for (era, node), (share, lost, users, without) in blocks.items()
        if era.startswith("2009")
        and abs(share - published_q2) > 0.006
        and _share_distinct(share, (lost, users), (without,))
    ]
    share_era, share_at = rng.choice(tasks2)
    published_q4 = _reached_countries(models[published["reach_era"]], published["reach_at"])
    tasks4 = [
        (era, node)
        for era, node in blocks
        if (found := _reached_countries(models[era], node)) and found != published_q4
    ]
    reach_era, reach_at = rng.choice(tasks4)
    published_q5 = blocks[("today", published["today_at"])][0]
    tasks5 = []
    for (era, node), (share, lost, users, without) in blocks.items():
        in_2009 = blocks.get(("2009-all", node), (None,))[0] if node in models["2009-all"] else None
        if (
            era == "today"
            and abs(share - published_q5) > 0.006
            and _share_distinct(share, (lost, users), (without, in_2009))
        ):
            tasks5.append(node)
    today_at = rng.choice(tasks5)
    # Tasks 6 and 7: one era of the links, in which both tasks have answers other than the published ones.
    links = data.load("links")
    graphs = {era: _links_graph(era) for era in sorted(LINKS_ERA_WORDS)}
    published_path = _one_path(graphs[published["links_era"]], published["path_from"], published["path_to"])
    published_out = _still_out(graphs[published["links_era"]], published["cut_at"])
    choices = {}
    for era, graph in graphs.items():
        other = next(e for e in graphs if e != era)
        era_links = links[links["era"] == era]
        paths = []
        for start, end in itertools.product(sorted(graph), _foreign_upstreams()):
            path = _one_path(graph, start, end)
            if (
                start not in _foreign_upstreams()
                and path is not None
                and len(path) >= 3
                and path != published_path
                and _upward(era_links, path)
                and _one_path(graphs[other], start, end) != path
            ):
                paths.append((start, end))
        cuts = []
        for node in sorted(graph):
            out = _still_out(graph, node)
            users = [n for n in graph if n not in _foreign_upstreams()]
            if node in _foreign_upstreams() or out is None or not out or out == published_out:
                continue
            if len(out) >= len(users) - 1:  # the block cuts off no network but its own
                continue
            near = [_still_out(graphs[other], node)]
            if era == "2009":
                near.append(_in_opennet_model(node))
            if out not in near:
                cuts.append(node)
        if paths and cuts:
            choices[era] = (paths, cuts)
    links_era = rng.choice(sorted(choices))
    paths, cuts = choices[links_era]
    path_from, path_to = rng.choice(paths)
    return {
        "segment": segment,
        "hhi_year": hhi_year,
        "share_era": share_era,
        "share_at": share_at,
        "central_era": rng.choice(_central_eras(models, published["central_era"])),
        "reach_era": reach_era,
        "reach_at": reach_at,
        "today_at": today_at,
        "links_era": links_era,
        "path_from": path_from,
        "path_to": path_to,
        "cut_at": rng.choice(cuts),
        "chart_from": chart_from,
        "chart_to": chart_to,
    }


def _central_eras(models: dict[str, nx.Graph], published: str) -> list[str]:
    """The models whose most central network is not the published model's, nor the world, nor tied."""
    first = betweenness(models[published]).index[0]
    eras = []
    for era, graph in models.items():
        scores = betweenness(graph)
        top = scores.index[0]
        if top != first and top != graph.nodes[WORLD]["name"] and scores.iloc[0] > scores.iloc[1]:
            eras.append(era)
    return eras


def _texts(values) -> dict[str, str]:
    words = {}
    for key in ("share", "reach", "today", "cut", "path_from", "path_to"):
        node = values[key if key.startswith("path") else f"{key}_at"]
        phrase, plural = _phrase(node)
        words[f"{key}_phrase"] = phrase
        words[f"{key}_blocks"] = "block" if plural else "blocks"
        words[f"{key}_own"] = _possessive(phrase, plural)
    for key in ("share", "reach", "central"):
        era = values[f"{key}_era"]
        words[f"{key}_model"] = MODEL_CODE[era]
        words[f"{key}_model_note"] = MODEL_NOTE[era]
    share_users = values["share_at"] in access_networks(topology(values["share_era"]))
    words["share_own_note"] = f" ({words['share_own']} own network among them)" if share_users else ""
    same = (values["reach_era"], values["reach_at"]) == (values["share_era"], values["share_at"])
    words["reach_setup"] = "" if same else f'lost = lesson3.lose_access({words["reach_model"]}, "{values["reach_at"]}")'
    words["reach_hint"] = (
        ""
        if same
        else f'`lesson3.lose_access({words["reach_model"]}, "{values["reach_at"]}")` lists the networks that lose '
        "access."
    )
    era = values["links_era"]
    words["links_era_network"] = LINKS_ERA_NETWORK[era]
    words["segment_words"] = SEGMENT_WORDS.get(values["segment"], values["segment"].replace("_", "-"))
    if era == "2009":
        words["cut_note"] = (
            "Your graph holds every 2009 link, which is Freedom House's reading; the lesson's `model_2009` follows "
            "OpenNet's."
        )
    else:
        words["cut_note"] = "Your graph holds today's links: those of `model_today`, without its node for sites abroad."
    return words


#: The parameters of the tasks: the published exercises' values, and how a variant chooses others
#: (:mod:`netgov.variants`).
VARIANTS = Variants(
    3,
    defaults={
        "segment": "mobile_broadband",
        "hhi_year": 2016,
        "share_era": "2009-all",
        "share_at": "kazakhtelecom",
        "central_era": "2009-all",
        "reach_era": "2009-all",
        "reach_at": "kazakhtelecom",
        "today_at": "kazakhtelecom",
        "links_era": "2009",
        "path_from": "isps-kg",
        "path_to": "foreign-transit-a",
        "cut_at": "kazakhtelecom",
        "chart_from": 2011,
        "chart_to": 2016,
    },
    choose=_choose,
    tasks={
        "q1": ("segment", "hhi_year"),
        "q2": ("share_era", "share_at"),
        "q3": ("central_era",),
        "q4": ("reach_era", "reach_at"),
        "q5": ("today_at",),
        "q6": ("links_era", "path_from", "path_to"),
        "q7": ("links_era", "cut_at"),
        "q8": ("segment", "chart_from", "chart_to"),
    },
    texts=_texts,
)
use_variant = VARIANTS.use


#: Small numbers in words, for the feedback.
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@check(as_number, "a number (the index)")
def q1(value):
    """The Herfindahl-Hirschman index of a market segment in a year (published: mobile broadband in 2016), from
    the market table."""
    segment, year = VARIANTS["segment"], VARIANTS["hhi_year"]
    shares = _share_rows(segment)
    shares = shares[shares["year"] == year]["value"]
    expected = hhi(shares)
    operators = NUMBER_WORDS.get(len(shares), str(len(shares)))
    band = hhi_band(expected)
    return judge(
        value,
        expected,
        f"HHI {expected:,.0f}: far above 1,800, so {band} with only {operators} operators."
        if expected >= 2 * 1800
        else f"HHI {expected:,.0f}: {band}, with {operators} operators.",
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
        f"'{segment}', the metric 'share_percent' and the year {year}, a number rather than text.",
        otherwise=(
            f"{value:,g} does not match.",
            f"Keep the {year} {SEGMENT_WORDS.get(segment, segment)} shares, square them, add them up.",
        ),
    )


def _without_operator(graph, operator: str) -> float:
    """The share a learner gets by leaving the blocking network's own network out of both counts (percent)."""
    lost = [n for n in lose_access(graph, operator) if n != operator]
    return 100 * len(lost) / len([n for n in access_networks(graph) if n != operator])


def _own_network_mistake(graph, operator: str, model: str) -> list[tuple[float, str, str]]:
    """The near miss of leaving the blocking network's own users out, when it has users."""
    if operator not in access_networks(graph):
        return []
    name = _name(operator)
    return [
        (
            _without_operator(graph, operator) / 100,
            f"That leaves {name}'s own network out.",
            f'Its own users lose access too: count every network in `lesson3.lose_access({model}, "{operator}")`.',
        )
    ]


@check(_as_share, "a share, as a fraction (0.5) or a percentage (50)")
def q2(share: _Share):
    """In a model (published: the 2009 model, OpenNet's reading), what share of networks lose sites abroad if a
    network (published: Kazakhtelecom) blocks them?"""
    era, operator = VARIANTS["share_era"], VARIANTS["share_at"]
    model = MODEL_CODE[era]
    graph = topology(era)
    lost, users = len(lose_access(graph, operator)), len(access_networks(graph))
    expected = lost / users
    reach = (
        "one operator's filter reaches almost every network in the model."
        if expected > 0.8
        else f"a filter at {_name(operator)} reaches {lost} of the {users} networks in the model."
    )
    return _judge_share(
        share,
        expected,
        f"{100 * expected:.0f}%, the chokepoint share: {reach}",
        counts=[
            (
                lost,
                f"{lost} is the number of networks that lose access, not yet their share.",
                f"Divide it by the number of networks with users, `len(lesson3.access_networks({model}))`.",
            ),
            (
                users,
                f"{users} is the number of networks with users, not yet a share.",
                "Divide the number of networks that lose access by it.",
            ),
        ],
        mistakes=_own_network_mistake(graph, operator, model),
        otherwise="Divide the number of networks that lose access by the number of networks with users.",
    )


def _as_network(answer: object, expected: str) -> str | Feedback:
    """A network's name, id or AS number; a score in place of a name is named as such."""
    if pd.api.types.is_float(answer) and 0 <= answer <= 1:
        return Feedback(
            "unreadable",
            f"{answer:g} is a betweenness score, not a network. The networks are the labels of "
            f"`lesson3.betweenness({MODEL_CODE[VARIANTS['central_era']]})`, its index; the numbers beside them are "
            "their scores.",
        )
    if pd.api.types.is_integer(answer):
        return str(answer)  # an AS number
    return as_text(answer, expected)


@check(_as_network, "the network's name or id")
def q3(answer):
    """Which network has the highest betweenness centrality in a model (published: the 2009 model, OpenNet's
    reading)?"""
    era = VARIANTS["central_era"]
    graph = topology(era)
    scores = betweenness(graph)
    ids = {name: node for node, name in graph.nodes(data="name")}
    top, second = str(scores.index[0]), str(scores.index[1])
    if names_match(answer, _network_names(ids[top])):
        return correct(f"{top}, with {scores.iloc[0]:.2f}: most shortest paths between networks cross it.")
    if names_match(answer, [second, ids[second]]):
        return not_yet("That is the second highest.", "Sort the scores from highest to lowest and take the first.")
    return not_yet(
        f"'{answer}' is not the top network.",
        f"`lesson3.betweenness({MODEL_CODE[era]})` lists the networks from the highest score down.",
    )


def _single_source(lost: Sequence[str], countries: set[str]) -> list[str]:
    """The countries whose every network in ``lost`` rests on one source only."""
    networks = data.load("networks").set_index("id")
    single = []
    for country in sorted(countries):
        sources = [str(networks.loc[n, "source_ids"]).split(";") for n in lost if networks.loc[n, "country"] == country]
        if sources and all(len(s) == 1 for s in sources):
            single.append(COUNTRY_NAMES.get(country, country))
    return single


@check(as_text_set, "a list of country codes such as ['KZ', ...]")
def q4(given):
    """Which countries besides Kazakhstan would a block on sites abroad at a network (published: Kazakhtelecom)
    reach, in a model (published: the 2009 model)?"""
    era, operator = VARIANTS["reach_era"], VARIANTS["reach_at"]
    graph = topology(era)
    in_model = {country for _, country in graph.nodes(data="country") if country}
    lost = lose_access(graph, operator)
    expected = {graph.nodes[n]["country"] for n in lost} - {"KZ", ""}
    code = {g: COUNTRY_CODES.get(g, g).upper() for g in given}
    codes = set(code.values())
    if codes == expected:
        if era.startswith("2009"):
            why = "the 2008 RFE/RL and LiveJournal blocks crossed these borders the same way."
        else:
            phrase, plural = _phrase(operator)
            why = f"in the model their networks reach sites abroad through {phrase}, so "
            why += f"{'their filters reach' if plural else 'a filter there reaches'} their users too."
        single = _single_source(lost, expected)
        note = f" Note that only one source names {' and '.join(single)}." if single else ""
        return correct(f"{', '.join(sorted(expected))}: {why}{note}")
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
        f'Take the country of every network in `lesson3.lose_access({MODEL_CODE[era]}, "{operator}")`, as the task '
        "shows for the roles of networks.",
    )


def _listed(items: Sequence[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


@check(_as_share, "a share, as a fraction or a percentage")
def q5(share: _Share):
    """In today's model, what share of the networks lose sites abroad if a network (published: Kazakhtelecom)
    blocks them?"""
    operator = VARIANTS["today_at"]
    graph = topology("today")
    lost, users = len(lose_access(graph, operator)), len(access_networks(graph))
    expected = chokepoint_share(graph, operator)
    call = f'`lesson3.chokepoint_share(model_today, "{operator}")`'
    model_2009 = topology("2009-all")
    then = (
        [(chokepoint_share(model_2009, operator), "That is the 2009 figure.", "Use `model_today`.")]
        if operator in model_2009
        else []
    )
    own = [
        (wrong, message, f"Its own users lose access too: {call} counts them.")
        for wrong, message, _ in _own_network_mistake(graph, operator, "model_today")
    ]
    if operator in model_2009 and chokepoint_share(model_2009, operator) > 0.8 and expected < 0.5:
        why = (
            f"in the model several operators reach foreign transit directly, so a block at {_name(operator)} no "
            "longer reaches almost everyone; filtering then needs orders to every operator."
        )
    else:
        why = f"a block at {_phrase(operator)[0]} reaches {lost} of the {users} networks with users in today's model."
    return _judge_share(
        share,
        expected,
        f"{100 * expected:.0f}%: {why}",
        counts=[
            (
                lost,
                f"{lost} is the number of networks that lose access, not yet their share.",
                f"{call} gives the share.",
            ),
            (users, f"{users} is the number of networks with users, not yet a share.", f"{call} gives the share."),
        ],
        mistakes=[*then, *own],
        otherwise=f"{call} gives the share.",
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
    """The path from a network (published: the Kyrgyz ISPs) to a foreign upstream (published: Foreign transit A)
    in a graph built from one era's links (published: 2009) with networkx."""
    era, start, end = VARIANTS["links_era"], VARIANTS["path_from"], VARIANTS["path_to"]
    other = next(e for e in LINKS_ERA_WORDS if e != era)
    graph = _links_graph(era)
    expected = nx.shortest_path(graph, start, end)
    ids = [_network_id(item) for item in path]
    unknown = [item for item, found in zip(path, ids, strict=True) if found is None]
    if unknown:
        return not_yet(
            f"{_listed(unknown)} {'is' if len(unknown) == 1 else 'are'} not the id, name or AS number of a network "
            "in the links table.",
            f"Give the ids that `nx.shortest_path` returns, such as '{start}'.",
        )
    if ids == expected:
        hops = [graph.edges[a, b] for a, b in itertools.pairwise(expected)]
        relations = sorted({hop["relation"] for hop in hops})
        certainties = ", ".join(f"{hop['id']} {hop['certainty']}" for hop in hops)
        return correct(
            f"{' → '.join(_name(n) for n in expected)}: {len(hops)} links, all {' and '.join(relations)}. "
            f"{_transit_sentence(expected[0], expected[1])} The links' certainty: {certainties}."
        )
    if ids == expected[::-1]:
        return not_yet(
            "That runs from the foreign upstream to the users.",
            f"Start where the traffic starts, at '{start}', and end at '{end}'.",
        )
    other_graph = _links_graph(other)
    if start in other_graph and end in other_graph and nx.has_path(other_graph, start, end):
        if ids == nx.shortest_path(other_graph, start, end):
            then = "today's route, not the route of 2009" if era == "2009" else "the route of 2009, not today's"
            return not_yet(
                f"That is {then}.",
                f'Build the graph from the {LINKS_ERA_WORDS[era]} rows only: `links[links["era"] == "{era}"]`.',
            )
    if ids and all(n in expected for n in ids) and len(ids) < len(expected):
        return not_yet(
            "A network of the path is missing: a path includes both its ends.",
            f"Give every network from '{start}' to '{end}', as `nx.shortest_path` returns them.",
        )
    if sorted(ids) == sorted(expected):
        return not_yet(
            "The right networks, in another order.",
            "Give them in the order the traffic crosses them, as `nx.shortest_path` returns them.",
        )
    return not_yet(
        f"That is not the path the traffic takes in the {LINKS_ERA_WORDS[era]} links.",
        f"Build the graph with `nx.from_pandas_edgelist` (source 'from_id', target 'to_id'), then ask "
        f"`nx.shortest_path` for the path from '{start}' to '{end}'.",
    )


def _transit_sentence(customer: str, provider: str) -> str:
    """Who buys transit from whom on a path's first link, in words."""
    (buyer, many), (seller, sellers) = _phrase(customer), _phrase(provider)
    their = "their" if many else "its"
    return (
        f"{buyer[0].upper() + buyer[1:]} {'buy' if many else 'buys'} transit from {seller}, {their} upstream provider, "
        f"which {'carry' if sellers else 'carries'} {their} traffic abroad through "
        f"{'their international gateways' if sellers else 'its international gateway'}; a filter there reaches "
        f"{'them' if many else 'it'} too."
    )


def _foreign_upstreams() -> list[str]:
    networks = data.load("networks")
    return sorted(networks.loc[networks["role"] == "foreign_upstream", "id"])


@check(as_text_set, "a list of network ids such as ['nursat', ...]")
def q7(given):
    """With a network (published: Kazakhtelecom) removed from the graph of one era's links (published: 2009),
    which networks still reach a foreign upstream?"""
    era, removed = VARIANTS["links_era"], VARIANTS["cut_at"]
    other = next(e for e in LINKS_ERA_WORDS if e != era)
    graph = _links_graph(era)
    foreign = _foreign_upstreams()
    users = [n for n in graph if n not in foreign]
    expected = _still_out(graph, removed)
    ids = {item: _network_id(item) for item in given}
    unknown = sorted(item for item, found in ids.items() if found is None)
    if unknown:
        return not_yet(
            f"{_listed(unknown)} {'is' if len(unknown) == 1 else 'are'} not the id, name or AS number of a network "
            "in the links table.",
            "Give the ids of the graph's nodes, such as 'nursat'.",
        )
    chosen = set(ids.values())
    in_model = _in_opennet_model(removed) if era == "2009" else None
    if chosen == expected:
        kept = f"{len(expected)} of the {len(users)} networks with users keep a route abroad; the other "
        kept += f"{len(users) - len(expected)} lose it"
        names = ", ".join(_name(n) for n in sorted(expected))
        if era != "2009":
            share = (len(users) - len(expected)) / len(users)
            return correct(
                f'{names}: {kept}, a chokepoint share of {share:.0%}, as `lesson3.chokepoint_share(model_today, "'
                f'{removed}")` says.'
            )
        share, share_model = (
            chokepoint_share(topology("2009-part"), removed),
            chokepoint_share(topology("2009-all"), removed),
        )
        only_here = sorted(expected - in_model)
        opennet = (
            f"{', '.join(_name(n) for n in only_here)} {'has' if len(only_here) == 1 else 'have'} no link abroad of "
            f"{'its' if len(only_here) == 1 else 'their'} own, and the share is {share_model:.0%}."
            if only_here
            else f"the share is {share_model:.0%}."
        )
        return correct(
            f"{names}: {kept}, a chokepoint share of {share:.0%}. That is Freedom House's reading, with every 2009 "
            f"link. In OpenNet's reading, the lesson's `model_2009`, {opennet}"
        )
    if removed in chosen:
        return not_yet(
            f"{_name(removed)} is where the block is: its own users lose sites abroad too.",
            "Remove it from the graph (the graph's remove_node method) before you test the paths.",
        )
    upstreams = sorted(chosen & set(foreign))
    if upstreams:
        return not_yet(
            f"{_listed([_name(n) for n in upstreams])}: a foreign upstream, not a network with users.",
            f"Leave out {' and '.join(repr(n) for n in foreign)} themselves.",
        )
    if in_model is not None and chosen == in_model:
        return not_yet(
            "That is the answer in `model_2009`, OpenNet's reading, which leaves out one network's own link abroad.",
            'Build the graph from every 2009 row of `links`: `links[links["era"] == "2009"]`.',
        )
    if chosen == _still_out(_links_graph(other), removed):
        return not_yet(
            f"That is the answer with the {LINKS_ERA_WORDS[other]} links.",
            f'Build the graph from the {LINKS_ERA_WORDS[era]} rows of `links`: `links[links["era"] == "{era}"]`.',
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

#: Axis titles that are only a column's name, not words a reader can take in.
COLUMN_NAMES = {"year", "value", "operator", "metric", "segment", "share_percent", "index", "variable"}


def _chart_rows() -> pd.DataFrame:
    """The rows task 8 draws: each operator's share of a segment (published: mobile broadband), by year, over a
    run of years (published: every year with shares)."""
    rows = _share_rows(VARIANTS["segment"])
    return rows[rows["year"].between(VARIANTS["chart_from"], VARIANTS["chart_to"])]


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q8(figure):
    """A line chart of each operator's share of a segment (published: mobile broadband) by year, over a run of
    years (published: all of them), with a title, axes labelled in words, and markers, so that a single year
    shows and the lines can be told apart without colour."""
    segment, first, last = VARIANTS["segment"], VARIANTS["chart_from"], VARIANTS["chart_to"]
    words = SEGMENT_WORDS.get(segment, segment)
    rows = _chart_rows()
    wanted = {
        operator: dict(zip(group["year"].astype(int), group["value"].astype(float), strict=True))
        for operator, group in rows.groupby("operator")
    }
    traces = named_traces(figure, {operator: [operator] for operator in wanted})
    drawn = {operator: trace_points(trace) for operator, trace in traces.items()}
    modes = {operator: getattr(trace, "mode", None) for operator, trace in traces.items()}
    missing = [o for o in wanted if o not in drawn]
    if missing:
        return not_yet(
            f"No line named {', '.join(missing)}.",
            f"Give `px.line` every {words} share row from {first} to {last} and `color='operator'`, so that each "
            "line is named after its operator.",
        )
    for operator, points in wanted.items():
        got = drawn[operator]
        if set(points) < set(got) and all(abs(got[year] - value) <= 0.01 for year, value in points.items()):
            return not_yet(
                f"The line of {operator} also has years before {first} or after {last}.",
                f'Keep only the rows whose year is from {first} to {last}: `market["year"].between({first}, {last})`.',
            )
        if set(got) != set(points) or any(abs(got[year] - value) > 0.01 for year, value in points.items()):
            return not_yet(
                f"The line of {operator} does not follow its shares by year.",
                f"Keep the rows whose segment is '{segment}' and whose metric is 'share_percent'; put the "
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

    p = VARIANTS
    market = data.load("market")
    share_rows = market[(market["segment"] == p["segment"]) & (market["metric"] == "share_percent")]
    shares = share_rows[share_rows["year"] == p["hhi_year"]]["value"]
    share_model = topology(p["share_era"])
    reach_model = topology(p["reach_era"])
    reached = lose_access(reach_model, p["reach_at"])
    links = data.load("links")
    graph = nx.from_pandas_edgelist(links[links["era"] == p["links_era"]], source="from_id", target="to_id")
    path = nx.shortest_path(graph, p["path_from"], p["path_to"])
    graph.remove_node(p["cut_at"])
    foreign = ["foreign-transit-a", "foreign-transit-b"]
    still = [n for n in graph if n not in foreign and any(nx.has_path(graph, n, f) for f in foreign)]
    chart_rows = share_rows[share_rows["year"].between(p["chart_from"], p["chart_to"])]
    return {
        "q1": float((shares**2).sum()),
        "q2": len(lose_access(share_model, p["share_at"])) / len(access_networks(share_model)),
        "q3": betweenness(topology(p["central_era"])).index[0],
        "q4": sorted({reach_model.nodes[n]["country"] for n in reached} - {"KZ", ""}),
        "q5": chokepoint_share(topology("today"), p["today_at"]),
        "q6": path,
        "q7": sorted(still),
        "q8": px.line(
            chart_rows,
            x="year",
            y="value",
            color="operator",
            line_dash="operator",
            markers=True,
            title=f"Shares of the {SEGMENT_WORDS.get(p['segment'], p['segment'])} market by operator",
            labels={"year": "Year", "value": "Market share (%)", "operator": "Operator"},
        ),
    }
