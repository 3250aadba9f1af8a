"""Checks for exercises/04-blocked-exercises.ipynb: each is the expected answer, computed from the data, and the
mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import itertools

import pandas as pd

from .. import data
from ..checks import (
    as_days,
    as_figure,
    as_int,
    as_number,
    as_text,
    as_text_set,
    check,
    correct,
    judge,
    named_traces,
    names_match,
    not_yet,
    trace_points,
    unlabelled_chart,
)
from ..variants import Variants
from .connection import STEPS, connection_table
from .tables import METHODS, ORDERED_BY, case_table, collateral

__all__ = ["VARIANTS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "use_variant"]

#: The probes of a measurement, in the order a browser takes the steps they test (``detection_signatures``).
PROBES = ("dns", "tcp", "tls", "http")

#: How a task's prompt names the grounds a stated reason may give, by the words task 6 looks for.
REASON_WORDS = {
    "terror": "terrorism",
    "extremis": "extremism",
    "ethnic": "ethnic hatred",
    "false": "false information",
    "violent": "violent change of the constitutional order",
    "pornograph": "pornography",
}

#: How a task's prompt names a body that orders blocks: one of them, several, and their orders.
BODY_WORDS = {
    "court": ("a court", "courts", "Courts'"),
    "prosecutor": ("a prosecutor", "prosecutors", "Prosecutors'"),
    "ministry": ("a ministry", "ministries", "Ministries'"),
    "security_service": ("a security service", "security services", "Security services'"),
    "operator": ("an operator", "operators", "Operators'"),
}

#: A task's title for the method it counts: "Task 3: {{method_title}}".
METHOD_TITLES = {
    "shutdown": "switching it off",
    "throttling": "slowing it down",
    "tls_sni": "reading the name",
    "tls_mitm": "in the middle",
    "ip": "blocking an address",
    "dns": "a wrong answer",
}

#: How a task's prompt names a method it counts: "How many cases involved {{method_phrase}}?".
METHOD_PHRASES = {"shutdown": "a shutdown", "throttling": "throttling", "tls_mitm": "TLS interception"}


def _in_years(cases: pd.DataFrame, years) -> pd.DataFrame:
    """The cases begun in a span of years, both ends included."""
    return cases[cases["start"].dt.year.between(*years)]


def _whole(years) -> bool:
    """Whether a span of years takes in every case of the data."""
    started = data.load("blocking_cases")["start"].dt.year
    return years[0] <= started.min() and years[1] >= started.max()


def _years_words(years) -> str:
    """The words " from 2011 to 2019" for a span that leaves cases out; nothing for one that takes in every case."""
    return "" if _whole(years) else f" from {years[0]} to {years[1]}"


def _years_code(years) -> str:
    """The code that keeps the cases begun in a span of years, between backticks."""
    return f'`cases[cases["start"].dt.year.between({years[0]}, {years[1]})]`'


def _other_body(body: str) -> str:
    """The body task 6 compares a body's reasons with: the ministries, or the courts for the ministries."""
    return "court" if body == "ministry" else "ministry"


def _measurement(signatures: pd.DataFrame, method: str) -> list[tuple[str, str]]:
    """What task 5 says a measurement shows for a method: each probe that looks normal (gives the value most
    methods share), up to and with the first that does not, as (probe, what the simulation shows)."""
    row = signatures.set_index("method").loc[method]
    shown = []
    for probe in PROBES:
        counts = signatures[probe].value_counts()
        normal = counts.index[0] if counts.iloc[0] > 1 else None
        shown.append((probe, row[probe]))
        if row[probe] != normal:
            return shown
    return []


def _described(signatures: pd.DataFrame, shown: list[tuple[str, str]]) -> pd.DataFrame:
    """The methods whose simulation shows what a measurement shows."""
    keep = pd.Series(True, index=signatures.index)
    for probe, value in shown:
        keep &= signatures[probe] == value
    return signatures[keep]


