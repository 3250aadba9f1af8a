"""An exercise notebook is enough for a learner working alone.

- Its "You need" line is true: every function, method and attribute a task's solution uses is named in code
  (between backticks) in that line or in the task's own text, and a task whose solution loops or uses a
  comprehension shows one in a worked example. Tasks answered by reading a widget are left out: their solutions
  confirm the reading with code the task does not ask for.
- Its open question can be done from the notebook: it lists the criteria of its rubric in the lesson's plan.toml
  (the criteria, not the anchor answers), a code cell after it loads what it needs, including every table it names,
  and a cell of its own holds the answer.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest
from helpers import ROOT

import netgov
from netgov import plans
from netgov.lessons import LESSONS

EXERCISES = [lesson for lesson in LESSONS if lesson.exercise]
CODE = re.compile(r"```python\n(.*?)```|`([^`]+)`", re.S)
ANSWER_CELL = "*Write your answer here"


def _cells(path: str) -> list:
    return nbformat.read(ROOT / path, as_version=4).cells


def sections(cells: list) -> dict[str, list]:
    """{heading: the cells from that '## Task' heading to the next}."""
    found: dict[str, list] = {}
    current = None
    for cell in cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## Task"):
            current = cell.source.splitlines()[0]
            found[current] = []
        if current:
            found[current].append(cell)
    return found


def code_words(markdown: str) -> set[str]:
    """The names written in code in a piece of markdown: ``.str.split()`` gives str and split."""
    words = set()
    for block, inline in CODE.findall(markdown):
        words |= set(re.findall(r"[A-Za-z_]\w*", block or inline))
    return words


def shows_a_loop(markdown: str) -> bool:
    return any(re.search(r"\bfor\b.+\bin\b", block or inline) for block, inline in CODE.findall(markdown))


def used_names(source: str) -> tuple[set[str], bool]:
    """The functions, methods and attributes a cell uses, and whether it loops; what it only displays and the
    check it calls are not counted."""
    names: set[str] = set()
    loops = False
    skipped: set[int] = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "display":
            skipped.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "check":
            skipped.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names.add(node.func.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.comprehension | ast.For | ast.While):
            loops = True
    return names, loops


def untaught(lesson) -> list[str]:
    exercise = _cells(lesson.exercise_notebook)
    need = exercise[0].source
    assert "**You need:**" in need, f"{lesson.exercise_notebook} has no 'You need' line in its first cell"
    solved = sections(_cells(lesson.solution_notebook))
    problems = []
    for heading, cells in sections(exercise).items():
        checked = any(c.cell_type == "code" and re.search(r"\bcheck\.q\d+\(", c.source) for c in cells)
        widget = any(c.cell_type == "code" and c.source.strip().endswith(".widget") for c in cells)
        if not checked or widget:
            continue
        text = need + "\n" + "\n".join(c.source for c in cells if c.cell_type == "markdown")
        taught = code_words(text)
        for cell in solved[heading]:
            if cell.cell_type != "code":
                continue
            names, loops = used_names(cell.source)
            problems += [f"{heading}: the solution uses {name}" for name in sorted(names - taught)]
            if loops and not shows_a_loop(text):
                problems.append(f"{heading}: the solution loops, and no worked example shows how")
    return problems


@pytest.mark.parametrize("lesson", EXERCISES, ids=lambda lesson: lesson.exercise_notebook)
def test_the_you_need_line_names_what_the_solutions_use(lesson):
    problems = untaught(lesson)
    assert not problems, f"{lesson.exercise_notebook} does not teach what its solutions use:\n" + "\n".join(problems)


def test_the_you_need_test_sees_untaught_code():
    assert used_names("x = df['a'].str.split(';').explode()\ndisplay(x.head())\ncheck.q2(x)") == (
        {"str", "split", "explode"},
        False,
    )
    assert used_names("s = {g.nodes[n]['c'] for n in lost}")[1]
    assert code_words("Use `.str.split()` and\n```python\nsorted(x)\n```") == {"str", "split", "sorted", "x"}
    assert shows_a_loop("```python\n{n for n in nodes}\n```") and not shows_a_loop("`.nodes` for each")


# ----------------------------------------------------------------------------------------- open questions


def rubric_criteria(number: int) -> tuple[list[str], list[str]]:
    """The criteria of the rubric for a lesson's open exercise (``L<n>-open-1`` in its plan.toml, which the
    instructor guide and the class pack show), and its anchor answers, which an exercise notebook must not give
    away."""
    [question] = [q for q in plans.plan(number)["open"] if q["id"] == f"L{number}-open-1"]
    anchors = [" ".join(anchor["answer"].split()[:12]) for anchor in question["anchors"]]
    return [criterion["criterion"] for criterion in question["rubric"]], anchors


def open_question(cells: list) -> int:
    [index] = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and "(open question)" in c.source]
    return index


@pytest.mark.parametrize("lesson", EXERCISES, ids=lambda lesson: lesson.exercise_notebook)
def test_the_open_question_can_be_done_alone(lesson):
    cells = _cells(lesson.exercise_notebook)
    at = open_question(cells)
    question = cells[at].source
    criteria, anchors = rubric_criteria(lesson.number)
    assert criteria, f"Lesson {lesson.number}'s plan.toml has no rubric for its open exercise"
    missing = [c for c in criteria if c.split(":")[0].strip() not in question]
    assert not missing, f"the open question does not list the rubric's criteria {missing}"
    given_away = [a for a in anchors if a in " ".join(" ".join(c.source for c in cells).split())]
    assert not given_away, f"the notebook shows the rubric's anchor answers {given_away}"
    assert "instructor has a rubric" not in question
    after = cells[at + 1 :]
    assert after and after[0].cell_type == "code", "no code cell after the open question loads what it needs"
    answers = [c for c in after if c.cell_type == "markdown" and c.source.startswith(ANSWER_CELL)]
    assert answers, f"no cell of its own for the answer (a markdown cell starting {ANSWER_CELL!r})"
    assert ANSWER_CELL not in question, "the answer would be written into the question's own cell"
    loaded = set(re.findall(r"netgov\.load\(\"(\w+)\"\)", "\n".join(c.source for c in cells if c.cell_type == "code")))
    named = {word.removesuffix(".csv") for word in re.findall(r"`([\w.]+)`", question)}
    unloaded = sorted((named & set(netgov.data.resource_names())) - loaded)
    assert not unloaded, f"the open question names tables the notebook does not load: {unloaded}"
