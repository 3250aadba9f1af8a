"""The right answer to every exercise check, computed here with plain pandas and networkx.

One place for them, so that the lesson tests, the near-miss test and the solutions agree on what "right" is.
Each entry is computed the way a learner would, from the tables, not by calling the check; where a
literal value is pinned, it is pinned in the lesson's own test.
"""

from __future__ import annotations

import functools

import netgov
from netgov import lesson1, lesson2, lesson3

LAW_2009 = "law-2009-internet"


def _lesson1() -> dict[str, object]:
    provisions = netgov.load("provisions")
    law = provisions[provisions["act_id"] == LAW_2009]
    acts = netgov.load("legal_acts")
    act = acts.set_index("id").loc[LAW_2009]
    merged = netgov.load("assessments").merge(provisions[["id", "act_id"]], left_on="provision_id", right_on="id")
    extending = acts[acts["extends_2009_law"]]
    table = lesson1.legislation_table()
    return {
        "q1": len(law),
        "q2": law["affects"].str.split(";").explode().unique().tolist(),
        "q3": (act["signed"] - act["adopted"]).days,
        "q4": merged[merged["act_id"] == LAW_2009]["verdict"].value_counts().index[0],
        "q5": int((extending["signed"].dt.year >= 2014).sum()),
        "q6": lesson1.THEMES[table[table["extends_2009_law"]]["theme"].value_counts().index[0]],
    }


def _lesson2() -> dict[str, object]:
    events = netgov.load("events").set_index("id")
    table = lesson2.statement_table()
    chosen = table[table["date"].dt.year.between(2007, 2010) & table["kind"].isin(["statement", "letter", "report"])]
    positions = netgov.load("positions")
    law = set(positions[(positions["issue"] == "internet-law-2009") & (positions["stance"] == "opposes")]["actor_id"])
    chair = set(
        positions[(positions["issue"] == "osce-chairmanship") & positions["stance"].isin(["opposes", "concerned"])][
            "actor_id"
        ]
    )
    rfom = positions[(positions["actor_id"] == "osce-rfom") & (positions["issue"] == "media-law-reform")]
    return {
        "q1": (
            events.loc["ev-2010-01-01-kz-chairmanship", "date"]
            - events.loc["ev-2007-11-30-madrid-chairmanship-decision", "date"]
        ).days,
        "q2": chosen["actor"].value_counts().index[0],
        "q3": int((netgov.load("commitments")["status"] == "met").sum()),
        "q4": sorted(law & chair),
        # the first year in which the office's latest stance on media-law reform is 'opposes'
        "q5": int(rfom.sort_values("date").loc[lambda r: r["stance"] == "opposes", "date"].dt.year.min()),
    }


def _lesson3() -> dict[str, object]:
    market = netgov.load("market")
    shares = market.query("segment == 'mobile_broadband' and metric == 'share_percent' and year == 2016")["value"]
    graph = lesson3.topology("2009-all")
    lost = lesson3.lose_access(graph, "kazakhtelecom")
    return {
        "q1": float((shares**2).sum()),
        "q2": len(lost) / len(lesson3.access_networks(graph)),
        "q3": lesson3.betweenness(graph).index[0],
        "q4": sorted({graph.nodes[n]["country"] for n in lost} - {"KZ", ""}),
        "q5": lesson3.chokepoint_share(lesson3.topology("today")),
    }


def _lesson4() -> dict[str, object]:
    cases = netgov.load("blocking_cases")
    return {
        "q1": int(cases["methods"].str.contains("unknown").sum()),
        "q2": int(cases["start"].dt.year.value_counts().idxmax()),
        "q3": int(cases["methods"].str.contains("shutdown").sum()),
        "q4": float((cases["end"] - cases["start"]).dt.days.dropna().median()),
        "q5": "tls_sni",
    }


_LESSONS = {"lesson1": _lesson1, "lesson2": _lesson2, "lesson3": _lesson3, "lesson4": _lesson4}


@functools.cache
def right_answers(lesson: str) -> dict[str, object]:
    """``{"q1": ..., ...}`` for one lesson's checks (``"lesson1"`` ... ``"lesson4"``)."""
    return _LESSONS[lesson]()


def right_answer(check: str) -> object:
    """The right answer for a check named ``"lesson3.q2"``; KeyError for a check with no entry here."""
    lesson, question = check.split(".")
    answers = right_answers(lesson)
    return answers[question]
