"""Every time the kit states for a lesson agrees with the lesson's ``plan.toml``.

``[times]`` in ``src/netgov/lessonN/plan.toml`` is the single source: the README's lesson table, the start
notebook's lesson table, the lesson notebook's "Before you start" Time bullet, the exercise notebook's Time line and the instructor guide's generated
block must say the same. The exercise tasks are marked core or extension, in the exercises and the solutions
alike, and the run sheets set as homework the tasks the notebook marks core.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from helpers import ROOT

from netgov import plans
from netgov.lessons import LESSONS, lesson

PLANNED = plans.planned_lessons()


def _cells(path: str) -> list:
    return nbformat.read(ROOT / path, as_version=4).cells


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_lesson_with_exercises_has_a_plan():
    assert PLANNED == [entry.number for entry in LESSONS if entry.exercise]


@pytest.mark.parametrize("number", PLANNED)
def test_the_readme_table_gives_the_plans_times(number):
    times = plans.times(number)
    rows = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith(f"| {number} | [")]
    assert len(rows) == 1, f"the README's lesson table has no single row for Lesson {number}"
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    in_class = " or ".join(str(length) for length in times["class"]) + " min"
    on_own = f"about {times['self_study']} min, and {times['extension']} optional"
    assert cells[-2:] == [in_class, on_own], f"README row for Lesson {number}: {cells[-2:]} (plan.toml: {times})"


@pytest.mark.parametrize("number", PLANNED)
def test_the_start_notebooks_lesson_table_gives_the_plans_times(number):
    times = plans.times(number)
    [table] = [c.source for c in _cells(lesson(0).notebook) if "## The lessons" in c.source]
    rows = [line for line in table.splitlines() if line.startswith(f"| [{number}. ")]
    assert len(rows) == 1, f"the start notebook's lesson table has no single row for Lesson {number}"
    stated = rows[0].strip("|").split("|")[-1].strip()
    assert stated == f"about {times['self_study']} min, and {times['extension']} optional"


@pytest.mark.parametrize("number", PLANNED)
def test_the_lesson_notebook_gives_the_plans_times(number):
    times = plans.times(number)
    [before] = [c.source for c in _cells(lesson(number).notebook) if "## Before you start" in c.source]
    found = re.search(
        r"\*\*Time:\*\* in class, (\d+) or (\d+) minutes .*? On your own, about (\d+) minutes: (\d+) reading, (\d+) "
        r"for the activities, (\d+) for the core tasks .*?, and about (\d+) more for the extension tasks\.",
        _flat(before),
    )
    assert found, f"Lesson {number}'s Time bullet does not follow the pattern of the other lessons"
    stated = [int(n) for n in found.groups()]
    expected = [*times["class"], times["self_study"], times["reading"], times["activities"], times["core"]]
    assert stated == [*expected, times["extension"]], f"Lesson {number}'s notebook says {stated}; plan.toml {times}"


@pytest.mark.parametrize("number", PLANNED)
def test_the_exercise_notebook_gives_the_plans_times(number):
    times = plans.times(number)
    first = _flat(_cells(lesson(number).exercise_notebook)[0].source)
    found = re.search(
        r"\*\*Time:\*\* about (\d+) minutes for the core tasks.*? about (\d+) more for the extension", first
    )
    assert found, f"{lesson(number).exercise_notebook} has no Time line for its core and extension tasks"
    assert [int(n) for n in found.groups()] == [times["core"], times["extension"]]


def task_headings(path: str) -> list[str]:
    return [
        c.source.splitlines()[0] for c in _cells(path) if c.cell_type == "markdown" and c.source.startswith("## Task")
    ]


@pytest.mark.parametrize("number", PLANNED)
def test_every_task_is_core_or_extension_alike_in_exercises_and_solutions(number):
    entry = lesson(number)
    tasks = task_headings(entry.exercise_notebook)
    unmarked = [t for t in tasks if not t.endswith(("(core)", "(extension)"))]
    assert not unmarked, f"{entry.exercise_notebook}: tasks not marked (core) or (extension): {unmarked}"
    assert task_headings(entry.solution_notebook) == tasks, "the solutions' task headings differ from the exercises'"
    assert any(t.endswith("(core)") for t in tasks) and any(t.endswith("(extension)") for t in tasks)
    [open_task] = [t for t in tasks if "(open question)" in t]
    assert open_task.endswith("(core)"), "the open question is the task an instructor marks: it is core"


@pytest.mark.parametrize("number", PLANNED)
def test_the_run_sheets_set_the_core_tasks_as_homework(number):
    tasks = task_headings(lesson(number).exercise_notebook)
    core = [int(re.match(r"## Task (\d+)", t)[1]) for t in tasks if t.endswith("(core)") and "(open" not in t]
    homework = [row["do"] for row in plans.plan(number)["run"] if "core exercise tasks" in row["do"]]
    assert homework, f"no run sheet of Lesson {number} sets the core exercise tasks"
    for text in homework:
        named = [int(n) for n in re.findall(r"\d+", text.split("core exercise tasks (")[1].split(")")[0])]
        assert named == core, f"Lesson {number}'s run sheet sets tasks {named}; the notebook marks {core} core"


@pytest.mark.parametrize("number", PLANNED)
def test_the_instructor_guide_block_is_current(number):
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    start, end = plans.guide_markers(number)
    assert start in guide and end in guide, f"the guide has no {start} ... {end} block"
    block = guide[guide.index(start) + len(start) : guide.index(end)]
    assert block == "\n" + plans.guide_markdown(number), (
        f"the guide's Lesson {number} block differs from plan.toml: run python -m netgov guide --write"
    )


def test_guide_write_leaves_a_current_guide_unchanged():
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    assert plans.guide_text(guide) == guide


def test_the_guide_states_no_time_of_its_own():
    """Times outside the generated blocks would be a second source that can go stale."""
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    for number in PLANNED:
        start, end = plans.guide_markers(number)
        guide = guide[: guide.index(start)] + guide[guide.index(end) :]
    stated = re.findall(r"\b\d+ minutes\b|\b\d+ min\b|\|\s*\d+-\d+\s*\|", guide)
    assert not stated, f"the instructor guide states times outside the blocks generated from plan.toml: {stated}"
