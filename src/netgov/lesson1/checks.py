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
    names_match,
    not_yet,
    text_key,
    trace_values,
    unlabelled_chart,
)
from .tables import GROUPS, THEMES, acts_by_year, legislation_table

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

LAW_2009 = "law-2009-internet"

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
    """A line chart of the acts so far, by year, one line per group (extends the 2009 law, other acts), with a
    title, axes labelled in words, and a dash or marker shape of its own for each line."""
    table = acts_by_year()
    so_far = {g: dict(zip(rows["year"], rows["acts_so_far"], strict=True)) for g, rows in table.groupby("group")}
    each_year = {g: dict(zip(rows["year"], rows["new_acts"], strict=True)) for g, rows in table.groupby("group")}
    drawn, traces = {}, {}
    for trace in figure.data:
        name = str(getattr(trace, "name", "") or "")
        group = next((g for g in GROUPS.values() if name and names_match(name, [g])), None)
        if group is None or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None:
            continue
        xs, ys = trace_values(trace.x), trace_values(trace.y)
        drawn[group] = dict(zip((int(x) for x in xs), (int(y) for y in ys), strict=False))
        traces[group] = trace
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
        if drawn[group] != so_far[group]:
            return not_yet(
                f"The line {group!r} does not follow the count of acts by year.",
                'Put the column "year" on x and "acts_so_far" on y, with every row of the table.',
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
    provisions = data.load("provisions")
    law = provisions[provisions["act_id"] == LAW_2009]
    acts = data.load("legal_acts")
    act = acts.set_index("id").loc[LAW_2009]
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
    return {
        "q1": len(law),
        "q2": law["affects"].str.split(";").explode().unique().tolist(),
        "q3": (act["signed"] - act["adopted"]).days,
        "q4": merged[merged["act_id"] == LAW_2009]["verdict"].value_counts().index[0],
        "q5": int((extending["signed"].dt.year >= 2014).sum()),
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
