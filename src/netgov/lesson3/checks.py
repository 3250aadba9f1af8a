"""Checks for exercises/03-one-gateway.ipynb: each is the expected answer, computed from the data and the model,
and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import pandas as pd

from .. import data
from ..checks import Feedback, as_number, as_text, as_text_set, check, correct, names_match, not_yet
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
COUNTRY_CODES = {"kyrgyzstan": "KG", "tajikistan": "TJ", "turkmenistan": "TM", "uzbekistan": "UZ", "russia": "RU"}


def _as_share(answer: object, expected: str) -> float | Feedback:
    """A share given as a fraction (0.5) or a percentage (50); returned as a percentage."""
    value = as_number(answer, expected)
    if isinstance(value, Feedback):
        return value
    if not 0 <= value <= 100:
        return Feedback("unreadable", f"A share lies between 0 and 1 (or 0% and 100%), not {value}.")
    return value * 100 if value <= 1 else value


@check(as_number, "a number (the index)")
def q1(value):
    """The Herfindahl-Hirschman index of mobile broadband in 2016, from the market table."""
    market = data.load("market")
    shares = market[
        (market["segment"] == "mobile_broadband") & (market["metric"] == "share_percent") & (market["year"] == 2016)
    ]["value"]
    expected = hhi(shares)
    if abs(value - expected) <= 1:
        return correct(f"HHI {expected:,.0f}: far above 1,800, so highly concentrated with only three operators.")
    if abs(value - shares.sum()) <= 1:
        return not_yet("That is the sum of the shares.", "Square each share first, then add the squares.")
    if abs(value - shares.sum() ** 2) <= 1:
        return not_yet("That squares the total.", "Square each share on its own, then add: (s ** 2).sum().")
    if abs(value - expected / 10_000) <= 0.001:
        return not_yet("You used shares as fractions.", "Use percentages (40, not 0.4), as the table does.")
    return not_yet(f"{value:,.0f} does not match.", "Keep the 2016 mobile-broadband shares, square them, add them up.")


def _without_operator(graph, operator: str = "kazakhtelecom") -> float:
    """The share a learner gets by leaving the filtering operator's own network out of both counts (percent)."""
    lost = [n for n in lose_access(graph, operator) if n != operator]
    return 100 * len(lost) / len([n for n in access_networks(graph) if n != operator])


@check(_as_share, "a share, as a fraction (0.5) or a percentage (50)")
def q2(value):
    """In the 2009 model (OpenNet reading), what share of networks lose sites abroad if Kazakhtelecom blocks them?"""
    graph = topology("2009-all")
    lost = lose_access(graph, "kazakhtelecom")
    expected = 100 * len(lost) / len(access_networks(graph))
    if abs(value - expected) <= 0.6:
        return correct(
            f"{expected:.0f}%, the chokepoint share: one operator's filter reaches almost every network in the model."
        )
    if abs(value - _without_operator(graph)) <= 0.6:
        return not_yet(
            "That leaves Kazakhtelecom's own network out.",
            "Its own users lose access too: count every network in the list lose_access() returns.",
        )
    return not_yet(f"{value:.1f}% does not match.", "Divide the number of networks that lose access by all networks.")


@check(as_text, "the network's name or id")
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
        f"'{answer}' is not the top network.", "Compute betweenness(topology('2009-all')) and read the first row."
    )


@check(as_text_set, "a list of country codes such as ['KG', ...]")
def q4(given):
    """Which countries besides Kazakhstan would a Kazakhtelecom block on sites abroad reach, in the 2009 model?"""
    codes = {COUNTRY_CODES.get(g, g).upper() for g in given}
    graph = topology("2009-all")
    expected = {graph.nodes[n]["country"] for n in lose_access(graph, "kazakhtelecom")} - {"KZ", ""}
    if codes == expected:
        return correct(
            f"{', '.join(sorted(expected))}: the 2008 RFE/RL and LiveJournal blocks crossed these borders the "
            "same way. Note that only one source names Turkmenistan."
        )
    if "KZ" in codes:
        return not_yet("Leave Kazakhstan itself out.", "The question asks about the neighbours.")
    missing, extra = expected - codes, codes - expected
    return not_yet(
        f"{len(missing)} missing, {len(extra)} that the model does not show.",
        "Take the 'country' of every network in lose_access(graph, 'kazakhtelecom').",
    )


@check(_as_share, "a share, as a fraction or a percentage")
def q5(value):
    """In today's model, what share of the networks lose sites abroad if Kazakhtelecom blocks them?"""
    expected = 100 * chokepoint_share(topology("today"))
    if abs(value - expected) <= 0.6:
        return correct(
            f"{expected:.0f}%: in the model several operators reach foreign transit directly, so a block at one "
            "of them no longer reaches almost everyone; filtering then needs orders to every operator."
        )
    if abs(value - 100 * chokepoint_share(topology("2009-all"))) <= 0.6:
        return not_yet("That is the 2009 figure.", "Use topology('today').")
    if abs(value - _without_operator(topology("today"))) <= 0.6:
        return not_yet(
            "That leaves Kazakhtelecom's own network out.",
            "Its own users lose access too: chokepoint_share(model_today) counts them.",
        )
    return not_yet(f"{value:.1f}% does not match.", "Use chokepoint_share(topology('today')).")
