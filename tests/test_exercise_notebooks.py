"""Every exercise notebook, run as a learner first opens it, answers each check with 'No answer yet';
its solutions notebook answers every check with 'Correct'.

The notebooks are read from the session's shared runs (the ``executed_notebook`` fixture), which the static
export reads too, so each runs once for both.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from helpers import ROOT

from netgov._notebooks import notebooks

EXERCISES = notebooks(ROOT, ["exercises"])
CHECK_CALL = re.compile(r"^check\.q\d+\(", re.M)


def check_outputs(nb):
    """{cell source: text of its result} for the cells of an executed notebook that call a check."""
    results = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK_CALL.search(cell.source):
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.outputs if o.output_type == "execute_result"]
            results[cell.source] = "".join(texts)
    return results


def solution_of(exercise: Path) -> Path:
    """``exercises/01-x-exercises.ipynb`` is solved in ``exercises/solutions/01-x-solutions.ipynb``."""
    return ROOT / "exercises" / "solutions" / exercise.name.replace("-exercises.ipynb", "-solutions.ipynb")


def test_every_exercise_has_a_solution():
    assert EXERCISES, "no exercise notebooks"
    for path in EXERCISES:
        assert path.name.endswith("-exercises.ipynb"), f"{path.name}: its tab must not read like the lesson's"
        assert solution_of(path).is_file(), f"{path.name} has no solutions notebook"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_blank_exercise_answers_get_guidance(executed_notebook, path):
    results = check_outputs(executed_notebook(path))
    assert 4 <= len(results) <= 8, "a lesson has 4 to 8 auto-checked tasks"
    for source, text in results.items():
        assert text.startswith("No answer yet"), f"{source!r} gave {text!r}"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_solutions_pass_every_check(executed_notebook, path):
    solution = solution_of(path)
    results = check_outputs(executed_notebook(solution))
    cells = nbformat.read(path, as_version=4).cells
    exercise_calls = sum(bool(CHECK_CALL.search(c.source)) for c in cells if c.cell_type == "code")
    assert len(results) == exercise_calls, "the solutions call every check the exercise calls"
    for source, text in results.items():
        assert text.startswith("Correct"), f"{source!r} gave {text!r}"
