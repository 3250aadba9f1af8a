"""How current the data is: the kit's as-of date and the reviewer's freshness report.

Some rows state something that can stop being true: a block with no end, an act in force, a commitment's
status, who owns a network, the newest market figure of a series. Each table holding such rows has a
``last_reviewed`` date column and, in ``datapackage.json``, a ``review`` rule saying which of its rows can
change and why (see :func:`review_rule`).

* :func:`as_of` gives the kit's **as-of date**: the newest ``last_reviewed`` date in the package, the day its
  changeable rows were last checked against their sources, with the newest dated event beside it. Lessons
  show it in their setup cell; the README and the static edition carry it too.
* :func:`report` lists, per table, the changeable rows not reviewed within a period (never reviewed, or
  last reviewed too long ago) and the newest source the table cites. ``python -m netgov data freshness``
  prints it; ``--fail-after MONTHS`` makes it exit non-zero when the kit is staler than that, so a scheduled
  job can flag staleness without ordinary test runs depending on the calendar.

Everything is computed from the data: nothing here holds a date.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass, field

import pandas as pd

from . import data
from ._validate import shown

__all__ = [
    "AsOf",
    "REVIEW_COLUMN",
    "Report",
    "TableFreshness",
    "as_of",
    "changeable_rows",
    "describe_rule",
    "report",
    "review_rule",
]

#: The column that records when a row was last checked against its sources.
REVIEW_COLUMN = "last_reviewed"


_TESTS = ("equals", "not", "empty", "newest_in")


def review_rule(table: str) -> dict | None:
    """The table's ``review`` rule from ``datapackage.json``, or None for a table whose rows do not change.

    A rule has ``why`` (why its rows can change) and ``when``: a list of conditions a row must meet to count
    as changeable, all of them (an empty list: every row). A condition names a ``field`` and one test:
    ``{"equals": value}``, ``{"not": value}``, ``{"empty": true}``, or ``{"newest_in": [columns]}`` (the row
    holds the newest value of ``field`` within its series, the rows sharing those columns).
    """
    rule = data._resource(table, str(data.data_dir())).get("review")
    if rule is None:
        return None
    label = f"datapackage.json, table {table!r}, review rule"
    names = [f["name"] for f in data.schema(table)["fields"]]
    if REVIEW_COLUMN not in names:
        raise data.DataError(f"{label}: the table has no {REVIEW_COLUMN!r} column to record reviews in.")
    if not isinstance(rule.get("when"), list):
        raise data.DataError(f"{label}: 'when' must be a list of conditions (an empty list for every row).")
    for condition in rule["when"]:
        tests = [k for k in condition if k != "field"]
        if len(tests) != 1 or tests[0] not in _TESTS:
            raise data.DataError(
                f"{label}: each condition needs a 'field' and one test of {', '.join(_TESTS)}; got {condition!r}."
            )
        columns = [condition.get("field"), *condition.get("newest_in", [])]
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise data.DataError(f"{label}: {unknown} not among the table's columns {names}.")
    return rule


def describe_rule(rule: dict) -> str:
    """A review rule in words, for the data dictionary."""
    if not isinstance(rule, dict) or not isinstance(rule.get("when"), list):
        raise ValueError(
            f"A review rule is a dict with 'when', a list of conditions (empty for every row), not {shown(rule)}."
        )
    parts = []
    for condition in rule["when"]:
        column = f"`{condition['field']}`"
        if "equals" in condition:
            parts.append(f"{column} is `{condition['equals']}`")
        elif "not" in condition:
            parts.append(f"{column} is not `{condition['not']}`")
        elif "empty" in condition:
            parts.append(f"{column} is {'empty' if condition['empty'] else 'filled'}")
        else:
            series = ", ".join(f"`{c}`" for c in condition["newest_in"])
            parts.append(f"{column} is the newest of its series (same {series})")
    which = "every row" if not parts else "the rows where " + " and ".join(parts)
    return f"Rows that can change, and are reviewed in `{REVIEW_COLUMN}`: {which} ({rule.get('why', '')})."


def changeable_rows(table: str) -> pd.DataFrame:
    """The rows of ``table`` whose truth can change, as its review rule selects them (none without a rule)."""
    rule = review_rule(table)
    frame = data.load(table)
    if rule is None:
        return frame.iloc[0:0]
    keep = pd.Series(True, index=frame.index)
    for condition in rule["when"]:
        column = frame[condition["field"]]
        if "equals" in condition:
            keep &= column == condition["equals"]
        elif "not" in condition:
            keep &= column.isna() | (column != condition["not"])
        elif "empty" in condition:
            keep &= column.isna() == bool(condition["empty"])
        else:
            newest = frame.groupby(condition["newest_in"], dropna=False)[condition["field"]].transform("max")
            keep &= column == newest
    return frame[keep]


def _date(value: object) -> datetime.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _newest(frame: pd.DataFrame, column: str) -> datetime.date | None:
    if column not in frame or frame.empty:
        return None
    return _date(frame[column].max())


@dataclass(frozen=True)
class AsOf:
    """How current the kit is, read from the data (nothing here depends on the calendar).

    ``reviewed``: the newest ``last_reviewed`` date (None when no row has been reviewed); ``newest_event``: the
    date of the newest event; ``never_reviewed`` of ``changeable``: the rows that can change and were never
    checked.
    """

    reviewed: datetime.date | None
    newest_event: datetime.date | None
    never_reviewed: int = 0
    changeable: int = 0

    def __str__(self) -> str:
        if self.reviewed is None:
            parts = ["Data as of: not yet reviewed (no row of the data has a last_reviewed date)."]
        else:
            parts = [
                f"Data as of {data.format_date(self.reviewed)}: the day the rows that can change (ongoing blocks, "
                "acts in force, ownership, the newest market figures) were last checked against their sources."
            ]
        if self.newest_event is not None:
            parts.append(f"The newest dated event in the kit is from {data.format_date(self.newest_event)}.")
        if self.reviewed is not None and self.never_reviewed:
            parts.append(
                f"{self.never_reviewed} of the {self.changeable} rows that can change have never been checked "
                "(python -m netgov data freshness lists them)."
            )
        return " ".join(parts)

    def _repr_html_(self) -> str:
        from .cards import status_box

        return status_box(html.escape(str(self)))


def as_of() -> AsOf:
    """The kit's as-of date: the newest ``last_reviewed`` date of any table, and the newest event's date."""
    reviewed, never, changeable = [], 0, 0
    for name in data.resource_names():
        if REVIEW_COLUMN not in {f["name"] for f in data.schema(name)["fields"]}:
            continue
        reviewed.append(_newest(data.load(name), REVIEW_COLUMN))
        rows = changeable_rows(name)
        changeable += len(rows)
        never += int(rows[REVIEW_COLUMN].isna().sum())
    reviewed = [d for d in reviewed if d is not None]
    newest_event = _newest(data.load("events"), "date") if "events" in data.resource_names() else None
    return AsOf(max(reviewed) if reviewed else None, newest_event, never, changeable)


@dataclass(frozen=True)
class TableFreshness:
    """One table in the freshness report."""

    table: str
    why: str  # why its rows can change ("" for a table without a review rule)
    changeable: int  # how many of its rows can change
    due: pd.DataFrame  # the changeable rows not reviewed within the period: id, last_reviewed, status
    newest_source: datetime.date | None  # the newest publication date among the sources the table cites
    newest_source_id: str | None


@dataclass(frozen=True)
class Report:
    """The freshness report: ``as_of``, the ``today`` it was computed for, the ``months`` of its period."""

    today: datetime.date
    months: int
    as_of: AsOf
    tables: list[TableFreshness] = field(default_factory=list)

    @property
    def cutoff(self) -> datetime.date:
        """Rows last reviewed before this day are due."""
        return _months_before(self.today, self.months)

    def due(self) -> int:
        """How many changeable rows are due for review."""
        return sum(len(t.due) for t in self.tables)

    def stale_reasons(self, months: int) -> list[str]:
        """Why the kit is staler than ``months`` months on ``today`` (empty when it is not)."""
        cutoff = _months_before(self.today, months)
        reasons = []
        reviewed = self.as_of.reviewed
        if reviewed is None:
            reasons.append("no row of the data has ever been reviewed")
        elif reviewed < cutoff:
            reasons.append(f"the kit's as-of date ({reviewed}) is more than {months} months before {self.today}")
        for table in self.tables:
            if table.changeable == 0:
                continue
            dates = changeable_rows(table.table)[REVIEW_COLUMN]
            never = int(dates.isna().sum())
            old = int((dates < pd.Timestamp(cutoff)).sum())
            if never:
                reasons.append(f"{table.table}: {never} row(s) that can change were never reviewed")
            if old:
                reasons.append(f"{table.table}: {old} row(s) that can change were last reviewed before {cutoff}")
        return reasons

    def text(self) -> str:
        """The report as plain text, for a terminal or a CI log."""
        lines = [str(self.as_of), ""]
        lines.append(
            f"Rows that can change and were not reviewed in the {self.months} months before {self.today} "
            f"(last_reviewed empty or before {self.cutoff}): {self.due()}."
        )
        for t in self.tables:
            if t.changeable == 0:
                continue
            lines.append("")
            lines.append(f"{t.table}: {len(t.due)} of {t.changeable} due ({t.why}).")
            for _, row in t.due.iterrows():
                when = "never reviewed" if pd.isna(row[REVIEW_COLUMN]) else f"last reviewed {_date(row[REVIEW_COLUMN])}"
                lines.append(f"  - {row['id']}: {when}")
        lines.append("")
        lines.append("Newest source cited, per table:")
        width = max((len(t.table) for t in self.tables), default=0)
        for t in self.tables:
            if t.newest_source:
                newest = f"{t.newest_source} ({t.newest_source_id})"
            else:
                cites = data.source_columns(data.load(t.table))
                newest = "cites no dated source" if cites else "has no source column"
            lines.append(f"  {t.table:<{width}}  {newest}")
        return "\n".join(lines)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    return (pd.Timestamp(day) - pd.DateOffset(months=months)).date()


def _need_months(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what} must be a whole number of months, 1 or more (such as 12), not {shown(value)}.")
    return value


def _need_day(value: object) -> datetime.date:
    if value is None:
        return datetime.date.today()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"today must be a date written as 2026-12-01, not {value!r}.") from exc
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"today must be a date (or text such as '2026-12-01', or None for today), not {shown(value)}.")


def _ids(frame: pd.DataFrame, table: str) -> pd.Series:
    if "id" in frame:
        return frame["id"].astype(str)
    key = data.schema(table).get("primaryKey", [])
    key = [key] if isinstance(key, str) else list(key)
    return frame[key].astype(str).agg("/".join, axis=1)


def _newest_source(frame: pd.DataFrame) -> tuple[datetime.date | None, str | None]:
    if not data.source_columns(frame):
        return None, None
    cited = set(data.source_ids_of(frame))
    sources = data.load("sources")
    dated = sources[sources["id"].isin(cited) & sources["published"].notna()]
    if dated.empty:
        return None, None
    row = dated.sort_values(["published", "id"]).iloc[-1]
    return _date(row["published"]), row["id"]


def report(today: object = None, months: int = 12) -> Report:
    """The freshness report on ``today`` (default: the real today), with a review period of ``months``."""
    day = _need_day(today)
    months = _need_months(months, "months")
    cutoff = _months_before(day, months)
    tables = []
    for name in data.resource_names():
        if name == "sources":
            continue
        frame = data.load(name)
        rule = review_rule(name)
        newest, newest_id = _newest_source(frame)
        if rule is None:
            tables.append(TableFreshness(name, "", 0, frame.iloc[0:0], newest, newest_id))
            continue
        rows = changeable_rows(name)
        dates = rows[REVIEW_COLUMN]
        due = rows[dates.isna() | (dates < pd.Timestamp(cutoff))]
        listed = pd.DataFrame({"id": _ids(due, name), REVIEW_COLUMN: due[REVIEW_COLUMN]}).reset_index(drop=True)
        tables.append(TableFreshness(name, rule.get("why", ""), len(rows), listed, newest, newest_id))
    return Report(day, months, as_of(), tables)
