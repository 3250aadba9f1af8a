"""Checks for exercises/03-one-gateway-exercises.ipynb: each is the expected answer, computed from the data and the
model, and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .. import data
from ..checks import Feedback, as_number, as_text, as_text_set, check, correct, judge, names_match, not_yet
from .tables import access_networks, betweenness, chokepoint_share, hhi, lose_access, topology

__all__ = ["q1", "q2", "q3", "q4", "q5"]

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


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables and the model the way a learner would,
    separately from the checks' own reasoning: the instructors' answer key, and what the tests give each check
    as right."""
    market = data.load("market")
    shares = market.query("segment == 'mobile_broadband' and metric == 'share_percent' and year == 2016")["value"]
    graph = topology("2009-all")
    lost = lose_access(graph, "kazakhtelecom")
    return {
        "q1": float((shares**2).sum()),
        "q2": len(lost) / len(access_networks(graph)),
        "q3": betweenness(graph).index[0],
        "q4": sorted({graph.nodes[n]["country"] for n in lost} - {"KZ", ""}),
        "q5": chokepoint_share(topology("today")),
    }
