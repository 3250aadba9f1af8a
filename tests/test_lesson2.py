"""Lesson 2's widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
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
    within = [
        "pw-rfom-observe",
        "pw-rfom-legal-review",
        "pw-rfom-ask-veto",
        "pw-rfom-criticise",
        "pw-pc-discuss",
        "pw-pc-hear-report",
        "pw-state-block",
        "pw-mc-choose-chair",
    ]
    assert check.q6(within)
    assert not check.q6([*within, "pw-rfom-order-unblock"])


def test_wrong_answers_get_specific_hints(answers):
    assert "wrong way round" in check.q1(-answers["q1"]).message
    assert "another actor has more" in check.q2("European Union").message
    assert "not an actor" in check.q2("Santa").message
    assert (
        "partly met ones too"
        in check.q3(int(netgov.load("commitments")["status"].isin(["met", "partly_met"]).sum())).message
    )
    assert (
        "everyone who opposed the 2009 internet law"
        in check.q4(
            list(
                set(netgov.load("positions").query("issue == 'internet-law-2009' and stance == 'opposes'")["actor_id"])
            )
        ).message
    )
    assert "already shows" in check.q5(2013).message
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


# What each body can do (task 6) ----------------------------------------------------------------------


def test_the_powers_table_names_each_body_and_cites_its_sources():
    powers = lesson2.powers_table()
    assert powers["body"].notna().all() and set(powers["verdict"]) == {"within", "outside"}
    assert set(powers["body_id"]) >= {"osce-rfom", "osce-permanent-council"}
    cited = set(netgov.data.id_list(powers["source_ids"]))
    assert cited <= set(netgov.load("sources")["id"])
    # the record backs the verdicts: the office's letter asking for a veto is an action within its powers
    assert powers.set_index("event_id").loc["ev-2009-06-29-haraszti-veto-appeal", "verdict"] == "within"


def test_the_powers_check_says_what_kind_of_action_is_off(answers):
    right = answers["q6"]
    every = list(lesson2.powers_table()["id"])
    assert "every action in the table" in check.q6(every).message
    ordering = check.q6([*right, "pw-rfom-order-unblock"])  # an order, where the office can only ask
    assert "outside the powers" in ordering.message and "asks, advises" in ordering.hint
    overruling = check.q6([*right, "pw-pc-overrule"])  # a decision against a state's objection
    assert "outside the powers" in overruling.message and "'OSCE'" in overruling.hint
    blocking = check.q6([i for i in right if i != "pw-state-block"])  # consensus lets one state stop a decision
    assert "left out 1 action" in blocking.message and "consensus" in blocking.hint
    chair = check.q6([i for i in right if i != "pw-mc-choose-chair"])
    assert "left out 1 action" in chair.message and "Madrid" in chair.hint
    assert "not an id" in check.q6(["Follow media developments in every participating State"]).message
    assert "not an id" in check.q6(["osce-rfom"]).message  # a body, not an action
    for answer in (every, [*right, "pw-rfom-order-unblock"], right[1:]):
        feedback = check.q6(answer)
        assert not any(i in f"{feedback.message} {feedback.hint}" for i in every), "feedback names no action"


# The chart of positions over time (task 7) --------------------------------------------------------------


def _counts(first=2006, last=2011):
    positions = netgov.load("positions")
    kept = positions[positions["date"].dt.year.between(first, last)]
    return kept.assign(year=kept["date"].dt.year).groupby(["year", "stance"]).size().reset_index(name="count")


def test_the_chart_check_reads_the_figure_and_names_what_is_off(answers):
    assert check.q7(answers["q7"])
    labelled = {"year": "Year", "count": "Positions stated"}
    # counts without the zeros, as a plain groupby gives them, are the same chart
    gaps = px.line(_counts(), x="year", y="count", color="stance", markers=True, title="Positions", labels=labelled)
    assert check.q7(gaps)
    colour_only = px.line(_counts(), x="year", y="count", color="stance", title="Positions", labels=labelled)
    assert "only by colour" in check.q7(colour_only).message
    every_year = px.line(
        _counts(2004, 2026), x="year", y="count", color="stance", markers=True, title="Positions", labels=labelled
    )
    assert "does not follow" in check.q7(every_year).message
    untitled = px.line(_counts(), x="year", y="count", color="stance", markers=True, labels=labelled)
    assert "no title" in check.q7(untitled).message
    bare = px.line(_counts(), x="year", y="count", color="stance", markers=True, title="Positions")
    assert "not labelled in words" in check.q7(bare).message
    one_line = px.line(_counts().query("stance == 'opposes'"), x="year", y="count", color="stance", title="P")
    assert "No line named" in check.q7(one_line).message
    assert not check.q7(_counts())
    assert check.q7(...).status == "unanswered"


# Variants ----------------------------------------------------------------------------------------------------

VARIANT_SEEDS = (7, 12)


def _published():
    with check.VARIANTS.using(None):
        return check.answers()


@pytest.mark.parametrize("seed", [1, 2, 3, *VARIANT_SEEDS])
def test_a_variant_changes_the_tasks_with_parameters_and_its_answers_pass(seed):
    published = _published()
    with check.VARIANTS.using(seed):
        assert check.VARIANTS.changed_tasks(seed) == ["q1", "q2", "q4", "q5", "q7"]
        answers = check.answers()
        for task, answer in answers.items():
            result = getattr(check, task)(answer)
            assert result, f"variant {seed}, {task}: {result.message}"
        for task in ("q1", "q2", "q4", "q5"):
            assert answers[task] != published[task], f"variant {seed}, {task} asks the published question"
            assert not getattr(check, task)(published[task]), f"variant {seed}, {task} accepts the published answer"
        assert "does not follow" in check.q7(published["q7"]).message
    assert check.VARIANTS.seed is None and check.q1(published["q1"]), "the published exercises come back"


def test_a_variant_is_the_same_on_every_call():
    assert check.VARIANTS.parameters(7) == check.VARIANTS.parameters(7)
    assert check.VARIANTS.parameters(7) != check.VARIANTS.parameters(12)


@pytest.mark.parametrize("seed", VARIANT_SEEDS)
def test_a_variant_s_near_misses_get_their_hints(seed):
    published = _published()
    with check.VARIANTS.using(seed) as values:
        answers = check.answers()
        assert "wrong way round" in check.q1(-answers["q1"]).message
        assert "Very close" in check.q1(answers["q1"] + 1).message
        assert "Very close" not in check.q1(published["q1"]).message

        counts = (
            lesson2.statement_table()
            .query(
                "@values['spoken_from'] <= date.dt.year <= @values['spoken_to'] and kind in @values['spoken_kinds']"
            )["actor"]
            .value_counts()
        )
        assert counts.index[0] == answers["q2"] and counts.iloc[1] < counts.iloc[0]
        assert "another actor has more" in check.q2(counts.index[1]).message
        assert str(values["spoken_from"]) in check.q2(counts.index[1]).hint
        assert "not an actor" not in check.q2(published["q2"]).message  # an actor of the timeline, not the leader

        positions = netgov.load("positions")
        opposed = set(positions.query("issue == @values['opposed_issue'] and stance == 'opposes'")["actor_id"])
        questioned = set(
            positions.query("issue == @values['questioned_issue'] and stance in ['opposes', 'concerned']")["actor_id"]
        )
        assert opposed != set(answers["q4"]) != questioned
        assert "everyone who opposed" in check.q4(sorted(opposed)).message
        assert "everyone concerned about or opposed to" in check.q4(sorted(questioned)).message
        assert values["opposed_issue"] not in check.q4(sorted(opposed)).message  # words, not codes

        name = netgov.load("actors").set_index("id").loc[values["map_actor"], "name"]
        assert "already shows" in check.q5(answers["q5"] + 1).message
        early = check.q5(answers["q5"] - 1)
        assert "does not show" in early.message and name in early.hint

        every_year = (
            positions.assign(year=positions["date"].dt.year)
            .groupby(["year", "stance"])
            .size()
            .reset_index(name="count")
        )
        chart = px.line(every_year, x="year", y="count", color="stance", markers=True, title="P", labels={"year": "Y"})
        assert "does not follow" in check.q7(chart).message
        assert f"{values['chart_from']} to {values['chart_to']}" in check.q7(chart).hint


def test_a_variant_s_prompts_name_its_values():
    texts = check.VARIANTS.texts(7)
    values = check.VARIANTS.parameters(7)
    assert texts["spoken_kinds_code"] == ", ".join(f'"{k}"' for k in values["spoken_kinds"])
    assert texts["from_event_words"] and texts["to_event_words"]
    assert "{" not in "".join(texts.values())
    published = check.VARIANTS.texts(None)
    assert published["from_event_words"] == "the Madrid decision"
    assert published["spoken_kinds_words"] == "a statement, a letter or a report"
    assert published["map_actor_words"] == "the *OSCE Representative on Freedom of the Media*"
    assert published["map_issue_words"] == "a change on *Media-law reform*"


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
