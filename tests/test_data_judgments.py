"""How bodies judged the compared rules (Lesson 5): each judgment points at a rule, in time, coded part by part.

Lesson 5's three-part-test activity sets a learner's rating of a rule beside the ratings of UN and OSCE bodies,
courts and others. That comparison is only fair if each judgment is about a rule the comparison actually found,
if it was given after the rule existed (or says that it judged a bill), and if every part and verdict is coded,
with the kit's own readings marked as such. Each check below is a function returning the problems it finds, run
on the real table and on a copy broken on purpose, so that every check is seen to fail when the data is wrong.
"""

from __future__ import annotations

import pandas as pd
import pytest

import netgov

PARTS = {"legality", "legitimate_aim", "necessity", "overall"}
VERDICTS = {"fails", "raises_concern", "meets", "not_assessed"}
MAPPINGS = {"body", "kit"}
#: The words a note uses to say that the body spoke before the rule was signed (data/README.md).
BILL = "judged a bill"
#: The columns that identify one judgment: one row per body, judgment and part.
JUDGMENT = ["comparison_id", "assessor", "date"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    netgov.data.clear_cache()
    return netgov.load("judgments")


@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    netgov.data.clear_cache()
    return netgov.load("comparison")


def rule_problems(frame: pd.DataFrame, comparison: pd.DataFrame) -> list[str]:
    """A judgment is about a rule the comparison found, never about a search that found none."""
    findings = dict(zip(comparison["id"], comparison["finding"], strict=True))
    problems = []
    for rid, cid in zip(frame["id"], frame["comparison_id"], strict=True):
        if cid not in findings:
            problems.append(f"{rid}: {cid} is not a row of the comparison")
        elif findings[cid] != "has_rule":
            problems.append(f"{rid}: {cid} is '{findings[cid]}', not a rule found (has_rule)")
    return problems


def _last_day(date: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The latest day a date stored at its precision can stand for."""
    if precision == "year":
        return date + pd.offsets.YearEnd(0)
    if precision == "month":
        return date + pd.offsets.MonthEnd(0)
    return date


def timing_problems(frame: pd.DataFrame, comparison: pd.DataFrame) -> list[str]:
    """No judgment before the rule was signed, unless its note says it judged a bill."""
    signed = comparison.set_index("id")["signed"]
    problems = []
    for _, row in frame.iterrows():
        when = signed.get(row["comparison_id"])
        if when is None or pd.isna(when) or pd.isna(row["date"]):
            continue
        if _last_day(row["date"], row["date_precision"]) < when:
            note = "" if pd.isna(row["note"]) else str(row["note"]).lower()
            if BILL not in note:
                problems.append(
                    f"{row['id']}: dated {row['date'].date()}, before the rule was signed ({when.date()}), "
                    f"and the note does not say it {BILL}"
                )
    return problems


def coding_problems(frame: pd.DataFrame) -> list[str]:
    """Every part, verdict and mapping is coded with a known code."""
    problems = []
    for _, row in frame.iterrows():
        for column, codes in (("part", PARTS), ("verdict", VERDICTS), ("mapping", MAPPINGS)):
            value = row[column]
            if pd.isna(value):
                problems.append(f"{row['id']}: {column} is not coded")
            elif value not in codes:
                problems.append(f"{row['id']}: {column} '{value}' is not one of {sorted(codes)}")
    return problems


def mapping_problems(frame: pd.DataFrame) -> list[str]:
    """A part the kit maps, rather than the body, says in its note which words it rests on."""
    kit = frame[frame["mapping"] == "kit"]
    return [
        f"{rid}: a 'kit' mapping needs a note saying which words it rests on"
        for rid, note in zip(kit["id"], kit["note"], strict=True)
        if pd.isna(note) or not str(note).strip()
    ]


def duplicate_problems(frame: pd.DataFrame) -> list[str]:
    """One row per body, judgment and part: a part is not coded twice for the same judgment."""
    repeated = frame[frame.duplicated(subset=[*JUDGMENT, "part"], keep=False)]
    return [
        f"{rid}: the same judgment codes the part '{part}' twice"
        for rid, part in zip(repeated["id"], repeated["part"], strict=True)
    ]


def precision_problems(frame: pd.DataFrame) -> list[str]:
    """Dates are stored at their precision (the 1st of a month, 1 January of a year)."""
    problems = []
    for rid, date, level in zip(frame["id"], frame["date"], frame["date_precision"], strict=True):
        if level == "month" and date.day != 1:
            problems.append(f"{rid}: a month-precision date is stored as the 1st")
        if level == "year" and (date.day, date.month) != (1, 1):
            problems.append(f"{rid}: a year-precision date is stored as 1 January")
    return problems


def test_the_codes_are_the_lesson_codes():
    assert set(netgov.data.labels("judgments", "part")) == PARTS
    assert set(netgov.data.labels("judgments", "verdict")) == VERDICTS
    assert set(netgov.data.labels("judgments", "mapping")) == MAPPINGS


@pytest.mark.parametrize("column", ["assessor_kind", "part", "verdict", "mapping"])
def test_every_code_a_learner_sees_has_plain_words(table, column):
    labels = netgov.data.labels("judgments", column)
    assert set(table[column]) <= set(labels), f"codes without a label: {set(table[column]) - set(labels)}"
    assert all(label.strip() and "_" not in label for label in labels.values()), labels


def test_every_judgment_is_about_a_rule_found(table, comparison):
    assert rule_problems(table, comparison) == []


def test_no_judgment_precedes_its_rule_unless_it_judged_a_bill(table, comparison):
    assert timing_problems(table, comparison) == []


def test_every_part_and_verdict_is_coded(table):
    assert coding_problems(table) == []


def test_a_kit_mapping_says_which_words(table):
    assert mapping_problems(table) == []


def test_one_row_per_judgment_and_part(table):
    assert duplicate_problems(table) == []


def test_dates_are_stored_at_their_precision(table):
    assert precision_problems(table) == []


def test_the_table_covers_the_lesson(table, comparison):
    """Enough judgments to compare, from several kinds of body, across most of the compared jurisdictions."""
    jurisdictions = comparison.set_index("id").loc[table["comparison_id"], "jurisdiction"]
    assert len(table) >= 30
    assert jurisdictions.nunique() >= 7
    assert table["assessor_kind"].nunique() >= 4
    assert (table["part"] == "overall").any() and (table["part"] != "overall").any()


# The same checks on a copy broken on purpose: each must report the break.


def test_a_judgment_of_no_rule_is_reported(table, comparison):
    missing = comparison[comparison["finding"] != "has_rule"]["id"].iloc[0]
    row = table.iloc[[0]].copy()
    row["comparison_id"] = missing
    assert any("not a rule found" in p for p in rule_problems(row, comparison))
    row["comparison_id"] = "cmp-xx-nowhere"
    assert any("not a row of the comparison" in p for p in rule_problems(row, comparison))


def test_a_judgment_before_its_rule_is_reported(table, comparison):
    signed = comparison.set_index("id")["signed"]
    dated = table[table["comparison_id"].map(signed).notna()]
    row = dated.iloc[[0]].copy()
    row["date"] = signed[row["comparison_id"].iloc[0]] - pd.Timedelta(days=400)
    row["date_precision"] = "day"
    row["note"] = "A note that says nothing about the stage the rule had reached."
    assert any("before the rule was signed" in p for p in timing_problems(row, comparison))
    row["note"] = "Judged a bill: the body spoke before the signature."
    assert timing_problems(row, comparison) == []


def test_a_judgment_in_the_year_of_its_rule_is_not_reported(table, comparison):
    """A year-precision date stands for the whole year, so it is not 'before' a rule signed in that year."""
    signed = comparison.set_index("id")["signed"]
    dated = table[table["comparison_id"].map(signed).notna()]
    row = dated.iloc[[0]].copy()
    when = signed[row["comparison_id"].iloc[0]]
    row["date"] = pd.Timestamp(year=when.year, month=1, day=1)
    row["date_precision"] = "year"
    row["note"] = pd.NA
    assert timing_problems(row, comparison) == []


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("part", pd.NA, "part is not coded"),
        ("verdict", pd.NA, "verdict is not coded"),
        ("mapping", pd.NA, "mapping is not coded"),
        ("verdict", "violates", "not one of"),
        ("part", "proportionality", "not one of"),
    ],
)
def test_an_uncoded_part_or_verdict_is_reported(table, column, value, expected):
    row = table.iloc[[0]].copy()
    row[column] = value
    problems = coding_problems(row)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("note", [pd.NA, "   "])
def test_a_kit_mapping_without_a_note_is_reported(table, note):
    row = table[table["mapping"] == "kit"].iloc[[0]].copy()
    row["note"] = note
    assert mapping_problems(row)
    row["mapping"] = "body"
    assert mapping_problems(row) == []


def test_a_part_coded_twice_is_reported(table):
    rows = pd.concat([table.iloc[[0]], table.iloc[[0]].assign(id="jdg-copy")])
    assert len(duplicate_problems(rows)) == 2


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"date": pd.Timestamp("2020-06-15"), "date_precision": "month"}, "stored as the 1st"),
        ({"date": pd.Timestamp("2020-06-01"), "date_precision": "year"}, "stored as 1 January"),
    ],
)
def test_a_date_off_its_precision_is_reported(table, change, expected):
    row = table.iloc[[0]].copy()
    for column, value in change.items():
        row[column] = value
    assert any(expected in p for p in precision_problems(row))
