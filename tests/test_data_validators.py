"""The kit's loader and frictionless judge the data package alike.

``netgov.data`` has its own loader (fast, with messages a learner can act on); the package is also
validated with frictionless. Each case below damages one cell (or row, or the descriptor) of a copy of the
real package, then asks both validators. Both must reject every damaged copy, and both must accept the
pristine one and the copies that only use a feature of the standard correctly (a declared missing value).
"""

from __future__ import annotations

import csv
import io
import json

import pytest

import netgov
from netgov.data import DataError

frictionless = pytest.importorskip("frictionless")


def rows_of(folder, table):
    text = (folder / f"{table}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def write_rows(folder, table, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / f"{table}.csv").write_text(out.getvalue(), encoding="utf-8")


def set_cell(table, column, value, row=1):
    """A damage: one cell of a data row (row 1 is the first row after the header) gets ``value``."""

    def damage(folder):
        rows = rows_of(folder, table)
        rows[row][rows[0].index(column)] = value
        write_rows(folder, table, rows)

    return damage


def repeat_row(table, row=1):
    """A damage: a data row appears twice."""

    def damage(folder):
        rows = rows_of(folder, table)
        write_rows(folder, table, [*rows, rows[row]])

    return damage


def declare_missing(table, values):
    """Give one table's schema its own ``missingValues``."""

    def change(folder):
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            if resource["name"] == table:
                resource["schema"]["missingValues"] = values
        (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")

    return change


def both(*changes):
    def apply(folder):
        for change in changes:
            change(folder)

    return apply


# (name, table, damage, the frictionless error type, what the loader's message says)
REJECTED = [
    ("missing required value", "events", set_cell("events", "title", ""), "constraint-error", "a value is required"),
    ("value outside the enum", "events", set_cell("events", "topic", "sport"), "constraint-error", "allowed values"),
    ("duplicate primary key", "actors", repeat_row("actors"), "unique-error", "appears more than once"),
    (
        "duplicate composite primary key",
        "internet_users",
        repeat_row("internet_users"),
        "primary-key",
        "the key (KZ, 2000, OWID",
    ),
    (
        "dangling foreign key",
        "positions",
        set_cell("positions", "actor_id", "nobody"),
        "foreign-key",
        "'nobody' is not an id in data/actors.csv",
    ),
    ("wrong type", "networks", set_cell("networks", "asn", "AS9198"), "type-error", "is not a valid integer"),
    ("integer written as a decimal", "networks", set_cell("networks", "asn", "9198.0"), "type-error", "valid integer"),
    ("bad date", "events", set_cell("events", "date", "1994-02-30"), "type-error", "is not a date"),
    ("pattern violation", "sources", set_cell("sources", "url", "www.hrw.org"), "constraint-error", "pattern"),
    (
        "value below the minimum",
        "internet_users",
        set_cell("internet_users", "value", "-1"),
        "constraint-error",
        "below",
    ),
    ("text too long", "events", set_cell("events", "title", "x" * 101), "constraint-error", "longer than 100"),
    (
        "a declared missing value in a required column",
        "internet_users",
        both(declare_missing("internet_users", ["", "n/a"]), set_cell("internet_users", "value", "n/a")),
        "constraint-error",
        "a value is required",
    ),
]

ACCEPTED = [
    ("pristine copy", "networks", lambda folder: None),
    (
        "a declared missing value in an optional column",
        "networks",
        both(declare_missing("networks", ["", "n/a"]), set_cell("networks", "asn", "n/a")),
    ),
]


def frictionless_errors(folder, table) -> list[str]:
    package = frictionless.Package(str(folder / "datapackage.json"))
    report = frictionless.validate(package.get_resource(table))
    return [error_type for (error_type,) in report.flatten(["type"])]


def loader_error(table) -> str | None:
    netgov.data.clear_cache()
    try:
        netgov.load(table)
    except DataError as error:
        return str(error)
    return None


@pytest.mark.parametrize(("name", "table", "damage", "error_type", "message"), REJECTED, ids=[c[0] for c in REJECTED])
def test_both_validators_reject_a_damaged_copy(data_copy, name, table, damage, error_type, message):
    damage(data_copy)
    assert error_type in frictionless_errors(data_copy, table), f"frictionless accepts the copy with {name}"
    said = loader_error(table)
    assert said is not None, f"the loader accepts the copy with {name}"
    assert message in said, said


@pytest.mark.parametrize(("name", "table", "change"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_both_validators_accept_a_valid_copy(data_copy, name, table, change):
    change(data_copy)
    assert frictionless_errors(data_copy, table) == []
    assert loader_error(table) is None


def test_an_unknown_source_id_is_caught_by_the_loader_alone(data_copy):
    """``source_ids`` lists several ids in one cell: a Table Schema foreign key compares whole cells and
    cannot check it, so this rule is the loader's (and tests/test_data_package.py's) alone. The frictionless
    half documents that gap: if it starts failing, frictionless has learnt to check the ids."""
    set_cell("events", "source_ids", "no-such-source")(data_copy)
    assert frictionless_errors(data_copy, "events") == []
    said = loader_error("events")
    assert said is not None and "cites ['no-such-source']" in said
