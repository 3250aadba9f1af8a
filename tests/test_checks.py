"""Exercise feedback: readable answers in many forms, friendly messages for everything else."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netgov.checks import Feedback, as_int, as_number, as_text_set, correct, not_yet
from netgov.start import first_year_above


def test_feedback_is_truthy_only_when_correct():
    assert correct("yes")
    assert not not_yet("no", "look again")
    assert not as_number(..., "a number")


def test_feedback_renders_words_not_only_colour():
    html = not_yet("Too low.", "Try the years after 2010.")._repr_html_()
    assert "Not yet" in html and "Hint" in html and 'role="status"' in html
    assert "Correct" in correct("Well done.")._repr_html_()
    assert str(not_yet("Too low.", "Look again.")) == "Not yet: Too low.\nHint: Look again."


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown feedback status"):
        Feedback("maybe", "?")


@pytest.mark.parametrize("blank", [..., None, "", "   "])
def test_blank_answers_get_guidance(blank):
    result = as_number(blank, "a number")
    assert isinstance(result, Feedback) and result.status == "unanswered"
    assert "Replace the `...`" in result.message


@pytest.mark.parametrize(
    ("answer", "value"),
    [(3, 3.0), (2.5, 2.5), ("1,200", 1200.0), (np.int64(7), 7.0), (pd.Series([4]), 4.0)],
)
def test_numbers_in_many_forms(answer, value):
    assert as_number(answer, "a number") == value


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        (True, "not True or False"),
        ("many", "not a number"),
        ([1, 2], "not list [1, 2]"),
        (pd.Series([1, 2]), "2 values"),
        (float("nan"), "missing"),
    ],
)
def test_unreadable_numbers_say_why(answer, text):
    result = as_number(answer, "a number")
    assert isinstance(result, Feedback) and result.status == "unreadable"
    assert text in result.message


def test_years():
    assert as_int(2011, "a year") == 2011
    assert as_int(pd.Timestamp("2011-05-01"), "a year") == 2011
    assert as_int("2011", "a year") == 2011
    assert "whole number" in as_int(2011.5, "a year").message


def test_text_sets_ignore_order_case_and_container():
    expected = {"kyrgyzstan", "tajikistan"}
    assert as_text_set(["Tajikistan", "Kyrgyzstan"], "countries") == expected
    assert as_text_set(pd.Series(["kyrgyzstan", "TAJIKISTAN "]), "countries") == expected
    assert as_text_set("Kyrgyzstan", "countries") == {"kyrgyzstan"}


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        ([], "empty"),
        ([1, "a"], "one item is not text: int 1"),
        (pd.DataFrame({"a": ["x"]}), "pick one column"),
        (5, "not int 5"),
    ],
)
def test_text_sets_reject_bad_forms_with_guidance(answer, text):
    result = as_text_set(answer, "a list of countries")
    assert isinstance(result, Feedback) and text in result.message


def test_first_year_above():
    values = pd.Series([10.0, 49.9, 50.0, 50.6, 60.0], index=[2008, 2009, 2010, 2011, 2012])
    assert first_year_above(values, 50) == 2011
    assert first_year_above(values, 99) is None
