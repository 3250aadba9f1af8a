"""Load the kit's curated data package as typed, validated pandas DataFrames.

The tables live in ``data/`` as CSV files described by ``data/datapackage.json`` (a Frictionless
Data Package). :func:`load` reads one table, converts every column to the type its schema gives
(dates become datetimes, integers nullable ``Int64``), checks the schema's constraints, the
primary key, foreign keys and that every cited source exists, and caches the result.

A problem in a file raises :class:`DataError` naming the file, the row and the column, so that a
corrupted or hand-edited file is caught when it is read rather than deep inside a figure.

>>> import netgov
>>> events = netgov.data.load("events")          # doctest: +SKIP
>>> netgov.data.cite(["hrw-2009-07-14"])          # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "cite",
    "clear_cache",
    "data_dir",
    "describe",
    "dictionary_markdown",
    "id_list",
    "load",
    "references",
    "resource_names",
    "schema",
    "source_ids_of",
    "split_ids",
]

#: Environment variable that points the kit at another copy of the data package.
DATA_ENV = "NETGOV_DATA"

_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}
_MAX_PROBLEMS_SHOWN = 12


class DataError(ValueError):
    """A data file is missing, malformed, or breaks its schema. The message names file, row and column."""


def data_dir() -> Path:
    """The folder holding ``datapackage.json``.

    Looked for, in order: the folder named by the ``NETGOV_DATA`` environment variable; the ``data/``
    folder of the source checkout the package runs from (an editable install); the copy of the data
    package carried inside an installed wheel.
    """
    env = os.environ.get(DATA_ENV)
    if env:
        path = Path(env).expanduser()
        if not (path / "datapackage.json").is_file():
            raise DataError(f"{DATA_ENV}={env!r} does not point at a folder holding datapackage.json.")
        return path
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "data", here / "_data"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise DataError(
        "Cannot find the kit's data package (datapackage.json). Run the notebooks from a checkout of the "
        f"kit, install it with `pip install .`, or set {DATA_ENV} to the data folder."
    )


@functools.lru_cache(maxsize=8)
def _descriptor(directory: str) -> dict:
    path = Path(directory) / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot be read as JSON ({exc}).") from exc


def _resources(directory: str) -> dict[str, dict]:
    return {r["name"]: r for r in _descriptor(directory)["resources"]}


def resource_names() -> list[str]:
    """The names :func:`load` accepts, in the order the data package lists them."""
    return list(_resources(str(data_dir())))


def _resource(name: object, directory: str) -> dict:
    resources = _resources(directory)
    if not isinstance(name, str):
        raise TypeError(f"A table name must be a string such as 'events', not {type(name).__name__}.")
    if name not in resources:
        hint = ""
        close = [n for n in resources if n.startswith(name[:3])] if name else []
        if close:
            hint = f" Did you mean {close[0]!r}?"
        raise KeyError(f"No table called {name!r}.{hint} The tables are: {', '.join(resources)}.")
    return resources[name]


def schema(name: str) -> dict:
    """The Table Schema of one table (fields, types, constraints, keys)."""
    return _resource(name, str(data_dir()))["schema"]


def describe(name: str) -> pd.DataFrame:
    """A data dictionary for one table: each column with its type, whether it is required, and its meaning."""
    rows = []
    for field in schema(name)["fields"]:
        constraints = field.get("constraints", {})
        rows.append(
            {
                "column": field["name"],
                "type": field["type"],
                "required": bool(constraints.get("required", False)),
                "allowed values": ", ".join(constraints["enum"]) if "enum" in constraints else "",
                "description": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows).set_index("column")


class _Problems:
    """Collects problems in one file and raises them together."""

    def __init__(self, label: str):
        self.label = label
        self.items: list[str] = []

    def add(self, row: int | None, column: str | None, text: str) -> None:
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        self.items.append(f"{', '.join(where)}: {text}" if where else text)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:_MAX_PROBLEMS_SHOWN]
        more = len(self.items) - len(shown)
        lines = "\n".join(f"  - {item}" for item in shown)
        if more:
            lines += f"\n  ... and {more} more"
        raise DataError(
            f"{self.label} has {len(self.items)} problem(s) (rows are counted as in a spreadsheet: "
            f"the header is row 1):\n{lines}"
        )


def _rows(mask: pd.Series) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the true entries of a boolean mask on a 0-based index."""
    return [int(i) + 2 for i in mask[mask].index]


