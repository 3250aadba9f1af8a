"""The as-of date and the freshness report, on a small package whose review dates are set on purpose.

The package has a table of blocks: one reviewed a month before "today" (fresh), one twenty months before
(stale), one never reviewed, and one that ended (it cannot change, so it is never due). The real package is
checked at the end: its review rules select the rows they should, and the README carries its as-of date.
"""

from __future__ import annotations

import datetime
import json

import pytest
from helpers import ROOT

import netgov
from netgov import freshness
from netgov.__main__ import AS_OF_END, AS_OF_START, as_of_markdown, main
from netgov.data import DataError

TODAY = "2026-12-01"
SOURCES = (
    "id,title,publisher,published,source_ids\n"
    "old-report,An old report,Somebody,2019-05-01,\n"
    "new-report,A new report,Somebody,2026-03-15,\n"
    "undated,A page,Somebody,,\n"
)
EVENTS = "id,date,source_ids\nfirst,2019-05-01,old-report\nnewest,2026-03-15,new-report\n"
BLOCKS_HEADER = "id,end,certainty,year,source_ids,last_reviewed\n"
FRESH = "fresh,,documented,2020,new-report,2026-11-01\n"
STALE = "stale,,documented,2020,old-report,2025-04-01\n"
NEVER = "never,,documented,2020,old-report,\n"
ENDED = "ended,2021-01-01,documented,2020,old-report,\n"
ILLUSTRATIVE = "placeholder,,illustrative,2020,undated,\n"


