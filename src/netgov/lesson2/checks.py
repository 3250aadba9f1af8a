"""Checks for exercises/02-the-osce-dispute-exercises.ipynb: each is the expected answer, computed from the data,
and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import itertools

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
    named_traces,
    not_yet,
    trace_points,
    unlabelled_chart,
)
from ..variants import Variants
from .tables import latest_positions, powers_table, statement_table

__all__ = ["VARIANTS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "use_variant"]

#: The kinds of item task 2 counts, in the order a prompt names them; a variant counts some of them.
SPOKEN_KINDS = ("statement", "letter", "report")

#: How a prompt names an event of task 1; any other is named by its title.
EVENT_PHRASES = {
    "ev-2007-11-30-madrid-chairmanship-decision": "the Madrid decision",
    "ev-2010-01-01-kz-chairmanship": "Kazakhstan taking the chair",
}

#: How a task names an issue of the positions: "opposed {the 2009 internet law}".
ISSUE_PHRASES = {
    "osce-chairmanship": "the chairmanship",
    "media-law-reform": "a change of media law",
    "internet-law-2009": "the 2009 internet law",
    "later-laws": "the later internet laws",
    "blocking": "the blocking of websites",
    "online-speech": "the authorities' course on online speech and journalists",
}

#: What a statement filed under another issue says when it ties a law to an issue of task 4 (a word to look for).
ISSUE_KEYWORDS = {"osce-chairmanship": "chairmanship"}

#: The kinds of actor whose name takes "the" in a sentence ("the European Union", not "the Freedom House").
_KINDS_WITH_THE = {"intergovernmental", "state", "state_body", "court"}
#: Organisations of other kinds whose name takes "the", by a word of their name.
_WORDS_WITH_THE = ("Committee", "Institute", "Coalition", "Center", "Centre", "Foundation", "Observatory")


def _event_date(event_id: str) -> pd.Timestamp:
    return data.load("events").set_index("id").loc[event_id, "date"]


def _event_phrase(event_id: str) -> str:
    """An event as a prompt names it: "the Madrid decision", or 'the event "its title"'."""
    if event_id in EVENT_PHRASES:
        return EVENT_PHRASES[event_id]
    title = data.load("events").set_index("id").loc[event_id, "title"]
    return f'the event "{title}"'


def _issue_phrase(issue: str) -> str:
    return ISSUE_PHRASES.get(issue, data.labels("positions", "issue")[issue].lower())


def _actor_phrase(actor_id: str, emphasis: str = "") -> str:
    """An actor as a sentence names it, with "the" where English needs one: "the *European Union*"."""
    actors = data.load("actors").set_index("id")
    name, kind = actors.loc[actor_id, "name"], actors.loc[actor_id, "kind"]
    the = kind in _KINDS_WITH_THE or (kind != "person" and any(w in name.split() for w in _WORDS_WITH_THE))
    return f"{'the ' if the else ''}{emphasis}{name}{emphasis}"


_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def _in_words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _span(days: int) -> str:
    """A number of days as a reader takes it in: "a little over two years", "about five months"."""
    years, rest = divmod(abs(days), 365)
    months = round(rest / 30.44)
    if months == 12:
        years, months = years + 1, 0
    if years == 0:
        if months <= 1:
            return f"about {_in_words(round(abs(days) / 7))} weeks" if abs(days) >= 14 else "less than two weeks"
        return f"about {_in_words(months)} months"
    unit = "year" if years == 1 else "years"
    if months == 0:
        return f"about {'a' if years == 1 else _in_words(years)} {unit}"
    if months <= 3:
        return f"a little over {'a' if years == 1 else _in_words(years)} {unit}"
    return f"{'a' if years == 1 else _in_words(years)} {unit} and about {_in_words(months)} months"


def _gap(events: pd.DataFrame, first: str, last: str) -> int:
    return int((events.loc[last, "date"] - events.loc[first, "date"]).days)


def _spoken_counts(table: pd.DataFrame, years: tuple[int, int], kinds) -> pd.Series:
    """Task 2's counts: the items of the given kinds in the given years (inclusive), by actor."""
    chosen = table[table["date"].dt.year.between(*years) & table["kind"].isin(list(kinds))]
    return chosen["actor"].value_counts()


