"""Checks for exercises/01-the-2009-law-exercises.ipynb: each is the expected answer, computed from the data, and
the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import re

import pandas as pd

from .. import data, voice
from .._validate import shown
from ..checks import (
    Feedback,
    as_days,
    as_figure,
    as_int,
    as_text,
    as_text_set,
    blank,
    check,
    correct,
    judge,
    named_traces,
    names_match,
    not_yet,
    text_key,
    trace_points,
    unlabelled_chart,
)
from ..variants import Variants
from .tables import AFFECTED, GROUPS, THEMES, acts_by_year, legislation_table

__all__ = ["VARIANTS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "use_variant"]

#: The issue under which ``positions`` files the statements on the 2009 law.
ISSUE_2009 = "internet-law-2009"

#: Words that name a harm a law is meant to prevent (a kind of crime, of content or of disorder): task 7 asks for
#: the words of each statement that name one. Stems, so that "crimes" and "pornography" are found too.
HARMS = (
    "crime",
    "criminal",
    "pornograph",
    "libel",
    "extremis",
    "terroris",
    "disorder",
    "unrest",
    "riot",
    "illegal",
    "unlawful",
    "obscen",
    "offensive",
    "divisive",
    "fraud",
)

#: Task 7 asks for the words that name the harm, not a whole statement.
MOST_WORDS = 15


#: The fewest years the chart of task 8 shows in a variant, so that its lines have a shape to read.
FEWEST_YEARS = 5


def _act_names() -> dict[str, str]:
    """Each act's short title, as the prompts name it: {"law-2009-internet": "2009 internet law", ...}."""
    return data.load("legal_acts").set_index("id")["short_title"].to_dict()


def _groups(law: pd.DataFrame) -> set[str]:
    """The groups the provisions in ``law`` affect, each once."""
    return set(law["affects"].str.split(";").explode())


def _verdict_counts(act: str) -> pd.Series:
    """How often each verdict is given to the provisions of ``act``, the most common first."""
    assessments = data.load("assessments").merge(
        data.load("provisions")[["id", "act_id"]], left_on="provision_id", right_on="id", validate="many_to_one"
    )
    return assessments[assessments["act_id"] == act]["verdict"].value_counts()


def _q5_counts(acts: pd.DataFrame, year: int) -> tuple[int, int, int]:
    """Task 5's answer for a year, and its two near misses (every act since the year; every descendant)."""
    extending = acts[acts["extends_2009_law"]]
    since = int((extending["signed"].dt.year >= year).sum())
    return since, int((acts["signed"].dt.year >= year).sum()), len(extending)


def _choose(rng) -> dict:
    """Another act for tasks 1 and 2, for task 3 and for task 4, another year for task 5 and another first year
    for the chart of task 8, each chosen among those whose answer differs from the published one and from the
    near misses the check names, so that a near miss is never taken for the answer."""
    published = VARIANTS.defaults
    provisions = data.load("provisions")
    total = len(provisions)
    by_act = {act: rows for act, rows in provisions.groupby("act_id", sort=True)}
    mine = by_act[published["act"]]
    acts12 = [
        act
        for act, law in by_act.items()
        if len(law) >= 2
        and len(law) not in (len(mine), total)
        and _groups(law) != _groups(mine)
        and _groups(law) != _groups(law.iloc[:1])  # "use every provision, not just the first one"
    ]
    acts = data.load("legal_acts").sort_values("id", kind="stable")
    dated = acts.dropna(subset=["adopted", "signed"])
    gaps = dict(zip(dated["id"], (dated["signed"] - dated["adopted"]).dt.days, strict=True))
    acts3 = [act for act, gap in gaps.items() if gap > 0 and gap != gaps[published["gap_act"]]]
    published_verdict = _verdict_counts(published["verdict_act"]).index[0]
    acts4 = [
        act
        for act in sorted(by_act)
        if len(counts := _verdict_counts(act)) >= 2
        and counts.iloc[0] > counts.iloc[1]
        and counts.index[0] != published_verdict
    ]
    published_q5 = _q5_counts(acts, published["since_year"])[0]
    first_year = int(acts.loc[acts["extends_2009_law"], "signed"].dt.year.min())
    years5 = [
        year
        for year in range(first_year + 1, int(acts["signed"].dt.year.max()) + 1)
        if (counts := _q5_counts(acts, year))[0] >= 1 and len(set(counts)) == 3 and counts[0] != published_q5
    ]
    table = acts_by_year()
    steps = table[table["new_acts"] > 0]
    years8 = [
        int(year)
        for year in sorted(steps["year"].unique())
        if year > table["year"].min()
        and table["year"].max() - year + 1 >= FEWEST_YEARS
        and all(
            (rows["new_acts"] > 0).iloc[1:].any() and (rows["new_acts"] != rows["acts_so_far"]).any()
            for _, rows in table[table["year"] >= year].groupby("group")
        )
    ]
    return {
        "act": rng.choice(acts12),
        "gap_act": rng.choice(acts3),
        "verdict_act": rng.choice(acts4),
        "since_year": rng.choice(years5),
        "chart_from": rng.choice(years8),
    }


