"""Lesson 2's widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import pandas as pd
import pytest
from answers import right_answers

import netgov
from netgov import lesson2
from netgov.lesson2 import checks as check

# Statement timeline --------------------------------------------------------------------------------


def test_timeline_filters_by_group_kind_and_years():
    timeline = lesson2.StatementTimeline()
    timeline.groups.value = ("NGOs and media",)
    shown = timeline.selection()
    assert set(shown["group"]) == {"NGOs and media"}
    assert {trace.name for trace in timeline.figure.data} == {lesson2.KINDS[k] for k in set(shown["kind"])}
    timeline.years.value = (2009, 2009)
    assert set(timeline.selection()["date"].dt.year) == {2009}
    assert f"Timeline of {len(timeline.selection())} statements" in timeline.text.value


def test_timeline_detail_card_follows_the_choice():
    timeline = lesson2.StatementTimeline()
    timeline.picker.value = "ev-2009-06-29-haraszti-veto-appeal"
    assert "Haraszti asks Nazarbayev not to sign the internet law" in timeline.detail.value
    assert "opennet.net" in timeline.detail.value  # its source


def test_timeline_with_nothing_selected_says_so():
    timeline = lesson2.StatementTimeline()
    timeline.kinds.value = ()
    assert len(timeline.figure.data) == 0
    assert "Nothing matches these filters" in timeline.figure.layout.annotations[0].text
    assert "Nothing matches these filters" in timeline.text.value
    assert timeline.picker.options == () and timeline.detail.value == ""


def test_timeline_rejects_impossible_years():
    with pytest.raises(ValueError, match=r"years must be a \(start, end\) pair within"):
        lesson2.StatementTimeline(years=(1990, 2000))


def test_every_group_is_known():
    assert "Other" not in set(lesson2.statement_table()["group"])


# Commitments tracker -------------------------------------------------------------------------------


def test_tracker_shows_every_commitment_with_status_and_sources():
    tracker = lesson2.CommitmentsTracker()
    html = tracker.text.value
    for row in netgov.load("commitments").itertuples():
        assert row.commitment.replace("'", "&#x27;") in html
    assert "Not met" in html and "Partly met" in html and "<ol" in html


def test_tracker_filters_by_status_and_handles_none():
    tracker = lesson2.CommitmentsTracker()
    tracker.status.value = ("not_met",)
    assert tracker.text.value.startswith("<p>1 commitment(s) shown.")
    tracker.status.value = ()
    assert "choose at least one status" in tracker.text.value
    with pytest.raises(ValueError, match="Unknown status"):
        tracker.render(["done"])


# Positions map -------------------------------------------------------------------------------------


def test_latest_positions_keeps_the_most_recent_stance():
    table = lesson2.latest_positions(2011)
    rfom = table[(table["actor_id"] == "osce-rfom") & (table["issue"] == "media-law-reform")]
    assert rfom["stance"].tolist() == ["opposes"]
    assert not table.duplicated(["actor_id", "issue"]).any()
    with pytest.raises(ValueError, match="between"):
        lesson2.latest_positions(1900)
    with pytest.raises(TypeError, match="whole number"):
        lesson2.latest_positions("2009")


def test_positions_map_labels_every_cell_in_words():
    positions_map = lesson2.PositionsMap(year=2009)
    heatmap = positions_map.figure.data[0]
    filled = [t for row in heatmap.text for t in row if t]
    assert filled and set(filled) <= {label for label, _, _ in lesson2.STANCES.values()}
    assert len(filled) == len(lesson2.latest_positions(2009))
    positions_map.year.value = 2024
    assert "as of the end of 2024" in positions_map.text.value
    assert positions_map.chart.refreshes >= 2


def test_positions_map_starts_at_the_first_stated_position():
    positions_map = lesson2.PositionsMap()
    first = int(netgov.load("positions")["date"].dt.year.min())
    assert positions_map.year.min == first
    positions_map.year.value = first
    assert len(positions_map.figure.data) == 1
    assert "Grid of" in positions_map.text.value


def test_positions_map_cannot_go_before_the_first_position():
    """No empty grid to explain: the slider stops at the first year with a position, and the table refuses
    earlier years with the range it covers."""
    positions_map = lesson2.PositionsMap()
    first = int(netgov.load("positions")["date"].dt.year.min())
    assert positions_map.year.min == first
    with pytest.raises(ValueError, match=f"between {first} and"):
        lesson2.latest_positions(first - 1)


# Exercise checks -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers():
    return right_answers("lesson2")


def test_pinned_answers():
    """Literal values, so that a wrong computation in the check and in its answer key cannot agree."""
    assert check.q5(2004)  # the 2004 veto request, coded like those of 2009 and 2011
    assert not check.q5(2011)
    assert check.q4(["hrw"])


def test_wrong_answers_get_specific_hints(answers):
    assert "wrong way round" in check.q1(-answers["q1"]).message
    assert "another actor has more" in check.q2("European Union").message
    assert "not an actor" in check.q2("Santa").message
    assert (
        "partly met ones too"
        in check.q3(int(netgov.load("commitments")["status"].isin(["met", "partly_met"]).sum())).message
    )
    assert (
        "everyone who opposed the law"
        in check.q4(
            list(
                set(netgov.load("positions").query("issue == 'internet-law-2009' and stance == 'opposes'")["actor_id"])
            )
        ).message
    )
    assert "already opposed" in check.q5(2013).message
    assert not check.q5(2009)


def test_equivalent_forms_are_accepted(answers):
    assert check.q1(pd.Timedelta(days=answers["q1"]))
    assert check.q2(answers["q2"].upper())
    assert check.q4(pd.Series(answers["q4"]))
    assert check.q4(tuple(a.upper() for a in answers["q4"]))


def test_bad_types_are_explained():
    assert check.q2(42).status == "unreadable"
    assert check.q4(42).status == "unreadable"
    assert check.q5([2011]).status == "unreadable"


def test_role_briefs_are_built_from_the_data():
    for role in lesson2.CARDS:
        brief = lesson2.role_brief(role).data
        assert brief.startswith(f"### Brief: {role}") and "**Sources**" in brief
    eu = lesson2.role_brief("European Union").data
    assert "Decision 633" in eu
    early = lesson2.role_card("European Union", until="2008-12-31")
    assert all(fact["date"] <= "2008-12-31" for fact in early["facts"])  # nothing after the cut-off date
    # the scene's date (31 July 2009) keeps later statements, such as the 2025 ones, out of the briefs
    delegation = lesson2.role_brief("Kazakhstan's delegation").data
    assert "Telegram" not in delegation and "2025" not in delegation
    with pytest.raises(KeyError, match="Unknown role"):
        lesson2.role_brief("Mars")
    with pytest.raises(ValueError, match="until must be a date"):
        lesson2.role_brief("European Union", until="soon")
