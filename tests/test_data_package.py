"""The kit's real data package: valid, cited row by row, plausible, and able to answer the core questions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from helpers import ROOT

import netgov
from netgov.data import split_ids

NAMES = netgov.data.resource_names()
#: Tables that hold a teaching choice rather than facts, and therefore cite no sources (data/README.md,
#: "Teaching choices and assumptions, marked as such"). Every other table cites sources row by row.
UNSOURCED = {"roleplay_roles"}
SOURCED = [n for n in NAMES if n != "sources" and n not in UNSOURCED]
#: Rows that may have nothing to cite: a feature nobody has researched yet says so (it may cite what was read
#: around it).
UNCITED_ROWS = {"comparison": ("finding", "not_researched")}
TODAY = pd.Timestamp(dt.date.today())
EARLIEST = pd.Timestamp("1990-01-01")
#: The comparison holds acts still in force that were made long before the internet (Germany's Criminal Code, 1871).
EARLIEST_OF = {"comparison": pd.Timestamp("1870-01-01")}


@pytest.fixture(scope="module")
def tables():
    netgov.data.clear_cache()
    return {name: netgov.load(name) for name in NAMES}


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    problems = report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:20]


def test_package_metadata():
    import json

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["contributors"]
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        assert schema.get("primaryKey"), f"{resource['name']} has no primary key"
        for field in schema["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"


@pytest.mark.parametrize("name", NAMES)
def test_every_table_loads_and_is_not_empty(tables, name):
    assert len(tables[name]) > 0


@pytest.mark.parametrize("name", SOURCED)
def test_every_row_cites_an_existing_source(tables, name):
    known = set(tables["sources"]["id"])
    frame = tables[name]
    for index, value in frame["source_ids"].items():
        ids = split_ids(value)
        column, code = UNCITED_ROWS.get(name, (None, None))
        if column is None or frame.at[index, column] != code:
            assert ids, f"{name} row {index + 2} cites no source"
        assert set(ids) <= known, f"{name} row {index + 2} cites unknown {set(ids) - known}"


@pytest.mark.parametrize("name", sorted(UNSOURCED))
def test_a_table_without_sources_says_why_and_rests_on_sourced_rows(tables, name):
    schema = netgov.data.schema(name)
    assert "source_ids" not in tables[name].columns
    import json

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text())
    description = next(r["description"] for r in descriptor["resources"] if r["name"] == name)
    assert "teaching choice" in description and "cite no sources" in description
    targets = {fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
    assert targets and targets <= set(SOURCED), "its rows must point at rows that cite sources"


def test_only_the_declared_tables_lack_sources(tables):
    assert {n for n in NAMES if "source_ids" not in tables[n].columns} - {"sources"} == UNSOURCED


def test_every_source_is_cited_somewhere(tables):
    cited = set()
    for name in SOURCED:
        cited.update(netgov.data.source_ids_of(tables[name]))
    orphans = set(tables["sources"]["id"]) - cited
    assert not orphans, f"sources nobody cites: {sorted(orphans)}"


def test_one_id_per_url(tables):
    sources = tables["sources"]
    dup = sources[sources["url"].duplicated(keep=False)]
    assert dup.empty, dup[["id", "url"]].to_string()


@pytest.mark.parametrize("name", NAMES)
def test_dates_are_plausible(tables, name):
    frame = tables[name]
    for column in frame.columns:
        if str(frame[column].dtype).startswith("datetime64"):
            dates = frame[column].dropna()
            earliest = EARLIEST_OF.get(name, EARLIEST)
            assert (dates >= earliest).all() and (dates <= TODAY).all(), (
                f"{name}.{column} outside {earliest.year}-today"
            )


@pytest.mark.parametrize(
    ("name", "date", "precision"),
    [
        ("events", "date", "date_precision"),
        ("positions", "date", "date_precision"),
        ("blocking_cases", "start", "start_precision"),
        ("blocking_cases", "end", "end_precision"),
        ("sources", "published", "published_precision"),
        ("legal_acts", "in_force", "in_force_precision"),
        ("legal_acts", "signed", "signed_precision"),
    ],
)
def test_precision_matches_the_stored_date(tables, name, date, precision):
    frame = tables[name].dropna(subset=[date])
    assert frame[precision].notna().all(), f"{name}: a {date} without {precision}"
    month = frame[frame[precision] == "month"]
    year = frame[frame[precision] == "year"]
    assert (month[date].dt.day == 1).all(), f"{name}: month-precision {date} not stored as the 1st"
    assert ((year[date].dt.day == 1) & (year[date].dt.month == 1)).all(), f"{name}: year-precision {date} not 1 January"


def test_an_end_is_never_before_its_start(tables):
    cases = tables["blocking_cases"].dropna(subset=["end"])
    bad = cases[cases["end"] < cases["start"]]
    assert bad.empty, bad[["id", "start", "end"]].to_string()
    ongoing = tables["blocking_cases"][tables["blocking_cases"]["end"].isna()]
    assert ongoing["end_note"].notna().all(), "an empty end needs an end_note saying ongoing or unknown"


def test_legal_steps_are_in_order(tables):
    acts = tables["legal_acts"]
    both = acts.dropna(subset=["signed", "in_force"])
    assert (both["in_force"] >= both["signed"]).all(), both[both["in_force"] < both["signed"]]["id"].tolist()
    both = acts.dropna(subset=["adopted", "signed"])
    assert (both["signed"] >= both["adopted"]).all(), both[both["signed"] < both["adopted"]]["id"].tolist()


def test_amended_acts_exist(tables):
    acts = tables["legal_acts"]
    known = set(acts["id"])
    for _, row in acts.dropna(subset=["amends"]).iterrows():
        assert set(split_ids(row["amends"])) <= known, f"{row['id']} amends unknown acts"


def test_timeline_covers_four_topics_from_2007(tables):
    events = tables["events"]
    assert len(events) >= 60
    # the four topics of the original timeline are all present; later topics (the UN reviews) may be added
    assert {"law", "osce", "infrastructure", "blocking"} <= set(events["topic"])
    assert events["date"].min() <= pd.Timestamp("2007-12-31")
    assert events["date"].max() >= pd.Timestamp("2022-01-01")


def test_enough_blocking_cases(tables):
    assert len(tables["blocking_cases"]) >= 25


def test_freedom_on_the_net_scales_are_never_mixed(tables):
    fotn = tables["freedom_on_the_net"]
    assert set(fotn.loc[fotn["edition"] >= 2019, "scale"]) <= {"new"}
    assert set(fotn.loc[fotn["edition"] <= 2017, "scale"]) <= {"old"}
    kz2018 = fotn[(fotn["country"] == "KZ") & (fotn["edition"] == 2018)].set_index("scale")["total"]
    if {"old", "new"} <= set(kz2018.index):
        assert kz2018["old"] + kz2018["new"] == 100


def test_fotn_subscores_add_up(tables):
    fotn = tables["freedom_on_the_net"].dropna(subset=["total", "obstacles", "limits", "violations"])
    sums = fotn["obstacles"] + fotn["limits"] + fotn["violations"]
    new = fotn["scale"] == "new"
    assert (sums[new] == fotn.loc[new, "total"]).all()
    # On the old scale the sub-scores count restrictions, so they add up to the total as well.
    assert (sums[~new] == fotn.loc[~new, "total"]).all()


def test_links_are_labelled_honestly(tables):
    networks = tables["networks"].set_index("id")
    links = tables["links"]
    assert set(links["era"]) == {"2009", "today"}
    foreign = networks[networks["role"] == "foreign_upstream"]
    placeholders = foreign[foreign["certainty"] == "illustrative"]
    named = foreign[foreign["certainty"] != "illustrative"]
    assert len(placeholders) >= 1
    assert placeholders["name"].str.startswith("Foreign transit").all(), "a placeholder must say it is one"
    assert placeholders["asn"].isna().all() and placeholders["country"].isna().all()
    assert not named["name"].str.startswith("Foreign transit").any()
    for _, link in links.iterrows():
        ends = (networks.loc[link["from_id"], "certainty"], networks.loc[link["to_id"], "certainty"])
        if "illustrative" in ends:
            assert link["certainty"] == "illustrative", f"{link['id']} touches a placeholder but is not illustrative"
        if link["to_id"] in named.index:
            # A named company appears on a link only when a source names that link.
            assert link["certainty"] == "documented", f"{link['id']}: a named foreign upstream on an unsourced link"


# The questions a learner must be able to answer from data/ alone (issue: curated data, "done when").


def test_when_the_2009_law_was_signed_and_what_it_changed(tables):
    events = tables["events"]
    signed = events[(events["kind"] == "law_signed") & (events["date"] == "2009-07-10")]
    assert len(signed) >= 1
    law = tables["legal_acts"].set_index("id").loc["law-2009-internet"]
    assert law["signed"] == pd.Timestamp("2009-07-10")
    provisions = tables["provisions"]
    assert (provisions["act_id"] == "law-2009-internet").sum() >= 4


def test_who_at_the_osce_objected_and_when(tables):
    positions = tables["positions"]
    rfom = positions[
        (positions["actor_id"].isin(["osce-rfom", "haraszti"])) & (positions["issue"] == "internet-law-2009")
    ]
    assert (rfom["stance"] == "opposes").any()
    assert pd.Timestamp("2009-06-29") in set(rfom["date"])


def test_which_operator_carried_the_neighbours_traffic(tables):
    networks = tables["networks"].set_index("id")
    links = tables["links"]
    upstream_2009 = links[(links["era"] == "2009") & (links["to_id"].str.startswith("kazakhtelecom"))]
    countries = set(networks.loc[upstream_2009["from_id"], "country"].dropna())
    assert {"KG", "UZ", "TJ"} <= countries
    assert (upstream_2009.set_index("from_id").loc[:, "certainty"] == "documented").any()


@pytest.mark.parametrize(("pattern", "year"), [("LiveJournal", 2008), ("RFE/RL|Radio Free Europe|Azattyq", 2008)])
def test_when_livejournal_and_rferl_were_blocked_and_how(tables, pattern, year):
    cases = tables["blocking_cases"]
    match = cases[cases["target"].str.contains(pattern, regex=True) & (cases["start"].dt.year == year)]
    assert len(match) >= 1
    assert match["methods"].notna().all()  # a documented method, or "unknown" said explicitly


def test_data_readme_dictionary_is_current():
    readme = (ROOT / "data" / "README.md").read_text()
    start = readme.index(netgov.data.DICTIONARY_START) + len(netgov.data.DICTIONARY_START)
    end = readme.index(netgov.data.DICTIONARY_END)
    assert readme[start:end].strip() == netgov.data.dictionary_markdown().strip(), (
        "data/README.md is out of date: run `python -m netgov dictionary --write`"
    )


def test_data_readme_balance_is_current():
    readme = (ROOT / "data" / "README.md").read_text()
    start = readme.index(netgov.data.BALANCE_START) + len(netgov.data.BALANCE_START)
    end = readme.index(netgov.data.BALANCE_END)
    assert readme[start:end].strip() == netgov.data.balance_markdown().strip(), (
        "data/README.md's table of sources is out of date: run `python -m netgov dictionary --write`"
    )
    sources = netgov.load("sources")
    assert f"{len(sources)} sources." in readme[start:end]
    assert "| all kinds | " in readme[start:end]


def test_a_truncated_copy_of_the_real_events_is_caught(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    # cut in the middle of a row (after its first three fields), not in the middle of a quoted field, whose
    # place moves as rows are added
    lines = text.splitlines(keepends=True)
    half = len(lines) // 2
    path.write_text("".join(lines[:half]) + ",".join(lines[half].split(",")[:3]), encoding="utf-8")
    with pytest.raises(netgov.data.DataError, match=r"(?s)data/events.csv .*row \d+, column '"):
        netgov.load("events")


def test_removing_a_cited_source_is_caught_where_it_is_cited(data_copy):
    sources = (data_copy / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in sources if not line.startswith("hrw-2009-07-14,")]
    assert len(kept) == len(sources) - 1
    (data_copy / "sources.csv").write_text("".join(kept), encoding="utf-8")
    with pytest.raises(netgov.data.DataError, match=r"(?s)column 'source_ids': cites \['hrw-2009-07-14'\]"):
        netgov.load("events")


def test_liability_rows_rest_on_known_provisions(tables):
    known = set(tables["provisions"]["id"])
    for _, row in tables["liability"].iterrows():
        assert set(split_ids(row["provision_ids"])) <= known, f"{row['id']} names an unknown provision"
    assert not tables["liability"].duplicated(["actor_role", "content"]).any(), "one row per actor and content"


def test_a_request_to_veto_is_coded_as_opposing(tables):
    """The coding rule in data/README.md: asking the president to veto, or not to sign, is 'opposes'."""
    positions = tables["positions"]
    asks = positions[positions["summary"].str.contains(r"\bveto|not to sign", case=False, regex=True)]
    assert len(asks) >= 3
    assert set(asks["stance"]) == {"opposes"}, asks[["id", "stance"]].to_string()


def test_the_media_representative_speaks_as_the_office(tables):
    """Statements, letters and reports of the OSCE media representative belong to the office (osce-rfom);
    the people who held it carry only their appointments, terms and visits."""
    events = tables["events"]
    actors = tables["actors"]
    holders = set(actors.loc[actors["office_id"] == "osce-rfom", "id"])
    assert holders == {"haraszti", "mijatovic", "ribeiro"}
    people = events[events["actor_id"].isin(holders)]
    assert not people["kind"].isin(["statement", "letter", "report"]).any(), people[["id", "kind"]].to_string()
    positions = tables["positions"]
    assert not positions["actor_id"].isin(holders).any(), "a stated position of an office holder belongs to the office"


def test_an_office_is_held_by_people_only(tables):
    actors = tables["actors"].set_index("id")
    holders = actors[actors["office_id"].notna()]
    assert (holders["kind"] == "person").all()
    assert (actors.loc[holders["office_id"], "kind"] != "person").all()


def test_a_stated_reason_holds_only_what_was_stated(tables):
    """Context and attributed motives belong in the note: 'none given (protests were under way)' mixes them."""
    cases = tables["blocking_cases"]
    mixed = cases[cases["stated_reason"].str.match(r"none given \(")]
    assert mixed.empty, f"context in stated_reason: {list(mixed['id'])}"
    # what nobody responsible acknowledged cannot have a reason stated by those responsible, unless the row
    # names who stated it (an operator, a minister) in a final parenthesis
    silent = cases[cases["ordered_by"] == "unacknowledged"]
    unattributed = silent[
        ~silent["stated_reason"].str.match(r"(none given|not given|varies)")
        & ~silent["stated_reason"].str.contains(r"\)$")
    ]
    assert unattributed.empty, f"a reason with no one who stated it: {list(unattributed['id'])}"


@pytest.mark.parametrize("name", ["legal_acts", "blocking_cases", "events", "positions", "sources"])
def test_notes_do_not_contradict_their_row(tables, name):
    """A note that says a column is left empty while the column holds a value (found in three rows)."""
    import re

    table = tables[name]
    dates = [c for c in table.columns if pd.api.types.is_datetime64_any_dtype(table[c])]
    for _, row in table.iterrows():
        note = row.get("note")
        if not isinstance(note, str):
            continue
        for column in re.findall(r"'(\w+)' (?:is|are|was) left empty", note):
            assert column in table.columns and pd.isna(row[column]), f"{row['id']}: note says '{column}' is empty"
        if re.search(r"\bdates (?:are|were) left empty", note):
            assert all(pd.isna(row[c]) for c in dates), f"{row['id']}: note says the dates are empty"