def _step_names() -> dict[str, str]:
    """{probe: the name of the step it tests}, such as {"dns": "DNS lookup", ...}."""
    return dict(zip(PROBES, connection_table()["name"], strict=True))


def _q3_counts(cases: pd.DataFrame, method: str) -> tuple[int, int]:
    """Task 3's answer for a method (the cases listing it), and its near miss (the cases listing it alone)."""
    return int(cases["methods"].str.contains(method).sum()), int((cases["methods"] == method).sum())


def _q4_medians(cases: pd.DataFrame, years) -> tuple[float, float, int]:
    """Task 4's answer for a span of years, its near miss (the mean), and the number of cases it rests on."""
    rows = _in_years(cases, years)
    durations = (rows["end"] - rows["start"]).dt.days.dropna()
    return float(durations.median()), float(durations.mean()), len(durations)


def _q6_counts(cases: pd.DataFrame, body: str, reasons) -> tuple[int, list[int]]:
    """Task 6's answer for a body and two grounds, and its near misses in the check's order: every body's
    cases, the body's cases whatever their reason, the second ground only, the first ground only."""
    first, second = reasons
    pattern = f"{first}|{second}"
    given = cases.loc[cases["ordered_by"] == body, "stated_reason"]
    near = [
        int(cases["stated_reason"].str.contains(pattern).sum()),
        len(given),
        int(given.str.contains(second).sum()),
        int(given.str.contains(first).sum()),
    ]
    return int(given.str.contains(pattern).sum()), near


def _q8_values(targeted: int, hosted: int) -> tuple[int, list[float]]:
    """Task 8's answer for a number targeted and a platform's size, and the near misses the check names."""
    estimate = collateral(targeted, hosted)
    share = estimate["unrelated_share"]
    return estimate["unrelated"], [hosted, estimate["per_target"], share, 100 * share, hosted - 1]


def _apart(value: float, others, gap: float = 1) -> bool:
    """Whether a value is more than ``gap`` from every other: a check that accepts each within half a day or
    half a blog tells them apart."""
    return all(abs(value - other) > gap for other in others)


#: The sizes a variant may assume for the platform of task 8: the data has no count, so the task states one.
HOSTED_SIZES = tuple(sorted(m * 10**k for k in (4, 5, 6) for m in (1, 2, 5)))


