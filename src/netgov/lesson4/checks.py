"""Checks for exercises/04-blocked-exercises.ipynb: each is the expected answer, computed from the data, and the
mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

from .. import data
from ..checks import as_days, as_int, as_text, check, correct, judge, names_match, not_yet
from .tables import case_table

__all__ = ["q1", "q2", "q3", "q4", "q5"]


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


@check(as_int, "a year such as 2005")
def q2(year):
    """In which year did the most cases in the data begin?"""
    counts = case_table()["year"].value_counts()
    best = int(counts.max())
    leaders = sorted(int(y) for y in counts[counts == best].index)
    if year in leaders:
        return correct(
            f"{year}, with {best} cases: the year of the WordPress.com and LiveJournal blocks, the court orders "
            "against 'extremist' sites and the Zhanaozen cut."
            if year == 2011
            else f"{year}, with {best} cases."
        )
    if year in counts.index:
        return not_yet(
            f"{year} has {counts[year]} {'case' if counts[year] == 1 else 'cases'}; another year has more.",
            "Use `.value_counts()` on the years of the start column: it lists the most frequent first.",
        )
    if year == best:
        return not_yet(
            f"{year} is how many cases began in the busiest year; the task asks for the year itself.",
            "The years are the labels of what `.value_counts()` gives: `.index[0]` is the first of them.",
        )
    return not_yet(f"No case in the data begins in {year}.", "Take the years of the start column with `.dt.year`.")


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
    return {
        "q1": int(cases["methods"].str.contains("unknown").sum()),
        "q2": int(cases["start"].dt.year.value_counts().idxmax()),
        "q3": int(cases["methods"].str.contains("shutdown").sum()),
        "q4": float((cases["end"] - cases["start"]).dt.days.dropna().median()),
        "q5": stalled["method"].item(),
    }
