"""Load the kit's curated data package as typed, validated pandas DataFrames.

The tables live in ``data/`` as CSV files described by ``data/datapackage.json`` (a Frictionless
Data Package). :func:`load` reads one table, converts every column to the type its schema gives
(dates become datetimes, integers nullable ``Int64``), checks the schema's constraints, the
primary key, foreign keys and that every cited source exists, and caches the result.

A problem in a file raises :class:`DataError` naming the file, the row and the column, so that a
corrupted or hand-edited file is caught when it is read rather than deep inside a figure.

The loader reads values and checks them as frictionless does (tests/test_data_validators.py holds the two
to the same verdicts), but implements only part of Table Schema: five field types, their default formats,
the common constraints, ``missingValues``, and primary and foreign keys of one or more columns. A
descriptor that asks for anything else is refused with a message naming the table and the feature, rather
than half-read.

Around the tables: :func:`labels` gives the plain-language labels of a column's codes, kept in
``datapackage.json``; :func:`reference_list` turns source ids into :class:`Reference` records (and
:func:`cite`, :func:`references` into text); :func:`format_date` writes a date at its precision.

>>> import netgov
>>> events = netgov.data.load("events")          # doctest: +SKIP
>>> netgov.data.cite(["hrw-2009-07-14"])          # doctest: +SKIP
>>> netgov.data.labels("events", "kind")["law_signed"]   # doctest: +SKIP
'Law signed'
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "Reference",
    "balance_markdown",
    "cite",
    "clear_cache",
    "data_dir",
    "describe",
    "dictionary_markdown",
    "format_date",
    "id_list",
    "labels",
    "load",
    "reference_list",
    "references",
    "resource_names",
    "schema",
    "source_columns",
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


# What the loader implements of Table Schema. Anything else in the descriptor is refused by
# _check_supported(), so that the loader and frictionless never disagree in silence: a feature added
# to datapackage.json either gets implemented here or stops the load with a message saying which.
_TYPES = ("string", "integer", "number", "boolean", "date")
_CONSTRAINTS = {
    "string": {"required", "unique", "enum", "pattern", "minLength", "maxLength"},
    "integer": {"required", "unique", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
    "number": {"required", "unique", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
    "boolean": {"required", "unique", "enum"},
    "date": {"required", "unique", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
}
#: Field properties that change how values are read or checked, and are not implemented.
_UNSUPPORTED_FIELD_PROPERTIES = ("bareNumber", "groupChar", "decimalChar", "itemType", "delimiter", "categories")
_UNSUPPORTED_SCHEMA_PROPERTIES = ("uniqueKeys",)
_UNSUPPORTED_RESOURCE_PROPERTIES = ("data", "dialect", "compression")


def _as_list(value: object) -> list:
    """Table Schema lets a one-column key be written as a string: ``"id"`` and ``["id"]`` mean the same."""
    return [value] if isinstance(value, str) else list(value)


def _check_supported(name: str, resource: dict, resources: dict[str, dict]) -> None:
    """Refuse, naming the table and the feature, what the descriptor asks for and the loader does not do."""
    found = []
    path = resource.get("path")
    if not isinstance(path, str):
        found.append(f"'path' {path!r} (only one local file per table is read)")
    for key in _UNSUPPORTED_RESOURCE_PROPERTIES:
        if key in resource:
            found.append(f"the resource property '{key}'")
    if str(resource.get("format", "csv")).lower() != "csv":
        found.append(f"format {resource['format']!r} (only csv is read)")
    if str(resource.get("encoding", "utf-8")).lower().replace("_", "-") not in ("utf-8", "utf8"):
        found.append(f"encoding {resource['encoding']!r} (only utf-8 is read)")
    table_schema = resource.get("schema")
    if not isinstance(table_schema, dict):
        raise DataError(f"Table {name!r}: the data package gives no inline schema (a dict under 'schema').")
    for key in _UNSUPPORTED_SCHEMA_PROPERTIES:
        if key in table_schema:
            found.append(f"the schema property '{key}'")
    if table_schema.get("fieldsMatch", "exact") != "exact":
        found.append(f"fieldsMatch {table_schema['fieldsMatch']!r} (the header must list the fields exactly)")
    for field in table_schema.get("fields", []):
        label = f"field '{field.get('name')}'"
        kind = field.get("type", "string")
        if kind not in _TYPES:
            found.append(f"{label} of type {kind!r} (the loader reads {', '.join(_TYPES)})")
            continue
        if field.get("format", "default") != "default":
            found.append(f"{label} with format {field['format']!r} (only the default format is read)")
        for key in _UNSUPPORTED_FIELD_PROPERTIES:
            if key in field:
                found.append(f"{label} with the property '{key}'")
        for key in field.get("constraints", {}):
            if key not in _CONSTRAINTS[kind]:
                found.append(
                    f"{label} with the constraint '{key}' (for a {kind} field the loader checks "
                    f"{', '.join(sorted(_CONSTRAINTS[kind]))})"
                )
    names = {field.get("name") for field in table_schema.get("fields", [])}
    key_columns = _as_list(table_schema.get("primaryKey", []))
    for fk in table_schema.get("foreignKeys", []):
        key_columns += _as_list(fk["fields"])
    unknown = [c for c in dict.fromkeys(key_columns) if c not in names]
    if unknown:
        found.append(f"a primary or foreign key on {unknown}, which are not fields of the table")
    for fk in table_schema.get("foreignKeys", []):
        target = fk.get("reference", {}).get("resource", "")
        if target and target != name and target not in resources:
            found.append(f"a foreign key to the table {target!r}, which the data package does not list")
        elif len(_as_list(fk["fields"])) != len(_as_list(fk["reference"]["fields"])):
            found.append(f"a foreign key {fk['fields']} whose reference has a different number of fields")
    if found:
        raise DataError(
            f"Table {name!r} (data/{path}) uses what netgov's loader does not implement: "
            + "; ".join(found)
            + ". Implement it in src/netgov/data.py, or describe the table without it."
        )


def _missing_values(field: dict, table_schema: dict) -> list[str]:
    """The cells read as missing: the field's own ``missingValues`` (Table Schema v2), else the schema's."""
    entries = field.get("missingValues", table_schema.get("missingValues", [""]))
    # v2 also allows {"value": ..., "label": ...} entries; only the value matters for reading.
    return [entry["value"] if isinstance(entry, dict) else str(entry) for entry in entries]


def _parse_integer(text: str) -> int | None:
    # int() after strip, as frictionless reads an integer: "1.0" and "1e3" are not integers.
    try:
        return int(text.strip())
    except ValueError:
        return None


def _parse_number(text: str) -> float | None:
    # Decimal() after strip, as frictionless reads a number.
    try:
        return float(Decimal(text.strip()))
    except (InvalidOperation, ValueError):
        return None


def _convert(raw: pd.Series, field: dict, problems: _Problems) -> pd.Series:
    name, kind = field["name"], field.get("type", "string")
    present = raw.notna()
    if kind == "string":
        return raw.astype("str")
    if kind in ("integer", "number"):
        parse = _parse_integer if kind == "integer" else _parse_number
        parsed = raw[present].map(parse)
        # Decimal reads "NaN" as a number, as frictionless does: only a failed parse (None) is a bad value.
        failed = raw[present].map(lambda v: parse(v) is None)
        bad = present & raw.index.isin(failed.index[failed.astype(bool)])
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not a valid {kind}.")
        values = pd.Series([None] * len(raw), index=raw.index, dtype="object")
        values[parsed.index] = parsed
        if kind == "integer":
            return values.astype("Int64")
        return values.astype("float64")
    if kind == "boolean":
        true_values = set(field.get("trueValues", _TRUE))
        false_values = set(field.get("falseValues", _FALSE))
        bad = present & ~raw.isin(true_values | false_values)
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not true or false.")
        return raw.map(lambda v: True if v in true_values else (False if v in false_values else pd.NA)).astype(
            "boolean"
        )
    if kind == "date":
        dates = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
        bad = present & dates.isna()
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} is not a date in the form YYYY-MM-DD.")
        return dates
    raise DataError(f"Field {name!r} has type {kind!r}, which the loader does not know.")


def _typed_constant(value: object, field: dict) -> object:
    """A value written in the descriptor (an enum entry, a bound), read as the field's type reads a cell."""
    throwaway = _Problems("descriptor")
    typed = _convert(pd.Series([str(value)], dtype="object"), field, throwaway)
    if throwaway.items:
        raise DataError(f"Field {field['name']!r}: the descriptor's value {value!r} is not a valid {field['type']}.")
    return typed.iloc[0]