def _short(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _convert(raw: pd.Series, field: dict, problems: _Problems) -> pd.Series:
    name, kind = field["name"], field["type"]
    present = raw.notna()
    if kind == "string":
        return raw.astype("str")
    if kind in ("integer", "number"):
        numbers = pd.to_numeric(raw, errors="coerce")
        bad = present & numbers.isna()
        if kind == "integer":
            bad |= present & numbers.notna() & (numbers % 1 != 0)
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not a valid {kind}.")
        if kind == "integer":
            return numbers.where(~bad).round().astype("Int64")
        return numbers.astype("float64")
    if kind == "boolean":
        bad = present & ~raw.isin(_TRUE | _FALSE)
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not true or false.")
        return raw.map(lambda v: True if v in _TRUE else (False if v in _FALSE else pd.NA)).astype("boolean")
    if kind == "date":
        dates = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
        bad = present & dates.isna()
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not a date in the form YYYY-MM-DD.")
        return dates
    raise DataError(f"Field {name!r} has type {kind!r}, which the loader does not know.")


def _check_constraints(raw: pd.Series, typed: pd.Series, field: dict, problems: _Problems) -> None:
    name = field["name"]
    constraints = field.get("constraints", {})
    present = raw.notna()
    if constraints.get("required"):
        for row in _rows(~present):
            problems.add(row, name, "is empty, but a value is required.")
    if "enum" in constraints:
        allowed = constraints["enum"]
        bad = present & ~raw.isin(allowed)
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not one of the allowed values ({', '.join(allowed)}).")
    if "pattern" in constraints:
        regex = re.compile(constraints["pattern"])
        bad = present & ~raw.map(lambda v: bool(regex.fullmatch(v)) if isinstance(v, str) else True)
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} does not match the pattern {constraints['pattern']}.")
    if "maxLength" in constraints:
        bad = present & (raw.str.len() > constraints["maxLength"])
        for row in _rows(bad):
            problems.add(row, name, f"is longer than {constraints['maxLength']} characters.")
    for key, op, word in (("minimum", "lt", "below"), ("maximum", "gt", "above")):
        if key in constraints and field["type"] in ("integer", "number"):
            bad = getattr(typed, op)(constraints[key]).fillna(False).astype(bool)
            for row in _rows(bad):
                problems.add(row, name, f"{typed[row - 2]} is {word} the {key} {constraints[key]}.")
    if constraints.get("unique"):
        dup = present & raw.duplicated(keep=False)
        for row in _rows(dup):
            problems.add(row, name, f"{_short(raw[row - 2])} appears more than once, but must be unique.")


