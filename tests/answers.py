"""The right answer to every exercise check, and the other forms a learner may give it.

The right answers are the package's answer keys (each lesson's ``checks.answers()``, computed from the tables
the way a learner would, not by calling the check), so that the lesson tests, the near-miss test, the hint
test, the solutions and the instructors' answer keys agree on what "right" is. Where a literal value is pinned,
it is pinned in the lesson's own test.

Everything here is for the variant the lesson's checks are using (``VARIANTS.using(seed)``), the published
exercises unless a test says otherwise: the other names of an answer and the other options come from the data.
"""

from __future__ import annotations

import functools
import importlib

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

import netgov
from netgov import lesson1, lesson2, lesson3, lesson4, lesson5
from netgov.checks import text_key
from netgov.lessons import LESSONS


def _entry(lesson: str):
    return next(entry for entry in LESSONS if entry.name == lesson)


def right_answers(lesson: str) -> dict[str, object]:
    """``{"q1": ..., ...}`` for one lesson's checks (``"lesson1"`` ... ``"lesson5"``), in the variant in use."""
    variants = getattr(importlib.import_module(f"{_entry(lesson).module}.checks"), "VARIANTS", None)
    return _answers(lesson, None if variants is None else variants.seed)


@functools.cache
def _answers(lesson: str, seed: int | None) -> dict[str, object]:
    return _entry(lesson).answers()


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
    if _is_figure(right):
        return _figure_forms(check, right)
    if isinstance(right, dict):
        return _statement_forms(right)
    if isinstance(right, list) and check in ORDERED:  # a path: its order matters, so no set
        forms += [tuple(right), np.array(right), pd.Series(right), ", ".join(right), " -> ".join(right)]
        forms.append(str(right))
    elif isinstance(right, list):
        forms += [np.array(right), pd.Series(right).unique(), set(right), ", ".join(right), "; ".join(right)]
        forms.append(str(right))  # the list printed, then copied: "['KG', 'TJ']"
    elif isinstance(right, str):
        forms += [*_name_forms(check), pd.Series([right]), pd.Series([right, right]).mode()]
        if check in ("lesson1.q4", "lesson2.q2"):  # read with top_of_counts: the value_counts() themselves
            forms.append(pd.Series({right: 3, "other": 1}))
    elif isinstance(right, bool):
        pass
    elif isinstance(right, int):
        forms += [np.int64(right), str(right), pd.Series([right])]
    else:
        forms += [np.float64(right), pd.Series([right])]
    if check in SHARES:  # a percentage, in text too, with a decimal comma
        forms += [100 * right, f"{100 * right:.1f}%", f"{right:.3f}".replace(".", ",")]
    if check in ("lesson1.q3", "lesson2.q1", "lesson4.q4"):  # days: one date minus another
        days = pd.Timedelta(days=right)
        forms += [days, days.to_timedelta64(), pd.Series([days])]
    if check == "lesson4.q7":  # the methods' keys instead of their names, as a list or a column
        keys = netgov.load("detection_signatures").set_index("label").loc[right, "method"]
        forms += [list(keys), keys, ", ".join(keys).upper()]
    if check == "lesson4.q8":  # computed through the share: not a whole number to the last digit
        forms += [right + 1e-9, float(right)]
    return forms


#: Checks whose right answer is a share, a fraction from 0 to 1.
SHARES = ("lesson3.q2", "lesson3.q5")

#: Checks whose right answer is a list in a meaningful order (a path through a network).
ORDERED = {"lesson3.q6"}


