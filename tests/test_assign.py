"""The exercise notebooks, their solutions and the autograders come from the master notebooks (netgov.assign).

A master in assignments/ holds each task's prompt, solution and hidden test together; ``python -m netgov assign
N`` writes the rest. These tests fail when a master was edited and the command not run, when a task has no
hidden test, and when a solutions notebook still has a ``...`` to fill in.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT

from netgov import assign
from netgov.lessons import LESSONS

MASTERS = assign.masters(ROOT)
LESSON = {lesson.number: lesson for lesson in LESSONS}
CHECK = re.compile(r"\bcheck\.(q\d+)\(")


def cells(path) -> list[dict]:
    return [{**c, "source": "".join(c["source"])} for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]


def hidden_tests(master) -> dict[str, list[str]]:
    """{question name: the code of its hidden tests} from a master's ``# BEGIN TESTS`` blocks."""
    tests: dict[str, list[str]] = {}
    question, in_tests = None, False
    for cell in cells(master):
        text = cell["source"]
        if cell["cell_type"] == "raw":
            first = text.strip().splitlines()[0] if text.strip() else ""
            if first == "# BEGIN QUESTION":
                question = re.search(r"^name:\s*(\S+)", text, re.M)[1]
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(first, in_tests)
        elif in_tests and cell["cell_type"] == "code" and re.search(r"^hidden:\s*true\s*$", text, re.M):
            tests.setdefault(question, []).append(text)
    return tests


def test_every_lesson_with_exercises_has_a_master():
    with_exercises = {lesson.number for lesson in LESSONS if lesson.exercise}
    assert set(MASTERS) == with_exercises, "a lesson's exercises come from assignments/0N-slug.ipynb"


@pytest.mark.parametrize("number", sorted(MASTERS))
def test_the_committed_notebooks_are_what_the_master_generates(number):
    pytest.importorskip("otter", reason="Otter Assign is in the instructor and test extras")
    generated = assign.generate(number, ROOT)
    stale = [path for path, content in generated.items() if (ROOT / path).read_bytes() != content]
    assert not stale, (
        f"{', '.join(stale)} differ from what {MASTERS[number].relative_to(ROOT)} generates: edit the master, "
        f"then run `python -m netgov assign {number}` and commit what it writes"
    )


@pytest.mark.parametrize("number", sorted(MASTERS))
def test_every_task_has_a_hidden_test_in_the_master(number):
    student = ROOT / LESSON[number].exercise_notebook
    tasks = {m for cell in cells(student) if cell["cell_type"] == "code" for m in CHECK.findall(cell["source"])}
    assert tasks, f"{student.name} has no checked task"
    tests = hidden_tests(MASTERS[number])
    for task in sorted(tasks):
        assert task in tests, f"task {task} of {student.name} has no hidden test in the master"
        assert any(f"check.{task}(answer_{task})" in t and "assert result, result.message" in t for t in tests[task]), (
            f"{task}'s hidden test must call the lesson's check and assert what it says"
        )


@pytest.mark.parametrize("number", sorted(MASTERS))
def test_the_solutions_leave_nothing_to_fill_in(number):
    solutions = ROOT / LESSON[number].solution_notebook
    for cell in cells(solutions):
        if cell["cell_type"] == "code" and CHECK.search(cell["source"]):
            assert not re.search(r"=\s*\.\.\.\s*$", cell["source"], re.M), f"{cell['id']}: a `...` is left"
            assert "# SOLUTION" not in cell["source"] and "# BEGIN PROMPT" not in cell["source"], (
                f"{cell['id']}: a solution marker is left"
            )


@pytest.mark.parametrize("number", sorted(MASTERS))
def test_the_student_notebook_has_no_solution_or_hidden_test(number):
    student = ROOT / LESSON[number].exercise_notebook
    text = student.read_text(encoding="utf-8")
    for marker in ("# SOLUTION", "# BEGIN", "# END", "def test_q", "Points a strong answer", "<!-- "):
        assert marker not in text, f"{student.name} shows {marker!r}, which only the master may hold"


def test_the_solutions_notebook_takes_out_the_markers_and_the_prompt():
    code = "\n".join(
        [
            "# BEGIN SOLUTION NO PROMPT",
            "x = 1",
            "# END SOLUTION",
            '""" # BEGIN PROMPT',
            "answer_q1 = ...",
            '"""; # END PROMPT',
            "answer_q1 = x + 1  # SOLUTION",
            "check.q1(answer_q1)",
        ]
    )
    assert assign._solution_source(code) == "x = 1\nanswer_q1 = x + 1\ncheck.q1(answer_q1)"


@pytest.mark.parametrize("number", sorted(MASTERS))
def test_the_masters_are_stored_as_the_kit_stores_notebooks(number):
    text = MASTERS[number].read_text(encoding="utf-8")
    assert text == assign._dumps(json.loads(text)), (
        f"{MASTERS[number].name} is not in the kit's notebook form (json indent 1, keys in order, sources as lines)"
    )