def _choose(rng) -> dict:
    """Other years for the chart, method counted, years of the durations, measured method, body and grounds
    of the reasons, and platform size, each chosen among those whose answer differs from the published one and
    from the near misses the check names, so that a near miss is never taken for the answer."""
    published = VARIANTS.defaults
    cases = case_table()
    years = sorted(int(y) for y in cases["year"].unique())
    spans = []
    for first, last in itertools.combinations(years, 2):
        chosen = cases[cases["year"].between(first, last)]
        per_year = chosen["year"].value_counts()
        if (
            last - first >= 4
            and len(cases) - len(chosen) >= 5  # leaves out enough cases for the whole table's chart to stand out
            and chosen["ordered_by"].nunique() >= 2
            and (per_year == per_year.max()).sum() == 1
        ):
            spans.append((first, last))
    chart_years = rng.choice(spans)
    published_q3 = _q3_counts(cases, published["method"])[0]
    methods = [
        method
        for method in sorted(METHODS)
        if (counts := _q3_counts(cases, method))[1] >= 1 and counts[0] not in (counts[1], published_q3)
    ]
    method = rng.choice(methods)
    published_q4 = _q4_medians(cases, published["duration_years"])[0]
    ended = sorted(int(y) for y in cases.loc[cases["end"].notna(), "year"].unique())
    durations = [
        (first, last)
        for first, last in itertools.combinations(ended, 2)
        if not _whole((first, last))
        and (medians := _q4_medians(cases, (first, last)))[2] >= 5
        and _apart(medians[0], [published_q4, medians[1]])
        and _apart(medians[1], [published_q4])
    ]
    duration_years = rng.choice(durations)
    signatures = data.load("detection_signatures")
    acts_at = {method: probe for probe, step in zip(PROBES, STEPS, strict=False) for method in step["methods"]}
    measured = [
        method
        for method in sorted(signatures["method"])
        if method not in ("none", published["measured"])
        and (shown := _measurement(signatures, method))
        and len(_described(signatures, shown)) == 1
        and acts_at.get(method, shown[-1][0]) == shown[-1][0]
    ]
    published_q6 = _q6_counts(cases, published["reason_body"], published["reasons"])[0]
    grounds = [
        (body, reasons)
        for body in sorted(set(BODY_WORDS) & set(cases["ordered_by"]))
        for reasons in itertools.combinations(REASON_WORDS, 2)
        if (counts := _q6_counts(cases, body, reasons))[0] not in (0, published_q6, *counts[1])
        and len(set(counts[1])) == len(counts[1])
    ]
    reason_body, reasons = rng.choice(grounds)
    targeted = data.load("collateral_cases").set_index("case_id")["targeted"].astype(int)
    published_q8 = _q8_values(int(targeted[published["collateral_case"]]), published["assumed_hosted"])[0]
    platforms = [
        (case, hosted)
        for case in sorted(targeted.index)
        for hosted in HOSTED_SIZES
        if hosted > targeted[case]
        and (values := _q8_values(int(targeted[case]), hosted))[0] != published_q8
        and _apart(values[0], values[1], gap=0.5)
    ]
    collateral_case, assumed_hosted = rng.choice(platforms)
    return {
        "chart_years": chart_years,
        "method": method,
        "duration_years": duration_years,
        "measured": rng.choice(measured),
        "reason_body": reason_body,
        "reasons": tuple(reasons),
        "collateral_case": collateral_case,
        "assumed_hosted": assumed_hosted,
    }


def _reason_words(reasons) -> str:
    return " or ".join(REASON_WORDS.get(r, r) for r in reasons)


def _method_phrase(method: str) -> str:
    return METHOD_PHRASES.get(method, METHODS.get(method, method))


def _platform(case: str) -> tuple[str, int]:
    """The name of the platform a collateral case blocked, and the year its block began."""
    row = data.load("blocking_cases").set_index("id").loc[case]
    return row["target"].split(" (")[0], int(row["start"].year)


def _texts(values) -> dict[str, str]:
    signatures = data.load("detection_signatures")
    shown = _measurement(signatures, values["measured"])
    steps = _step_names()
    normal = [f"the {steps[probe]}" for probe, _ in shown[:-1]]
    odd_probe, odd_value = shown[-1]
    said = f'the simulation say{"s" if normal else ""} of the {steps[odd_probe]}: "{odd_value}"'
    if len(normal) > 1:
        measurement = f"do {', '.join(normal[:-1])} and {normal[-1]} look normal, while {said}"
    elif normal:
        measurement = f"does {normal[0]} look normal, while {said}"
    else:
        measurement = f"does {said}"
    body, other = values["reason_body"], _other_body(values["reason_body"])
    platform, year = _platform(values["collateral_case"])
    chart, durations = values["chart_years"], values["duration_years"]
    return {
        "chart_years_words": _years_words(chart),
        "chart_rows": "" if _whole(chart) else "in_years = " + _years_code(chart).strip("`"),
        "chart_table": "cases" if _whole(chart) else "in_years",
        "method_title": METHOD_TITLES.get(values["method"], "one method among several"),
        "method_phrase": _method_phrase(values["method"]),
        "chart_title_years": "" if _whole(chart) else f", {chart[0]}-{chart[1]}",
        "duration_years_words": "" if _whole(durations) else f" begun{_years_words(durations)}",
        "duration_years_hint": "" if _whole(durations) else f"Keep them first with {_years_code(durations)}.",
        "duration_rows": "" if _whole(durations) else "in_span = " + _years_code(durations).strip("`"),
        "duration_table": "cases" if _whole(durations) else "in_span",
        "measurement": measurement,
        "reason_body_one": BODY_WORDS[body][0],
        "reason_other_many": BODY_WORDS[other][1],
        "reason_words": _reason_words(values["reasons"]),
        "reason_pattern": "|".join(values["reasons"]),
        "platform": platform,
        "collateral_year": str(year),
        "assumed_hosted_words": f"{values['assumed_hosted']:,}",
        "assumed_hosted_code": f"{values['assumed_hosted']:_}",
    }