def _missing(value: object) -> bool:
    """None, NaN (float or numpy), ``pd.NA`` or ``pd.NaT``: what pandas shows as a missing cell."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def split_ids(value: object) -> list[str]:
    """Split a semicolon-separated id list (``"a;b"``) into ``["a", "b"]``; empty or missing gives ``[]``."""
    if _missing(value):
        return []
    if not isinstance(value, str):
        raise TypeError(f"Expected a semicolon-separated string of ids, not {type(value).__name__}.")
    return [part.strip() for part in value.split(";") if part.strip()]


@functools.lru_cache(maxsize=64)
def _load(name: str, directory: str) -> pd.DataFrame:
    resource = _resource(name, directory)
    table_schema = resource["schema"]
    path = Path(directory) / resource["path"]
    label = f"data/{resource['path']}"
    if not path.is_file():
        raise DataError(f"{label} is missing (the data package lists it as table {name!r}).")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{label} is not valid UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{label} cannot be parsed as CSV: {exc}".rstrip()) from exc

    fields = table_schema["fields"]
    expected = [f["name"] for f in fields]
    if list(raw.columns) != expected:
        missing = [c for c in expected if c not in raw.columns]
        extra = [c for c in raw.columns if c not in expected]
        detail = []
        if missing:
            detail.append(f"missing column(s) {missing}")
        if extra:
            detail.append(f"unexpected column(s) {extra}")
        if not detail:
            detail.append("columns are out of order")
        raise DataError(f"{label}, row 1 (header): {'; '.join(detail)}. Expected the columns {expected}.")

    problems = _Problems(label)
    typed = {}
    for field in fields:
        column = raw[field["name"]]
        typed[field["name"]] = _convert(column, field, problems)
        _check_constraints(column, typed[field["name"]], field, problems)
    frame = pd.DataFrame(typed, index=raw.index)

    key = table_schema.get("primaryKey")
    unique_fields = {f["name"] for f in fields if f.get("constraints", {}).get("unique")}
    if key and not (len(key) == 1 and key[0] in unique_fields):
        dup = raw.duplicated(subset=key, keep=False) & raw[key].notna().all(axis=1)
        for row in _rows(dup):
            values = ", ".join(str(raw.at[row - 2, k]) for k in key)
            problems.add(row, "+".join(key), f"the key ({values}) appears more than once.")

    for fk in table_schema.get("foreignKeys", []):
        (column,) = fk["fields"]
        target = fk["reference"]["resource"]
        (target_field,) = fk["reference"]["fields"]
        known = set(_load(target, directory)[target_field].dropna())
        bad = raw[column].notna() & ~raw[column].isin(known)
        for row in _rows(bad):
            problems.add(row, column, f"{_short(raw.at[row - 2, column])} is not an id in data/{target}.csv.")

    if "source_ids" in raw.columns:
        known_sources = set(raw["id"]) if name == "sources" else set(_load("sources", directory)["id"])
        for index, value in raw["source_ids"].items():
            if not isinstance(value, str):
                continue
            unknown = [i for i in split_ids(value) if i not in known_sources]
            if unknown:
                problems.add(int(index) + 2, "source_ids", f"cites {unknown}, not found in data/sources.csv.")

    problems.raise_if_any()
    return frame


def load(name: str) -> pd.DataFrame:
    """Return one table of the data package as a typed DataFrame.

    Parameters
    ----------
    name:
        A table name, for example ``"events"``, ``"blocking_cases"`` or ``"sources"``;
        :func:`resource_names` lists them all.

    Returns
    -------
    pandas.DataFrame
        A fresh copy: changing it does not change what the next call returns.

    Raises
    ------
    KeyError
        The name is not a table; the message lists the valid names.
    DataError
        The file is missing or breaks its schema; the message names file, row and column.
    """
    directory = str(data_dir())
    _resource(name, directory)  # a wrong name or type fails here with the list of tables
    return _load(name, directory).copy()


def clear_cache() -> None:
    """Forget every table read so far (after editing a CSV file in a running kernel)."""
    _load.cache_clear()
    _descriptor.cache_clear()
    _sources_by_id.cache_clear()
    _reference.cache_clear()


def id_list(ids: object) -> list[str]:
    """Source ids from one id, a semicolon-separated string, a list of either, or a Series; missing values skipped."""
    if isinstance(ids, str):
        return split_ids(ids)
    if isinstance(ids, pd.Series):
        ids = ids.tolist()
    if isinstance(ids, Iterable):
        out: list[str] = []
        for item in ids:
            if isinstance(item, str):
                out.extend(split_ids(item))
            elif _missing(item):
                continue
            else:
                raise TypeError(f"Source ids must be strings such as 'hrw-2009-07-14', not {type(item).__name__}.")
        return out
    raise TypeError(
        "Source ids must be a string such as 'hrw-2009-07-14' (several: 'a;b'), a list of strings or a Series, "
        f"not {type(ids).__name__}."
    )


def source_ids_of(frame: pd.DataFrame) -> list[str]:
    """Every source id cited in a table's ``source_ids`` column, once each, in order of first appearance."""
    if not isinstance(frame, pd.DataFrame) or "source_ids" not in frame.columns:
        got = type(frame).__name__ if not isinstance(frame, pd.DataFrame) else f"a DataFrame with {list(frame.columns)}"
        raise TypeError(
            f"source_ids_of() needs a DataFrame with a 'source_ids' column, such as load('events'); got {got}."
        )
    return list(dict.fromkeys(id_list(frame["source_ids"])))


