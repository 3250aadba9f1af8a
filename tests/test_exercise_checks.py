"""Every exercise check, of every lesson, answers a blank or malformed answer with guidance, never a traceback."""

from __future__ import annotations

import pytest
from answers import right_answer

import netgov
from netgov import lesson1, lesson2
from netgov.checks import Feedback, text_key
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

#: Other spellings of a right text answer that must also pass.
REASONABLE_FORMS = {
    "lesson3.q3": ["kazakhtelecom", "KAZAKHTELECOM JSC", "Kazakhtelecom-JSC", "AS9198", "9198"],
    "lesson4.q5": ["TLS filtering by server name (SNI)", "SNI", "sni filtering", "Server Name Indication", "TLS-SNI"],
}


def _other_options(name: str) -> list[str]:
    """The names of the options a learner can pick from, besides the right one: each must be judged wrong."""
    if name == "lesson1.q4":
        fields = {f["name"]: f for f in netgov.data.schema("assessments")["fields"]}
        return fields["verdict"]["constraints"]["enum"]
    if name == "lesson1.q6":
        return list(lesson1.THEMES.values()) + list(lesson1.THEMES)
    if name == "lesson2.q2":
        return list(lesson2.statement_table()["actor"].unique())
    if name == "lesson3.q3":
        return list(netgov.load("networks")["name"]) + list(netgov.load("networks")["id"])
    if name == "lesson4.q5":
        table = netgov.load("detection_signatures").query("method != 'tls_sni'")
        return list(table["method"]) + list(table["label"]) + list(table["aliases"].str.split(";").explode())
    return []


def _near_misses(name: str, right: object) -> list[object]:
    if isinstance(right, str):
        misses = [right[0], right[:3], right[: len(right) // 2], f"not {right}", f"no {right} involved", right + "x"]
        misses += ["a", "k", "x", "z", "snippet", "insnide", "JSC"]
        misses += [o for o in _other_options(name) if not ties(name, o)]
        keep = {text_key(f) for f in [right, *REASONABLE_FORMS.get(name, [])]}
        return [m for m in misses if text_key(m) not in keep]
    if isinstance(right, list):
        misses = [[*right, "something else"]]  # one item too many
        if len(right) > 1:
            misses += [right[1:], right[0]]  # one too few; a lone item
        return misses
    if isinstance(right, bool):
        return [not right]
    if isinstance(right, int):
        return [right - 1, right + 1, right * 10 or 10]
    value = float(right)  # a share (fraction), an index, a median
    misses = [value - 2, value + 2]
    if 0 < value <= 1:
        misses += [value - 0.05, value + 0.05]
    return misses


def ties(name: str, option: str) -> bool:
    """Whether an other option is also right (a tie the check accepts on purpose)."""
    return name == "lesson2.q2" and bool(dict(CHECKS)[name](option))


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[n for n, _ in CHECKS])
def test_right_answer_and_its_reasonable_forms_pass(name, check):
    right = right_answer(name)
    assert check(right), f"{name}({right!r}) should be correct: {check(right)}"
    for form in REASONABLE_FORMS.get(name, []):
        assert check(form), f"{name}({form!r}) is a reasonable form of the answer: {check(form)}"


@pytest.mark.parametrize(("name", "check"), CHECKS, ids=[n for n, _ in CHECKS])
def test_near_misses_are_not_correct(name, check):
    misses = _near_misses(name, right_answer(name))
    assert misses, f"{name}: no near misses generated"
    for miss in misses:
        result = check(miss)
        assert isinstance(result, Feedback) and result.status != "correct", f"{name}({miss!r}) was judged correct"
        assert result.message, f"{name}({miss!r}) gave no message"
