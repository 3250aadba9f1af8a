"""Lesson 4's widgets and exercise checks, driven headlessly."""

from __future__ import annotations

import pandas as pd
import pytest
from answers import right_answers

import netgov
from netgov import lesson4
from netgov.lesson4 import checks as check

# Case explorer ----------------------------------------------------------------------------------------


def test_case_explorer_filters_and_shows_a_card():
    explorer = lesson4.CaseExplorer()
    assert f"Timeline of {len(netgov.load('blocking_cases'))} cases" in explorer.text.value
    explorer.methods.value = ("shutdown",)
    shown = explorer.selection()
    assert len(shown) == 6 and shown["methods"].str.contains("shutdown").all()
    explorer.picker.value = "bc-blackout-2022"
    assert "Nationwide internet" in explorer.detail.value and "<ol" in explorer.detail.value


def test_case_explorer_draws_open_ended_cases_as_markers():
    explorer = lesson4.CaseExplorer(years=(2014, 2015))
    markers = [t for t in explorer.figure.data if t.mode == "markers"]
    assert sum(len(t.x) for t in markers) == len(explorer.selection())
    assert explorer.figure.layout.xaxis.tickformat == "%Y"


def test_case_explorer_with_nothing_selected_says_so():
    explorer = lesson4.CaseExplorer()
    explorer.kinds.value = ()
    assert len(explorer.figure.data) == 0
    assert "No case matches" in explorer.text.value and explorer.detail.value == ""
    with pytest.raises(ValueError, match="years must be"):
        lesson4.CaseExplorer(years=(1990, 2000))


# Detect the block ---------------------------------------------------------------------------------------


def test_every_method_has_a_signature_and_a_control():
    detect = lesson4.DetectTheBlock()
    for method in netgov.load("detection_signatures")["method"]:
        detect.method.value = method
        html = detect.text.value
        assert "Teaching simulation" in html and "Control vantage point" in html and "Telltale sign" in html
    with pytest.raises(ValueError, match="Unknown method"):
        lesson4.DetectTheBlock(method="magic")


def test_mystery_measurement_gives_feedback_and_is_reproducible():
    first = lesson4.MysteryMeasurement(seed=1)
    again = lesson4.MysteryMeasurement(seed=1)
    assert first.order == again.order
    assert first.check(first.secret) is True and "Correct" in first.feedback.value
    wrong = next(m for m in first.order if m != first.secret)
    assert first.check(wrong) is False and "Not quite" in first.feedback.value
    assert first.check(None) is False and "Choose a method" in first.feedback.value
    secret = first.secret
    first.next_button.click()
    assert first.position == 1 and first.secret != secret
    with pytest.raises(ValueError, match="Unknown method"):
        first.check("magic")


# Collateral damage --------------------------------------------------------------------------------------


def test_collateral_arithmetic_and_errors():
    assert lesson4.collateral(2, 100) == {"targeted": 2, "unrelated": 98, "per_target": 49.0, "unrelated_share": 0.98}
    with pytest.raises(ValueError, match="cannot exceed"):
        lesson4.collateral(5, 3)
    with pytest.raises(ValueError, match="at least 1"):
        lesson4.collateral(0, 3)


def test_collateral_widget_follows_the_assumptions():
    widget = lesson4.CollateralDamage()
    assert widget.targeted.value == 2  # the WordPress court order named two blogs
    widget.hosted_exponent.value = 3
    assert "blocks <strong>998</strong> unrelated sites" in widget.text.value
    assert "your assumption, not data" in widget.text.value
    widget.targeted.value = 5000 if widget.targeted.max >= 5000 else 1000
    widget.hosted_exponent.value = 2
    assert "raise the number" in widget.text.value
    with pytest.raises(ValueError, match="Unknown platform case"):
        lesson4.CollateralDamage(case="bc-meduza-2014")


# Claim checker -----------------------------------------------------------------------------------------


def test_claim_checker_agrees_or_shows_the_evidence():
    checker = lesson4.ClaimChecker()
    claims = netgov.load("claims").set_index("id")
    for claim_id, row in claims.iterrows():
        checker.claim.value = claim_id
        assert checker.check(row["verdict"]) is True and "Agreed" in checker.feedback.value
        wrong = "supported" if row["verdict"] != "supported" else "contradicted"
        assert checker.check(wrong) is False and "points another way" in checker.feedback.value
    assert checker.check(None) is False
    with pytest.raises(ValueError, match="Unknown verdict"):
        checker.check("maybe")


def test_the_livejournal_language_claim_is_not_confirmed():
    claims = netgov.load("claims").set_index("id")
    assert claims.loc["claim-lj-russian-version", "verdict"] == "not_found"


# Exercise checks ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers():
    return right_answers("lesson4")


def test_wrong_answers_get_specific_hints():
    cases = netgov.load("blocking_cases")
    assert "every case" in check.q1(len(cases)).message
    assert "another year has more" in check.q2(2019).message
    assert "No case in the data begins" in check.q2(1990).message
    assert "combined throttling" in check.q3(int((cases["methods"] == "shutdown").sum())).message
    mean = (cases["end"] - cases["start"]).dt.days.dropna().mean()
    assert "the mean" in check.q4(mean).message
    assert "would look different" in check.q5("dns").message
    assert check.q5(42).status == "unreadable"


def test_equivalent_forms_are_accepted(answers):
    assert check.q5("TLS filtering by server name (SNI)")
    assert check.q4(pd.Series([answers["q4"]]))


def test_quiz_explains_every_choice():
    for question in lesson4.quiz_questions():
        for index, choice in enumerate(question.choices):
            assert question.answer(index) is choice.correct