#: The parameters of the tasks: the published exercises' values, and how a variant chooses others
#: (:mod:`netgov.variants`). The published spans of years are the data's first and last years: every case.
VARIANTS = Variants(
    4,
    defaults={
        "chart_years": (2003, 2025),
        "method": "shutdown",
        "duration_years": (2003, 2025),
        "measured": "tls_sni",
        "reason_body": "court",
        "reasons": ("terror", "extremis"),
        "collateral_case": "bc-wordpress-2011",
        # Task 8's stated assumption: how many blogs the platform hosted. The data has no such count.
        "assumed_hosted": 50_000,
    },
    choose=_choose,
    tasks={
        "q2": ("chart_years",),
        "q3": ("method",),
        "q4": ("duration_years",),
        "q5": ("measured",),
        "q6": ("reason_body", "reasons"),
        "q8": ("collateral_case", "assumed_hosted"),
    },
    texts=_texts,
)
use_variant = VARIANTS.use


@check(as_int, "a whole number of cases")
def q1(n):
    """How many cases have no documented method ('unknown' among their methods)?"""
    cases = data.load("blocking_cases")
    expected = int(cases["methods"].str.contains("unknown").sum())
    return judge(
        n,
        expected,
        f"{expected} of {len(cases)}: for these the sources say that a site was blocked, not how. A block "
        "nobody acknowledges leaves few traces, which is why measurement matters.",
        mistakes=[(len(cases), "That counts every case.", "Keep only the rows whose methods contain 'unknown'.")],
        no_rows_hint="The methods column writes 'unknown' in lower case; `cases[\"methods\"].unique()` shows how "
        "it writes every method.",
        otherwise=(
            f"{n} does not match.",
            'Use `.str.contains("unknown")` on the methods column, then `.sum()` to count the rows where it is True.',
        ),
    )


def _cases_by_year_and_body(years) -> dict[str, dict[int, int]]:
    """{ordered_by code: {year: cases begun that year}} for a span of years, years without a case left out."""
    cases = _in_years(case_table(), years)
    counts = cases.groupby(["ordered_by", "year"]).size()
    return {body: {int(y): int(n) for y, n in rows.droplevel(0).items()} for body, rows in counts.groupby(level=0)}


#: The names a series of bodies may have: the ordered_by code or its plain-language label.
_SERIES_NAMES = {code: [code, label] for code, label in ORDERED_BY.items()}


def _look(trace: object) -> tuple:
    """What tells a series apart without colour: its bars' pattern, its line's dash, its markers' symbol."""
    marker = getattr(trace, "marker", None)
    pattern = getattr(getattr(marker, "pattern", None), "shape", None) if marker is not None else None
    line = getattr(trace, "line", None)
    dash = getattr(line, "dash", None) if line is not None else None
    symbol = getattr(marker, "symbol", None) if marker is not None else None
    mode = getattr(trace, "mode", None) or ""
    return (pattern or None, dash or None, symbol if "markers" in mode else None)