def _name_forms(check: str) -> list[str]:
    """Other spellings of a right text answer that must also pass, from the data."""
    right = right_answer(check)
    if check == "lesson5.q3":  # a country: its code too, in either case
        code = next(c for c, name in lesson5.JURISDICTIONS.items() if name == right)
        return [code, code.lower(), right.upper()]
    if check == "lesson3.q3":  # a network: its id, its name in capitals or hyphenated, its AS number
        row = netgov.load("networks").set_index("name").loc[right]
        forms = [row["id"], right.upper(), right.replace(" ", "-")]
        if pd.notna(row["asn"]):
            forms += [f"AS{int(row['asn'])}", str(int(row["asn"]))]
        return forms
    if check == "lesson4.q5":  # a method: its key, its label, each of its aliases, in other cases
        table = netgov.load("detection_signatures")
        row = table[(table["method"] == right) | (table["label"] == right)].iloc[0]
        aliases = row["aliases"].split(";")
        return [row["label"], row["method"], *aliases, aliases[0].lower(), aliases[-1].upper()]
    return []


def _is_figure(value: object) -> bool:
    return isinstance(value, go.Figure)


def _figure_forms(check: str, right: go.Figure) -> list[go.Figure]:
    """The same chart built other ways: with graph_objects, one trace per series (in Lesson 5 named by the
    country's code, in Lesson 2 a stance by its label; in Lesson 1 each with its own dash or marker shape); with the
    lines in another order; in Lesson 3, from the wide table of shares; in Lesson 2, the counts without the zeros
    that a plain ``.groupby().size()`` leaves out."""
    if check == "lesson4.q2":
        return _lesson4_figure_forms(right)
    reordered = go.Figure(right)
    reordered.data = tuple(reversed(reordered.data))
    if check == "lesson1.q8":
        built = go.Figure(layout=dict(title="Acts by year", xaxis_title="Year", yaxis_title="Acts so far"))
        for trace, dash in zip(right.data, ("solid", "dash"), strict=True):
            built.add_scatter(x=list(trace.x), y=list(trace.y), name=trace.name.upper(), line_dash=dash)
        shapes = go.Figure(right)
        for trace, symbol in zip(shapes.data, ("circle", "square"), strict=True):
            trace.update(line_dash=None, marker_symbol=symbol, mode="lines+markers")
        return [built, shapes, reordered]
    if check == "lesson3.q8":
        built = go.Figure(layout=dict(title="Mobile broadband", xaxis_title="Year", yaxis_title="Share, percent"))
        for trace in right.data:
            built.add_scatter(x=list(trace.x), y=list(trace.y), name=trace.name, mode="lines+markers")
        chart = lesson3.checks.VARIANTS
        wide = px.line(
            lesson3.market_shares(chart["segment"]).loc[chart["chart_from"] : chart["chart_to"]],
            markers=True,
            title="Mobile-broadband shares",
            labels={"year": "Year", "value": "Share (%)"},
        )
        return [built, reordered, wide]
    if check == "lesson2.q7":
        labels = netgov.data.labels("positions", "stance")
        built = go.Figure(layout=dict(title="Positions by stance", xaxis_title="Year", yaxis_title="Positions stated"))
        gaps = go.Figure(right)
        for trace in right.data:
            built.add_scatter(x=list(trace.x), y=list(trace.y), name=labels[trace.name], mode="lines+markers")
        for trace in gaps.data:
            kept = [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y]
            trace.x, trace.y = [x for x, _ in kept], [y for _, y in kept]
        return [built, reordered, gaps]
    built = go.Figure(layout=dict(title="Scores", xaxis_title="Edition", yaxis_title="Score, 100 = most free"))
    for trace in right.data:
        code = next(c for c, name in lesson5.JURISDICTIONS.items() if name == trace.name)
        built.add_scatter(x=list(trace.x), y=list(trace.y), name=code, mode="lines+markers")
    return [built, reordered]