def write(folder, blocks, rule=None, with_column=True):
    """Write the package into ``folder``: sources, events and a table of blocks with a review rule."""
    folder.mkdir(exist_ok=True)
    fields = [{"name": n, "type": t} for n, t in [("id", "string"), ("end", "date"), ("certainty", "string")]]
    fields += [{"name": "year", "type": "integer"}, {"name": "source_ids", "type": "string"}]
    if with_column:
        fields.append({"name": "last_reviewed", "type": "date"})
    blocks_resource = {"name": "blocks", "path": "blocks.csv", "schema": {"fields": fields, "primaryKey": ["id"]}}
    blocks_resource["review"] = rule or {
        "when": [{"field": "end", "empty": True}, {"field": "certainty", "not": "illustrative"}],
        "why": "a block with no end can be lifted",
    }
    text_fields = ("id", "title", "publisher", "published", "source_ids")
    source_fields = [{"name": n, "type": "date" if n == "published" else "string"} for n in text_fields]
    event_fields = [{"name": "id", "type": "string"}, {"name": "date", "type": "date"}]
    event_fields.append({"name": "source_ids", "type": "string"})
    descriptor = {
        "name": "freshness-test",
        "resources": [
            {"name": "sources", "path": "sources.csv", "schema": {"fields": source_fields, "primaryKey": ["id"]}},
            {"name": "events", "path": "events.csv", "schema": {"fields": event_fields, "primaryKey": ["id"]}},
            blocks_resource,
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    header = BLOCKS_HEADER if with_column else BLOCKS_HEADER.replace(",last_reviewed", "")
    body = "".join(blocks) if with_column else "".join(b.rsplit(",", 1)[0] + "\n" for b in blocks)
    (folder / "blocks.csv").write_text(header + body, encoding="utf-8")
    return folder


@pytest.fixture
def package(tmp_path, monkeypatch):
    def make(*blocks, **options):
        folder = write(tmp_path / "data", blocks, **options)
        monkeypatch.setenv("NETGOV_DATA", str(folder))
        netgov.data.clear_cache()
        return folder

    yield make
    netgov.data.clear_cache()


def test_the_rule_selects_the_rows_that_can_change(package):
    package(FRESH, STALE, NEVER, ENDED, ILLUSTRATIVE)
    assert list(freshness.changeable_rows("blocks")["id"]) == ["fresh", "stale", "never"]
    assert freshness.changeable_rows("events").empty  # no rule: nothing to review


def test_the_report_lists_stale_and_never_reviewed_rows_but_not_fresh_or_closed_ones(package):
    package(FRESH, STALE, NEVER, ENDED, ILLUSTRATIVE)
    result = freshness.report(TODAY, months=12)
    (blocks,) = [t for t in result.tables if t.table == "blocks"]
    assert blocks.changeable == 3
    assert list(blocks.due["id"]) == ["stale", "never"]
    text = result.text()
    assert "- stale: last reviewed 2025-04-01" in text
    assert "- never: never reviewed" in text
    assert "fresh:" not in text and "ended" not in text and "placeholder" not in text
    assert "blocks: 2 of 3 due (a block with no end can be lifted)" in text


def test_the_period_decides_what_is_due(package):
    package(FRESH, STALE)
    assert freshness.report(TODAY, months=24).due() == 0
    assert freshness.report(TODAY, months=12).due() == 1
    assert freshness.report("2027-12-01", months=12).due() == 2  # a year later the fresh row is stale too


def test_the_newest_source_per_table_comes_from_the_rows_cited(package):
    package(STALE, NEVER)
    result = freshness.report(TODAY)
    newest = {t.table: (t.newest_source, t.newest_source_id) for t in result.tables}
    assert newest["blocks"] == (datetime.date(2019, 5, 1), "old-report")
    assert newest["events"] == (datetime.date(2026, 3, 15), "new-report")
    assert "sources" not in newest


def test_as_of_is_the_newest_review_and_says_the_newest_event(package):
    package(FRESH, STALE, NEVER)
    result = freshness.as_of()
    assert result == freshness.AsOf(datetime.date(2026, 11, 1), datetime.date(2026, 3, 15), 1, 3)
    assert str(result).startswith("Data as of 1 November 2026:")
    assert "The newest dated event in the kit is from 15 March 2026." in str(result)
    assert str(result).endswith(
        "1 of the 3 rows that can change have never been checked (python -m netgov data freshness lists them)."
    )
    assert "1 November 2026" in result._repr_html_()


def test_as_of_does_not_depend_on_the_calendar(package):
    package(FRESH, STALE, ENDED)
    assert str(freshness.as_of()).endswith("15 March 2026.")  # nothing never-reviewed: no count; no "today" in it


def test_as_of_says_when_nothing_was_ever_reviewed(package):
    package(NEVER, ENDED)
    assert freshness.as_of().reviewed is None
    assert str(freshness.as_of()).startswith("Data as of: not yet reviewed")


@pytest.mark.parametrize(
    ("blocks", "status", "expected"),
    [
        ((FRESH, ENDED, ILLUSTRATIVE), 0, ["Fresh: nothing is older than 6 months."]),
        ((FRESH, STALE), 1, ["blocks: 1 row(s) that can change were last reviewed before 2026-06-01"]),
        ((FRESH, NEVER), 1, ["blocks: 1 row(s) that can change were never reviewed"]),
        ((NEVER,), 1, ["no row of the data has ever been reviewed", "blocks: 1 row(s) that can change were never"]),
        ((STALE,), 1, ["the kit's as-of date (2025-04-01) is more than 6 months before 2026-12-01"]),
    ],
    ids=["fresh", "stale", "never-reviewed", "nothing-reviewed", "old-as-of"],
)
def test_fail_after_fails_only_a_stale_kit(package, capsys, blocks, status, expected):
    package(*blocks)
    assert main(["data", "freshness", "--today", TODAY, "--fail-after", "6"]) == status
    out = capsys.readouterr().out
    for line in expected:
        assert line in out


def test_without_fail_after_a_stale_kit_still_exits_zero(package, capsys):
    package(STALE, NEVER)
    assert main(["data", "freshness", "--today", TODAY]) == 0
    assert "never: never reviewed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["data", "freshness", "--fail-after", "six"], "must be a whole number of months, 1 or more (such as 6)"),
        (["data", "freshness", "--fail-after", "0"], "must be a whole number of months"),
        (["data", "freshness", "--today", "1 Dec 2026"], "must be a date written as 2026-12-01"),
        (["data"], "the following arguments are required: data-command"),
        (["data", "fresh"], "invalid choice: 'fresh'"),
    ],
)
def test_bad_arguments_are_named(package, capsys, argv, message):
    package(FRESH)
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("today", "months", "error", "message"),
    [
        ("1/12/2026", 12, ValueError, "today must be a date written as 2026-12-01"),
        (2026, 12, TypeError, "today must be a date (or text such as '2026-12-01', or None for today)"),
        (TODAY, 0, ValueError, "months must be a whole number of months, 1 or more"),
        (TODAY, 1.5, ValueError, "months must be a whole number of months"),
        (TODAY, True, ValueError, "months must be a whole number of months"),
    ],
)
def test_bad_report_arguments_are_named(package, today, months, error, message):
    package(FRESH)
    with pytest.raises(error, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        freshness.report(today, months)


@pytest.mark.parametrize(
    ("rule", "with_column", "message"),
    [
        ({"when": [{"field": "end", "empty": True}]}, False, "the table has no 'last_reviewed' column"),
        ({"when": {"field": "end"}}, True, "'when' must be a list of conditions"),
        ({"when": [{"field": "end", "blank": True}]}, True, "one test of equals, not, empty, newest_in"),
        ({"when": [{"field": "finish", "empty": True}]}, True, "['finish'] not among the table's columns"),
        ({"when": [{"field": "year", "newest_in": ["region"]}]}, True, "['region'] not among"),
    ],
)
def test_a_broken_review_rule_is_named(package, rule, with_column, message):
    package(FRESH, rule=rule, with_column=with_column)
    with pytest.raises(DataError, match="table 'blocks', review rule") as error:
        freshness.changeable_rows("blocks")
    assert message in str(error.value)


def test_newest_in_keeps_the_newest_row_of_each_series(package):
    rule = {"when": [{"field": "year", "newest_in": ["certainty"]}], "why": "newer figures"}
    package(FRESH, STALE.replace(",2020,", ",2023,"), ILLUSTRATIVE, rule=rule)
    assert sorted(freshness.changeable_rows("blocks")["id"]) == ["placeholder", "stale"]


# ------------------------------------------------------------------------------------------ the real package


def test_the_real_review_rules_select_what_can_change():
    blocks = freshness.changeable_rows("blocking_cases")
    assert blocks["end"].isna().all() and len(blocks) > 0
    networks = freshness.changeable_rows("networks")
    assert "illustrative" not in set(networks["certainty"]) and "kazakhtelecom" in set(networks["id"])
    links = freshness.changeable_rows("links")
    assert set(links["era"]) == {"today"} and "illustrative" not in set(links["certainty"])
    market = netgov.load("market")
    newest = freshness.changeable_rows("market")
    for _, row in newest.iterrows():
        series = market[
            (market["country"] == row["country"])
            & (market["operator"] == row["operator"])
            & (market["segment"] == row["segment"])
            & (market["metric"] == row["metric"])
        ]
        assert row["year"] == series["year"].max()
    tables = {t.table for t in freshness.report().tables if t.changeable}
    assert tables == {"legal_acts", "commitments", "networks", "links", "market", "blocking_cases", "comparison"}


def test_every_review_date_is_on_or_before_today():
    for name in netgov.data.resource_names():
        frame = netgov.load(name)
        if "last_reviewed" in frame:
            assert (frame["last_reviewed"].dropna().dt.date <= datetime.date.today()).all(), name


def test_the_readme_carries_the_as_of_date_of_the_data():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(AS_OF_START), readme.index(AS_OF_END)
    assert readme[start + len(AS_OF_START) : end].strip() == as_of_markdown().strip(), (
        "README.md's as-of block is out of date: run `python -m netgov data as-of --write`."
    )


def test_no_notebook_types_the_as_of_date_by_hand():
    # The lessons show the as-of date from the data (netgov.as_of() in their setup cell); a date typed into the
    # prose would stay behind at the next review.
    import json

    from netgov._notebooks import notebooks

    reviewed = freshness.as_of().reviewed
    typed = {netgov.data.format_date(reviewed), reviewed.isoformat(), f"{reviewed:%B} {reviewed.day}, {reviewed:%Y}"}
    for path in notebooks(ROOT):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        prose = " ".join(" ".join("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")
        assert not [t for t in typed if t in prose], f"{path.name} types the as-of date; show netgov.as_of() instead"
    setups = [path for path in notebooks(ROOT, ["notebooks"]) if "netgov.as_of()" in path.read_text(encoding="utf-8")]
    assert len(setups) == len(list(notebooks(ROOT, ["notebooks"])))