@check(as_figure, "a plotly figure, such as the one px.bar returns")
def q2(figure):
    """A bar chart of the cases begun each year (published: every year; a variant asks for a span of years), one
    series per body that ordered them (ordered_by), with a title, axis titles in words, and a pattern, dash or
    marker that tells the series apart without colour."""
    years = VARIANTS["chart_years"]
    wanted = _cases_by_year_and_body(years)
    table = "cases" if _whole(years) else "in_years"
    keep = (
        ""
        if _whole(years)
        else f"Keep the cases begun from {years[0]} to {years[1]} first, with {_years_code(years)}. "
    )
    if any(getattr(trace, "type", None) == "histogram" for trace in figure.data):
        return not_yet(
            "A histogram groups the years into bins, which need not be one year each.",
            f"{keep}Count the cases per year and per body first, with "
            f'`{table}.groupby([{table}["start"].dt.year, "ordered_by"]).size()`, then draw the counts with '
            "`px.bar`.",
        )
    drawn: dict[str, dict[int, int]] = {}
    for body, trace in named_traces(figure, _SERIES_NAMES).items():
        try:
            points = trace_points(trace)
        except (TypeError, ValueError):
            return not_yet(
                f"The series {ORDERED_BY[body]} does not have years on x and counts on y.",
                'Count the cases per year first: `cases["start"].dt.year` gives the year of each date.',
            )
        drawn[body] = {year: int(count) for year, count in points.items() if count}
    missing = [ORDERED_BY[b] for b in wanted if b not in drawn]
    if missing:
        return not_yet(
            f"No series for {', '.join(repr(m) for m in missing)}.",
            "Give `px.bar` the counts with `color='ordered_by'`, so that each series is named after who "
            "ordered the cases.",
        )
    if not _whole(years):
        outside = sorted({y for counts in drawn.values() for y in counts if not years[0] <= y <= years[1]})
        if outside:
            return not_yet(
                f"The chart counts cases begun outside {years[0]}-{years[1]}, in "
                f"{', '.join(map(str, outside[:3]))}{' and others' if len(outside) > 3 else ''}.",
                f"{keep}Then count them per year and body.",
            )
    for body, counts in wanted.items():
        if drawn[body] != counts:
            return not_yet(
                f"The series {ORDERED_BY[body]} does not follow the cases begun each year.",
                'Put the years, `cases["start"].dt.year`, on x and the number of cases on y, one row per year '
                "and body.",
            )
    unlabelled = unlabelled_chart(
        figure,
        {"start", "year", "cases", "count", "size", "ordered_by", "0"},
        says="what is counted",
        labels_hint="Use `labels={'start': 'Year the block began', 'cases': 'Cases begun'}` with the names of "
        "your columns.",
    )
    if unlabelled is not None:
        return unlabelled
    looks = [_look(trace) for body, trace in named_traces(figure, _SERIES_NAMES).items() if body in wanted]
    if len(set(looks)) < len(looks):
        return not_yet(
            "The series differ only by colour, which not every reader can tell apart.",
            "Add `pattern_shape='ordered_by'` to `px.bar`, so that each series has its own pattern.",
        )
    cases = _in_years(case_table(), years)
    by_year = cases["year"].value_counts()
    busiest = int(by_year.idxmax())
    ministry = cases.loc[cases["ordered_by"] == "ministry", "year"]
    silent = cases.loc[cases["ordered_by"] == "unacknowledged", "year"]
    notes = [f"ministries' orders appear from {int(ministry.min())}"] if len(ministry) else []
    if silent.nunique() > 1:
        notes.append(f"cases nobody acknowledged run from {int(silent.min())} to {int(silent.max())}")
    return correct(
        f"A series per body, with a title, axes in words and patterns. The busiest year, {busiest}, had "
        f"{int(by_year.max())} cases{'; ' if notes else ''}{', and '.join(notes)}."
    )


