"""Checks for exercises/05-among-neighbours-exercises.ipynb: each is the expected answer, computed from the
data, and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

from .. import data
from ..checks import (
    as_figure,
    as_int,
    as_text,
    check,
    correct,
    judge,
    names_match,
    not_yet,
    trace_values,
    unlabelled_chart,
)
from .tables import JURISDICTIONS, SCORED, comparison_table, score_table

__all__ = ["q1", "q2", "q3", "q4", "q5"]

#: The Freedom on the Net editions that task 2 compares.
FROM_EDITION, TO_EDITION = 2019, 2025

#: The countries task 4's chart shows.
CHART_COUNTRIES = ("KZ", "RU", "KG")


#: The year task 1 asks about: rules in force by its end.
BY_YEAR = 2020


@check(as_int, "a whole number of jurisdictions")
def q1(n):
    """How many jurisdictions had an act requiring platforms to have a local representative by the end of 2020?"""
    rules = comparison_table()
    found = rules[(rules["feature"] == "platform_representative") & (rules["finding"] == "has_rule")]
    by_then = found[found["since"] <= BY_YEAR]
    expected = int(by_then["jurisdiction"].nunique())
    names = ", ".join(sorted(by_then["jurisdiction_name"].unique()))
    return judge(
        n,
        expected,
        f"{expected} ({names}). The others that have such a rule adopted it after {BY_YEAR}: the comparator shows "
        "the order in time.",
        mistakes=[
            (
                int(found["jurisdiction"].nunique()),
                f"That counts every jurisdiction with such a rule, including those that adopted it after {BY_YEAR}.",
                f'Keep the rows whose `rules["since"]` is {BY_YEAR} or earlier.',
            ),
            (
                int(len(by_then)),
                "That counts acts, and a jurisdiction can have several.",
                "Count each jurisdiction once: `.nunique()` on the jurisdiction column.",
            ),
        ],
        no_rows_hint="The feature is written 'platform_representative' and the finding 'has_rule'; "
        "`rules['feature'].unique()` shows every code.",
        otherwise=(
            f"{n} does not match.",
            'Filter the platform_representative rows that have the rule and a `rules["since"]` up to 2020, then '
            "count the jurisdictions.",
        ),
    )


@check(as_int, "a whole number of points, with a minus sign if the score fell")
def q2(change):
    """By how many points did Kazakhstan's Freedom on the Net score change from the 2019 to the 2025 edition?"""
    scores = score_table(["KZ"]).set_index("edition")["score"]
    before, after = int(scores[FROM_EDITION]), int(scores[TO_EDITION])
    expected = after - before
    direction = "rose" if expected > 0 else "fell"
    return judge(
        change,
        expected,
        f"{expected:+d}: from {before} to {after} out of 100, where 100 is most free. The score {direction}; the "
        "trajectory chart shows which acts were signed near the move.",
        mistakes=[
            (
                -expected,
                "The size is right but the sign is not.",
                "Subtract the earlier score from the later one: later minus earlier.",
            ),
            (after, f"{after} is the {TO_EDITION} score itself.", "Subtract the 2019 score from it."),
            (before, f"{before} is the {FROM_EDITION} score itself.", "Subtract it from the 2025 score."),
        ],
        otherwise=(
            f"{change} does not match.",
            'Both editions are on the new scale: take `scores["score"]` for 2019 and 2025 (rows of Kazakhstan) and '
            "subtract.",
        ),
    )


def _country_code(text: str) -> str | None:
    for code, name in JURISDICTIONS.items():
        if names_match(text, [code, name]):
            return code
    return None