def _check_constraints(raw: pd.Series, typed: pd.Series, field: dict, problems: _Problems) -> None:
    name, kind = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    present = raw.notna()
    if constraints.get("required"):
        for row in _rows(~present):
            problems.add(row, name, "is empty, but a value is required.")
    if "enum" in constraints:
        allowed = constraints["enum"]
        if kind == "string":
            bad = present & ~raw.isin(allowed)
        else:
            bad = present & typed.notna() & ~typed.isin([_typed_constant(v, field) for v in allowed])
        for row in _rows(bad):
            shown = ", ".join(str(v) for v in allowed)
            problems.add(row, name, f"{_short(raw[row - 2])} is not one of the allowed values ({shown}).")
    if "pattern" in constraints:
        regex = re.compile(constraints["pattern"])
        bad = present & ~raw.map(lambda v: bool(regex.fullmatch(v)) if isinstance(v, str) else True)
        for row in _rows(bad):
            problems.add(row, name, f"{_short(raw[row - 2])} does not match the pattern {constraints['pattern']}.")
    if "maxLength" in constraints:
        bad = present & (raw.str.len() > constraints["maxLength"])
        for row in _rows(bad):
            problems.add(row, name, f"is longer than {constraints['maxLength']} characters.")
    if "minLength" in constraints:
        bad = present & (raw.str.len() < constraints["minLength"])
        for row in _rows(bad):
            problems.add(row, name, f"is shorter than {constraints['minLength']} characters.")
    for key, op, word in (
        ("minimum", "lt", "below the minimum"),
        ("maximum", "gt", "above the maximum"),
        ("exclusiveMinimum", "le", "not above the exclusive minimum"),
        ("exclusiveMaximum", "ge", "not below the exclusive maximum"),
    ):
        if key in constraints:
            bound = constraints[key] if kind in ("integer", "number") else _typed_constant(constraints[key], field)
            bad = getattr(typed, op)(bound).fillna(False).astype(bool)
            for row in _rows(bad):
                problems.add(row, name, f"{typed[row - 2]} is {word} {constraints[key]}.")
    if constraints.get("unique"):
        dup = present & typed.duplicated(keep=False)
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


