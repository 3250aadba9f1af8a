"""Checks for exercises/02-the-osce-dispute-exercises.ipynb: each is the expected answer, computed from the data,
and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import pandas as pd

from .. import data
from ..checks import as_days, as_int, as_text, as_text_set, check, correct, judge, not_yet
from .tables import latest_positions, statement_table

__all__ = ["q1", "q2", "q3", "q4", "q5"]


def _event_date(event_id: str) -> pd.Timestamp:
    return data.load("events").set_index("id").loc[event_id, "date"]


@check(as_days, "a whole number of days")
def q1(days: int):
    """How many days passed between the Madrid decision and Kazakhstan taking the chair?"""
    expected = int(
        (_event_date("ev-2010-01-01-kz-chairmanship") - _event_date("ev-2007-11-30-madrid-chairmanship-decision")).days
    )
    close = ("Very close: check which two events you used.", "Use the Madrid decision, not the pledge a day earlier.")
    return judge(
        days,
        expected,
        f"{expected} days, a little over two years: the time Madrid gave Kazakhstan to deliver the reforms "
        "it had promised.",
        mistakes=[
            (-expected, "The sign is the wrong way round.", "Subtract the earlier date from the later one."),
            *((near, *close) for near in (expected - 2, expected - 1, expected + 1, expected + 2)),
        ],
        otherwise=(f"{days} days does not match the data.", "Find both events by their id and subtract their dates."),
    )


@check(as_text, "the actor's name", top_of_counts=True)
def q2(answer: str):
    """Which actor made the most statements, letters and reports in 2007 to 2010 (the actor's name)?"""
    table = statement_table()
    chosen = table[table["date"].dt.year.between(2007, 2010) & table["kind"].isin(["statement", "letter", "report"])]
    counts = chosen["actor"].value_counts()
    names = {n.casefold(): n for n in counts.index}
    leaders = list(counts[counts == counts.iloc[0]].index)
    name = names.get(answer.strip().casefold())
    if name in leaders:
        others = [n for n in leaders if n != name]
        tie = f" It shares first place with {' and '.join(others)}." if others else ""
        return correct(
            f"{name} ({counts.iloc[0]} items).{tie} A count like this depends on coding: the data attribute "
            "everything the OSCE media representative wrote in office to the office, not to the person, so the "
            "office's letters and statements are counted together."
        )
    if name is not None:
        return not_yet(
            f"{name} has {counts[name]} {'item' if counts[name] == 1 else 'items'}; another actor has more.",
            "Keep the years and the three kinds, then use `.value_counts()` on the actor column.",
        )
    return not_yet(f"'{answer}' is not an actor in the timeline.", "Copy the name as it appears in the 'actor' column.")


@check(as_int, "a whole number of commitments")
def q3(n: int):
    """How many of the Madrid commitments do the sources judge fully met?"""
    commitments = data.load("commitments")
    expected = int((commitments["status"] == "met").sum())
    counts = commitments["status"].value_counts()
    return judge(
        n,
        expected,
        f"{expected} fully met: {counts.get('partly_met', 0)} saw only modest steps, "
        f"{counts.get('not_met', 0)} was not met, and for {counts.get('no_evidence', 0)} the data holds no "
        "assessment at all.",
        mistakes=[
            (
                int(commitments["status"].isin(["met", "partly_met"]).sum()),
                "That counts the partly met ones too.",
                "Only the status 'met' counts as fully met.",
            )
        ],
        otherwise=(f"{n} does not match the table.", "Count the rows whose status is exactly 'met'."),
    )


@check(as_text_set, "a list of actor ids such as ['eu', ...]")
def q4(given: set[str]):
    """Which actors (ids) opposed the 2009 law and were also concerned about or opposed to the chairmanship?"""
    positions = data.load("positions")
    law = set(positions[(positions["issue"] == "internet-law-2009") & (positions["stance"] == "opposes")]["actor_id"])
    chair = set(
        positions[(positions["issue"] == "osce-chairmanship") & positions["stance"].isin(["opposes", "concerned"])][
            "actor_id"
        ]
    )
    expected = law & chair
    if given == expected:
        actors = data.load("actors").set_index("id")["name"]
        linked = positions[
            (positions["issue"] == "internet-law-2009")
            & (positions["stance"] == "opposes")
            & positions["summary"].str.contains("chairmanship")
            & ~positions["actor_id"].isin(expected)
        ]["actor_id"].unique()
        who = " and ".join(actors[a] for a in sorted(expected))
        also = (
            f" Codes are not the whole story: {', '.join(actors[a] for a in linked)} also tied the law to the "
            "chairmanship, inside statements filed under the law. Read the summaries, not only the stance column."
            if len(linked)
            else ""
        )
        return correct(
            f"{who}: the only {'actor' if len(expected) == 1 else 'actors'} whose coded positions oppose the law "
            f"and question the chairmanship.{also}"
        )
    if given == law:
        return not_yet(
            "That is everyone who opposed the law.", "Intersect it with the critics of the chairmanship (&)."
        )
    if given == chair:
        return not_yet(
            "That is everyone critical of the chairmanship.", "Intersect it with the opponents of the law (&)."
        )
    outside = sorted(given - (law | chair))
    if outside:
        actors = {
            name.casefold(): (actor, name)
            for actor, name in data.load("actors")[["id", "name"]].itertuples(index=False)
        }
        named = [g for g in outside if g in actors]
        if named:
            actor, name = actors[named[0]]
            return not_yet(
                f"{_listed(named)} {'is a name' if len(named) == 1 else 'are names'}, not an actor_id.",
                f"The task asks for actor_ids, such as '{actor}' for {name}: use the actor_id column of positions.",
            )
        return not_yet(
            f"{_listed(outside)} {'is' if len(outside) == 1 else 'are'} in neither group.",
            "Use the actor_id column of positions, with the issue and stance each group asks for.",
        )
    return not_yet("Not quite the overlap.", "Build two sets of actor_id and take their intersection with &.")


def _listed(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


@check(as_int, "a year such as 2005")
def q5(year: int):
    """In the positions map, from which year is the OSCE media office shown opposing media-law changes?"""
    first = None
    for y in range(
        int(data.load("positions")["date"].dt.year.min()), int(data.load("positions")["date"].dt.year.max()) + 1
    ):
        table = latest_positions(y)
        row = table[(table["actor_id"] == "osce-rfom") & (table["issue"] == "media-law-reform")]
        if len(row) and row["stance"].iloc[0] == "opposes":
            first = y
            break
    if year == first:
        rfom = data.load("positions").query("actor_id == 'osce-rfom' and issue == 'media-law-reform'")
        opposed = rfom[rfom["stance"] == "opposes"].sort_values("date")
        years = " and ".join(str(y) for y in opposed["date"].dt.year.unique())
        return correct(
            f"{first}: the Representative had asked for a veto of that year's media bill. A veto request is always "
            f"coded 'opposes' (data/README.md gives the coding rules); on media-law reform that happened in {years}, "
            "and in between the office's stance moves with each new law, so a map of stances changes as the laws do."
        )
    if first is not None and year > first:
        return not_yet("The office already opposed a change before that year.", "Move the slider back year by year.")
    return not_yet(
        f"In {year} the map does not show the office opposing.",
        "Select the row 'OSCE Representative on Freedom of the Media' and move the slider forward.",
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    events = data.load("events").set_index("id")
    table = statement_table()
    chosen = table[table["date"].dt.year.between(2007, 2010) & table["kind"].isin(["statement", "letter", "report"])]
    positions = data.load("positions")
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
        "q3": int((data.load("commitments")["status"] == "met").sum()),
        "q4": sorted(law & chair),
        # the first year in which the office's latest stance on media-law reform is 'opposes'
        "q5": int(rfom.sort_values("date").loc[lambda r: r["stance"] == "opposes", "date"].dt.year.min()),
    }
