"""The loader types columns from the schema and names file, row and column when a file is wrong.

These tests use a small package written into a temporary folder, so that every kind of damage can
be made on purpose; tests/test_data_package.py checks the kit's real data.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import netgov
from netgov.data import DataError

SCHEMA_SOURCES = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True, "unique": True, "pattern": "^[a-z0-9-]+$"}},
        {"name": "title", "type": "string", "constraints": {"required": True}},
        {"name": "author", "type": "string"},
        {"name": "publisher", "type": "string", "constraints": {"required": True}},
        {"name": "published", "type": "date"},
        {"name": "published_precision", "type": "string", "constraints": {"enum": ["day", "month", "year"]}},
        {"name": "url", "type": "string", "constraints": {"required": True}},
        {"name": "source_ids", "type": "string"},
    ],
    "primaryKey": ["id"],
}
SCHEMA_EVENTS = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True}},
        {"name": "date", "type": "date", "constraints": {"required": True}},
        {"name": "topic", "type": "string", "constraints": {"required": True, "enum": ["law", "osce"]}},
        {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "share", "type": "number", "constraints": {"maximum": 100}},
        {"name": "flag", "type": "boolean"},
        {"name": "title", "type": "string", "constraints": {"maxLength": 20}},
        {"name": "source_ids", "type": "string", "constraints": {"required": True}},
    ],
    "primaryKey": ["id"],
}
SOURCES_CSV = (
    "id,title,author,publisher,published,published_precision,url,source_ids\n"
    "hrw-2009-07-14,Rescind new media restrictions,,Human Rights Watch,2009-07-14,day,https://example.org/a,\n"
    "osce-2009-06,Appeal,Ann Author,OSCE,2009-06-01,month,https://example.org/b,\n"
)
EVENTS_CSV = (
    "id,date,topic,count,share,flag,title,source_ids\n"
    "signed,2009-07-10,law,3,12.5,true,Law signed,hrw-2009-07-14\n"
    "appeal,2009-06-29,osce,,,false,Appeal,osce-2009-06;hrw-2009-07-14\n"
)


def write_package(folder, sources=SOURCES_CSV, events=EVENTS_CSV):
    folder.mkdir(exist_ok=True)
    descriptor = {
        "name": "test",
        "resources": [
            {"name": "sources", "path": "sources.csv", "schema": SCHEMA_SOURCES},
            {"name": "events", "path": "events.csv", "schema": SCHEMA_EVENTS},
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    if sources is not None:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    if events is not None:
        (folder / "events.csv").write_bytes(events if isinstance(events, bytes) else events.encode("utf-8"))
    return folder


@pytest.fixture
def package(tmp_path, monkeypatch):
    """Write a package (optionally damaged) and point the loader at it."""

    def make(**kwargs):
        folder = write_package(tmp_path / "data", **kwargs)
        monkeypatch.setenv("NETGOV_DATA", str(folder))
        netgov.data.clear_cache()
        return folder

    yield make
    netgov.data.clear_cache()


def test_types_come_from_the_schema(package):
    package()
    events = netgov.load("events")
    assert str(events["date"].dtype).startswith("datetime64")
    assert events["count"].dtype == "Int64"
    assert events["share"].dtype == "float64"
    assert events["flag"].dtype == "boolean"
    assert events["topic"].dtype == "str"
    assert events.loc[0, "date"] == pd.Timestamp("2009-07-10")
    assert pd.isna(events.loc[1, "count"])


def test_load_returns_a_fresh_copy_each_time(package):
    package()
    first = netgov.load("events")
    first.loc[0, "title"] = "changed"
    assert netgov.load("events").loc[0, "title"] == "Law signed"


def test_unknown_table_lists_the_valid_names(package):
    package()
    with pytest.raises(KeyError, match="No table called 'event'.*Did you mean 'events'.*sources, events"):
        netgov.load("event")
    with pytest.raises(TypeError, match="must be a string"):
        netgov.load(3)


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("x,2009-13-01,law,1,1,true,T,hrw-2009-07-14", r"row 4, column 'date': '2009-13-01' is not a date"),
        (
            "x,2009-07-01,sport,1,1,true,T,hrw-2009-07-14",
            r"row 4, column 'topic': 'sport' is not one of the allowed values \(law, osce\)",
        ),
        ("x,2009-07-01,law,1.5,1,true,T,hrw-2009-07-14", r"row 4, column 'count': '1.5' is not a valid integer"),
        ("x,2009-07-01,law,-1,1,true,T,hrw-2009-07-14", r"row 4, column 'count': -1 is below the minimum 0"),
        ("x,2009-07-01,law,1,101,true,T,hrw-2009-07-14", r"row 4, column 'share': 101.0 is above the maximum 100"),
        ("x,2009-07-01,law,1,1,maybe,T,hrw-2009-07-14", r"row 4, column 'flag': 'maybe' is not true or false"),
        (
            "x,2009-07-01,law,1,1,true,This title is far too long,hrw-2009-07-14",
            r"row 4, column 'title': is longer than 20",
        ),
        ("x,,law,1,1,true,T,hrw-2009-07-14", r"row 4, column 'date': is empty, but a value is required"),
        (
            "x,2009-07-01,law,1,1,true,T,nobody-2020",
            r"row 4, column 'source_ids': cites \['nobody-2020'\], not found in data/sources.csv",
        ),
        (
            "signed,2009-07-01,law,1,1,true,T,hrw-2009-07-14",
            r"row 4, column 'id': the key \(signed\) appears more than once",
        ),
    ],
)
def test_a_bad_value_is_named_by_file_row_and_column(package, bad_row, expected):
    package(events=EVENTS_CSV + bad_row + "\n")
    with pytest.raises(DataError, match=r"data/events.csv has \d problem") as info:
        netgov.load("events")
    assert pytest.importorskip("re").search(expected, str(info.value)), str(info.value)


def test_a_truncated_file_is_caught(package):
    truncated = EVENTS_CSV + "cut,2009-07-01,la"
    package(events=truncated)
    with pytest.raises(DataError, match=r"row 4, column 'topic': 'la' is not one of the allowed values") as info:
        netgov.load("events")
    assert "row 4, column 'source_ids': is empty" in str(info.value)


def test_a_row_with_too_many_fields_is_caught(package):
    package(events=EVENTS_CSV + "x,2009-07-01,law,1,1,true,T,hrw-2009-07-14,extra,fields\n")
    with pytest.raises(DataError, match=r"data/events.csv cannot be parsed as CSV: .*line 4"):
        netgov.load("events")


def test_a_wrong_header_is_caught(package):
    package(events=EVENTS_CSV.replace("topic", "subject", 1))
    with pytest.raises(
        DataError, match=r"row 1 \(header\): missing column\(s\) \['topic'\]; unexpected column\(s\) \['subject'\]"
    ):
        netgov.load("events")


def test_a_missing_file_is_caught(package):
    package(events=None)
    with pytest.raises(DataError, match=r"data/events.csv is missing"):
        netgov.load("events")


def test_a_file_that_is_not_utf8_is_caught(package):
    package(events=EVENTS_CSV.encode("utf-8") + "x,2009-07-01,law,1,1,true,Astana é,a\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"data/events.csv is not valid UTF-8"):
        netgov.load("events")


def test_a_duplicated_source_id_is_caught_in_sources(package):
    package(sources=SOURCES_CSV + "hrw-2009-07-14,Again,,HRW,2009-07-14,day,https://example.org/c,\n")
    with pytest.raises(
        DataError, match=r"(?s)data/sources.csv .*row 4, column 'id': 'hrw-2009-07-14' appears more than once"
    ):
        netgov.load("sources")


def test_many_problems_are_summarised(package):
    rows = "".join(f"x{i},bad,law,1,1,true,T,hrw-2009-07-14\n" for i in range(20))
    package(events=EVENTS_CSV + rows)
    with pytest.raises(DataError, match=r"(?s)has 20 problem\(s\).*and 8 more"):
        netgov.load("events")


def test_data_env_pointing_nowhere_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("NETGOV_DATA", str(tmp_path))
    netgov.data.clear_cache()
    with pytest.raises(DataError, match="does not point at a folder holding datapackage.json"):
        netgov.data.data_dir()


def test_cite_formats_references_in_order(package):
    package()
    assert netgov.cite("osce-2009-06;hrw-2009-07-14") == [
        "Ann Author, OSCE (2009-06). Appeal. https://example.org/b",
        "Human Rights Watch (2009-07-14). Rescind new media restrictions. https://example.org/a",
    ]
    assert netgov.cite(["hrw-2009-07-14", "hrw-2009-07-14"]) == netgov.cite("hrw-2009-07-14")
    assert netgov.cite(pd.Series(["hrw-2009-07-14", None])) == netgov.cite("hrw-2009-07-14")


def test_cite_rejects_bad_input_clearly(package):
    package()
    with pytest.raises(KeyError, match=r"Unknown source id\(s\) \['nope'\]"):
        netgov.cite("nope")
    with pytest.raises(ValueError, match="at least one source id"):
        netgov.cite([])
    with pytest.raises(TypeError, match="must be a string"):
        netgov.cite(42)
    with pytest.raises(TypeError, match="must be strings"):
        netgov.cite([42])


def test_references_is_markdown(package):
    package()
    md = netgov.references(["hrw-2009-07-14"])
    assert md.data == (
        "**Sources**\n\n1. Human Rights Watch (2009-07-14). Rescind new media restrictions. "
        "[https://example.org/a](https://example.org/a)"
    )


def test_source_ids_of_collects_each_id_once(package):
    package()
    assert netgov.data.source_ids_of(netgov.load("events")) == ["hrw-2009-07-14", "osce-2009-06"]
    with pytest.raises(TypeError, match="'source_ids' column"):
        netgov.data.source_ids_of(pd.DataFrame({"a": [1]}))


def test_split_ids():
    assert netgov.data.split_ids("a; b;;c") == ["a", "b", "c"]
    assert netgov.data.split_ids(None) == []
    assert netgov.data.split_ids(float("nan")) == []
    with pytest.raises(TypeError):
        netgov.data.split_ids(3)


def test_id_list_skips_every_kind_of_missing_value():
    """A learner who calls convert_dtypes() gets pd.NA in a string column; references() must still work."""
    ids = pd.Series(["hrw-2009-07-14;osce-2009-06", pd.NA, None, float("nan")]).convert_dtypes()
    assert netgov.data.id_list(ids) == ["hrw-2009-07-14", "osce-2009-06"]
    assert netgov.data.id_list(["hrw-2009-07-14", pd.NA, np.nan, pd.NaT, None]) == ["hrw-2009-07-14"]
    assert netgov.data.split_ids(pd.NA) == []


def test_references_accepts_a_converted_column(package):
    package()
    events = netgov.load("events").convert_dtypes()
    events.loc[len(events)] = pd.NA  # a row with every cell missing, as a learner's filter or merge can leave
    assert "Human Rights Watch" in netgov.references(events["source_ids"]).data


def test_describe_lists_columns(package):
    package()
    table = netgov.data.describe("events")
    assert list(table.index) == [f["name"] for f in SCHEMA_EVENTS["fields"]]
    assert table.loc["topic", "allowed values"] == "law, osce"


@pytest.fixture
def tables(tmp_path, monkeypatch):
    """Write a package from (name, schema, CSV text) triples, plus the usual sources, and point the loader at it."""

    def make(*resources, descriptor_extra=None):
        folder = write_package(tmp_path / "data", events=None)
        descriptor = json.loads((folder / "datapackage.json").read_text())
        descriptor["resources"] = [descriptor["resources"][0]]
        for name, schema, text in resources:
            descriptor["resources"].append({"name": name, "path": f"{name}.csv", "schema": schema})
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        descriptor.update(descriptor_extra or {})
        (folder / "datapackage.json").write_text(json.dumps(descriptor))
        monkeypatch.setenv("NETGOV_DATA", str(folder))
        netgov.data.clear_cache()
        return folder

    yield make
    netgov.data.clear_cache()


COUNTS = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True}},
        {"name": "count", "type": "integer"},
        {"name": "label", "type": "string", "constraints": {"required": True}},
    ],
    "primaryKey": ["id"],
}


def test_missing_values_come_from_the_schema(tables):
    schema = {**COUNTS, "missingValues": ["", "n/a"]}
    tables(("counts", schema, "id,count,label\na,n/a,x\nb,,y\n"))
    counts = netgov.load("counts")
    assert counts["count"].isna().all()
    tables(("counts", schema, "id,count,label\na,1,n/a\n"))
    with pytest.raises(DataError, match=r"row 2, column 'label': is empty, but a value is required"):
        netgov.load("counts")


def test_a_field_may_declare_its_own_missing_values(tables):
    fields = [dict(COUNTS["fields"][0]), {**COUNTS["fields"][1], "missingValues": ["-"]}, COUNTS["fields"][2]]
    tables(("counts", {**COUNTS, "fields": fields}, "id,count,label\na,-,x\n"))
    assert pd.isna(netgov.load("counts").loc[0, "count"])
    # the field's list replaces the schema's: an empty count is now a value, and not an integer
    tables(("counts", {**COUNTS, "fields": fields}, "id,count,label\na,,x\n"))
    with pytest.raises(DataError, match=r"column 'count': '' is not a valid integer"):
        netgov.load("counts")


def test_no_missing_values_makes_an_empty_cell_an_empty_text(tables):
    tables(("counts", {**COUNTS, "missingValues": []}, "id,count,label\na,1,\n"))
    assert netgov.load("counts").loc[0, "label"] == ""


UNSUPPORTED = [
    (lambda s: s["fields"][1].update(type="datetime"), "field 'count' of type 'datetime'"),
    (lambda s: s["fields"][1].update(type="list"), "field 'count' of type 'list'"),
    (lambda s: s["fields"][2].update(format="email"), "field 'label' with format 'email'"),
    (lambda s: s["fields"][1].update(bareNumber=False), "field 'count' with the property 'bareNumber'"),
    (lambda s: s["fields"][2].update(constraints={"jsonSchema": {}}), "the constraint 'jsonSchema'"),
    (
        lambda s: s["fields"][1].update(constraints={"pattern": "^1$"}),
        "field 'count' with the constraint 'pattern'",
    ),
    (lambda s: s.update(uniqueKeys=[["id", "label"]]), "the schema property 'uniqueKeys'"),
    (lambda s: s.update(primaryKey=["nope"]), "a primary or foreign key on ['nope']"),
    (
        lambda s: s.update(foreignKeys=[{"fields": ["label"], "reference": {"resource": "people", "fields": ["id"]}}]),
        "a foreign key to the table 'people'",
    ),
]


@pytest.mark.parametrize(("change", "feature"), UNSUPPORTED, ids=[feature for _, feature in UNSUPPORTED])
def test_what_the_loader_does_not_implement_is_refused_by_name(tables, change, feature):
    schema = json.loads(json.dumps(COUNTS))
    change(schema)
    tables(("counts", schema, "id,count,label\na,1,x\n"))
    with pytest.raises(
        DataError, match=r"Table 'counts' \(data/counts.csv\) uses what netgov's loader does not"
    ) as info:
        netgov.load("counts")
    assert feature in str(info.value)


def test_a_resource_dialect_is_refused(tables):
    folder = tables(("counts", COUNTS, "id;count;label\na;1;x\n"))
    descriptor = json.loads((folder / "datapackage.json").read_text())
    descriptor["resources"][1]["dialect"] = {"delimiter": ";"}
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    netgov.data.clear_cache()
    with pytest.raises(DataError, match=r"Table 'counts' .*the resource property 'dialect'"):
        netgov.load("counts")


PLACES = {
    "fields": [
        {"name": "country", "type": "string", "constraints": {"required": True}},
        {"name": "city", "type": "string", "constraints": {"required": True}},
        {"name": "part_of", "type": "string"},
        {"name": "source_ids", "type": "string"},
    ],
    "primaryKey": ["country", "city"],
    "foreignKeys": [{"fields": "part_of", "reference": {"resource": "", "fields": "city"}}],
}
VISITS = {
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True}},
        {"name": "country", "type": "string"},
        {"name": "city", "type": "string"},
        {"name": "source_ids", "type": "string"},
    ],
    "primaryKey": "id",
    "foreignKeys": [
        {"fields": ["country", "city"], "reference": {"resource": "places", "fields": ["country", "city"]}}
    ],
}
PLACES_CSV = "country,city,part_of,source_ids\nKZ,Astana,,hrw-2009-07-14\nKZ,Almaty,,\nKG,Osh,,\n"


def test_composite_and_self_referencing_keys(tables):
    tables(
        ("places", PLACES, PLACES_CSV + "KZ,Esil,Astana,\n"),
        ("visits", VISITS, "id,country,city,source_ids\nv1,KZ,Astana,\nv2,,,\n"),
    )
    assert list(netgov.load("visits")["id"]) == ["v1", "v2"]
    assert netgov.load("places").loc[3, "part_of"] == "Astana"


def test_a_dangling_composite_key_is_named(tables):
    tables(("places", PLACES, PLACES_CSV), ("visits", VISITS, "id,country,city,source_ids\nv1,KG,Astana,\n"))
    with pytest.raises(
        DataError, match=r"row 2, column 'country\+city': \(KG, Astana\) is not a key of data/places.csv"
    ):
        netgov.load("visits")


def test_a_dangling_self_reference_is_named(tables):
    tables(("places", PLACES, PLACES_CSV + "KZ,Esil,Nur-Sultan,\n"))
    with pytest.raises(DataError, match=r"row 5, column 'part_of': 'Nur-Sultan' is not an id in data/places.csv"):
        netgov.load("places")


def test_a_repeated_composite_key_is_named(tables):
    tables(("places", PLACES, PLACES_CSV + "KZ,Almaty,,\n"))
    with pytest.raises(
        DataError, match=r"row 5, column 'country\+city': the key \(KZ, Almaty\) appears more than once"
    ):
        netgov.load("places")


def test_numbers_are_read_as_frictionless_reads_them(tables):
    schema = {
        "fields": [
            {"name": "id", "type": "string"},
            {"name": "n", "type": "integer", "constraints": {"enum": [1, 2]}},
            {"name": "x", "type": "number", "constraints": {"exclusiveMaximum": 1}},
        ],
        "primaryKey": ["id"],
    }
    tables(("numbers", schema, "id,n,x\na, 2 ,0.5\nb,1,1e-1\n"))
    numbers = netgov.load("numbers")
    assert numbers["n"].tolist() == [2, 1] and numbers["x"].tolist() == [0.5, 0.1]
    tables(("numbers", schema, "id,n,x\na,1.0,1\nb,3,2\n"))
    with pytest.raises(DataError) as info:
        netgov.load("numbers")
    assert "row 2, column 'n': '1.0' is not a valid integer" in str(info.value)
    assert "row 3, column 'n': '3' is not one of the allowed values (1, 2)" in str(info.value)
    assert "row 2, column 'x': 1.0 is not below the exclusive maximum 1" in str(info.value)
