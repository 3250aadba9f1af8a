"""Exercise feedback: readable answers in many forms, friendly messages for everything else."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netgov.checks import Feedback, as_days, as_int, as_number, as_text, as_text_set, correct, judge, not_yet
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
    "answer",
    [
        np.array(["Tajikistan", "Kyrgyzstan"]),  # numpy's unique()
        pd.Series(["Tajikistan", "Kyrgyzstan", "Tajikistan"]).unique(),  # pandas' unique(): an extension array
        pd.Index(["Tajikistan", "Kyrgyzstan"]),
        "Tajikistan, Kyrgyzstan",  # a list typed as one string
        "Tajikistan;Kyrgyzstan",
        "['Tajikistan', 'Kyrgyzstan']",  # a printed list, copied
    ],
    ids=["numpy", "unique", "index", "commas", "semicolons", "printed"],
)
def test_text_sets_read_what_pandas_and_people_give(answer):
    assert as_text_set(answer, "countries") == {"kyrgyzstan", "tajikistan"}


@pytest.mark.parametrize(
    ("answer", "value"),
    [("0,86", 0.86), ("3,5", 3.5), ("1,200", 1200.0), ("12,000.5", 12000.5), (np.array([7]), 7.0)],
)
def test_numbers_with_commas_and_arrays(answer, value):
    assert as_number(answer, "a number") == value


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        (pd.Series([True, False, True]), "`.sum()` counts"),
        (pd.DataFrame({"a": [1, 2]}), "`len`"),
        (pd.DataFrame({"a": []}), "kept no rows"),
        (pd.Series([], dtype=float).median(), "kept some"),
        (pd.Timedelta(days=3), "`.days`"),
        ("1e999", "not inf"),
        (10**400, "not int"),
    ],
    ids=["condition", "table", "empty", "median-of-nothing", "duration", "infinite", "huge"],
)
def test_several_values_and_strange_numbers_are_named(answer, text):
    result = as_number(answer, "a number")
    assert isinstance(result, Feedback) and text in result.message


def test_days_from_durations():
    gap = pd.Series(pd.to_datetime(["2009-07-10"])) - pd.Series(pd.to_datetime(["2009-06-24"]))
    assert as_days(gap, "days") == 16  # a column of one duration
    assert as_days(gap.iloc[0].to_timedelta64(), "days") == 16
    assert as_days(pd.Timedelta("3 days 12:00:00"), "days", whole=False) == 3.5
    assert "not whole days" in as_days(pd.Timedelta("3 days 12:00:00"), "days").message


def test_text_from_one_value_and_from_counts():
    assert as_text(pd.Series(["concerns", "concerns"]).mode(), "a verdict", top_of_counts=True) == "concerns"
    assert as_text(pd.Series({"concerns": 4, "compatible": 1}), "a verdict", top_of_counts=True) == "concerns"
    # mode() of a tie gives two values: not the label 0 of its index
    assert "2 values" in as_text(pd.Series(["a", "b"]).mode(), "a verdict", top_of_counts=True).message


def test_judge_names_mistakes_any_answer_may_hold():
    otherwise = ("No.", "Look again.")
    assert "rounded to 1 decimal place" in judge(0.9, 12 / 14, "Yes.", otherwise=otherwise).message
    assert "nearest hundred" in judge(4000, 4012.5, "Yes.", otherwise=otherwise, tolerance=1).message
    assert judge(1, 12 / 14, "Yes.", otherwise=otherwise).message == "No."  # 1 is also "all of them"
    assert judge(10, 12, "Yes.", otherwise=otherwise).message == "No."  # a count is never "rounded"
    empty = judge(0, 12, "Yes.", otherwise=otherwise, no_rows_hint="Spell 'met' as the data does.")
    assert "kept no rows" in empty.message and empty.hint == "Spell 'met' as the data does."
    assert judge(0, 12, "Yes.", otherwise=otherwise).message == "No."
    by_test = judge(7.5, 3, "Yes.", mistakes=[(lambda v: v > 5, "Too big.", "Smaller.")], otherwise=otherwise)
    assert by_test.message == "Too big."


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        ([], "empty"),
        ([1, "a"], "one item is not text: int 1"),
        (pd.DataFrame({"a": ["x"]}), "give one of its columns"),
        (np.array([["a", "b"], ["c", "d"]]), "a table of 4 values"),
        (["KG", float("nan")], "missing (NaN)"),
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


def test_a_chart_s_series_are_found_by_any_name_a_learner_may_give_them():
    import plotly.graph_objects as go

    from netgov.checks import named_traces, trace_points

    figure = go.Figure(
        [
            go.Scatter(name="kazakhstan", x=[2019, 2020], y=[32.0, float("nan")]),
            go.Scatter(name="RU", x=[2019], y=[31]),
            go.Scatter(name="Kaz", x=[2019], y=[1]),  # a fragment is not a name
            go.Scatter(name="", x=[2019], y=[2]),
            go.Bar(name="KG", x=None, y=None),
        ]
    )
    traces = named_traces(figure, {"KZ": ["KZ", "Kazakhstan"], "RU": ["RU", "Russia"], "KG": ["KG", "Kyrgyzstan"]})
    assert set(traces) == {"KZ", "RU"}
    assert trace_points(traces["KZ"]) == {2019: 32.0}, "a gap (NaN) is not a point"
    assert trace_points(traces["RU"], y=int) == {2019: 31}
    typed = go.Figure(go.Scatter(name="KZ", x=[2019, 2020], y=[32, 33])).to_plotly_json()["data"][0]
    assert trace_points(go.Scatter(typed)) == {2019: 32.0, 2020: 33.0}