def _key_tuples(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Each row's values in ``columns`` as a tuple, a missing value as None (how frictionless compares keys)."""
    return [
        tuple(None if _missing(v) else v for v in values)
        for values in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]


@functools.lru_cache(maxsize=64)
def _load(name: str, directory: str) -> pd.DataFrame:
    resources = _resources(directory)
    resource = _resource(name, directory)
    _check_supported(name, resource, resources)
    table_schema = resource["schema"]
    fields = table_schema["fields"]
    path = Path(directory) / resource["path"]
    label = f"data/{resource['path']}"
    if not path.is_file():
        raise DataError(f"{label} is missing (the data package lists it as table {name!r}).")
    na_values = {f["name"]: _missing_values(f, table_schema) for f in fields}
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=na_values, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{label} is not valid UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{label} cannot be parsed as CSV: {exc}".rstrip()) from exc

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

    key = _as_list(table_schema.get("primaryKey", []))
    by_name = {f["name"]: f.get("constraints", {}) for f in fields}
    # A required or unique key column has had its empty or repeated values reported already.
    report_empty = not all(by_name.get(k, {}).get("required") for k in key)
    report_repeat = not (len(key) == 1 and by_name.get(key[0], {}).get("unique"))
    if key:
        seen: set[tuple] = set()
        for index, values in enumerate(_key_tuples(frame, key)):
            if set(values) == {None}:
                if report_empty:
                    problems.add(index + 2, "+".join(key), "the key is empty.")
            elif values in seen and report_repeat:
                shown = ", ".join(str(raw.at[index, k]) for k in key)
                problems.add(index + 2, "+".join(key), f"the key ({shown}) appears more than once.")
            seen.add(values)

    for fk in table_schema.get("foreignKeys", []):
        columns = _as_list(fk["fields"])
        target = fk["reference"].get("resource", "") or name
        target_fields = _as_list(fk["reference"]["fields"])
        target_frame = frame if target == name else _load(target, directory)
        known = {values for values in _key_tuples(target_frame, target_fields) if set(values) != {None}}
        target_file = f"data/{resources[target]['path']}"
        for index, values in enumerate(_key_tuples(frame, columns)):
            if set(values) == {None} or values in known:
                continue
            if len(columns) == 1:
                what = f"{_short(raw.at[index, columns[0]])} is not an id in {target_file}."
            else:
                shown = ", ".join(str(raw.at[index, c]) for c in columns)
                what = f"({shown}) is not a key of {target_file} ({', '.join(target_fields)})."
            problems.add(index + 2, "+".join(columns), what)

    cited_columns = source_columns(raw)
    if cited_columns:
        known_sources = set(raw["id"]) if name == "sources" else set(_load("sources", directory)["id"])
    for column in cited_columns:
        for index, value in raw[column].items():
            if not isinstance(value, str):
                continue
            unknown = [i for i in split_ids(value) if i not in known_sources]
            if unknown:
                problems.add(int(index) + 2, column, f"cites {unknown}, not found in data/sources.csv.")

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


def source_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of a table that cite sources: ``source_ids``, and columns such as ``terms_source_ids`` that
    cite the sources of one part of a row (the Russian and Kazakh forms of a term, for example)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"source_columns() needs a DataFrame such as load('glossary'), not {type(frame).__name__}.")
    return [c for c in frame.columns if c == "source_ids" or str(c).endswith("_source_ids")]


