"""Write each lesson's exercise notebook, solutions notebook and autograder from its master notebook.

``python -m netgov assign [N ...]`` runs Otter Assign (otter-grader's ``otter assign``, from the ``instructor``
extra) on ``assignments/0N-slug.ipynb`` in a temporary folder and writes, for each lesson:

* ``exercises/0N-slug-exercises.ipynb``: Otter's student notebook (every solution replaced by ``...``, the
  hidden tests left out);
* ``exercises/solutions/0N-slug-solutions.ipynb``: Otter's autograder notebook, with the solution markers
  taken out of the code and the prompts of the open questions left out;
* ``assignments/autograders/0N-slug.zip``: Otter's autograder for Gradescope or ``otter run``.

A master keeps everything about a task in one place, in Otter's format: the prompt (markdown), the solution
(code with ``# SOLUTION`` and ``# BEGIN SOLUTION NO PROMPT`` lines, which Otter turns into the student's
``answer_qN = ...``), and a hidden test that calls the lesson's check. An open question is a manual question:
its prompt is the student's answer cell, its solution the points a strong answer makes.

Otter's notebooks are then brought to the kit's rules, so that running the command twice changes nothing:
no outputs; the master's notebook and cell metadata (Otter's own keys and tags go, but for the assignment's
name, by which Otter's autograder tells a submission is for this assignment, and so does ``language_info``, as
the kit's pre-commit hook strips it); the master's cell ids, with
``eN-`` turned into ``sN-`` in the solutions notebook; json with an indent of 1, not ASCII-escaped, and a
newline at the end. One thing Otter has no way to say: the two notebooks have different title cells. A
master cell tagged ``student-only`` goes to the exercise notebook only, one tagged ``solutions-only`` to the
solutions notebook only. The zip is rewritten with its files in order and a fixed date, so it too comes out
the same each time.

Grading a class does not use Otter: ``python -m netgov grade`` (:mod:`netgov.grading`) says why.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

from ._validate import need_items, need_whole_number, shown
from .lessons import LESSONS

__all__ = ["assign", "generate", "masters"]

#: The folder of the masters, relative to the kit's folder; the autograders go in its ``autograders/``.
ASSIGNMENTS = Path("assignments")
STUDENT_ONLY = "student-only"
SOLUTIONS_ONLY = "solutions-only"
#: The date every file in an autograder zip is given, so that the zip depends on its contents only.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_MARKER_LINE = re.compile(r"^\s*# (BEGIN|END) SOLUTION( NO PROMPT)?\s*$")
_MARKED = re.compile(r"\s*# SOLUTION( NO PROMPT)?\s*$")
_PROMPT_START = re.compile(r'^\s*("""|\'\'\')\s*# BEGIN PROMPT\s*$')
_PROMPT_END = re.compile(r'^\s*("""|\'\'\');?\s*# END PROMPT\s*$')
#: The tags Otter puts at the top of a manual question's cells, for its PDF export, which the kit does not use.
_QUESTION_TAG = re.compile(r"^(<!-- (BEGIN|END) QUESTION -->\s*)+")


def masters(root: Path | str = ".") -> dict[int, Path]:
    """{lesson number: master notebook} for every lesson with exercises that has a master."""
    if not isinstance(root, str | Path):
        raise TypeError(f"root must be the kit's folder, as a str or a Path, not {shown(root)}.")
    root = Path(root)
    found = {}
    for lesson in LESSONS:
        path = root / ASSIGNMENTS / f"{lesson.stem}.ipynb"
        if lesson.exercise and path.exists():
            found[lesson.number] = path
    return found


def _solution_source(code: str) -> str:
    """A solution cell as the solutions notebook shows it: the solution markers and the student's prompt gone."""
    lines, in_prompt = [], False
    for line in code.split("\n"):
        if in_prompt:
            in_prompt = not _PROMPT_END.match(line)
        elif _PROMPT_START.match(line):
            in_prompt = True
        elif not _MARKER_LINE.match(line):
            lines.append(_MARKED.sub("", line))
    return "\n".join(lines)