#: How task 8's prompt and solution name the years a variant keeps (none of these words when it keeps them all):
#: words for the prompt, and the rows the solution draws.
CHART_SPAN = " for the years from {year} on (the rows of `by_year` whose `year` is {year} or later)"
CHART_ROWS = 'by_year[by_year["year"] >= {year}]'


def _texts(values) -> dict[str, str]:
    names = _act_names()
    acts = legislation_table().drop_duplicates("id").set_index("id")
    every_year = values["chart_from"] <= acts_by_year()["year"].min()
    return {
        "act_name": names[values["act"]],
        # The solutions' name for the act's provisions: law_2009 for the 2009 law.
        "act_var": f"law_{acts.loc[values['act'], 'date'].year}",
        "gap_act_name": names[values["gap_act"]],
        "verdict_act_name": names[values["verdict_act"]],
        "chart_span": "" if every_year else CHART_SPAN.format(year=values["chart_from"]),
        "chart_rows": "by_year" if every_year else CHART_ROWS.format(year=values["chart_from"]),
    }


#: The parameters of the tasks: the published exercises' values, and how a variant chooses others
#: (:mod:`netgov.variants`).
VARIANTS = Variants(
    1,
    defaults={
        "act": "law-2009-internet",
        "gap_act": "law-2009-internet",
        "verdict_act": "law-2009-internet",
        "since_year": 2014,
        "chart_from": 1999,
    },
    choose=_choose,
    tasks={
        "q1": ("act",),
        "q2": ("act",),
        "q3": ("gap_act",),
        "q4": ("verdict_act",),
        "q5": ("since_year",),
        "q8": ("chart_from",),
    },
    texts=_texts,
)
use_variant = VARIANTS.use

#: What the right answer to task 2 says of the groups an act reaches, for an act the kit has words for.
REACH = {
    "law-2009-internet": "from bloggers and commenters to foreign sites: far beyond registered newspapers and "
    "broadcasters"
}

#: What the right answer to task 3 says of the days between adoption and signature, for an act the kit has words for.
WINDOW = {
    "law-2009-internet": "the Representative on Freedom of the Media made his appeal inside this window, asking the "
    "President not to sign"
}

#: What the right answer to task 4 says the most common verdict means.
READING = {
    "incompatible": "not merely worrying but contrary to the standards",
    "concerns": "worrying under the standards, though not, for the most part, contrary to them",
    "compatible": "in line with the standards",
    "not_addressed": "outside what the standards address",
}


def _provisions_of(act: str) -> pd.DataFrame:
    provisions = data.load("provisions")
    return provisions[provisions["act_id"] == act]


@check(as_int, "a whole number of provisions")
def q1(n: int):
    """How many provisions of an act (published: the 2009 internet law) does the data describe?"""
    act = VARIANTS["act"]
    name = _act_names()[act]
    expected = len(_provisions_of(act))
    return judge(
        n,
        expected,
        f"The data describes {expected} provisions of the {name}, each with its own sources.",
        mistakes=[
            (
                len(data.load("provisions")),
                "That is the number of provisions of every act in the table.",
                f"Keep only the rows whose act_id is '{act}' before counting.",
            )
        ],
        no_rows_hint=f"Compare act_id with '{act}', written exactly as in the table.",
        otherwise=(
            f"{n} is not the number of rows for the {name}.",
            f"Keep the rows whose act_id is '{act}', then count them with `len`.",
        ),
    )


@check(as_text_set, "a list of group names such as ['blogger', ...]")
def q2(given: set[str]):
    """Which groups does an act (published: the 2009 internet law) affect (the values of `affects` across its
    provisions)?"""
    act = VARIANTS["act"]
    name = _act_names()[act]
    expected = _groups(_provisions_of(act))
    if given == expected:
        if act in REACH:
            reach = f", {REACH[act]}"
        else:
            reach = ": " + _listed(sorted(AFFECTED.get(g, g).lower() for g in expected))
        return correct(f"The provisions of the {name} reach {len(expected)} groups{reach}.")
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
        parts.append(f"{listed} {'does' if len(extra) == 1 else 'do'} not appear in the rows of the {name}")
    if missing:
        parts.append(f"{missing} {'group is' if missing == 1 else 'groups are'} missing")
    return not_yet("; ".join(parts).capitalize() + ".", f"Use every provision of the {name}, not just the first one.")


