"""Checks for exercises/01-the-2009-law-exercises.ipynb: each is the expected answer, computed from the data, and
the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import pandas as pd

from .. import data
from ..checks import as_days, as_int, as_text, as_text_set, check, correct, judge, not_yet
from .tables import THEMES, legislation_table

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]

LAW_2009 = "law-2009-internet"


def _provisions_2009() -> pd.DataFrame:
    provisions = data.load("provisions")
    return provisions[provisions["act_id"] == LAW_2009]


@check(as_int, "a whole number of provisions")
def q1(n: int):
    """How many provisions of the 2009 internet law does the data describe?"""
    expected = len(_provisions_2009())
    return judge(
        n,
        expected,
        f"The data describes {expected} provisions of the 2009 law, each with its own sources.",
        mistakes=[
            (
                len(data.load("provisions")),
                "That is the number of provisions of every act in the table.",
                "Keep only the rows whose act_id is 'law-2009-internet' before counting.",
            )
        ],
        no_rows_hint="Compare act_id with 'law-2009-internet', written exactly as in the table.",
        otherwise=(
            f"{n} is not the number of rows for the 2009 law.",
            "Keep the rows whose act_id is 'law-2009-internet', then count them with `len`.",
        ),
    )


@check(as_text_set, "a list of group names such as ['blogger', ...]")
def q2(given: set[str]):
    """Which groups does the 2009 law affect (the values of `affects` across its provisions)?"""
    expected = set(_provisions_2009()["affects"].str.split(";").explode())
    if given == expected:
        return correct(
            f"The 2009 law reaches {len(expected)} groups, from bloggers and commenters to foreign sites: "
            "far beyond registered newspapers and broadcasters."
        )
    if any(";" in g for g in given):
        return not_yet(
            "Some of your items still contain ';': they are several groups stuck together.",
            'Split the column with `.str.split(";")`, then give each group a row of its own with `.explode()`.',
        )
    extra = sorted(given - expected)
    missing = len(expected - given)
    parts = []
    if extra:
        listed = ", ".join(f"'{e}'" for e in extra)
        parts.append(f"{listed} {'does' if len(extra) == 1 else 'do'} not appear in the 2009 law's rows")
    if missing:
        parts.append(f"{missing} {'group is' if missing == 1 else 'groups are'} missing")
    return not_yet("; ".join(parts).capitalize() + ".", "Use every provision of the 2009 law, not just the first one.")


@check(as_days, "a whole number of days")
def q3(days: int):
    """How many days passed between Parliament adopting the 2009 law and the President signing it?"""
    act = data.load("legal_acts").set_index("id").loc[LAW_2009]
    expected = int((act["signed"] - act["adopted"]).days)
    return judge(
        days,
        expected,
        f"{expected} days: the Representative on Freedom of the Media made his appeal inside this window, "
        "asking the President not to sign.",
        mistakes=[
            (-expected, "The sign is the wrong way round.", "Subtract the earlier date from the later one."),
            *(
                (near, "Off by one.", "Subtracting two dates in pandas counts the days between them; no +1 needed.")
                for near in (expected + 1, expected - 1)
            ),
        ],
        otherwise=(
            f"{days} is not the gap in the data.",
            "Subtract the 'adopted' date from the 'signed' date of the 2009 law.",
        ),
    )


def _verdicts() -> list[str]:
    fields = {f["name"]: f for f in data.schema("assessments")["fields"]}
    return fields["verdict"]["constraints"]["enum"]


@check(as_text, "a verdict such as 'concerns'", top_of_counts=True)
def q4(answer: str):
    """Which verdict do the assessments of the 2009 law's provisions give most often?"""
    verdict = answer.casefold()
    assessments = data.load("assessments").merge(
        data.load("provisions")[["id", "act_id"]], left_on="provision_id", right_on="id", validate="many_to_one"
    )
    counts = assessments[assessments["act_id"] == LAW_2009]["verdict"].value_counts()
    expected = str(counts.index[0])
    if verdict == expected:
        return correct(
            f"'{expected}' ({counts.iloc[0]} of {counts.sum()} assessments): international bodies and NGOs "
            "mostly judged the 2009 provisions not merely worrying but contrary to the standards."
        )
    if verdict in counts.index:
        return not_yet(
            f"'{verdict}' appears {counts[verdict]} {'time' if counts[verdict] == 1 else 'times'}, but another verdict "
            "appears more often.",
            "After merging, keep the 2009 law's rows and use `.value_counts()` on the verdict column.",
        )
    return not_yet(f"'{verdict}' is not a verdict used in the table.", f"The verdicts are: {', '.join(_verdicts())}.")


@check(as_int, "a whole number of acts")
def q5(n: int):
    """How many legal acts that extend the 2009 law were signed in 2014 or later?"""
    acts = data.load("legal_acts")
    extending = acts[acts["extends_2009_law"]]
    expected = int((extending["signed"].dt.year >= 2014).sum())
    return judge(
        n,
        expected,
        f"{expected} acts since 2014 extend the 2009 law's logic: the 2009 law was a beginning, not an end.",
        mistakes=[
            (
                int((acts["signed"].dt.year >= 2014).sum()),
                "That counts every act signed since 2014.",
                "Also keep only rows where extends_2009_law is True.",
            ),
            (
                len(extending),
                "That counts every act that extends the 2009 law.",
                "Keep only those signed in 2014 or later.",
            ),
        ],
        no_rows_hint="Check each condition on its own before combining them, for example "
        '`(acts["signed"].dt.year >= 2014).sum()`.',
        otherwise=(f"{n} does not match the data.", "Combine two conditions with &, each in its own parentheses."),
    )


@check(as_text, "a theme, for example 'Liability for content'")
def q6(answer: str):
    """In the legislation timeline, in which theme do the 2009 law's descendants appear most often?"""
    text = answer.casefold()
    labels = {v.casefold(): k for k, v in THEMES.items()}
    theme = labels.get(text, text.replace(" ", "_"))
    table = legislation_table()
    counts = table[table["extends_2009_law"]]["theme"].value_counts()
    expected = str(counts.index[0])
    if theme == expected:
        return correct(
            f"{THEMES[expected]}: {counts.iloc[0]} of the descendants deal with it. The 2009 law's lasting "
            "descendants mostly add powers to block or suspend."
        )
    if theme in counts.index:
        return not_yet(
            f"{THEMES[theme]} has {counts[theme]} {'descendant' if counts[theme] == 1 else 'descendants'}; one theme "
            "has more.",
            "Tick every theme, switch the highlight on and count the orange diamonds in each row.",
        )
    return not_yet(f"'{answer}' is not one of the themes.", f"The themes are: {', '.join(THEMES.values())}.")


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    provisions = data.load("provisions")
    law = provisions[provisions["act_id"] == LAW_2009]
    acts = data.load("legal_acts")
    act = acts.set_index("id").loc[LAW_2009]
    merged = data.load("assessments").merge(provisions[["id", "act_id"]], left_on="provision_id", right_on="id")
    extending = acts[acts["extends_2009_law"]]
    table = legislation_table()
    return {
        "q1": len(law),
        "q2": law["affects"].str.split(";").explode().unique().tolist(),
        "q3": (act["signed"] - act["adopted"]).days,
        "q4": merged[merged["act_id"] == LAW_2009]["verdict"].value_counts().index[0],
        "q5": int((extending["signed"].dt.year >= 2014).sum()),
        "q6": THEMES[table[table["extends_2009_law"]]["theme"].value_counts().index[0]],
    }
