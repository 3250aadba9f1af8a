"""Lesson 1's widgets, quiz and exercise checks, driven headlessly."""

from __future__ import annotations

import pandas as pd
import pytest
from answers import right_answers

import netgov
from netgov import lesson1
from netgov.lesson1 import checks as check
from netgov.quiz import Choice, MultipleChoice


@pytest.fixture(scope="module")
def provisions():
    return netgov.load("provisions")


# Provision explorer -------------------------------------------------------------------------------


def test_provision_explorer_starts_on_the_2009_definition():
    explorer = lesson1.ProvisionExplorer()
    assert explorer.provision.value == "prov-2009-internet-as-media"
    assert "Internet resources treated as mass media" in explorer.text.value


def test_every_provision_renders_with_its_sources(provisions):
    explorer = lesson1.ProvisionExplorer()
    for row in provisions.itertuples():
        explorer.provision.value = row.id
        html = explorer.text.value
        assert "What it does" in html and "Whom it affects" in html
        first_source = netgov.data.split_ids(row.source_ids)[0]
        url = netgov.load("sources").set_index("id").loc[first_source, "url"]
        assert url.replace("&", "&amp;") in html, f"{row.id} card lacks its source {first_source}"


def test_assessments_appear_with_their_verdict():
    explorer = lesson1.ProvisionExplorer()
    explorer.provision.value = "prov-2009-suspension-grounds"
    assert "Incompatible with the standard" in explorer.text.value
    assert "General Comment 34" in explorer.text.value


def test_provision_without_assessment_says_so(provisions):
    judged = set(netgov.load("assessments")["provision_id"])
    unjudged = [p for p in provisions["id"] if p not in judged]
    assert unjudged, "the data has no provision without assessment to test with"
    explorer = lesson1.ProvisionExplorer()
    explorer.provision.value = unjudged[0]
    assert "No assessment in the data" in explorer.text.value


def test_provision_explorer_rejects_bad_input():
    with pytest.raises(ValueError, match="Unknown act 'law-1066'. Acts with provisions in the data"):
        lesson1.ProvisionExplorer(act_id="law-1066")
    explorer = lesson1.ProvisionExplorer(act_id="law-2009-internet")
    assert len(explorer.provision.options) == 5
    with pytest.raises(ValueError, match="Unknown provision 'nope'"):
        explorer.render("nope")
    assert "Choose a provision" in explorer.render(None)


# Legislation timeline -----------------------------------------------------------------------------


def test_timeline_shows_the_ticked_themes_only():
    timeline = lesson1.LegislationTimeline()
    for theme, box in timeline.themes.items():
        box.value = theme == "shutdowns"
    ys = {y for trace in timeline.figure.data for y in trace.y}
    assert ys == {"Communications shutdowns"}
    assert list(timeline.figure.layout.yaxis.categoryarray) == ["Communications shutdowns"]
    assert "communications shutdowns" in timeline.text.value


def test_timeline_highlights_descendants_of_the_2009_law():
    timeline = lesson1.LegislationTimeline()
    names = [trace.name for trace in timeline.figure.data]
    assert names == ["Extends the 2009 law", "Other acts"]
    assert timeline.figure.data[0].marker.symbol == "diamond"  # shape as well as colour
    timeline.highlight.value = False
    assert [trace.name for trace in timeline.figure.data] == ["Acts"]


def test_timeline_counts_match_the_data():
    timeline = lesson1.LegislationTimeline()
    for box in timeline.themes.values():
        box.value = True
    table = lesson1.legislation_table()
    n_acts = table["id"].nunique()
    assert f"Timeline of {n_acts} legal acts" in timeline.text.value
    assert sum(len(trace.x) for trace in timeline.figure.data) == len(table)
    assert timeline.figure.layout.xaxis.tickformat == "%Y"


def test_timeline_with_nothing_ticked_says_so():
    timeline = lesson1.LegislationTimeline()
    refreshed = timeline.chart.refreshes
    for box in timeline.themes.values():
        box.value = False
    assert len(timeline.figure.data) == 0
    assert "No theme ticked" in timeline.figure.layout.annotations[0].text
    assert "No theme ticked" in timeline.text.value
    assert timeline.chart.refreshes > refreshed


def test_timeline_rejects_unknown_themes():
    with pytest.raises(ValueError, match=r"Unknown theme\(s\) \['taxes'\]"):
        lesson1.LegislationTimeline(themes=("taxes",))


# Who is liable? -----------------------------------------------------------------------------------


def test_every_liability_row_renders_both_sides_and_sources():
    explorer = lesson1.LiabilityExplorer()
    for row in netgov.load("liability").itertuples():
        explorer.actor.value = row.actor_role
        explorer.content.value = row.content
        html = explorer.text.value
        assert "What the 2009 framework implied" in html and "What international standards recommend" in html
        assert "not legal advice" in html
        assert "<ol" in html  # the sources list


def test_liability_combination_without_sources_says_so():
    explorer = lesson1.LiabilityExplorer()
    explorer.actor.value = "commenter"
    explorer.content.value = "others_content"
    assert "say nothing specific" in explorer.text.value
    with pytest.raises(ValueError, match="Unknown combination"):
        explorer.render("judge", "extremism")


# Quiz ---------------------------------------------------------------------------------------------


def test_quiz_without_a_choice_asks_for_one():
    question = MultipleChoice("Q?", [Choice("a", True, "because"), Choice("b", False, "no")])
    question.button.click()
    assert "Pick one of the answers" in question.feedback.value
    question.options.value = 1
    question.button.click()
    assert "Not quite" in question.feedback.value
    with pytest.raises(ValueError, match="by its position"):
        question.answer(7)
    with pytest.raises(ValueError, match="at most 90 characters"):
        MultipleChoice("Q?", [Choice("a" * 91, True, "x"), Choice("b", False, "y")])
    with pytest.raises(ValueError, match="exactly one of them correct"):
        MultipleChoice("Q?", [Choice("a", True, "x"), Choice("b", True, "y")])


# Exercise checks ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers():
    return right_answers("lesson1")


def test_specific_wrong_answers_get_specific_hints(answers):
    assert "every act" in check.q1(len(netgov.load("provisions"))).message
    assert "';'" in check.q2(["blogger;platform_host"]).message
    assert "wrong way round" in check.q3(-answers["q3"]).message
    assert "Off by one" in check.q3(answers["q3"] + 1).message
    assert "appears" in check.q4("concerns").message
    assert "not a verdict" in check.q4("maybe").message
    assert "every act that extends" in check.q5(int(netgov.load("legal_acts")["extends_2009_law"].sum())).message
    assert "one theme has more" in check.q6("Liability for content").message


def test_checks_accept_equivalent_forms(answers):
    assert check.q2(pd.Series(answers["q2"]).str.upper())
    assert check.q2(tuple(reversed(answers["q2"])))
    assert check.q3(pd.Timedelta(days=answers["q3"]))
    assert check.q4(pd.Series([14, 4], index=[answers["q4"], "concerns"]))
    theme_id = {label: key for key, label in lesson1.THEMES.items()}[answers["q6"]]
    assert check.q6(theme_id)  # the id as well as the label
    assert check.q6(answers["q6"].upper())


def test_feedback_never_gives_the_answer_away(answers):
    for name, wrong in [("q1", 99), ("q3", 99), ("q5", 99)]:
        result = getattr(check, name)(wrong)
        text = result.message + (result.hint or "")
        assert str(answers[name]) not in text