def _linked_sets(positions: pd.DataFrame, opposed: str, questioned: str) -> tuple[set[str], set[str]]:
    """Task 4's two groups: the actors opposing one issue, and those concerned about or opposing the other."""
    first = positions[(positions["issue"] == opposed) & (positions["stance"] == "opposes")]
    second = positions[(positions["issue"] == questioned) & positions["stance"].isin(["opposes", "concerned"])]
    return set(first["actor_id"]), set(second["actor_id"])


def _first_opposing(maps: dict[int, pd.Series], actor: str, issue: str) -> int | None:
    """The first year whose map (latest stance by actor and issue) shows the actor opposing on the issue."""
    return next((year for year, stances in maps.items() if stances.get((actor, issue)) == "opposes"), None)


def _position_maps() -> dict[int, pd.Series]:
    """The positions map of every year the positions cover: the latest stance by (actor_id, issue)."""
    years = data.load("positions")["date"].dt.year
    return {
        year: latest_positions(year).set_index(["actor_id", "issue"])["stance"]
        for year in range(int(years.min()), int(years.max()) + 1)
    }


def _stance_counts() -> dict[str, dict[int, int]]:
    """Task 7's counts: the positions of each stance by year, in the chart's years."""
    return _in_window(_stances_by_year(), VARIANTS["chart_from"], VARIANTS["chart_to"])


def _stances_by_year() -> dict[str, dict[int, int]]:
    """The positions of each stance by year, every year."""
    positions = data.load("positions")
    counts = positions.groupby([positions["stance"], positions["date"].dt.year]).size()
    return {stance: {int(y): int(n) for y, n in counts[stance].items()} for stance in counts.index.unique("stance")}


def _in_window(counts: dict[str, dict[int, int]], first: int, last: int) -> dict[str, dict[int, int]]:
    """The counts of the years from ``first`` to ``last``; a stance with none in them is left out."""
    kept = {stance: {y: n for y, n in by_year.items() if first <= y <= last} for stance, by_year in counts.items()}
    return {stance: by_year for stance, by_year in kept.items() if by_year}


def _peaks(counts: dict[str, dict[int, int]], issues: dict[tuple[int, str], list[int]]) -> bool:
    """Whether the reading of task 7's chart is well defined: opposition and support each peak in one year, and
    at that year one issue has the most of them (``issues``: the positions on each issue by year and stance,
    most first)."""
    for stance in ("opposes", "supports"):
        by_year = counts.get(stance, {})
        if not by_year or list(by_year.values()).count(max(by_year.values())) > 1:
            return False
        top = issues.get((max(by_year, key=by_year.get), stance), [])
        if len(top) > 1 and top[0] == top[1]:
            return False
    return True