@check(as_days, "a whole number of days")
def q3(days: int):
    """How many days passed between Parliament adopting an act (published: the 2009 internet law) and the
    President signing it?"""
    act_id = VARIANTS["gap_act"]
    name = _act_names()[act_id]
    act = data.load("legal_acts").set_index("id").loc[act_id]
    expected = int((act["signed"] - act["adopted"]).days)
    window = WINDOW.get(act_id, f"between Parliament adopting the {name} and the President's signature")
    return judge(
        days,
        expected,
        f"{expected} days: {window}.",
        mistakes=[
            (-expected, "The sign is the wrong way round.", "Subtract the earlier date from the later one."),
            *(
                (near, "Off by one.", "Subtracting two dates in pandas counts the days between them; no +1 needed.")
                for near in (expected + 1, expected - 1)
            ),
        ],
        otherwise=(
            f"{days} is not the gap in the data.",
            f"Subtract the 'adopted' date from the 'signed' date of the {name} (id '{act_id}').",
        ),
    )


def _verdicts() -> list[str]:
    fields = {f["name"]: f for f in data.schema("assessments")["fields"]}
    return fields["verdict"]["constraints"]["enum"]


@check(as_text, "a verdict such as 'concerns'", top_of_counts=True)
def q4(answer: str):
    """Which verdict do the assessments of an act's provisions (published: the 2009 internet law's) give most
    often?"""
    verdict = answer.casefold()
    act = VARIANTS["verdict_act"]
    counts = _verdict_counts(act)
    expected = str(counts.index[0])
    if verdict == expected:
        return correct(
            f"'{expected}' ({counts.iloc[0]} of {counts.sum()} assessments): international bodies and NGOs "
            f"mostly judged the provisions of the {_act_names()[act]} {READING[expected]}."
        )
    if verdict in counts.index:
        return not_yet(
            f"'{verdict}' appears {counts[verdict]} {'time' if counts[verdict] == 1 else 'times'}, but another verdict "
            "appears more often.",
            f"After merging, keep the rows whose act_id is '{act}' and use `.value_counts()` on the verdict column.",
        )
    return not_yet(f"'{verdict}' is not a verdict used in the table.", f"The verdicts are: {', '.join(_verdicts())}.")


