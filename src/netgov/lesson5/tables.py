"""Lesson 5's tables: nine jurisdictions' rules side by side, Freedom on the Net scores on one scale, and how
international bodies judged particular measures."""

from __future__ import annotations

import pandas as pd

from .. import data
from .._validate import need_whole_number

__all__ = [
    "FEATURES",
    "FINDINGS",
    "JURISDICTIONS",
    "PARTS",
    "VERDICTS",
    "WHO_DECIDES",
    "comparison_table",
    "feature_matrix",
    "first_rules",
    "judgment_table",
    "laws_near",
    "score_table",
]

# Plain-language names of the codes, from the data package (datapackage.json keeps them beside the codes).
JURISDICTIONS = data.labels("comparison", "jurisdiction")
FEATURES = data.labels("comparison", "feature")
FINDINGS = data.labels("comparison", "finding")
WHO_DECIDES = data.labels("comparison", "who_decides")
PARTS = data.labels("judgments", "part")
VERDICTS = data.labels("judgments", "verdict")

#: Freedom on the Net countries the lesson compares (the EU is not scored: Freedom House rates countries).
SCORED = ("KZ", "RU", "KG", "UZ", "BY", "TR", "CN", "DE")


def _check_codes(values: object, known: dict, what: str) -> list[str]:
    """``values`` as a list of codes of ``known``, or a clear error naming the codes accepted."""
    if values is None:
        return list(known)
    if isinstance(values, str):
        values = [values]
    try:
        codes = list(values)
    except TypeError:
        raise TypeError(f"{what} must be a list of codes such as {list(known)[:2]}, not {values!r}.") from None
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValueError(f"Unknown {what} {unknown}. Accepted: {', '.join(known)}.")
    return codes


def comparison_table() -> pd.DataFrame:
    """Every row of ``comparison``, with ``since`` (the year the act was signed, or came into force when the
    signing date is not known) and the names of the jurisdiction and the feature."""
    rows = data.load("comparison")
    rows["since"] = rows["signed"].dt.year.fillna(rows["in_force"].dt.year).astype("Int64")
    rows["jurisdiction_name"] = rows["jurisdiction"].map(JURISDICTIONS)
    rows["feature_name"] = rows["feature"].map(FEATURES)
    return rows


def first_rules(features: object = None, jurisdictions: object = None, until: int | None = None) -> pd.DataFrame:
    """For each jurisdiction and feature, the earliest act in the table that has the rule (``finding`` is
    ``has_rule`` and a year is known), up to the year ``until``: one row per pair, in order of ``since``."""
    features = _check_codes(features, FEATURES, "features")
    jurisdictions = _check_codes(jurisdictions, JURISDICTIONS, "jurisdictions")
    rows = comparison_table()
    rows = rows[
        (rows["finding"] == "has_rule")
        & rows["since"].notna()
        & rows["feature"].isin(features)
        & rows["jurisdiction"].isin(jurisdictions)
    ]
    if until is not None:
        rows = rows[rows["since"] <= need_whole_number(until, "until, the last year counted,", 2010)]
    rows = rows.sort_values(["since", "signed", "id"], kind="stable")
    return rows.drop_duplicates(["jurisdiction", "feature"]).reset_index(drop=True)


def feature_matrix(until: int | None = None) -> pd.DataFrame:
    """Jurisdictions (rows) by features (columns): the year of the earliest act with the rule, or what the table
    says instead: "none found" (searched, no such law), "not researched", or "later" when the only acts
    found came after ``until``. Columns are the features' plain names."""
    rows = comparison_table()
    firsts = first_rules(until=until).set_index(["jurisdiction", "feature"])["since"]
    cells = {}
    for (code, feature), group in rows.groupby(["jurisdiction", "feature"]):
        if (code, feature) in firsts.index:
            cells[code, feature] = str(int(firsts[code, feature]))
        elif (group["finding"] == "has_rule").any():
            cells[code, feature] = "later" if until is not None else "year unknown"
        elif (group["finding"] == "no_such_law_found").any():
            cells[code, feature] = "none found"
        else:
            cells[code, feature] = "not researched"
    matrix = pd.DataFrame(
        [[cells.get((code, feature), "not researched") for feature in FEATURES] for code in JURISDICTIONS],
        index=pd.Index(list(JURISDICTIONS.values()), name="jurisdiction"),
        columns=list(FEATURES.values()),
    )
    return matrix


def score_table(countries: object = None) -> pd.DataFrame:
    """Freedom on the Net total scores, all on the scale used since 2019 (100 = most free): editions to 2018
    published on the old scale are converted (``100 - old``) and flagged ``converted``; where an edition has
    both, the restated score on the new scale is kept. One row per country and edition, in order."""
    countries = _check_codes(countries, {c: JURISDICTIONS[c] for c in SCORED}, "countries")
    scores = data.load("freedom_on_the_net")
    scores = scores[scores["country"].isin(countries) & scores["total"].notna()].copy()
    scores["converted"] = scores["scale"] == "old"
    scores["score"] = scores["total"].where(~scores["converted"], 100 - scores["total"]).astype(int)
    scores = scores.sort_values(["country", "edition", "converted"], kind="stable")
    scores = scores.drop_duplicates(["country", "edition"]).reset_index(drop=True)
    scores["country_name"] = scores["country"].map(JURISDICTIONS)
    return scores[["country", "country_name", "edition", "score", "converted", "status", "source_ids"]]


def laws_near(country: str, edition: int) -> pd.DataFrame:
    """Acts of ``country`` in the comparison table signed (or, with no signing date, in force) in the edition's
    year or the year before: candidates for what moved a score, not proof that they did."""
    (country,) = _check_codes([country], JURISDICTIONS, "country")
    edition = need_whole_number(edition, "edition, a year,", 2019)
    rows = comparison_table()
    rows = rows[(rows["jurisdiction"] == country) & (rows["finding"] == "has_rule")]
    return rows[rows["since"].isin([edition - 1, edition])].sort_values("since").reset_index(drop=True)


def judgment_table() -> pd.DataFrame:
    """Judgments of particular measures by international bodies, one row per part of the three-part test a body
    addressed, with the measure's jurisdiction, feature and act title from ``comparison``."""
    judgments = data.load("judgments")
    measures = comparison_table()[["id", "jurisdiction", "feature", "act_title", "since"]]
    merged = judgments.merge(measures.rename(columns={"id": "comparison_id"}), on="comparison_id", how="left")
    return merged.sort_values(["jurisdiction", "comparison_id", "date", "part"], kind="stable").reset_index(drop=True)
