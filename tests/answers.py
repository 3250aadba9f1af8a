"""The right answer to every exercise check, computed here with plain pandas and networkx, and the other forms
a learner may give it.

One place for them, so that the lesson tests, the near-miss test, the hint test and the solutions agree on what
"right" is. Each entry is computed the way a learner would, from the tables, not by calling the check; where a
literal value is pinned, it is pinned in the lesson's own test.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

import netgov
from netgov import lesson1, lesson2, lesson3
from netgov.checks import text_key
from netgov.lessons import LESSONS

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


def reasonable_forms(check: str) -> list[object]:
    """Other forms of the right answer that a learner's natural code gives, each of which must pass: what
    ``.unique()`` returns, a list typed as one string, a share as a percentage, a duration for a number of days,
    a one-row Series for a single value."""
    right = right_answer(check)
    forms: list[object] = []
    if isinstance(right, list):
        forms += [np.array(right), pd.Series(right).unique(), set(right), ", ".join(right), "; ".join(right)]
        forms.append(str(right))  # the list printed, then copied: "['KG', 'TJ']"
    elif isinstance(right, str):
        forms += [*NAME_FORMS.get(check, []), pd.Series([right]), pd.Series([right, right]).mode()]
        if check in ("lesson1.q4", "lesson2.q2"):  # read with top_of_counts: the value_counts() themselves
            forms.append(pd.Series({right: 3, "other": 1}))
    elif isinstance(right, bool):
        pass
    elif isinstance(right, int):
        forms += [np.int64(right), str(right), pd.Series([right])]
    else:
        forms += [np.float64(right), pd.Series([right])]
    if check in ("lesson3.q2", "lesson3.q5"):  # shares: a percentage, in text too, with a decimal comma
        forms += [100 * right, f"{100 * right:.1f}%", f"{right:.3f}".replace(".", ",")]
    if check in ("lesson1.q3", "lesson2.q1", "lesson4.q4"):  # days: one date minus another
        days = pd.Timedelta(days=right)
        forms += [days, days.to_timedelta64(), pd.Series([days])]
    return forms


#: Other spellings of a right text answer that must also pass.
NAME_FORMS = {
    "lesson3.q3": ["kazakhtelecom", "KAZAKHTELECOM JSC", "Kazakhtelecom-JSC", "AS9198", "9198"],
    "lesson4.q5": ["TLS filtering by server name (SNI)", "SNI", "sni filtering", "Server Name Indication", "TLS-SNI"],
}


def _check(check: str):
    lesson, question = check.split(".")
    return next(entry for entry in LESSONS if entry.name == lesson).checks()[question]


def _other_options(check: str) -> list[str]:
    """The names of the options a learner can pick from, besides the right one: each must be judged wrong."""
    if check == "lesson1.q4":
        fields = {f["name"]: f for f in netgov.data.schema("assessments")["fields"]}
        return fields["verdict"]["constraints"]["enum"]
    if check == "lesson1.q6":
        return list(lesson1.THEMES.values()) + list(lesson1.THEMES)
    if check == "lesson2.q2":
        return list(lesson2.statement_table()["actor"].unique())
    if check == "lesson3.q3":
        return list(netgov.load("networks")["name"]) + list(netgov.load("networks")["id"])
    if check == "lesson4.q5":
        table = netgov.load("detection_signatures").query("method != 'tls_sni'")
        return list(table["method"]) + list(table["label"]) + list(table["aliases"].str.split(";").explode())
    return []


def ties(check: str, option: str) -> bool:
    """Whether an other option is also right (a tie the check accepts on purpose)."""
    return check == "lesson2.q2" and bool(_check(check)(option))


def near_misses(check: str) -> list[object]:
    """Answers that are almost right and must not pass: fragments and single letters of a name, negations, the
    other options' names, a count off by one, a number just outside the tolerance, a list with one item too
    few or too many."""
    right = right_answer(check)
    if isinstance(right, str):
        misses = [right[0], right[:3], right[: len(right) // 2], f"not {right}", f"no {right} involved", right + "x"]
        misses += ["a", "k", "x", "z", "snippet", "insnide", "JSC"]
        misses += [o for o in _other_options(check) if not ties(check, o)]
        keep = {text_key(f) for f in [right, *NAME_FORMS.get(check, [])]}
        return [m for m in misses if text_key(m) not in keep]
    if isinstance(right, list):
        misses = [[*right, "something else"]]  # one item too many
        if len(right) > 1:
            misses += [right[1:], right[0]]  # one too few; a lone item
        return misses
    if isinstance(right, bool):
        return [not right]
    if isinstance(right, int):
        return [right - 1, right + 1, right * 10 or 10]
    value = float(right)  # a share (fraction), an index, a median
    misses = [value - 2, value + 2]
    if 0 < value <= 1:
        misses += [value - 0.05, value + 0.05]
    return misses