def source_ids_of(frame: pd.DataFrame) -> list[str]:
    """Every source id a table cites, in all its source columns (:func:`source_columns`), once each, in order
    of first appearance (row by row, ``source_ids`` first)."""
    if not isinstance(frame, pd.DataFrame) or "source_ids" not in frame.columns:
        got = type(frame).__name__ if not isinstance(frame, pd.DataFrame) else f"a DataFrame with {list(frame.columns)}"
        raise TypeError(
            f"source_ids_of() needs a DataFrame with a 'source_ids' column, such as load('events'); got {got}."
        )
    columns = source_columns(frame)
    cited = [value for row in zip(*(frame[c] for c in columns), strict=True) for value in row]
    return list(dict.fromkeys(id_list(cited)))


_PRECISIONS = ("day", "month", "year")
_ISO_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def format_date(value: object, precision: object = "day", style: str = "long") -> str:
    """A date written no more precisely than it is known.

    ``precision`` is ``"day"``, ``"month"`` or ``"year"``, as the data's ``*_precision`` columns hold it (a
    missing precision counts as ``"day"``). ``style="long"`` gives ``"1 July 2009"``, ``"July 2009"`` or
    ``"2009"``; ``style="iso"`` gives ``"2009-07-01"``, ``"2009-07"`` or ``"2009"``. A missing date (``None``,
    ``NaT``, ``NaN``) gives ``""``.
    """
    if style not in ("long", "iso"):
        raise ValueError(f"style must be 'long' (1 July 2009) or 'iso' (2009-07-01), not {style!r}.")
    if _missing(precision):
        precision = "day"
    if precision not in _PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(_PRECISIONS)} (or missing for day), not {precision!r}.")
    if _missing(value):
        return ""
    if not isinstance(value, (datetime.date, pd.Timestamp, str)):
        raise TypeError(
            f"format_date() needs a date (a Timestamp, a datetime.date or text such as '2009-07-01'), "
            f"not {type(value).__name__}."
        )
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"format_date() cannot read {value!r} as a date; write it as '2009-07-01'.") from exc
    stamp = pd.Timestamp(value)
    if style == "iso":
        return stamp.strftime(_ISO_FORMATS[precision])
    if precision == "year":
        return stamp.strftime("%Y")
    if precision == "month":
        return stamp.strftime("%B %Y")
    return f"{stamp.day} {stamp:%B %Y}"