@check(as_int, "a whole number of cases")
def q3(n):
    """How many cases involved a method (published: a shutdown of the network), alone or with others?"""
    method = VARIANTS["method"]
    cases = case_table()
    listed = cases[cases["methods"].str.contains(method)]
    expected, exact = _q3_counts(cases, method)
    combined = listed[listed["methods"] != method]
    others = sorted({m for methods in combined["methods"] for m in methods.split(";")} - {method})
    with_others = " or ".join(METHODS.get(m, m).lower() for m in others)
    missed = "a case" if len(combined) == 1 else f"the {len(combined)} cases"
    first, last = listed.iloc[0], listed.iloc[-1]
    return judge(
        n,
        expected,
        f"{expected} of the {len(cases)} cases, the first begun in {first['year']} ({first['id']}), the last in "
        f"{last['year']} ({last['id']}).",
        mistakes=[
            (
                exact,
                f"That misses {missed} that combined it with {with_others}.",
                f"A case can list several methods separated by ';': use `.str.contains(\"{method}\")`.",
            )
        ],
        no_rows_hint=f"The methods column writes '{method}' in lower case; `cases[\"methods\"].unique()` shows how "
        "it writes every method.",
        otherwise=(f"{n} does not match.", f"Count the rows whose methods contain '{method}'."),
    )


@check(as_days, "a number of days", whole=False)
def q4(value):
    """The median duration, in days, of the cases whose end is known (published: every such case; a variant
    asks about the cases begun in a span of years)."""
    years = VARIANTS["duration_years"]
    cases = data.load("blocking_cases")
    expected, mean, counted = _q4_medians(cases, years)
    every = _q4_medians(cases, (int(cases["start"].dt.year.min()), int(cases["start"].dt.year.max())))[0]
    pulled = "up by a few long blocks" if mean > expected else "down by a few short ones"
    mistakes = [
        (
            lambda v: abs(v - mean) <= 0.5,
            f"That is the mean, pulled {pulled}.",
            "Use `.median()` instead of `.mean()`.",
        ),
    ]
    if not _whole(years):
        mistakes.append(
            (
                lambda v: abs(v - every) <= 0.5,
                "That is the median of every case whose end is known, whenever it began.",
                f"Keep the cases begun from {years[0]} to {years[1]} first: {_years_code(years)}.",
            )
        )
    first_keep = "S" if _whole(years) else f"Keep the cases begun from {years[0]} to {years[1]}, then s"
    days = f"{expected:g} day{'' if expected == 1 else 's'}"
    if _whole(years):
        right = f"{days}: the cases with a known end are mostly short cuts around protests and elections"
    else:
        right = f"{days}, the middle of the {counted} cases begun{_years_words(years)} whose end is known"
    return judge(
        value,
        expected,
        f"{right}; many long blocks are still running, or their end is not documented.",
        mistakes=mistakes,
        tolerance=0.5,
        otherwise=(
            f"{value:g} does not match.",
            f"{first_keep}ubtract start from end, take `.dt.days`, drop the missing values with `.dropna()`, then "
            "take `.median()`.",
        ),
    )


@check(as_text, "a method, such as 'dns'")
def q5(answer):
    """Which method does a measurement show (published: DNS and TCP look normal, but the TLS handshake stalls
    after the ClientHello)?"""
    measured = VARIANTS["measured"]
    signatures = data.load("detection_signatures")
    table = signatures.set_index("method")
    named = [m for m, row in table.iterrows() if names_match(answer, [m, row["label"], *row["aliases"].split(";")])]
    method = named[0] if named else None
    if method == measured:
        return correct(f"{table.loc[measured, 'label']}. {table.loc[measured, 'telltale']}")
    if method in table.index:
        step = _step_names()[_measurement(signatures, measured)[-1][0]]
        return not_yet(
            f"{table.loc[method, 'label']} would look different: {table.loc[method, 'telltale']}",
            f"In the simulation, compare what each method shows at the {step} with the measurement.",
        )
    return not_yet(f"'{answer}' is not one of the methods.", f"Methods: {', '.join(table.index)}.")