def _figure_misses(check: str, right: go.Figure) -> list[object]:
    """Charts that are almost right and must not pass: no title, an axis labelled only by its column name, a
    series missing, a line off by a point, the values not a figure; in Lesson 5 a line on the old scale, in
    Lesson 3 lines without markers (a single year then draws nothing), in Lesson 1 the acts of each year in place
    of the acts so far, and (Lessons 1 and 2) lines told apart by colour alone."""
    if check == "lesson4.q2":
        return _lesson4_figure_misses(right)
    untitled = go.Figure(right)
    untitled.update_layout(title=None)
    bare_axis = go.Figure(right)
    bare_axis.update_yaxes(
        title_text={"lesson5.q4": "score", "lesson1.q8": "acts_so_far", "lesson2.q7": "count"}.get(check, "value")
    )
    bare_x = go.Figure(right)
    bare_x.update_xaxes(title_text=None)
    missing = go.Figure(right)
    missing.data = missing.data[:-1]
    shifted = go.Figure(right)
    shifted.data[0].y = [y + 1 for y in shifted.data[0].y]
    misses = [untitled, bare_axis, bare_x, missing, shifted, pd.Series(right.data[0].y), "a chart"]
    if check == "lesson2.q7":
        colour_only = go.Figure(right)
        colour_only.update_traces(mode="lines", line_dash="solid")
        misses.append(colour_only)
    if check == "lesson5.q4":
        old_scale = go.Figure(right)
        trace = old_scale.data[0]
        trace.y = [100 - y if x <= 2018 else y for x, y in zip(trace.x, trace.y, strict=True)]
        misses.append(old_scale)
    if check == "lesson3.q8":
        no_markers = go.Figure(right)
        no_markers.update_traces(mode="lines")
        fewer_points = go.Figure(right)
        fewer_points.data[-1].x, fewer_points.data[-1].y = fewer_points.data[-1].x[:-1], fewer_points.data[-1].y[:-1]
        misses += [no_markers, fewer_points]
    if check == "lesson1.q8":
        each_year = go.Figure(right)
        for trace in each_year.data:
            so_far = list(trace.y)
            trace.y = [so_far[0], *(b - a for a, b in zip(so_far, so_far[1:], strict=False))]
        colour_only = go.Figure(right)
        colour_only.update_traces(line_dash="solid", marker_symbol="circle")
        misses += [each_year, colour_only]
    return misses


def _statement_forms(right: dict[str, str]) -> list[object]:
    """Task 7's speakers and words in other forms: a Series, the speakers by their actor ids, other case and
    spacing, the words with the quotation marks of a copy."""
    state_case = netgov.voice.state_positions(["internet-law-2009"])
    ids = dict(zip(state_case["speaker"], state_case["actor_id"], strict=False))
    return [
        pd.Series(right),
        {ids[speaker]: words for speaker, words in right.items()},
        {speaker.upper(): f"  {words.upper()} " for speaker, words in right.items()},
        {speaker: f'"{words}."' for speaker, words in right.items()},
        "; ".join(f"{speaker}: \u201c{words}\u201d" for speaker, words in right.items()),  # as the answer key prints it
    ]


def _statement_misses(right: dict[str, str]) -> list[object]:
    """Task 7's near misses: a speaker left out, a critic added, the words of two speakers swapped, words that are
    not the statement's, words that name no harm, a state speaker who named no aim, a whole statement."""
    state_case = netgov.voice.state_positions(["internet-law-2009"])
    speakers = list(right)
    fewer = dict(list(right.items())[1:])
    critic = netgov.voice.other_positions(state_case).iloc[0]
    with_critic = {**right, critic["speaker"]: " ".join(critic["summary"].split()[:4])}
    swapped = {**right, speakers[0]: right[speakers[1]], speakers[1]: right[speakers[0]]}
    invented = {**right, speakers[0]: "to silence the government's critics"}
    first = state_case[state_case["speaker"] == speakers[0]]["summary"].iloc[0]
    no_harm = {**right, speakers[0]: " ".join(first.split()[:3])}
    silent = state_case[~state_case["speaker"].isin(speakers)].iloc[0]
    aimless = {**right, silent["speaker"]: " ".join(silent["summary"].split()[:3])}
    whole = {**right, speakers[0]: first}
    return [fewer, with_critic, swapped, invented, no_harm, aimless, whole, speakers, ", ".join(right.values())]


