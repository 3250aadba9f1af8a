"""The comparison table (Lesson 5): every jurisdiction answers every feature, and each finding says what it can.

A comparator that shows an empty cell invites the reading "no such law". The table keeps three answers apart:
a rule was found (and the row names and cites it), a search found none (and the row cites what was read), or
nobody has looked yet. Each check below is a function returning the problems it finds, run on the real table
and on a copy broken on purpose, so that every check is seen to fail when the data is wrong.
"""

from __future__ import annotations

import pandas as pd
import pytest

import netgov
from netgov.data import split_ids

ACT_COLUMNS = ["act_title", "act_title_original", "act_number", "signed", "in_force", "who_decides"]
DATES = [("signed", "signed_precision"), ("in_force", "in_force_precision")]
#: The features Lesson 5 compares (issue 17) and the jurisdictions it compares them in.
FEATURES = {
    "online_media_status",
    "blocking_order",
    "platform_representative",
    "data_localisation",
    "removal_deadline",
    "network_control",
    "shutdown_power",
    "false_information_offence",
    "safe_harbour",
}
JURISDICTIONS = ["KZ", "RU", "KG", "UZ", "BY", "TR", "CN", "DE", "EU"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    netgov.data.clear_cache()
    return netgov.load("comparison")


def uncovered(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(jurisdiction, feature) pairs with no row: a gap the comparator would show as silence."""
    have = set(zip(frame["jurisdiction"], frame["feature"], strict=True))
    jurisdictions = netgov.data.labels("comparison", "jurisdiction")
    features = netgov.data.labels("comparison", "feature")
    return [(j, f) for j in jurisdictions for f in features if (j, f) not in have]


def finding_problems(frame: pd.DataFrame) -> list[str]:
    """What each finding must and must not carry."""
    problems = []
    for _, row in frame.iterrows():
        rid, finding = row["id"], row["finding"]
        filled = [c for c in ACT_COLUMNS if pd.notna(row[c])]
        cites = split_ids(row["source_ids"])
        if finding == "has_rule":
            for column in ("act_title", "what_it_does", "confidence"):
                if pd.isna(row[column]):
                    problems.append(f"{rid}: a rule found needs {column}")
            if not cites:
                problems.append(f"{rid}: a rule found needs a source")
        else:
            if filled:
                problems.append(f"{rid}: {finding} names no act, but {filled} are filled")
        if finding == "no_such_law_found":
            if not cites:
                problems.append(f"{rid}: 'no such law found' cites the sources read in the search")
            if pd.isna(row["confidence"]):
                problems.append(f"{rid}: 'no such law found' says how sure the search is (confidence)")
            if pd.isna(row["note"]):
                problems.append(f"{rid}: 'no such law found' says in its note what was searched")
        if finding == "not_researched":
            if pd.notna(row["confidence"]) or pd.notna(row["what_it_does"]):
                problems.append(f"{rid}: nothing was researched, so there is no confidence or description")
            if pd.isna(row["note"]):
                problems.append(f"{rid}: 'not researched' says in its note why")
    return problems


def date_problems(frame: pd.DataFrame) -> list[str]:
    """Dates in order, at their precision, and never after the day the row was reviewed."""
    problems = []
    for _, row in frame.iterrows():
        rid = row["id"]
        for date, precision in DATES:
            value, level = row[date], row[precision]
            if pd.isna(value) != pd.isna(level):
                problems.append(f"{rid}: {date} and {precision} go together")
                continue
            if pd.isna(value):
                continue
            if level == "month" and value.day != 1:
                problems.append(f"{rid}: a month-precision {date} is stored as the 1st")
            if level == "year" and (value.day, value.month) != (1, 1):
                problems.append(f"{rid}: a year-precision {date} is stored as 1 January")
            if value > row["last_reviewed"]:
                problems.append(f"{rid}: {date} {value.date()} is after the review of {row['last_reviewed'].date()}")
        if pd.notna(row["signed"]) and pd.notna(row["in_force"]) and row["in_force"] < row["signed"]:
            problems.append(f"{rid}: in force before it was signed")
    return problems


def id_problems(frame: pd.DataFrame) -> list[str]:
    """An id starts with its jurisdiction, so that a row can be found by reading its id."""
    return [
        f"{rid}: the id does not start with cmp-{jurisdiction.lower()}-"
        for rid, jurisdiction in zip(frame["id"], frame["jurisdiction"], strict=True)
        if not rid.startswith(f"cmp-{jurisdiction.lower()}-")
    ]


def test_the_table_compares_what_the_lesson_compares():
    assert set(netgov.data.labels("comparison", "feature")) == FEATURES
    assert list(netgov.data.labels("comparison", "jurisdiction")) == JURISDICTIONS
    assert set(netgov.data.labels("comparison", "finding")) == {"has_rule", "no_such_law_found", "not_researched"}


@pytest.mark.parametrize("column", ["jurisdiction", "feature", "finding", "who_decides"])
def test_every_code_a_learner_sees_has_plain_words(table, column):
    labels = netgov.data.labels("comparison", column)
    used = {code for value in table[column].dropna() for code in split_ids(value)}
    assert used <= set(labels), f"codes without a label: {used - set(labels)}"
    assert all(label.strip() and "_" not in label for label in labels.values()), labels


def test_every_jurisdiction_answers_every_feature(table):
    assert uncovered(table) == []


def test_each_finding_carries_what_it_must(table):
    assert finding_problems(table) == []


def test_dates_are_plausible(table):
    assert date_problems(table) == []


def test_ids_name_their_jurisdiction(table):
    assert id_problems(table) == []


def test_every_row_is_reviewed_and_can_change(table):
    assert table["last_reviewed"].notna().all()
    changeable = netgov.freshness.changeable_rows("comparison")
    assert len(changeable) == len(table), "laws change: every row is due for review"


# The same checks on a copy broken on purpose: each must report the break.


def test_a_missing_pair_is_reported(table):
    broken = table[~((table["jurisdiction"] == "DE") & (table["feature"] == "shutdown_power"))]
    assert uncovered(broken) == [("DE", "shutdown_power")]


@pytest.mark.parametrize(
    ("finding", "change", "expected"),
    [
        ("not_researched", {"act_title": "Some act"}, "names no act"),
        ("not_researched", {"confidence": "high"}, "no confidence or description"),
        ("no_such_law_found", {"act_number": "1-FZ"}, "names no act"),
        ("no_such_law_found", {"source_ids": pd.NA}, "cites the sources read"),
        ("has_rule", {"what_it_does": pd.NA}, "needs what_it_does"),
        ("has_rule", {"source_ids": pd.NA}, "needs a source"),
    ],
)
def test_a_finding_that_breaks_its_rules_is_reported(table, finding, change, expected):
    row = table[table["finding"] == finding].head(1).copy()
    if row.empty:  # no such row today (every cell has been researched): make one that follows the rules
        row = table[table["finding"] == "no_such_law_found"].iloc[[0]].copy()
        row[["finding", "source_ids", "confidence", "what_it_does", "note"]] = [
            finding,
            pd.NA,
            pd.NA,
            pd.NA,
            "Not yet.",
        ]
        assert finding_problems(row) == []
    for column, value in change.items():
        row[column] = value
    problems = finding_problems(row)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"signed": pd.Timestamp("2020-06-01"), "in_force": pd.Timestamp("2019-01-01")}, "in force before"),
        ({"signed": pd.Timestamp("2020-06-15"), "signed_precision": "month"}, "stored as the 1st"),
        ({"in_force": pd.Timestamp("2020-06-01"), "in_force_precision": "year"}, "stored as 1 January"),
        ({"in_force": pd.Timestamp("2030-01-01"), "in_force_precision": "day"}, "after the review"),
        ({"signed": pd.Timestamp("2020-01-01"), "signed_precision": pd.NA}, "go together"),
    ],
)
def test_an_implausible_date_is_reported(table, change, expected):
    row = table[table["finding"] == "has_rule"].iloc[[0]].copy()
    for column, value in change.items():
        row[column] = value
    problems = date_problems(row)
    assert any(expected in p for p in problems), problems


def test_an_id_for_another_jurisdiction_is_reported(table):
    row = table.iloc[[0]].copy()
    row["jurisdiction"] = "EU" if row["jurisdiction"].iloc[0] != "EU" else "DE"
    assert id_problems(row)
