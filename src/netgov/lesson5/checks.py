"""Checks for exercises/05-among-neighbours-exercises.ipynb: each is the expected answer, computed from the
data, and the mistakes a learner is likely to make, each with a hint."""

from __future__ import annotations

import itertools

from .. import data
from ..checks import (
    as_figure,
    as_int,
    as_text,
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
from .tables import FEATURES, JURISDICTIONS, PARTS, SCORED, comparison_table, score_table

__all__ = ["VARIANTS", "q1", "q2", "q3", "q4", "q5", "use_variant"]

#: The editions on the scale used since 2019, among which task 2 and task 3 choose.
NEW_SCALE = 2019


def _names(codes) -> str:
    """Country names in words: "Kazakhstan, Russia and Kyrgyzstan"."""
    names = [JURISDICTIONS[c] for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _acts(found) -> list[tuple[str, float]]:
    """The acts of rows of the comparison table as (jurisdiction, year since); no year is NaN, never <= a year."""
    return list(zip(found["jurisdiction"], found["since"].astype(float), strict=True))


def _q1_counts(acts: list[tuple[str, float]], year: int) -> tuple[int, int, int]:
    """Task 1's answer for a year, from one feature's acts as (jurisdiction, year since), and its two near misses
    (every year; acts, not jurisdictions). Plain Python: a variant's setup cell runs it for every feature and year."""
    by_then = [jurisdiction for jurisdiction, since in acts if since <= year]
    return len(set(by_then)), len({jurisdiction for jurisdiction, _ in acts}), len(by_then)


def _q5_counts(judgments, part: str) -> tuple[int, int, int]:
    """Task 5's answer for a part of the test, and its two near misses (judgments; concerns counted too)."""
    judged = judgments[judgments["part"] == part]
    failing = judged[judged["verdict"] == "fails"]
    concern = judged[judged["verdict"].isin(["fails", "raises_concern"])]
    return int(failing["comparison_id"].nunique()), int(len(failing)), int(concern["comparison_id"].nunique())


def _extremes(scores: dict[str, float]) -> tuple[str, str] | None:
    """The least and most free countries of one edition's {country: score}, or None when a country has no score
    or the least or most free is tied."""
    values = list(scores.values())
    if any(v != v for v in values) or values.count(min(values)) > 1 or values.count(max(values)) > 1:
        return None
    return min(scores, key=scores.get), max(scores, key=scores.get)


def _choose(rng) -> dict:
    """Another feature and year, country and editions, edition and countries, three countries, and part of the
    test, each chosen among those whose answer differs from the published one and from the near misses the
    check names, so that a near miss is never taken for the answer."""
    published = VARIANTS.defaults
    rules = comparison_table()
    rules = rules[rules["finding"] == "has_rule"]
    acts = {feature: _acts(rows) for feature, rows in rules.groupby("feature")}
    published_q1 = _q1_counts(acts[published["feature"]], published["by_year"])[0]
    tasks1 = [
        (feature, year)
        for feature in FEATURES
        for year in range(2005, 2025)
        if (counts := _q1_counts(acts.get(feature, []), year))[0] >= 1
        and len(set(counts)) == 3
        and counts[0] != published_q1
    ]
    feature, by_year = rng.choice(tasks1)
    scores = score_table()
    new = scores[scores["edition"] >= NEW_SCALE].pivot(index="edition", columns="country", values="score")
    kz = new[published["country"]]
    published_q2 = kz[published["to_edition"]] - kz[published["from_edition"]]
    tasks2 = [
        (country, before, after)
        for country in SCORED
        for before, after in itertools.combinations(sorted(new.index), 2)
        if after - before >= 2
        and new[country].notna()[[before, after]].all()
        and (change := new.at[after, country] - new.at[before, country]) != published_q2
        and abs(change) not in (0, new.at[after, country], new.at[before, country])
        and (country, before, after) != (published["country"], published["from_edition"], published["to_edition"])
    ]
    country, from_edition, to_edition = rng.choice(tasks2)
    published_low = new.loc[published["low_edition"], list(published["among"])].idxmin()
    editions = {edition: new.loc[edition].to_dict() for edition in sorted(new.index)}
    tasks3 = [
        (edition, among)
        for edition, row in editions.items()
        for among in itertools.combinations(SCORED, 4)
        if (found := _extremes({country: row[country] for country in among})) is not None and found[0] != published_low
    ]
    low_edition, among = rng.choice(tasks3)
    trios = [trio for trio in itertools.combinations(SCORED, 3) if set(trio) != set(published["chart_countries"])]
    judgments = data.load("judgments")
    published_q5 = _q5_counts(judgments, published["part"])[0]
    parts = [
        part
        for part in PARTS
        if (counts := _q5_counts(judgments, part))[0] not in (0, published_q5) and len(set(counts)) == 3
    ]
    return {
        "feature": feature,
        "by_year": by_year,
        "country": country,
        "from_edition": int(from_edition),
        "to_edition": int(to_edition),
        "low_edition": int(low_edition),
        "among": tuple(among),
        "chart_countries": tuple(rng.choice(trios)),
        "part": rng.choice(parts),
    }


#: How a task's prompt names a part of the test.
PART_PHRASES = {
    "legality": "the legality part of the test (provided by law)",
    "legitimate_aim": "the legitimate-aim part of the test",
    "necessity": "the necessity part of the test",
    "overall": "the test as a whole (the body's overall conclusion)",
}


#: A task's title for a part: "failing {{part_short}}".
PART_SHORT = {"legality": "on legality", "legitimate_aim": "on aim", "necessity": "on necessity", "overall": "overall"}


def _texts(values) -> dict[str, str]:
    every = set(values["among"]) == set(SCORED)
    return {
        "feature_name": FEATURES[values["feature"]],
        "country_name": JURISDICTIONS[values["country"]],
        "among_names": "the countries in the table" if every else _names(values["among"]),
        "among_codes": ", ".join(f'"{c}"' for c in values["among"]),
        "chart_names": _names(values["chart_countries"]),
        "chart_codes": ", ".join(f'"{c}"' for c in values["chart_countries"]),
        "chart_codes_md": ", ".join(f'`"{c}"`' for c in values["chart_countries"]),
        "part_name": PART_PHRASES[values["part"]],
        "part_short": PART_SHORT[values["part"]],
    }


#: The parameters of the tasks: the published exercises' values, and how a variant chooses others
#: (:mod:`netgov.variants`).
VARIANTS = Variants(
    5,
    defaults={
        "feature": "platform_representative",
        "by_year": 2020,
        "country": "KZ",
        "from_edition": 2019,
        "to_edition": 2025,
        "low_edition": 2024,
        "among": SCORED,
        "chart_countries": ("KZ", "RU", "KG"),
        "part": "necessity",
    },
    choose=_choose,
    tasks={
        "q1": ("feature", "by_year"),
        "q2": ("country", "from_edition", "to_edition"),
        "q3": ("low_edition", "among"),
        "q4": ("chart_countries",),
        "q5": ("part",),
    },
    texts=_texts,
)
use_variant = VARIANTS.use


@check(as_int, "a whole number of jurisdictions")
def q1(n):
    """How many jurisdictions had an act with a feature (published: requiring platforms to have a local
    representative) by the end of a year (published: 2020)?"""
    feature, year = VARIANTS["feature"], VARIANTS["by_year"]
    rules = comparison_table()
    found = rules[(rules["feature"] == feature) & (rules["finding"] == "has_rule")]
    expected, every_year, acts = _q1_counts(_acts(found), year)
    names = ", ".join(sorted(found.loc[found["since"] <= year, "jurisdiction_name"].unique()))
    return judge(
        n,
        expected,
        f"{expected} ({names}). The others that have such a rule adopted it after {year}: the comparator shows "
        "the order in time.",
        mistakes=[
            (
                every_year,
                f"That counts every jurisdiction with such a rule, including those that adopted it after {year}.",
                f'Keep the rows whose `rules["since"]` is {year} or earlier.',
            ),
            (
                acts,
                "That counts acts, and a jurisdiction can have several.",
                "Count each jurisdiction once: `.nunique()` on the jurisdiction column.",
            ),
        ],
        no_rows_hint=f"The feature is written '{feature}' and the finding 'has_rule'; "
        "`rules['feature'].unique()` shows every code.",
        otherwise=(
            f"{n} does not match.",
            f'Filter the {feature} rows that have the rule and a `rules["since"]` up to {year}, then '
            "count the jurisdictions.",
        ),
    )


@check(as_int, "a whole number of points, with a minus sign if the score fell")
def q2(change):
    """By how many points did a country's Freedom on the Net score change between two editions (published:
    Kazakhstan's, from the 2019 to the 2025 edition)?"""
    country, first, last = VARIANTS["country"], VARIANTS["from_edition"], VARIANTS["to_edition"]
    scores = score_table([country]).set_index("edition")["score"]
    before, after = int(scores[first]), int(scores[last])
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
            (after, f"{after} is the {last} score itself.", f"Subtract the {first} score from it."),
            (before, f"{before} is the {first} score itself.", f"Subtract it from the {last} score."),
        ],
        otherwise=(
            f"{change} does not match.",
            f'Both editions are on the new scale: take `scores["score"]` for {first} and {last} (rows of '
            f"{JURISDICTIONS[country]}) and subtract.",
        ),
    )


