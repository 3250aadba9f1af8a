"""Every exercise check, of every lesson, answers a blank or malformed answer with guidance, never a traceback."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import netgov.exercises
from netgov.checks import Feedback

CHECKS = [
    (f"{info.name}.{name}", function)
    for info in pkgutil.iter_modules(netgov.exercises.__path__)
    for name, function in inspect.getmembers(
        importlib.import_module(f"netgov.exercises.{info.name}"), inspect.isfunction
    )
    if name.startswith("q") and name[1:].isdigit()
]


def test_every_lesson_has_checks():
    lessons = {name.split(".")[0] for name, _ in CHECKS}
    assert lessons == {"lesson1", "lesson2", "lesson3", "lesson4"}
    for lesson in lessons:
        assert 4 <= sum(name.startswith(lesson + ".") for name, _ in CHECKS) <= 8


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
