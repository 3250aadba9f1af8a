"""Every lesson's check-your-understanding quiz: one right choice, and pressing Check explains the choice made."""

from __future__ import annotations

import html

import pytest

from netgov.lessons import LESSONS, lesson

QUIZZES = [entry.name for entry in LESSONS if entry.quiz]


def _questions(name: str):
    return lesson(name).quiz_questions()


@pytest.mark.parametrize("name", QUIZZES)
def test_every_choice_is_explained_when_checked(name):
    for question in _questions(name):
        assert sum(c.correct for c in question.choices) == 1, question.question
        for index, choice in enumerate(question.choices):
            question.options.value = index
            question.button.click()  # what a learner does, not a call that returns choice.correct
            shown = html.unescape(question.feedback.value)
            assert choice.why in shown, f"{name}: {choice.text!r} is not explained"
            assert ("Correct." if choice.correct else "Not quite.") in shown
            assert len(choice.why) > 20, f"{name}: {choice.text!r} has no real explanation"


@pytest.mark.parametrize("name", QUIZZES)
def test_explanations_differ_between_choices(name):
    """A copied explanation means a learner is told the same thing whatever they chose."""
    for question in _questions(name):
        whys = [c.why for c in question.choices]
        assert len(set(whys)) == len(whys), question.question


def test_the_right_answer_s_position_tells_nothing():
    """Authors tend to write the right answer first; a learner who notices stops reading the choices."""
    everywhere = []
    for name in QUIZZES:
        positions = [next(i for i, c in enumerate(q.choices) if c.correct) for q in _questions(name)]
        assert max(positions.count(p) for p in set(positions)) <= len(positions) / 2, f"{name}: {positions}"
        everywhere += positions
    assert len(set(everywhere)) >= 3, everywhere