def _country_code(text: str) -> str | None:
    for code, name in JURISDICTIONS.items():
        if names_match(text, [code, name]):
            return code
    return None


@check(as_text, "a country's name or code, such as 'Kazakhstan' or 'KZ'")
def q3(answer):
    """Which country had the lowest (least free) score in an edition (published: of the countries in the table,
    in the 2024 edition)?"""
    year, among = VARIANTS["low_edition"], VARIANTS["among"]
    scores = score_table(list(among))
    edition = scores[scores["edition"] == year].set_index("country")["score"]
    expected = edition.idxmin()
    code = _country_code(answer)
    name = JURISDICTIONS[expected]
    if code == expected:
        return correct(f"{name}, with {int(edition[expected])} of 100: the least free of them in {year}.")
    if code == edition.idxmax():
        return not_yet(
            f"{JURISDICTIONS[code]} had the highest score of them in {year}.",
            "On the new scale a low score means less free: use `.idxmin()`, not `.idxmax()`.",
        )
    if code in edition.index:
        return not_yet(
            f"{JURISDICTIONS[code]} scored {int(edition[code])} in {year}; one country scored lower.",
            f"Keep the {year} rows, then take the country with the smallest score.",
        )
    if code is not None and code in SCORED:
        return not_yet(
            f"{JURISDICTIONS[code]} is not one of the countries the task asks about.",
            f"Keep only the rows of {_names(among)}.",
        )
    if code is not None:
        return not_yet(
            f"{JURISDICTIONS[code]} has no score for {year} in the table.",
            f"Keep only the rows whose edition is {year}.",
        )
    return not_yet(
        f"'{answer}' is not one of the countries in the table.",
        f"Give a name or code from: {', '.join(JURISDICTIONS[c] for c in among)}.",
    )