def _no_master(number: int, found: dict) -> ValueError:
    lessons = f"the lessons with one: {sorted(found)}"
    return ValueError(f"Lesson {number} has no master notebook in {ASSIGNMENTS}/ ({lessons})")


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _clean(cell: dict, master: dict, solutions: bool, number: int) -> dict:
    """One cell of Otter's output in the kit's form, with the metadata and id of the master cell it came from."""
    metadata = {k: v for k, v in master.get("metadata", {}).items() if k != "tags"}
    tags = [t for t in _tags(master) if t not in (STUDENT_ONLY, SOLUTIONS_ONLY)]
    if tags:
        metadata["tags"] = tags
    text = _text(cell)
    if cell["cell_type"] == "markdown":
        text = _QUESTION_TAG.sub("", text)
    elif solutions:
        text = _solution_source(text)
    cell_id = master["id"]
    if solutions and cell_id.startswith(f"e{number}-"):
        cell_id = f"s{number}-" + cell_id[len(f"e{number}-") :]
    out = {"cell_type": cell["cell_type"], "id": cell_id, "metadata": metadata, "source": text.rstrip("\n")}
    if cell["cell_type"] == "code":
        out["execution_count"] = None
        out["outputs"] = []
    return out


def _render(otter_notebook: dict, master: dict, number: int, solutions: bool) -> dict:
    """Otter's student (``solutions=False``) or autograder notebook, brought to the kit's rules."""
    by_id = {cell["id"]: cell for cell in master["cells"]}
    cells = []
    for cell in otter_notebook["cells"]:
        if cell["cell_type"] == "markdown" and not _QUESTION_TAG.sub("", _text(cell)).strip():
            continue  # a cell Otter added to close a manual question
        if cell.get("id") not in by_id:
            raise ValueError(f"Otter wrote a cell the master does not have: {_text(cell)[:80]!r}")
        source = by_id[cell["id"]]
        if (STUDENT_ONLY if solutions else SOLUTIONS_ONLY) in _tags(source):
            continue
        if solutions and "otter_answer_cell" in _tags(cell) and cell["cell_type"] == "markdown":
            continue  # the student's prompt of an open question: the solution follows it
        cells.append(_clean(cell, source, solutions, number))
    # language_info goes, as the kit's pre-commit hook (nbstripout) takes it out of every notebook.
    metadata = {key: value for key, value in master["metadata"].items() if key != "language_info"}
    name = otter_notebook["metadata"].get("otter", {}).get("assignment_name")
    if name:
        # Otter's autograder refuses a submission whose notebook does not carry the assignment's name.
        metadata["otter"] = {"assignment_name": name}
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def _dumps(notebook: dict) -> str:
    """A notebook as the kit (and JupyterLab) stores it: each source as a list of lines, keys in order."""
    cells = [{**cell, "source": _text(cell).splitlines(keepends=True)} for cell in notebook["cells"]]
    return json.dumps({**notebook, "cells": cells}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _stable_zip(source: Path) -> bytes:
    """The autograder zip with its files in order, each dated :data:`ZIP_DATE`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for name in sorted(old.namelist()):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = (0o755 if name == "run_autograder" else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(info, old.read(name))
    return buffer.getvalue()


def generate(number: int, root: Path | str = ".") -> dict[str, bytes]:
    """{path relative to the kit's folder: contents} of what lesson ``number``'s master generates."""
    need_whole_number(number, "The lesson", 5)
    found = masters(root)
    if number not in found:
        raise _no_master(number, found)
    try:
        from otter.assign import main as otter_assign
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise SystemExit('Otter Assign is not installed: pip install -c constraints.txt -e ".[instructor]"') from error
    path = found[number]
    lesson = next(lesson for lesson in LESSONS if lesson.number == number)
    master = json.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="netgov-assign-") as scratch:
        out = Path(scratch) / "dist"
        with contextlib.redirect_stdout(io.StringIO()):
            otter_assign(str(path.resolve()), str(out), no_pdfs=True)
        name = f"{lesson.stem}.ipynb"
        student = json.loads((out / "student" / name).read_text(encoding="utf-8"))
        autograder = json.loads((out / "autograder" / name).read_text(encoding="utf-8"))
        [zip_path] = (out / "autograder").glob("*.zip")
        return {
            lesson.exercise_notebook: _dumps(_render(student, master, number, solutions=False)).encode(),
            lesson.solution_notebook: _dumps(_render(autograder, master, number, solutions=True)).encode(),
            f"{ASSIGNMENTS}/autograders/{lesson.stem}.zip": _stable_zip(zip_path),
        }


def assign(numbers: list[int] | None = None, root: Path | str = ".") -> list[Path]:
    """Regenerate the given lessons (every lesson with a master when none is given); the files written."""
    found = masters(root)
    if numbers is None:
        numbers = sorted(found)
    numbers = need_items(numbers, "numbers", "a list of lesson numbers, such as [4, 5]", item=int)
    for number in numbers:
        if number not in found:
            raise _no_master(number, found)
    root = Path(root)
    written = []
    for number in numbers:
        for relative, content in generate(number, root).items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(target)
    return written
