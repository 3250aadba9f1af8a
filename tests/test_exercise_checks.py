"""Every exercise check, of every lesson, answers a blank or malformed answer with guidance, never a traceback."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest
from answers import near_misses, reasonable_forms, right_answer

import netgov
from netgov.checks import Feedback
from netgov.lessons import LESSONS

CHECKS = [(f"{lesson.name}.{name}", function) for lesson in LESSONS for name, function in lesson.checks().items()]


def test_every_lesson_with_an_exercise_has_checks():
    for lesson in LESSONS:
        if lesson.exercise:
            assert 4 <= len(lesson.checks()) <= 8, f"{lesson.name} has {len(lesson.checks())} checks"


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[n for n, _ in CHECKS])
@pytest.mark.parametrize("blank", [..., None, "", "   "], ids=["ellipsis", "None", "empty", "spaces"])
def test_blank_answers_get_guidance(name, check, blank):
    result = check(blank)
    assert isinstance(result, Feedback) and result.status == "unanswered", f"{name}: {result}"
    assert "Replace the `...`" in result.message


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[n for n, _ in CHECKS])
@pytest.mark.parametrize("wrong", [object(), {"a": 1}, [[1, 2]], 3 + 4j], ids=["object", "dict", "nested", "complex"])
def test_malformed_answers_are_explained(name, check, wrong):
    result = check(wrong)
    assert isinstance(result, Feedback) and not result, f"{name}: {result}"
    assert result.status in ("unreadable", "not yet") and result.message


# Near misses ----------------------------------------------------------------------------------------------
# A check must accept the right answer in its reasonable forms and nothing else. Blank and malformed
# answers are above; here come answers that are almost right: fragments and single letters of a name,
# negations, the other options' names, a count off by one, a number just outside the tolerance, a list
# with one item too few or too many.


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[n for n, _ in CHECKS])
def test_right_answer_and_its_reasonable_forms_pass(name, check):
    right = right_answer(name)
    assert check(right), f"{name}({right!r}) should be correct: {check(right)}"
    for form in reasonable_forms(name):
        assert check(form), f"{name}({form!r}) is a reasonable form of the answer: {check(form)}"


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[n for n, _ in CHECKS])
def test_near_misses_are_not_correct(name, check):
    misses = near_misses(name)
    assert misses, f"{name}: no near misses generated"
    for miss in misses:
        result = check(miss)
        assert isinstance(result, Feedback) and result.status != "correct", f"{name}({miss!r}) was judged correct"
        assert result.message, f"{name}({miss!r}) gave no message"


# Misread answers ------------------------------------------------------------------------------------------
# A wrong answer gets feedback on what the learner most likely did, not on a number the check made of it: a
# count is not a percentage, a ratio upside down is not a small share, a rounded answer is not a wrong method,
# a filter that kept nothing is not a wrong count, and a name the check does not know is named.


def _model_counts() -> dict[str, int]:
    graph = netgov.lesson3.topology("2009-all")
    today = netgov.lesson3.topology("today")
    return {
        "lost": len(netgov.lesson3.lose_access(graph, "kazakhtelecom")),
        "users": len(netgov.lesson3.access_networks(graph)),
        "users_today": len(netgov.lesson3.access_networks(today)),
        "without_operator_today": (len(netgov.lesson3.lose_access(today, "kazakhtelecom")) - 1)
        / (len(netgov.lesson3.access_networks(today)) - 1),
    }


#: (check, a function giving the answer, words the feedback must hold)
MISREAD = [
    ("lesson3.q2", lambda: _model_counts()["lost"], "is the number of networks that lose access"),
    ("lesson3.q2", lambda: _model_counts()["users"], "number of networks with users"),
    ("lesson3.q2", lambda: 1 / right_answer("lesson3.q2"), "wrong way round"),
    ("lesson3.q2", lambda: round(right_answer("lesson3.q2"), 1), "rounded to 1 decimal place"),
    ("lesson3.q2", lambda: round(100 * right_answer("lesson3.q2"), -1), "rounded to the nearest ten"),
    ("lesson3.q5", lambda: 1 / right_answer("lesson3.q5"), "wrong way round"),
    ("lesson3.q5", lambda: _model_counts()["users_today"], "number of networks with users"),
    ("lesson3.q5", lambda: _model_counts()["without_operator_today"], "own network out"),
    ("lesson3.q1", lambda: 0, "kept no rows"),
    ("lesson3.q1", lambda: right_answer("lesson3.q1") / 10_000, "shares as fractions"),
    ("lesson1.q1", lambda: 0, "kept no rows"),
    ("lesson1.q5", lambda: 0, "kept no rows"),
    ("lesson4.q1", lambda: 0, "kept no rows"),
    ("lesson4.q3", lambda: 0, "kept no rows"),
    ("lesson4.q2", lambda: netgov.lesson4.case_table().groupby(["year", "ordered_by"]).size(), "plotly figure"),
    ("lesson4.q6", lambda: 0, "kept no rows"),
    ("lesson4.q7", lambda: "ip; sni; mitm; ulr", "'ulr' is not one of the methods"),
    ("lesson3.q3", lambda: float(netgov.lesson3.betweenness(netgov.lesson3.topology()).iloc[0]), "score"),
    ("lesson3.q4", lambda: [*right_answer("lesson3.q4")[1:], "Kyrgystan"], "'kyrgystan'"),
    ("lesson3.q4", lambda: [*right_answer("lesson3.q4"), "RUS"], "'rus'"),
    ("lesson2.q4", lambda: [*right_answer("lesson2.q4"), "hwr"], "'hwr' is in neither group"),
    ("lesson2.q4", lambda: ["Human Rights Watch"], "is a name"),
    ("lesson1.q2", lambda: [*right_answer("lesson1.q2")[1:], "bloger"], "'bloger'"),
    ("lesson4.q1", lambda: netgov.load("blocking_cases")["methods"].str.contains("unknown"), "`.sum()`"),
    ("lesson1.q1", lambda: netgov.load("provisions"), "`len`"),
    ("lesson4.q4", lambda: pd.Series([], dtype=float).median(), "kept some"),
]


@pytest.mark.parametrize(("name", "answer", "words"), MISREAD, ids=[f"{m[0]}-{m[2]}" for m in MISREAD])
def test_feedback_names_what_the_learner_most_likely_did(name, answer, words):
    given = answer()
    result = dict(CHECKS)[name](given)
    assert not result, f"{name}({given!r}) was judged correct"
    text = f"{result.message} {result.hint or ''}"
    assert words in text, f"{name}({given!r}): {text!r} does not say {words!r}"


def test_the_start_check_tells_a_percentage_from_a_year():
    result = netgov.start.check_first_majority_year(51)
    assert not result and "percentage" in result.message


VARIED = [
    (name, check)
    for name, check in CHECKS
    if name.split(".")[1] in importlib.import_module(f"netgov.{name.split('.')[0]}.checks").VARIANTS.tasks
]


@pytest.mark.parametrize("seed", [3, 7])
@pytest.mark.parametrize(("name", "check"), VARIED, ids=[n for n, _ in VARIED])
def test_a_variant_takes_its_answer_in_every_form_and_no_near_miss(name, check, seed):
    """The same forms and near misses as above, worked out for a variant: a check that accepted a form or refused
    a near miss only for the published values would fail here."""
    variants = importlib.import_module(f"netgov.{name.split('.')[0]}.checks").VARIANTS
    with variants.using(seed):
        right = right_answer(name)
        assert check(right), f"{name}({right!r}) in variant {seed}: {check(right)}"
        for form in reasonable_forms(name):
            assert check(form), f"{name}({form!r}) is a form of variant {seed}'s answer: {check(form)}"
        for miss in near_misses(name):
            result = check(miss)
            assert result.status != "correct", f"{name}({miss!r}) was judged correct in variant {seed}"