@check(as_int, "a whole number of cases")
def q6(n):
    """Of the cases a body ordered, how many give either of two grounds as a reason (published: of the cases a
    court ordered, terrorism or extremism)?"""
    body, (first, second) = VARIANTS["reason_body"], VARIANTS["reasons"]
    pattern = f"{first}|{second}"
    one, many, _ = BODY_WORDS[body]
    other = _other_body(body)
    cases = data.load("blocking_cases")
    expected, (everyone, ordered, second_only, first_only) = _q6_counts(cases, body, (first, second))
    compared = cases[cases["ordered_by"] == other]
    in_other = int(compared["stated_reason"].str.contains(pattern).sum())
    either = f'The pattern `"{pattern}"` matches either word: the bar between them means or.'
    return judge(
        n,
        expected,
        f"{expected} of the {ordered} cases {many} ordered. {BODY_WORDS[other][2]} orders give it in {in_other} "
        f"of {len(compared)}: read their stated reasons to see what they give instead, and compare the kinds "
        "of reason with who gave them.",
        mistakes=[
            (
                everyone,
                "That counts such reasons in every case, whoever ordered it.",
                f'Keep only the rows where `cases["ordered_by"] == "{body}"` first.',
            ),
            (
                ordered,
                f"That counts every case {one} ordered, whatever its reason.",
                f'Then keep those whose `cases["stated_reason"]` contains "{first}" or "{second}".',
            ),
            (second_only, f"That counts {REASON_WORDS.get(second, second)} only.", either),
            (first_only, f"That counts {REASON_WORDS.get(first, first)} only.", either),
        ],
        no_rows_hint=f'The column writes "{body}" and the reasons in lower case; '
        '`cases["ordered_by"].unique()` shows how it writes who ordered each case.',
        otherwise=(
            f"{n} does not match.",
            f'Filter the cases {one} ordered, then `.str.contains("{pattern}")` on `cases["stated_reason"]` '
            "and `.sum()`.",
        ),
    )


def _method_code(text: str) -> str | None:
    table = data.load("detection_signatures")
    for _, row in table.iterrows():
        if names_match(text, [row["method"], row["label"], *row["aliases"].split(";")]):
            return row["method"]
    return None


@check(as_text_set, "the methods, as a list of their keys (such as 'dns') or names")
def q7(named):
    """Which methods act at a step where the browser talks to the site's server, so that whoever applies them
    must stand on the path between the user and that server?"""
    table = data.load("detection_signatures").set_index("method")
    steps = connection_table()
    label_to_code = {label: code for code, label in table["label"].items()}
    at_server = steps[steps["talks_to"] == "Site's server"]
    expected = {label_to_code[m] for m in at_server["methods"].str.split("; ").explode()}
    dns_step = steps[steps["methods"].str.contains(table.loc["dns", "label"], regex=False)].iloc[0]
    codes = {}
    for item in named:
        code = _method_code(item)
        if code is None:
            return not_yet(f"'{item}' is not one of the methods.", f"Methods: {', '.join(table.index)}.")
        codes[code] = item
    chosen = set(codes)
    if chosen == expected:
        return correct(
            f"{len(expected)} methods: each acts on the traffic to the site's server, so whoever applies it must "
            "carry that traffic, an operator or a gateway on the path. DNS tampering needs no place on that path: "
            f"it acts at the {dns_step['name']}, where the browser talks to the {dns_step['talks_to']}."
        )
    if "dns" in chosen:
        return not_yet(
            f"DNS tampering acts at the {dns_step['name']}, where the browser talks to the {dns_step['talks_to']}, "
            "not to the site's server.",
            'In `lesson4.connection_table()`, keep the rows whose talks_to column is "Site\'s server".',
        )
    if "none" in chosen:
        return not_yet(
            "'No interference' is what a measurement shows when nothing is blocked, not a method.",
            "Read the methods column of the steps where the browser talks to the site's server.",
        )
    stray = chosen - expected
    if stray:
        names = ", ".join(table.loc[c, "label"] for c in sorted(stray))
        return not_yet(
            f"{names} acts at no single step: the table lists it under none.",
            "Read the methods column of the steps where the browser talks to the site's server.",
        )
    return not_yet(
        "Those you named are right, but one or more are missing.",
        "A step can list two methods, separated by '; ': `.str.split(\"; \")` and `.explode()` list them all.",
    )