#: Addresses longer than this are shortened where they are shown (the link keeps the whole address).
_URL_SHOWN = 80
_URL_KEPT = 70


@dataclass(frozen=True)
class Reference:
    """One row of ``sources`` as a reference: ``str(reference)`` is the one-line form :func:`cite` returns.

    ``date`` is the publication date at its precision in ISO style (``"2009-07-14"``, ``"2009-07"``,
    ``"2009"``), or ``""`` when unknown.
    """

    id: str
    title: str
    publisher: str
    url: str
    author: str | None = None
    date: str = ""

    @property
    def who(self) -> str:
        """The author and the publisher, or the publisher alone when no author is named."""
        return self.publisher if not self.author else f"{self.author}, {self.publisher}"

    @property
    def text(self) -> str:
        """Everything but the address: ``"Human Rights Watch (2009-07-14). Rescind new media restrictions."``."""
        return f"{self.who} ({self.date or 'n.d.'}). {self.title}."

    @property
    def short_url(self) -> str:
        """The address as shown in a list: whole up to 80 characters, else its first 70 and an ellipsis."""
        return self.url if len(self.url) <= _URL_SHOWN else self.url[:_URL_KEPT] + "…"

    def markdown(self) -> str:
        """The reference with its address as a Markdown link."""
        return f"{self.text} [{self.short_url}]({self.url})"

    def __str__(self) -> str:
        return f"{self.text} {self.url}"


def _reference(source_id: str, row: pd.Series) -> Reference:
    return Reference(
        id=source_id,
        title=row["title"],
        publisher=row["publisher"],
        url=row["url"],
        author=None if _missing(row["author"]) else row["author"],
        date=format_date(row["published"], row["published_precision"], style="iso"),
    )


def reference_list(ids: object) -> list[Reference]:
    """The sources as :class:`Reference` records, in the order given (duplicates dropped).

    ``ids`` may be one id, a semicolon-separated string, a list of ids or a Series of such strings.
    """
    wanted = list(dict.fromkeys(id_list(ids)))
    if not wanted:
        raise ValueError("A reference list needs at least one source id, for example cite('hrw-2009-07-14').")
    sources = _load("sources", str(data_dir())).set_index("id")
    unknown = [i for i in wanted if i not in sources.index]
    if unknown:
        raise KeyError(
            f"Unknown source id(s) {unknown}. Source ids are the 'id' column of load('sources'), "
            "for example 'hrw-2009-07-14'."
        )
    return [_reference(i, sources.loc[i]) for i in wanted]


def cite(ids: object) -> list[str]:
    """Format sources as one-line references, in the order given (duplicates dropped).

    ``ids`` may be one id, a semicolon-separated string, a list of ids or a Series of such strings.
    """
    return [str(reference) for reference in reference_list(ids)]


def references(ids: object, heading: str | None = "Sources"):
    """A numbered Markdown list of the sources, ready to display under a section or at the end of a lesson."""
    from IPython.display import Markdown

    lines = [f"{n}. {reference.markdown()}" for n, reference in enumerate(reference_list(ids), start=1)]
    head = f"**{heading}**\n\n" if heading else ""
    return Markdown(head + "\n".join(lines))


# A field holding a semicolon-separated list of codes declares its codes in its pattern, as
# ^(a|b|c)(;(a|b|c))*$ (Table Schema's enum constraint applies to a whole cell, not to list items).
_LIST_PATTERN = re.compile(r"\^\((?P<codes>[^()]+)\)\(;\((?P=codes)\)\)\*\$")


def _codes(field: dict) -> list[str] | None:
    """The codes a field's values are made of: its enum, or the items its list pattern allows; else None."""
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        return [str(code) for code in constraints["enum"]]
    match = _LIST_PATTERN.fullmatch(constraints.get("pattern", ""))
    return match["codes"].split("|") if match else None