def _format_source(row: pd.Series) -> str:
    date = ""
    if pd.notna(row["published"]):
        precision = row["published_precision"] if pd.notna(row["published_precision"]) else "day"
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision]
        date = row["published"].strftime(fmt)
    who = row["publisher"] if pd.isna(row["author"]) else f"{row['author']}, {row['publisher']}"
    return f"{who} ({date or 'n.d.'}). {row['title']}. {row['url']}"


@functools.lru_cache(maxsize=8)
def _sources_by_id(directory: str) -> pd.DataFrame:
    return _load("sources", directory).set_index("id")


@functools.lru_cache(maxsize=1024)
def _reference(source_id: str, directory: str) -> str:
    # Every card a widget draws cites its sources again: each is looked up and formatted once.
    return _format_source(_sources_by_id(directory).loc[source_id])


def cite(ids: object) -> list[str]:
    """Format sources as one-line references, in the order given (duplicates dropped).

    ``ids`` may be one id, a semicolon-separated string, a list of ids or a Series of such strings.
    """
    wanted = list(dict.fromkeys(id_list(ids)))
    if not wanted:
        raise ValueError("cite() needs at least one source id, for example cite('hrw-2009-07-14').")
    directory = str(data_dir())
    sources = _sources_by_id(directory)
    unknown = [i for i in wanted if i not in sources.index]
    if unknown:
        raise KeyError(
            f"Unknown source id(s) {unknown}. Source ids are the 'id' column of load('sources'), "
            "for example 'hrw-2009-07-14'."
        )
    return [_reference(i, directory) for i in wanted]


def references(ids: object, heading: str | None = "Sources"):
    """A numbered Markdown list of the sources, ready to display under a section or at the end of a lesson."""
    from IPython.display import Markdown

    lines = []
    for n, text in enumerate(cite(ids), start=1):
        body, _, url = text.rpartition(" ")
        shown = url if len(url) <= 80 else url[:70] + "…"
        lines.append(f"{n}. {body} [{shown}]({url})")
    head = f"**{heading}**\n\n" if heading else ""
    return Markdown(head + "\n".join(lines))


def dictionary_markdown() -> str:
    """The data dictionary of every table, as Markdown (the block between the markers in data/README.md)."""
    directory = str(data_dir())
    parts = []
    for name, resource in _resources(directory).items():
        table_schema = resource["schema"]
        parts.append(f"### `{resource['path']}`: {resource.get('title', name)}\n")
        parts.append(resource.get("description", "") + "\n")
        key = ", ".join(table_schema.get("primaryKey", []))
        if key:
            parts.append(f"Primary key: `{key}`.\n")
        parts.append("| column | type | required | meaning |")
        parts.append("|---|---|---|---|")
        for field in table_schema["fields"]:
            constraints = field.get("constraints", {})
            meaning = field.get("description", "").replace("|", "\\|")
            if "enum" in constraints:
                meaning += " One of: " + ", ".join(f"`{v}`" for v in constraints["enum"]) + "."
            required = "yes" if constraints.get("required") else ""
            parts.append(f"| `{field['name']}` | {field['type']} | {required} | {meaning} |")
        for fk in table_schema.get("foreignKeys", []):
            ref = fk["reference"]
            parts.append(f"\n`{fk['fields'][0]}` refers to `{ref['resource']}.{ref['fields'][0]}`.")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


DICTIONARY_START = "<!-- dictionary:start -->"
DICTIONARY_END = "<!-- dictionary:end -->"