@check(as_number, "a number of blogs")
def q8(value):
    """How many blogs that no order named went dark when a platform was blocked, under the task's assumption of
    the platform's size (published: in the WordPress.com case of 2011, if the platform hosted 50,000 blogs)?"""
    case, hosted = VARIANTS["collateral_case"], VARIANTS["assumed_hosted"]
    targeted = int(data.load("collateral_cases").set_index("case_id").loc[case, "targeted"])
    estimate = collateral(targeted, hosted)
    expected = estimate["unrelated"]
    return judge(
        value,
        expected,
        f"{expected:,} unrelated blogs, {estimate['per_target']:,g} for each banned one: "
        f"{estimate['unrelated_share']:.3%} of the blogs that went dark had been named by no order. The count "
        "rests on your assumption of the platform's size; the number the order named comes from the data.",
        mistakes=[
            (
                hosted,
                "That counts every blog on the platform, the banned ones too.",
                "Subtract the blogs the order named.",
            ),
            (
                lambda v: abs(v - estimate["per_target"]) <= 0.5,
                "That is the number for each banned blog.",
                "The task asks for all the unrelated blogs together.",
            ),
            (
                lambda v: (
                    abs(v - estimate["unrelated_share"]) <= 0.0005 or abs(v - 100 * estimate["unrelated_share"]) <= 0.05
                ),
                "That is the share of the blogs that went dark, not their number.",
                'Give the number of unrelated blogs: the `"unrelated"` item of what `lesson4.collateral` returns.',
            ),
            (
                hosted - 1,
                "That assumes the order named one blog.",
                f'Read the row of `collateral_cases` whose case_id is "{case}": it says how many.',
            ),
        ],
        tolerance=0.5,
        otherwise=(
            f"{value:,g} does not match.",
            "Take the number the order named from `collateral_cases`, then give it and the platform's size to "
            "`lesson4.collateral`.",
        ),
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    import plotly.express as px

    p = VARIANTS
    cases = data.load("blocking_cases")
    # The measurement of q5 read against the signatures: the rows whose probes show what the task describes.
    signatures = data.load("detection_signatures")
    described = signatures
    for probe, shown in _measurement(signatures, p["measured"]):
        described = described[described[probe] == shown]
    first, last = p["chart_years"]
    in_years = cases[cases["start"].dt.year.between(first, last)]
    per_year = in_years.groupby([in_years["start"].dt.year, "ordered_by"]).size().reset_index(name="cases")
    span = "" if _whole(p["chart_years"]) else f", {first}-{last}"
    first, last = p["duration_years"]
    timed = cases[cases["start"].dt.year.between(first, last)]
    body_cases = cases[cases["ordered_by"] == p["reason_body"]]
    steps = connection_table()
    at_server = steps[steps["talks_to"] == "Site's server"]["methods"].str.split("; ").explode()
    collateral_rows = data.load("collateral_cases").set_index("case_id")
    return {
        "q1": int(cases["methods"].str.contains("unknown").sum()),
        "q2": px.bar(
            per_year,
            x="start",
            y="cases",
            color="ordered_by",
            pattern_shape="ordered_by",
            title=f"Blocking cases begun each year{span}, by who ordered them",
            labels={"start": "Year the block began", "cases": "Cases begun", "ordered_by": "Ordered by"},
        ),
        "q3": int(cases["methods"].str.contains(p["method"]).sum()),
        "q4": float((timed["end"] - timed["start"]).dt.days.dropna().median()),
        "q5": described["method"].item(),
        "q6": int(body_cases["stated_reason"].str.contains("|".join(p["reasons"])).sum()),
        "q7": sorted(at_server),
        "q8": collateral(int(collateral_rows.loc[p["collateral_case"], "targeted"]), p["assumed_hosted"])["unrelated"],
    }