@check(as_int, "a whole number of acts")
def q5(n: int):
    """How many legal acts that extend the 2009 law were signed in a year (published: 2014) or later?"""
    year = VARIANTS["since_year"]
    expected, every_act, every_descendant = _q5_counts(data.load("legal_acts"), year)
    acts_word = "act" if expected == 1 else "acts"
    return judge(
        n,
        expected,
        f"{expected} {acts_word} since {year} extend the 2009 law's logic: the 2009 law was a beginning, not an end.",
        mistakes=[
            (
                every_act,
                f"That counts every act signed since {year}.",
                "Also keep only rows where extends_2009_law is True.",
            ),
            (
                every_descendant,
                "That counts every act that extends the 2009 law.",
                f"Keep only those signed in {year} or later.",
            ),
        ],
        no_rows_hint="Check each condition on its own before combining them, for example "
        f'`(acts["signed"].dt.year >= {year}).sum()`.',
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


def _listed(words: list[str]) -> str:
    """Words in a list: "bloggers, commenters and forum and platform hosts"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names_a_harm(text: str) -> bool:
    key = text_key(text)
    return any(harm in key for harm in HARMS)


def _as_statements(answer: object, expected: str) -> dict[str, str] | Feedback:
    """Read a dictionary of speaker -> words (or a Series with the speakers as its index)."""
    if answer is None or answer is ... or (isinstance(answer, str) and not answer.strip()):
        return blank(expected)
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if isinstance(answer, str) and ":" in answer:
        # The pairs typed as text, as the answer key prints them: speaker: "words"; speaker: "words".
        pairs = [part.split(":", 1) for part in re.split(r"[;\n]", answer) if part.strip()]
        if all(len(pair) == 2 for pair in pairs):
            answer = {speaker: words.strip().strip("\u201c\u201d\"'") for speaker, words in pairs}
    if not isinstance(answer, dict):
        return Feedback("unreadable", f"Expected {expected}, not {shown(answer)}.")
    if not answer:
        return Feedback("unreadable", f"Expected {expected}, but the dictionary is empty.")
    read = {}
    for speaker, words in answer.items():
        if not isinstance(speaker, str) or not isinstance(words, str) or not speaker.strip() or not words.strip():
            return Feedback(
                "unreadable",
                f"Expected {expected}: each speaker and each piece of words must be text, not {shown(words)}.",
            )
        read[speaker.strip()] = words.strip()
    return read


def _state_case() -> pd.DataFrame:
    return voice.state_positions([ISSUE_2009])


@check(_as_statements, "a dictionary such as {'speaker': 'the words that name the aim', ...}")
def q7(given: dict[str, str]):
    """For each body or official of the state that gave the 2009 law an aim (a harm it should prevent), the words
    of its statement that name the harm."""
    state_case = _state_case()
    summaries = state_case.groupby("speaker")["summary"].agg(list).to_dict()
    ids = dict(zip(state_case["speaker"], state_case["actor_id"], strict=False))
    others = voice.other_positions(state_case)
    aimed = {speaker for speaker, texts in summaries.items() if any(_names_a_harm(t) for t in texts)}
    found = set()
    for key, words in given.items():
        speaker = next((s for s in summaries if names_match(key, [s, ids[s]])), None)
        if speaker is None:
            critic = next(
                (s for s, a in zip(others["speaker"], others["actor_id"], strict=True) if names_match(key, [s, a])),
                None,
            )
            if critic is not None:
                return not_yet(
                    f"{critic} is not a body or official of the Kazakh state: its statement is the critics' side.",
                    "Use the speakers in `state_case`, which holds the state's statements only.",
                )
            return not_yet(
                f"'{key}' is not a speaker in the state's statements on the 2009 law.",
                'Copy each name from `state_case["speaker"]`.',
            )
        key_words = text_key(words)
        if not any(key_words in text_key(t) for t in summaries[speaker]):
            elsewhere = next(
                (s for s, texts in summaries.items() if s != speaker and any(key_words in text_key(t) for t in texts)),
                None,
            )
            if elsewhere is not None:
                return not_yet(
                    f"The words you gave for {speaker} are {elsewhere}'s.",
                    "Keep each speaker with the words of its own statement.",
                )
            return not_yet(
                f"{speaker}'s statement does not contain the words you gave for it.",
                "Copy the words from its summary as they are written there, without words of your own.",
            )
        if len(key_words.split()) > MOST_WORDS:
            return not_yet(
                f"The words you gave for {speaker} are most of its statement.",
                f"Copy only the words that name the harm, at most {MOST_WORDS} of them.",
            )
        if not _names_a_harm(words):
            if speaker not in aimed:
                return not_yet(
                    f"{speaker} defended the law without naming a harm it should prevent: its statement is part of "
                    "the state's case, but not an aim.",
                    "Leave out the speakers whose statements name no crime, content or disorder to prevent.",
                )
            return not_yet(
                f"The words you gave for {speaker} do not name a harm the law should prevent.",
                "Look in its summary for what the law should stop: a kind of crime, of content or of disorder.",
            )
        found.add(speaker)
    missing = len(aimed - found)
    if missing:
        return not_yet(
            f"{missing} of the state's speakers who named an aim {'is' if missing == 1 else 'are'} missing.",
            "Read every row of `state_case`: a speaker with two statements counts once.",
        )
    statements = state_case[state_case["speaker"].isin(aimed)]
    statements = statements[statements["summary"].map(_names_a_harm)]
    own = len(voice.primary_rows(statements))
    if own:
        read_in = (
            f"{own} of these statements {'was' if own == 1 else 'were'} read in the state's own texts (a government "
            "page or a legal text); the others reach you through news reports that relay officials' words."
        )
    else:
        read_in = (
            "None of these statements was read in the state's own texts (a government page or a legal text): news "
            "reports relay the officials' words."
        )
    return correct(
        f"The state's aims as {len(aimed)} of its bodies and officials gave them, in {len(statements)} statements. "
        f"{read_in} Set the harms they named beside the risks the critics named in the same provisions (the "
        "statements on the law whose stance is 'opposes')."
    )


#: Column names of the chart's table, which are not axis titles in words.
_COLUMNS = {"year", "group", "new_acts", "acts_so_far"}


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q8(figure):
    """A line chart of the acts so far, by year (published: every year in the table; a variant keeps the years from
    one on), one line per group (extends the 2009 law, other acts), with a title, axes labelled in words, and a
    dash or marker shape of its own for each line."""
    first = VARIANTS["chart_from"]
    every_year = acts_by_year()
    all_so_far = {g: dict(zip(r["year"], r["acts_so_far"], strict=True)) for g, r in every_year.groupby("group")}
    table = every_year[every_year["year"] >= first]
    so_far = {g: dict(zip(rows["year"], rows["acts_so_far"], strict=True)) for g, rows in table.groupby("group")}
    each_year = {g: dict(zip(rows["year"], rows["new_acts"], strict=True)) for g, rows in table.groupby("group")}
    traces = named_traces(figure, {g: [g] for g in GROUPS.values()})
    drawn = {group: trace_points(trace, y=int) for group, trace in traces.items()}
    missing = [g for g in GROUPS.values() if g not in drawn]
    if missing:
        return not_yet(
            f"No line named {' or '.join(repr(g) for g in missing)}.",
            "Give `px.line` the table and `color='group'`, so that each line is named after its group.",
        )
    for group in GROUPS.values():
        if drawn[group] == each_year[group]:
            return not_yet(
                f"The line {group!r} shows the acts of each year, not the acts so far.",
                'Put the column "acts_so_far" on y.',
            )
        if drawn[group] != so_far[group] and drawn[group] == all_so_far[group]:
            return not_yet(
                f"The line {group!r} starts before {first}.",
                f'Keep the rows of the table whose "year" is {first} or later, then draw them.',
            )
        if drawn[group] != so_far[group]:
            rows = "every row of the table" if len(table) == len(every_year) else f"the rows from {first} on"
            return not_yet(
                f"The line {group!r} does not follow the count of acts by year.",
                f'Put the column "year" on x and "acts_so_far" on y, with {rows}.',
            )
    unlabelled = unlabelled_chart(
        figure,
        _COLUMNS,
        says="what is plotted",
        labels_hint="Use `labels={'year': 'Year', 'acts_so_far': '...'}` with words of your own.",
    )
    if unlabelled is not None:
        return unlabelled
    looks = set()
    for trace in traces.values():
        mode = str(getattr(trace, "mode", "") or "")
        marker = trace.marker.symbol if "markers" in mode else None
        looks.add((trace.line.dash or "solid", marker if isinstance(marker, str) else None))
    if len(looks) < len(GROUPS):
        return not_yet(
            "The two lines differ only by colour, which not every reader can tell apart.",
            "Give each line a dash of its own with `line_dash='group'`, or markers of their own shape with "
            "`symbol='group'` and `markers=True`.",
        )
    return correct(
        "Two lines on one chart, told apart by more than colour, with a title and labelled axes. Read where the "
        "steps of each line fall: the years in which acts extending the 2009 law were signed, and those of the "
        "other acts."
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    p = VARIANTS
    provisions = data.load("provisions")
    law = provisions[provisions["act_id"] == p["act"]]
    acts = data.load("legal_acts")
    act = acts.set_index("id").loc[p["gap_act"]]
    merged = data.load("assessments").merge(provisions[["id", "act_id"]], left_on="provision_id", right_on="id")
    extending = acts[acts["extends_2009_law"]]
    table = legislation_table()
    import plotly.express as px

    state_case = voice.state_positions([ISSUE_2009])
    clauses = state_case.assign(words=state_case["summary"].str.split(r"[,;]")).explode("words")
    clauses["words"] = clauses["words"].str.strip(" .")
    named = clauses[clauses["words"].str.contains("|".join(HARMS), case=False)]
    shortest = named.assign(length=named["words"].str.len()).sort_values("length")
    by_year = acts_by_year()
    by_year = by_year[by_year["year"] >= p["chart_from"]]
    return {
        "q1": len(law),
        "q2": law["affects"].str.split(";").explode().unique().tolist(),
        "q3": (act["signed"] - act["adopted"]).days,
        "q4": merged[merged["act_id"] == p["verdict_act"]]["verdict"].value_counts().index[0],
        "q5": int((extending["signed"].dt.year >= p["since_year"]).sum()),
        "q6": THEMES[table[table["extends_2009_law"]]["theme"].value_counts().index[0]],
        "q7": shortest.groupby("speaker")["words"].first().to_dict(),
        "q8": px.line(
            by_year,
            x="year",
            y="acts_so_far",
            color="group",
            line_dash="group",
            markers=True,
            title="Legal acts in the data, counted up to each year",
            labels={
                "year": "Year (signed, or else adopted or in force)",
                "acts_so_far": "Acts signed up to that year",
                "group": "",
            },
        ),
    }