def _field(table: str, column: object) -> dict:
    fields = schema(table)["fields"]
    if not isinstance(column, str):
        raise TypeError(f"A column name must be a string such as 'kind', not {type(column).__name__}.")
    for field in fields:
        if field["name"] == column:
            return field
    raise KeyError(
        f"Table {table!r} has no column {column!r}. Its columns are: {', '.join(f['name'] for f in fields)}."
    )


def labels(table: str, column: str) -> dict[str, str]:
    """The plain-language label of each code a column may hold, in the order the schema lists the codes.

    >>> netgov.data.labels("positions", "stance")["welcomes_with_reservations"]   # doctest: +SKIP
    'Welcomes, with reservations'
    """
    field = _field(table, column)
    if "labels" not in field:
        labelled = [f["name"] for f in schema(table)["fields"] if "labels" in f]
        if labelled:
            which = f"the columns of {table!r} with labels are: {', '.join(labelled)}"
        else:
            which = f"no column of {table!r} has labels"
        raise KeyError(f"Column {table}.{column} has no labels; {which}.")
    codes = _codes(field) or []
    given = field["labels"]
    if sorted(given) != sorted(codes):
        raise DataError(
            f"datapackage.json: the labels of {table}.{column} do not match its codes: no label for "
            f"{[c for c in codes if c not in given]}, labels for unknown codes {[c for c in given if c not in codes]}."
        )
    return {code: given[code] for code in codes}


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
        if "review" in resource:
            from .freshness import describe_rule, review_rule

            parts.append(describe_rule(review_rule(name)) + "\n")
        parts.append("| column | type | required | meaning |")
        parts.append("|---|---|---|---|")
        for field in table_schema["fields"]:
            constraints = field.get("constraints", {})
            meaning = field.get("description", "")
            codes = _codes(field)
            if codes and ("enum" in constraints or "labels" in field):
                given = field.get("labels", {})
                shown = ", ".join(f"`{c}` ({given[c]})" if c in given else f"`{c}`" for c in codes)
                meaning += (" One of: " if "enum" in constraints else " Each item one of: ") + shown + "."
            required = "yes" if constraints.get("required") else ""
            meaning = meaning.replace("|", "\\|")
            parts.append(f"| `{field['name']}` | {field['type']} | {required} | {meaning} |")
        for fk in table_schema.get("foreignKeys", []):
            ref = fk["reference"]
            target = ref.get("resource") or name
            columns = ", ".join(f"`{c}`" for c in _as_list(fk["fields"]))
            referred = ", ".join(f"`{target}.{c}`" for c in _as_list(ref["fields"]))
            parts.append(f"\n{columns} refers to {referred}.")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def balance_markdown() -> str:
    """How the sources divide by kind and by language, as Markdown (the block between the balance markers in
    data/README.md): what the kit could find shapes what it can say."""
    sources = load("sources")
    kinds = labels("sources", "kind")
    table = pd.crosstab(sources["kind"], sources["language"], margins=True, margins_name="all")
    languages = [c for c in table.columns if c != "all"]
    languages = sorted(languages, key=lambda c: (-int(table.at["all", c]), c)) + ["all"]
    rows = [k for k in kinds if k in table.index] + ["all"]
    lines = [
        f"{len(sources)} sources. Rows: the kind of source; columns: the language it was read in (ISO 639-1 codes).",
        "",
        "| kind | " + " | ".join(f"`{c}`" if c != "all" else "all" for c in languages) + " |",
        "|---|" + "---:|" * len(languages),
    ]
    for kind in rows:
        name = kinds.get(kind, "all kinds") if kind != "all" else "all kinds"
        cells = [str(int(table.at[kind, c])) if int(table.at[kind, c]) else "" for c in languages]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


BALANCE_START = "<!-- balance:start -->"
BALANCE_END = "<!-- balance:end -->"
DICTIONARY_START = "<!-- dictionary:start -->"
DICTIONARY_END = "<!-- dictionary:end -->"