def _choose(rng) -> dict:
    """Two other events, years and kinds of item, pair of issues, actor and issue on the map, and years of the
    chart, each chosen among those whose answer is well defined, differs from the published one and from the
    near misses the check names, so that a near miss is never taken for the answer."""
    published = VARIANTS.defaults
    events = data.load("events").set_index("id")
    dated = events[(events["topic"] == "osce") & (events["date_precision"] == "day")].sort_index()
    published_q1 = _gap(events, published["from_event"], published["to_event"])
    ends = sorted(dated.index[dated["kind"].isin(["chairmanship", "summit"])])
    tasks1 = [
        (start, end)
        for end in ends
        for start in dated.index
        if (days := _gap(events, start, end)) > 30
        and abs(days - published_q1) > 2  # the published answer is not taken for a near miss either
        and (start, end) != (published["from_event"], published["to_event"])
    ]
    from_event, to_event = rng.choice(tasks1)

    table = statement_table()
    published_q2 = _spoken_counts(table, (published["spoken_from"], published["spoken_to"]), published["spoken_kinds"])
    published_leaders = set(published_q2[published_q2 == published_q2.iloc[0]].index)
    years = sorted(int(y) for y in table["date"].dt.year.unique())
    # The items of each kind by year and actor, summed over the years up to each one: the counts of any span of
    # years are then one subtraction (this runs in the setup cell of a variant's notebook, so it has to be quick).
    counted = table[table["kind"].isin(SPOKEN_KINDS)].groupby([table["date"].dt.year, "kind", "actor"]).size()
    actors = sorted(counted.index.unique("actor"))
    running = {kind: [[0] * len(actors)] for kind in SPOKEN_KINDS}
    for year in years:
        for kind, totals in running.items():
            totals.append(
                [
                    total + int(counted.get((year, kind, actor), 0))
                    for total, actor in zip(totals[-1], actors, strict=True)
                ]
            )
    tasks2 = []
    for size in range(1, len(SPOKEN_KINDS) + 1):
        for kinds in itertools.combinations(SPOKEN_KINDS, size):
            for (i, first), (j, last) in itertools.combinations(enumerate(years), 2):
                counts = [sum(running[k][j + 1][a] - running[k][i][a] for k in kinds) for a in range(len(actors))]
                top, second = sorted(counts, reverse=True)[:2]
                # at least two actors, the leader with two items or more and alone, not the published leader
                if second > 0 and top >= 2 and second < top and actors[counts.index(top)] not in published_leaders:
                    tasks2.append((first, last, kinds))
    spoken_from, spoken_to, spoken_kinds = rng.choice(tasks2)

    positions = data.load("positions")
    published_q4 = set.intersection(*_linked_sets(positions, published["opposed_issue"], published["questioned_issue"]))
    issues = sorted(positions["issue"].unique())
    tasks4 = [
        (opposed, questioned)
        for opposed, questioned in itertools.permutations(issues, 2)
        if (both := set.intersection(*(groups := _linked_sets(positions, opposed, questioned))))
        and both != published_q4
        and both not in groups  # naming one whole group is a near miss, never the answer
    ]
    opposed_issue, questioned_issue = rng.choice(tasks4)

    maps = _position_maps()
    published_q5 = _first_opposing(maps, published["map_actor"], published["map_issue"])
    opposing = positions[positions["stance"] == "opposes"]
    tasks5 = [
        (actor, issue)
        for actor, issue in sorted(set(zip(opposing["actor_id"], opposing["issue"], strict=True)))
        if (first := _first_opposing(maps, actor, issue)) is not None
        and first != published_q5
        # the year of its first 'opposes' is a year the map shows it opposing: the answer key's way agrees
        and first == int(opposing[(opposing["actor_id"] == actor) & (opposing["issue"] == issue)]["date"].dt.year.min())
    ]
    map_actor, map_issue = rng.choice(tasks5)

    by_year = _stances_by_year()
    published_q7 = _in_window(by_year, published["chart_from"], published["chart_to"])
    years_all = sorted(int(y) for y in positions["date"].dt.year.unique())
    every_year = _in_window(by_year, years_all[0], years_all[-1])
    per_issue = positions.groupby([positions["date"].dt.year, "stance", "issue"]).size()
    issues: dict[tuple[int, str], list[int]] = {}
    for (year, stance, _), count in per_issue.items():
        issues.setdefault((int(year), stance), []).append(int(count))
    issues = {key: sorted(counts, reverse=True) for key, counts in issues.items()}
    tasks7 = [
        (first, last)
        for first, last in itertools.combinations(years_all, 2)
        if 3 <= last - first <= 8
        and (counts := _in_window(by_year, first, last)) != published_q7
        and counts != every_year
        and _peaks(counts, issues)
    ]
    chart_from, chart_to = rng.choice(tasks7)
    return {
        "from_event": from_event,
        "to_event": to_event,
        "spoken_from": int(spoken_from),
        "spoken_to": int(spoken_to),
        "spoken_kinds": tuple(spoken_kinds),
        "opposed_issue": opposed_issue,
        "questioned_issue": questioned_issue,
        "map_actor": map_actor,
        "map_issue": map_issue,
        "chart_from": int(chart_from),
        "chart_to": int(chart_to),
    }


