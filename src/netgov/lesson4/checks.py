"""Checks for exercises/04-blocked-exercises.ipynb: each is the expected answer, computed from the data, and the
mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

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
    names_match,
    not_yet,
    trace_values,
    unlabelled_chart,
)
from .connection import connection_table
from .tables import ORDERED_BY, case_table, collateral

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

#: Task 6: who ordered the blocks it asks about, and the words its reasons begin with.
REASON_BODY = "court"
REASON_PATTERN = "terror|extremis"

#: Task 8's stated assumption: how many blogs the platform hosted. The data has no such count; it is the task's.
ASSUMED_HOSTED = 50_000
COLLATERAL_CASE = "bc-wordpress-2011"


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


def _cases_by_year_and_body() -> dict[str, dict[int, int]]:
    """{ordered_by code: {year: cases begun that year}}, years without a case left out."""
    cases = case_table()
    counts = cases.groupby(["ordered_by", "year"]).size()
    return {body: {int(y): int(n) for y, n in rows.droplevel(0).items()} for body, rows in counts.groupby(level=0)}


def _body(name: object) -> str | None:
    """The ordered_by code a series is named after: its code or its plain-language label."""
    text = str(name or "").strip()
    if not text:
        return None
    return next((code for code, label in ORDERED_BY.items() if names_match(text, [code, label])), None)


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
    """A bar chart of the cases begun each year, one series per body that ordered them (ordered_by), with a
    title, axis titles in words, and a pattern, dash or marker that tells the series apart without colour."""
    wanted = _cases_by_year_and_body()
    drawn: dict[str, dict[int, int]] = {}
    for trace in figure.data:
        if getattr(trace, "type", None) == "histogram":
            return not_yet(
                "A histogram groups the years into bins, which need not be one year each.",
                "Count the cases per year and per body first, with "
                '`cases.groupby([cases["start"].dt.year, "ordered_by"]).size()`, then draw the counts with `px.bar`.',
            )
        body = _body(getattr(trace, "name", None))
        if body is None or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None:
            continue
        try:
            pairs = list(zip(map(int, trace_values(trace.x)), map(float, trace_values(trace.y)), strict=False))
        except (TypeError, ValueError):
            return not_yet(
                f"The series {ORDERED_BY[body]} does not have years on x and counts on y.",
                'Count the cases per year first: `cases["start"].dt.year` gives the year of each date.',
            )
        drawn[body] = {x: int(y) for x, y in pairs if y}
    missing = [ORDERED_BY[b] for b in wanted if b not in drawn]
    if missing:
        return not_yet(
            f"No series for {', '.join(repr(m) for m in missing)}.",
            "Give `px.bar` the counts with `color='ordered_by'`, so that each series is named after who "
            "ordered the cases.",
        )
    for body, years in wanted.items():
        if drawn[body] != years:
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
    looks = [_look(t) for t in figure.data if _body(getattr(t, "name", None)) in wanted]
    if len(set(looks)) < len(looks):
        return not_yet(
            "The series differ only by colour, which not every reader can tell apart.",
            "Add `pattern_shape='ordered_by'` to `px.bar`, so that each series has its own pattern.",
        )
    cases = case_table()
    by_year = cases["year"].value_counts()
    busiest = int(by_year.idxmax())
    first_ministry = int(cases.loc[cases["ordered_by"] == "ministry", "year"].min())
    silent = cases.loc[cases["ordered_by"] == "unacknowledged", "year"]
    return correct(
        f"A series per body, with a title, axes in words and patterns. The busiest year, {busiest}, had "
        f"{int(by_year.max())} cases; ministries' orders appear from {first_ministry}, and cases nobody "
        f"acknowledged run from {int(silent.min())} to {int(silent.max())}."
    )


@check(as_int, "a whole number of cases")
def q3(n):
    """How many cases involved a shutdown of the network, rather than a block of particular sites?"""
    cases = data.load("blocking_cases")
    expected = int(cases["methods"].str.contains("shutdown").sum())
    exact = int((cases["methods"] == "shutdown").sum())
    return judge(
        n,
        expected,
        f"{expected}: regional and national cuts, from Zhanaozen in 2011 to January 2022.",
        mistakes=[
            (
                exact,
                "That misses a case that combined throttling with a shutdown.",
                "A case can list several methods separated by ';': use `.str.contains(\"shutdown\")`.",
            )
        ],
        no_rows_hint="The methods column writes 'shutdown' in lower case; `cases[\"methods\"].unique()` shows how "
        "it writes every method.",
        otherwise=(f"{n} does not match.", "Count the rows whose methods contain 'shutdown'."),
    )


@check(as_days, "a number of days", whole=False)
def q4(value):
    """The median duration, in days, of the cases whose end is known."""
    cases = data.load("blocking_cases")
    durations = (cases["end"] - cases["start"]).dt.days.dropna()
    expected = float(durations.median())
    return judge(
        value,
        expected,
        f"{expected:g} days: the cases with a known end are mostly short cuts around protests and elections; "
        "many long blocks are still running, or their end is not documented.",
        mistakes=[
            (
                lambda v: abs(v - float(durations.mean())) <= 0.5,
                "That is the mean, pulled up by a few long blocks.",
                "Use `.median()` instead of `.mean()`.",
            ),
        ],
        tolerance=0.5,
        otherwise=(
            f"{value:g} does not match.",
            "Subtract start from end, take `.dt.days`, drop the missing values with `.dropna()`, then take "
            "`.median()`.",
        ),
    )


@check(as_text, "a method, such as 'dns'")
def q5(answer):
    """Which method: DNS and TCP look normal, but the TLS handshake stalls after the ClientHello?"""
    table = data.load("detection_signatures").set_index("method")
    named = [m for m, row in table.iterrows() if names_match(answer, [m, row["label"], *row["aliases"].split(";")])]
    method = named[0] if named else None
    if method == "tls_sni":
        return correct(
            "Filtering by server name (SNI): the ClientHello names the site in clear, so a filter can stall it."
        )
    if method in table.index:
        return not_yet(
            f"{table.loc[method, 'label']} would look different: {table.loc[method, 'telltale']}",
            "Which field of the first TLS message names the site?",
        )
    return not_yet(f"'{answer}' is not one of the methods.", f"Methods: {', '.join(table.index)}.")


@check(as_int, "a whole number of cases")
def q6(n):
    """Of the cases a court ordered, how many give terrorism or extremism as a reason?"""
    cases = data.load("blocking_cases")
    ordered = cases[cases["ordered_by"] == REASON_BODY]
    reasons = ordered["stated_reason"]
    expected = int(reasons.str.contains(REASON_PATTERN).sum())
    everyone = cases["stated_reason"].str.contains(REASON_PATTERN)
    ministry = cases[cases["ordered_by"] == "ministry"]
    in_ministry = int(ministry["stated_reason"].str.contains(REASON_PATTERN).sum())
    return judge(
        n,
        expected,
        f"{expected} of the {len(ordered)} cases courts ordered. Ministries' orders give it in {in_ministry} of "
        f"{len(ministry)}: read their stated reasons to see what they give instead, and compare the kinds "
        "of reason with who gave them.",
        mistakes=[
            (
                int(everyone.sum()),
                "That counts such reasons in every case, whoever ordered it.",
                'Keep only the rows where `cases["ordered_by"] == "court"` first.',
            ),
            (
                len(ordered),
                "That counts every case a court ordered, whatever its reason.",
                'Then keep those whose `cases["stated_reason"]` contains "terror" or "extremis".',
            ),
            (
                int(reasons.str.contains("extremis").sum()),
                "That counts extremism only.",
                'The pattern `"terror|extremis"` matches either word: the bar between them means or.',
            ),
            (
                int(reasons.str.contains("terror").sum()),
                "That counts terrorism only.",
                'The pattern `"terror|extremis"` matches either word: the bar between them means or.',
            ),
        ],
        no_rows_hint='The column writes "court" and the reasons in lower case; '
        '`cases["ordered_by"].unique()` shows how it writes who ordered each case.',
        otherwise=(
            f"{n} does not match.",
            'Filter the court\'s cases, then `.str.contains("terror|extremis")` on `cases["stated_reason"]` '
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
    """How many blogs that no order named went dark in the WordPress.com case of 2011, if the platform hosted
    50,000 blogs (the task's assumption)?"""
    targeted = int(data.load("collateral_cases").set_index("case_id").loc[COLLATERAL_CASE, "targeted"])
    estimate = collateral(targeted, ASSUMED_HOSTED)
    expected = estimate["unrelated"]
    return judge(
        value,
        expected,
        f"{expected:,} unrelated blogs, {estimate['per_target']:,g} for each banned one: "
        f"{estimate['unrelated_share']:.3%} of the blogs that went dark had been named by no order. The count "
        "rests on your assumption of the platform's size; the number the order named comes from the data.",
        mistakes=[
            (
                ASSUMED_HOSTED,
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
                ASSUMED_HOSTED - 1,
                "That assumes the order named one blog.",
                f'Read the row of `collateral_cases` whose case_id is "{COLLATERAL_CASE}": it says how many.',
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
    cases = data.load("blocking_cases")
    # The measurement of q5 read against the signatures: DNS right, TCP connects, TLS stalls after the ClientHello.
    signatures = data.load("detection_signatures")
    stalled = signatures[
        (signatures["dns"] == "The correct address")
        & (signatures["tcp"] == "Connects")
        & signatures["tls"].str.contains("after the ClientHello")
    ]
    import plotly.express as px

    per_year = cases.groupby([cases["start"].dt.year, "ordered_by"]).size().reset_index(name="cases")
    court_cases = cases[cases["ordered_by"] == "court"]
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
            title="Blocking cases begun each year, by who ordered them",
            labels={"start": "Year the block began", "cases": "Cases begun", "ordered_by": "Ordered by"},
        ),
        "q3": int(cases["methods"].str.contains("shutdown").sum()),
        "q4": float((cases["end"] - cases["start"]).dt.days.dropna().median()),
        "q5": stalled["method"].item(),
        "q6": int(court_cases["stated_reason"].str.contains("terror|extremis").sum()),
        "q7": sorted(at_server),
        "q8": collateral(int(collateral_rows.loc["bc-wordpress-2011", "targeted"]), ASSUMED_HOSTED)["unrelated"],
    }