@check(as_figure, "a plotly figure, such as the one px.line returns")
def q4(figure):
    """A line chart of the new-scale scores of three countries (published: Kazakhstan, Russia and Kyrgyzstan) by
    edition, with a title and labelled axes."""
    countries = VARIANTS["chart_countries"]
    scores = score_table(list(countries))
    wanted = {
        code: dict(zip(rows["edition"].astype(int), rows["score"].astype(int), strict=True))
        for code, rows in scores.groupby("country")
    }
    traces = named_traces(figure, {c: [c, JURISDICTIONS[c]] for c in countries})
    drawn = {code: trace_points(trace, y=int) for code, trace in traces.items()}
    missing = [JURISDICTIONS[c] for c in countries if c not in drawn]
    if missing:
        return not_yet(
            f"No line named {', '.join(missing)}.",
            "Give `px.line` the rows of the three countries and `color='country_name'` (or 'country'), so that "
            "each line is named after its country.",
        )
    for code in countries:
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
    """How many measures in the table did at least one body find to fail a part of the test (published: the
    necessity part)?"""
    part = VARIANTS["part"]
    expected, judgments_failing, concern = _q5_counts(data.load("judgments"), part)
    return judge(
        n,
        expected,
        f"{expected}. Each judgment gives the body's reasons: read them for where each measure fell short.",
        mistakes=[
            (
                judgments_failing,
                "That counts judgments, and some measures were judged by several bodies.",
                "Count each measure once: `.nunique()` on comparison_id.",
            ),
            (
                concern,
                "That also counts measures that only raised a concern.",
                "Keep only the verdict 'fails'.",
            ),
        ],
        no_rows_hint=f"The part is written '{part}' and the verdict 'fails'; `judgments['verdict'].unique()` shows "
        "every code.",
        otherwise=(
            f"{n} does not match.",
            f"Filter part == '{part}' and verdict == 'fails', then count the measures.",
        ),
    )


def answers() -> dict[str, object]:
    """The right answer to each check, computed from the tables the way a learner would, separately from the
    checks' own reasoning: the instructors' answer key, and what the tests give each check as right."""
    import plotly.express as px

    p = VARIANTS
    rules = comparison_table()
    found = rules[
        (rules["feature"] == p["feature"]) & (rules["finding"] == "has_rule") & (rules["since"] <= p["by_year"])
    ]
    scores = score_table()
    one = scores[scores["country"] == p["country"]].set_index("edition")["score"]
    in_edition = scores[(scores["edition"] == p["low_edition"]) & scores["country"].isin(p["among"])]
    judgments = data.load("judgments")
    chart_rows = score_table(list(p["chart_countries"]))
    return {
        "q1": int(found["jurisdiction"].nunique()),
        "q2": int(one[p["to_edition"]] - one[p["from_edition"]]),
        "q3": in_edition.loc[in_edition["score"].idxmin(), "country_name"],
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
            judgments[(judgments["part"] == p["part"]) & (judgments["verdict"] == "fails")]["comparison_id"].nunique()
        ),
    }