def _lesson4_figure_forms(right: go.Figure) -> list[go.Figure]:
    """The chart of cases per year and body built other ways: with graph_objects, each series named by the
    body's plain-language label, with years as text and the empty years drawn as zero; and in another order."""
    built = go.Figure(layout=dict(title="Cases by year", xaxis_title="Year", yaxis_title="Number of cases"))
    shapes = ["/", "\\", "x", "-", "|", "+", "."]
    for shape, trace in zip(shapes, right.data, strict=False):
        years = list(range(2003, 2027))
        counts = dict(zip(trace.x, trace.y, strict=True))
        built.add_bar(
            x=[str(y) for y in years],
            y=[counts.get(y, 0) for y in years],
            name=lesson4.ORDERED_BY[trace.name],
            marker_pattern_shape=shape,
        )
    reordered = go.Figure(right)
    reordered.data = tuple(reversed(reordered.data))
    return [built, reordered]


def _lesson4_figure_misses(right: go.Figure) -> list[object]:
    """Charts that are almost right and must not pass: no title, an axis titled by its column name, a body
    missing, a count off by one, series told apart by colour only, a histogram of the years, not a figure."""
    untitled = go.Figure(right)
    untitled.update_layout(title=None)
    bare_axis = go.Figure(right)
    bare_axis.update_xaxes(title_text="start")
    missing = go.Figure(right)
    missing.data = missing.data[:-1]
    shifted = go.Figure(right)
    shifted.data[0].y = [y + 1 for y in shifted.data[0].y]
    colour_only = go.Figure(right)
    colour_only.update_traces(marker_pattern_shape="")
    cases = netgov.load("blocking_cases").assign(year=lambda t: t["start"].dt.year)
    histogram = px.histogram(
        cases, x="year", color="ordered_by", title="Cases", labels={"year": "Year", "count": "Cases"}
    )
    return [untitled, bare_axis, missing, shifted, colour_only, histogram, pd.Series(right.data[0].y), "a chart"]


#: How each figure check's right answer may be built otherwise, and its near misses.


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
    if check == "lesson5.q3":
        others = lesson5.score_table().query("country_name != @right_answer(@check)")
        return list(others["country_name"].unique()) + list(others["country"].unique())
    if check == "lesson4.q5":
        table = netgov.load("detection_signatures")
        right = table["method"].eq(right_answer(check)) | table["label"].eq(right_answer(check))
        table = table[~right]
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
    if _is_figure(right):
        return _figure_misses(check, right)
    if isinstance(right, dict):
        return _statement_misses(right)
    if isinstance(right, str):
        misses = [right[0], right[:3], right[: len(right) // 2], f"not {right}", f"no {right} involved", right + "x"]
        misses += ["a", "k", "x", "z", "snippet", "insnide", "JSC"]
        misses += [o for o in _other_options(check) if not ties(check, o)]
        keep = {text_key(f) for f in [right, *_name_forms(check)]}
        return [m for m in misses if text_key(m) not in keep]
    if isinstance(right, list):
        misses = [[*right, "something else"]]  # one item too many
        if len(right) > 1:
            misses += [right[1:], right[0]]  # one too few; a lone item
        if check in ORDERED:  # the right items in the wrong order
            misses += [right[::-1], [right[1], right[0], *right[2:]]]
        return misses
    if isinstance(right, bool):
        return [not right]
    if isinstance(right, int):
        return [right - 1, right + 1, right * 10 or 10]
    value = float(right)  # a share (fraction), an index, a median
    misses = [value - 2, value + 2]
    if check in SHARES:  # a fraction: five points off is not the share
        misses += [value - 0.05, value + 0.05]
    return misses
