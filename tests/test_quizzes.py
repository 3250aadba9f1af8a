"""Every lesson's check-your-understanding quiz: one right choice, and pressing Check explains the choice made."""

from __future__ import annotations

import html
import importlib

import pytest

LESSONS = ["lesson1", "lesson2", "lesson3", "lesson4"]


def _questions(lesson: str):
    return importlib.import_module(f"netgov.{lesson}").quiz_questions()


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_choice_is_explained_when_checked(lesson):
    for question in _questions(lesson):
        assert sum(c.correct for c in question.choices) == 1, question.question
        for index, choice in enumerate(question.choices):
            question.options.value = index
            question.button.click()  # what a learner does, not a call that returns choice.correct
            shown = html.unescape(question.feedback.value)
            assert choice.why in shown, f"{lesson}: {choice.text!r} is not explained"
            assert ("Correct." if choice.correct else "Not quite.") in shown
            assert len(choice.why) > 20, f"{lesson}: {choice.text!r} has no real explanation"


@pytest.mark.parametrize("lesson", LESSONS)
def test_explanations_differ_between_choices(lesson):
    """A copied explanation means a learner is told the same thing whatever they chose."""
    for question in _questions(lesson):
        whys = [c.why for c in question.choices]
        assert len(set(whys)) == len(whys), question.question
