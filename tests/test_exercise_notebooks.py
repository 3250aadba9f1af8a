"""Every exercise notebook, run as a learner first opens it, answers each check with 'No answer yet';
its solutions notebook answers every check with 'Correct'."""

from __future__ import annotations

import re

import nbformat
import pytest
from helpers import ROOT
from nbclient import NotebookClient

EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
CHECK_CALL = re.compile(r"^check\.q\d+\(", re.M)


def check_outputs(path):
    """Run the notebook in a fresh kernel; return {cell source: text of its result} for cells that call a check."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    results = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK_CALL.search(cell.source):
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.outputs if o.output_type == "execute_result"]
            results[cell.source] = "".join(texts)
    return results


def test_every_exercise_has_a_solution():
    assert EXERCISES, "no exercise notebooks"
    for path in EXERCISES:
        assert (ROOT / "exercises" / "solutions" / path.name).is_file(), f"{path.name} has no solutions notebook"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_blank_exercise_answers_get_guidance(path):
    results = check_outputs(path)
    assert 4 <= len(results) <= 8, "a lesson has 4 to 8 auto-checked tasks"
    for source, text in results.items():
        assert text.startswith("No answer yet"), f"{source!r} gave {text!r}"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_solutions_pass_every_check(path):
    solution = ROOT / "exercises" / "solutions" / path.name
    results = check_outputs(solution)
    cells = nbformat.read(path, as_version=4).cells
    exercise_calls = sum(bool(CHECK_CALL.search(c.source)) for c in cells if c.cell_type == "code")
    assert len(results) == exercise_calls, "the solutions call every check the exercise calls"
    for source, text in results.items():
        assert text.startswith("Correct"), f"{source!r} gave {text!r}"