def _kinds_words(kinds) -> str:
    """ "a statement, a letter or a report" """
    words = [f"a {kind}" for kind in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _texts(values) -> dict[str, str]:
    labels = data.labels("positions", "issue")
    return {
        "from_event_words": _event_phrase(values["from_event"]),
        "to_event_words": _event_phrase(values["to_event"]),
        "spoken_kinds_words": _kinds_words(values["spoken_kinds"]),
        "spoken_kinds_code": ", ".join(f'"{kind}"' for kind in values["spoken_kinds"]),
        "opposed_issue_words": _issue_phrase(values["opposed_issue"]),
        "questioned_issue_words": _issue_phrase(values["questioned_issue"]),
        "map_actor_words": _actor_phrase(values["map_actor"], emphasis="*"),
        "map_issue_words": (
            f"a change on *{labels[values['map_issue']]}*"
            if values["map_issue"] == "media-law-reform"
            else f"*{labels[values['map_issue']]}*"
        ),
    }


#: The parameters of the tasks: the published exercises' values, and how a variant chooses others
#: (:mod:`netgov.variants`).
VARIANTS = Variants(
    2,
    defaults={
        "from_event": "ev-2007-11-30-madrid-chairmanship-decision",
        "to_event": "ev-2010-01-01-kz-chairmanship",
        "spoken_from": 2007,
        "spoken_to": 2010,
        "spoken_kinds": SPOKEN_KINDS,
        "opposed_issue": "internet-law-2009",
        "questioned_issue": "osce-chairmanship",
        "map_actor": "osce-rfom",
        "map_issue": "media-law-reform",
        # from the year before the Madrid decision to the year after the chairmanship
        "chart_from": 2006,
        "chart_to": 2011,
    },
    choose=_choose,
    tasks={
        "q1": ("from_event", "to_event"),
        "q2": ("spoken_from", "spoken_to", "spoken_kinds"),
        "q4": ("opposed_issue", "questioned_issue"),
        "q5": ("map_actor", "map_issue"),
        "q7": ("chart_from", "chart_to"),
    },
    texts=_texts,
)
use_variant = VARIANTS.use


def _near_events(event_id: str) -> list[tuple[str, int]]:
    """OSCE events dated a day or two from an event: (id, days after it), nearest first."""
    events = data.load("events")
    dated = events[(events["topic"] == "osce") & (events["date_precision"] == "day")]
    when = _event_date(event_id)
    found = [(i, int((d - when).days)) for i, d in zip(dated["id"], dated["date"], strict=True)]
    return sorted(((i, n) for i, n in found if 1 <= abs(n) <= 2), key=lambda pair: (abs(pair[1]), pair[0]))


@check(as_days, "a whole number of days")
def q1(days: int):
    """How many days passed between two events (published: the Madrid decision and Kazakhstan taking the
    chair)?"""
    first, last = VARIANTS["from_event"], VARIANTS["to_event"]
    start, end = _event_date(first), _event_date(last)
    expected = int((end - start).days)
    hint = f'Take `events.loc["{first}", "date"]` and `events.loc["{last}", "date"]`, then subtract.'
    for event_id in (first, last):
        near = _near_events(event_id)
        if near:
            other, offset = near[0]
            title = data.load("events").set_index("id").loc[other, "title"]
            when = f"{'a day' if abs(offset) == 1 else 'two days'} {'later' if offset > 0 else 'earlier'}"
            hint = f'Use {_event_phrase(event_id)}, not the event "{title}" {when}.'
            break
    close = ("Very close: check which two events you used.", hint)
    chair = (
        ": the time Kazakhstan had, from then, to deliver the reforms it had promised before it took the chair"
        if last == "ev-2010-01-01-kz-chairmanship"
        else f", from {data.format_date(start)} to {data.format_date(end)}"
    )
    return judge(
        days,
        expected,
        f"{expected} days, {_span(expected)}{chair}.",
        mistakes=[
            (-expected, "The sign is the wrong way round.", "Subtract the earlier date from the later one."),
            *((near, *close) for near in (expected - 2, expected - 1, expected + 1, expected + 2)),
        ],
        otherwise=(f"{days} days does not match the data.", "Find both events by their id and subtract their dates."),
    )


@check(as_text, "the actor's name", top_of_counts=True)
def q2(answer: str):
    """Which actor made the most items of some kinds in some years (published: statements, letters and
    reports in 2007 to 2010)? The actor's name."""
    years, kinds = (VARIANTS["spoken_from"], VARIANTS["spoken_to"]), VARIANTS["spoken_kinds"]
    table = statement_table()
    counts = _spoken_counts(table, years, kinds)
    names = {n.casefold(): n for n in table["actor"].dropna().unique()}
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
    kept = f"the years {years[0]} to {years[1]}" if years[0] != years[1] else f"the year {years[0]}"
    if name is not None:
        if name not in counts.index:
            return not_yet(
                f"{name} has no {' or '.join(kinds)} in {kept}.",
                f"Keep {kept} and the kinds {', '.join(kinds)}, then use `.value_counts()` on the actor column.",
            )
        return not_yet(
            f"{name} has {counts[name]} {'item' if counts[name] == 1 else 'items'}; another actor has more.",
            f"Keep {kept} and the kinds {', '.join(kinds)}, then use `.value_counts()` on the actor column.",
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
    """Which actors (ids) opposed one issue and were also concerned about or opposed to another (published: the
    2009 law, and the chairmanship)?"""
    opposed, questioned = VARIANTS["opposed_issue"], VARIANTS["questioned_issue"]
    first, second = _issue_phrase(opposed), _issue_phrase(questioned)
    positions = data.load("positions")
    law, chair = _linked_sets(positions, opposed, questioned)
    expected = law & chair
    if given == expected:
        actors = data.load("actors").set_index("id")["name"]
        keyword = ISSUE_KEYWORDS.get(questioned)
        linked = (
            positions[
                (positions["issue"] == opposed)
                & (positions["stance"] == "opposes")
                & positions["summary"].str.contains(keyword)
                & ~positions["actor_id"].isin(expected)
            ]["actor_id"].unique()
            if keyword
            else []
        )
        names = [actors[a] for a in sorted(expected)]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        also = (
            f" Codes are not the whole story: {', '.join(actors[a] for a in linked)} also tied it to {second}, "
            f"inside statements filed under {first}. Read the summaries, not only the stance column."
            if len(linked)
            else ""
        )
        return correct(
            f"{who}: the only {'actor' if len(expected) == 1 else 'actors'} whose coded positions oppose {first} "
            f"and question {second}.{also}"
        )
    if given == law:
        return not_yet(
            f"That is everyone who opposed {first}.",
            f"Intersect it with those concerned about or opposed to {second} (&).",
        )
    if given == chair:
        return not_yet(
            f"That is everyone concerned about or opposed to {second}.",
            f"Intersect it with those who opposed {first} (&).",
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
    """In the positions map, from which year is an actor shown opposing on an issue (published: the OSCE media
    office, on media-law changes)?"""
    actor, issue = VARIANTS["map_actor"], VARIANTS["map_issue"]
    first = _first_opposing(_position_maps(), actor, issue)
    name = data.load("actors").set_index("id").loc[actor, "name"]
    who = _actor_phrase(actor)
    if year == first:
        stated = data.load("positions").query("actor_id == @actor and issue == @issue").sort_values("date")
        opposed = stated[stated["stance"] == "opposes"]
        label = data.labels("positions", "issue")[issue]
        coded = ", ".join(
            f"{s.replace('_', ' ')} in {d.year}" for s, d in zip(stated["stance"], stated["date"], strict=True)
        )
        veto = " A veto request is always coded 'opposes'." if opposed["summary"].str.contains("veto").any() else ""
        return correct(
            f"{first}: {opposed['summary'].iloc[0]} Its stated positions in the column '{label}': {coded}.{veto} "
            "The coding rules are in data/README.md. The map shows each actor's latest stance, so it changes as the "
            "statements do."
        )
    if first is not None and year > first:
        return not_yet(f"The map already shows {who} opposing before that year.", "Move the slider back year by year.")
    return not_yet(
        f"In {year} the map does not show {who} opposing.",
        f"Select the row '{name}' and move the slider forward.",
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


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q7(figure):
    """A line chart of the number of stated positions each year over some years (published: 2006 to 2011), one
    line per stance, with a title, axes labelled in words, and a dash or markers for each line."""
    first, last = VARIANTS["chart_from"], VARIANTS["chart_to"]
    wanted = _stance_counts()
    labels = data.labels("positions", "stance")
    traces = named_traces(figure, {code: [code, label] for code, label in labels.items()})
    drawn = {
        code: {year: count for year, count in trace_points(trace, x=_year, y=int).items() if count != 0}
        for code, trace in traces.items()
    }
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
                f"Keep the positions dated {first} to {last}, count them by year and stance "
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

    p = VARIANTS
    events = data.load("events").set_index("id")
    table = statement_table()
    chosen = table[
        table["date"].dt.year.between(p["spoken_from"], p["spoken_to"]) & table["kind"].isin(list(p["spoken_kinds"]))
    ]
    positions = data.load("positions")
    law = set(positions[(positions["issue"] == p["opposed_issue"]) & (positions["stance"] == "opposes")]["actor_id"])
    chair = set(
        positions[(positions["issue"] == p["questioned_issue"]) & positions["stance"].isin(["opposes", "concerned"])][
            "actor_id"
        ]
    )
    stated = positions[(positions["actor_id"] == p["map_actor"]) & (positions["issue"] == p["map_issue"])]
    powers = data.load("osce_powers")
    in_years = positions[positions["date"].dt.year.between(p["chart_from"], p["chart_to"])]
    # a count for every year and stance, zeros included, so that a line does not jump over a year with none
    per_year = (
        in_years.groupby([in_years["date"].dt.year.rename("year"), "stance"])
        .size()
        .unstack(fill_value=0)
        .stack()
        .reset_index(name="count")
    )
    return {
        "q1": (events.loc[p["to_event"], "date"] - events.loc[p["from_event"], "date"]).days,
        "q2": chosen["actor"].value_counts().index[0],
        "q3": int((data.load("commitments")["status"] == "met").sum()),
        "q4": sorted(law & chair),
        # the first year in which the actor's latest stance on the issue is 'opposes'
        "q5": int(stated.sort_values("date").loc[lambda r: r["stance"] == "opposes", "date"].dt.year.min()),
        "q6": sorted(powers.loc[powers["verdict"] == "within", "id"]),
        "q7": px.line(
            per_year,
            x="year",
            y="count",
            color="stance",
            line_dash="stance",
            markers=True,
            title=f"Stated positions in the data by stance, {p['chart_from']}-{p['chart_to']}",
            labels={"year": "Year", "count": "Stated positions", "stance": "Stance"},
        ),
    }
