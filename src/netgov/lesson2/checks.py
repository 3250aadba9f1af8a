"""Checks for exercises/02-the-osce-dispute-exercises.ipynb: each is the expected answer, computed from the data,
and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import pandas as pd

from .. import data
from ..checks import (
    as_days,
    as_figure,
    as_int,
    as_text,
    as_text_set,
    check,
    correct,
    judge,
    not_yet,
    trace_values,
    unlabelled_chart,
)
from .tables import latest_positions, powers_table, statement_table

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]

#: The years task 7's chart covers: from the year before the Madrid decision to the year after the chairmanship.
CHART_YEARS = (2006, 2011)


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


def _actions(n: int) -> str:
    return f"{n} {'action' if n == 1 else 'actions'}"


#: What to reread when a learner's list is off for a body: by the body's id in osce_powers.
_READ_AGAIN = {
    "osce-rfom": "Reread what the office did about Kazakhstan in the lesson (its actions by kind): it asks, advises "
    "and criticises, and the glossary says what it is for.",
    "osce-permanent-council": "Reread the glossary's rows 'OSCE' and 'OSCE commitments': how are decisions taken, and "
    "what kind of promise binds the states?",
    "osce-ministerial-council": "Reread the glossary's row 'Ministerial Council': what did its meeting at Madrid "
    "decide?",
    "kazakhstan": "Decisions are taken by consensus: what can one participating State do with that rule?",
}
_READ_OTHERWISE = "Reread the glossary's row 'OSCE': how are its decisions taken, and by whom?"


@check(as_text_set, "a list of action ids such as ['pw-...', ...]")
def q6(given: set[str]):
    """Which of the actions in the table can the body on its row take (the ids)?"""
    powers = powers_table()
    verdicts = dict(zip(powers["id"], powers["verdict"], strict=True))
    bodies = dict(zip(powers["id"], powers["body_id"], strict=True))
    within = {i for i, v in verdicts.items() if v == "within"}
    unknown = sorted(given - set(verdicts))
    if unknown:
        return not_yet(
            f"{_listed(unknown[:3])} {'is not an id' if len(unknown) == 1 else 'are not ids'} of the table.",
            "Give the values of the id column (they begin with 'pw-'), one for each action you judge possible.",
        )
    if given == within:
        labels = data.labels("osce_powers", "verdict")
        outside = powers[powers["verdict"] == "outside"]
        return correct(
            f"{len(within)} of {len(powers)} are {labels['within'].lower()}; the other {len(outside)} ask a body to "
            "decide for a state, or to act without the consensus of all participating States. The table's basis "
            "column says why for each, with its sources, and event_id points to the record where a body did it."
        )
    if given == set(verdicts):
        return not_yet(
            "That is every action in the table: some of them the body on their row cannot take.",
            "For each row, ask whether the body decides for the state or only asks, advises or criticises.",
        )
    extra = sorted(given - within, key=list(verdicts).index)
    if extra:
        body = bodies[extra[0]]
        return not_yet(
            f"{_actions(len(extra))} on your list {'is' if len(extra) == 1 else 'are'} outside the powers of the body "
            "on its row.",
            _READ_AGAIN.get(body, _READ_OTHERWISE),
        )
    missing = sorted(within - given, key=list(verdicts).index)
    body = bodies[missing[0]]
    return not_yet(
        f"You left out {_actions(len(missing))} that the body on its row can take.",
        _READ_AGAIN.get(body, _READ_OTHERWISE),
    )


#: Axis titles that are a column's name, as plotly writes it when no label is given, not words for a reader.
_BARE_TITLES = {"year", "stance", "count", "size", "value", "variable", "index", "date", "0", "positions", "n"}


def _year(value: object) -> int:
    return int(value.year) if hasattr(value, "year") else int(value)


def _stance_counts() -> dict[str, dict[int, int]]:
    positions = data.load("positions")
    years = positions["date"].dt.year
    chosen = positions[years.between(*CHART_YEARS)]
    counts = chosen.groupby([chosen["stance"], chosen["date"].dt.year]).size()
    return {stance: {int(y): int(n) for y, n in counts[stance].items()} for stance in counts.index.unique("stance")}


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q7(figure):
    """A line chart of the number of stated positions each year from 2006 to 2011, one line per stance, with a
    title, axes labelled in words, and a dash or markers for each line."""
    wanted = _stance_counts()
    labels = data.labels("positions", "stance")
    names = {label.casefold(): code for code, label in labels.items()} | {code: code for code in labels}
    drawn, traces = {}, {}
    for trace in figure.data:
        code = names.get(str(getattr(trace, "name", "") or "").strip().casefold())
        if code is None or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None:
            continue
        pairs = zip(trace_values(trace.x), trace_values(trace.y), strict=False)
        drawn[code] = {_year(x): int(y) for x, y in pairs if y is not None and y == y and int(y) != 0}
        traces[code] = trace
    missing = [labels[c] for c in wanted if c not in drawn]
    if missing:
        return not_yet(
            f"No line named {', '.join(repr(m) for m in missing)}.",
            "Count the positions by year and stance, then give `px.line` `color='stance'`, so that each line is "
            "named after its stance.",
        )
    for code, counts in wanted.items():
        if drawn[code] != counts:
            return not_yet(
                f"The line '{labels[code]}' does not follow the number of positions by year.",
                f"Keep the positions dated {CHART_YEARS[0]} to {CHART_YEARS[1]}, count them by year and stance "
                "(group by both, then take the size of each group), and put the year on x and the count on y.",
            )
    unlabelled = unlabelled_chart(
        figure,
        _BARE_TITLES,
        says="what is counted",
        labels_hint="Use `labels={...}` in `px.line`, mapping each column's name to words for a reader.",
    )
    if unlabelled is not None:
        return unlabelled
    shown = [traces[c] for c in wanted]
    marked = all("markers" in (t.mode or "") for t in shown)
    dashes = {(t.line.dash or "solid") for t in shown}
    if not marked and len(dashes) < len(shown):
        return not_yet(
            "The lines differ only by colour, which not every reader can tell apart.",
            "Give `px.line` `markers=True`, or `line_dash='stance'` so that each line has its own dash.",
        )
    return correct(f"A line per stance, from the data, with a title and labelled axes. {_reading(wanted)}")


def _reading(wanted: dict[str, dict[int, int]]) -> str:
    """What the chart shows at the peaks of opposition and support, and who stated them, from the data."""
    positions = data.load("positions")
    groups = data.load("actors").set_index("id")["group"]
    issues = {code: label.replace("The ", "the ", 1) for code, label in data.labels("positions", "issue").items()}
    opposes, supports = wanted["opposes"], wanted["supports"]
    y_opp, y_sup = max(opposes, key=opposes.get), max(supports, key=supports.get)
    against = positions[(positions["date"].dt.year == y_opp) & (positions["stance"] == "opposes")]
    backing = positions[(positions["date"].dt.year == y_sup) & (positions["stance"] == "supports")]
    own = int((backing["actor_id"].map(groups) == "kazakhstan").sum())
    return (
        f"Opposition peaks in {y_opp} ({opposes[y_opp]} positions, most on {issues[against['issue'].mode()[0]]}), "
        f"support in {y_sup} ({supports[y_sup]}, {own} of them stated by Kazakh actors, on "
        f"{issues[backing['issue'].mode()[0]]}). The chart counts what the kit's sources record, not everything "
        "that was said: a peak can be a busy year or a well-documented one."
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    import plotly.express as px

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
    powers = data.load("osce_powers")
    in_years = positions[positions["date"].dt.year.between(*CHART_YEARS)]
    # a count for every year and stance, zeros included, so that a line does not jump over a year with none
    per_year = (
        in_years.groupby([in_years["date"].dt.year.rename("year"), "stance"])
        .size()
        .unstack(fill_value=0)
        .stack()
        .reset_index(name="count")
    )
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
        "q6": sorted(powers.loc[powers["verdict"] == "within", "id"]),
        "q7": px.line(
            per_year,
            x="year",
            y="count",
            color="stance",
            line_dash="stance",
            markers=True,
            title=f"Stated positions in the data by stance, {CHART_YEARS[0]}-{CHART_YEARS[1]}",
            labels={"year": "Year", "count": "Stated positions", "stance": "Stance"},
        ),
    }