@check(as_text, "a country's name or code, such as 'Kazakhstan' or 'KZ'")
def q3(answer):
    """Which country in the table had the lowest (least free) score in the 2024 edition?"""
    scores = score_table()
    edition = scores[scores["edition"] == 2024].set_index("country")["score"]
    expected = edition.idxmin()
    code = _country_code(answer)
    name = JURISDICTIONS[expected]
    if code == expected:
        return correct(f"{name}, with {int(edition[expected])} of 100: the least free of the countries scored in 2024.")
    if code == edition.idxmax():
        return not_yet(
            f"{JURISDICTIONS[code]} had the highest score in 2024.",
            "On the new scale a low score means less free: use `.idxmin()`, not `.idxmax()`.",
        )
    if code in edition.index:
        return not_yet(
            f"{JURISDICTIONS[code]} scored {int(edition[code])} in 2024; one country scored lower.",
            "Keep the 2024 rows, then take the country with the smallest score.",
        )
    if code is not None:
        return not_yet(
            f"{JURISDICTIONS[code]} has no score for 2024 in the table.",
            "Keep only the rows whose edition is 2024.",
        )
    return not_yet(
        f"'{answer}' is not one of the countries in the table.",
        f"Give a name or code from: {', '.join(JURISDICTIONS[c] for c in SCORED)}.",
    )


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q4(figure):
    """A line chart of the new-scale scores of Kazakhstan, Russia and Kyrgyzstan by edition, with a title and
    labelled axes."""
    scores = score_table(CHART_COUNTRIES)
    wanted = {
        code: dict(zip(rows["edition"].astype(int), rows["score"].astype(int), strict=True))
        for code, rows in scores.groupby("country")
    }
    names = {JURISDICTIONS[c]: c for c in CHART_COUNTRIES} | {c: c for c in CHART_COUNTRIES}
    drawn = {}
    for trace in figure.data:
        code = names.get(str(getattr(trace, "name", "") or ""))
        if code is None or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None:
            continue
        drawn[code] = dict(zip(map(int, trace_values(trace.x)), map(int, trace_values(trace.y)), strict=False))
    missing = [JURISDICTIONS[c] for c in CHART_COUNTRIES if c not in drawn]
    if missing:
        return not_yet(
            f"No line named {', '.join(missing)}.",
            "Give `px.line` the rows of the three countries and `color='country_name'` (or 'country'), so that "
            "each line is named after its country.",
        )
    for code in CHART_COUNTRIES:
        if drawn[code] != wanted[code]:
            old = {e: 100 - s for e, s in wanted[code].items()}
            if any(drawn[code].get(e) == old[e] for e in old if e <= 2018 and e in drawn[code]):
                return not_yet(
                    f"{JURISDICTIONS[code]}'s line mixes the two scales.",
                    'Plot `scores["score"]`, which converts the old editions; the data\'s total column is the score '
                    "as first published.",
                )
            return not_yet(
                f"{JURISDICTIONS[code]}'s line does not follow its scores by edition.",
                "Put the edition on x and the score on y, with one row per country and edition.",
            )
    unlabelled = unlabelled_chart(
        figure,
        {"edition", "score", "country"},
        says="what is plotted",
        labels_hint="Use `labels={'edition': 'Edition (year published)', 'score': 'Score (100 = most free)'}`.",
    )
    if unlabelled is not None:
        return unlabelled
    return correct(
        "A line per country on one scale, with a title and labelled axes. For a reader who cannot tell the "
        "colours apart, add `line_dash='country_name'` and `markers=True`."
    )


@check(as_int, "a whole number of measures")
def q5(n):
    """How many measures in the table did at least one body find to fail the necessity part of the test?"""
    judgments = data.load("judgments")
    necessity = judgments[judgments["part"] == "necessity"]
    failing = necessity[necessity["verdict"] == "fails"]
    expected = int(failing["comparison_id"].nunique())
    concern = int(necessity[necessity["verdict"].isin(["fails", "raises_concern"])]["comparison_id"].nunique())
    return judge(
        n,
        expected,
        f"{expected}. Read what each body said a narrower measure would have been: that is where necessity is argued.",
        mistakes=[
            (
                int(len(failing)),
                "That counts judgments, and some measures were judged by several bodies.",
                "Count each measure once: `.nunique()` on comparison_id.",
            ),
            (
                concern,
                "That also counts measures that only raised a concern.",
                "Keep only the verdict 'fails'.",
            ),
        ],
        no_rows_hint="The part is written 'necessity' and the verdict 'fails'; `judgments['verdict'].unique()` shows "
        "every code.",
        otherwise=(
            f"{n} does not match.",
            "Filter part == 'necessity' and verdict == 'fails', then count the measures.",
        ),
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    import plotly.express as px

    rules = comparison_table()
    representative = rules[
        (rules["feature"] == "platform_representative") & (rules["finding"] == "has_rule") & (rules["since"] <= BY_YEAR)
    ]
    scores = score_table()
    kz = scores[scores["country"] == "KZ"].set_index("edition")["score"]
    in_2024 = scores[scores["edition"] == 2024]
    judgments = data.load("judgments")
    chart_rows = score_table(list(CHART_COUNTRIES))
    return {
        "q1": int(representative["jurisdiction"].nunique()),
        "q2": int(kz[TO_EDITION] - kz[FROM_EDITION]),
        "q3": in_2024.loc[in_2024["score"].idxmin(), "country_name"],
        "q4": px.line(
            chart_rows,
            x="edition",
            y="score",
            color="country_name",
            line_dash="country_name",
            markers=True,
            title="Freedom on the Net scores, 2011-2025 (100 = most free)",
            labels={
                "edition": "Edition (year published)",
                "score": "Score (100 = most free)",
                "country_name": "Country",
            },
        ),
        "q5": int(
            judgments[(judgments["part"] == "necessity") & (judgments["verdict"] == "fails")]["comparison_id"].nunique()
        ),
    }
