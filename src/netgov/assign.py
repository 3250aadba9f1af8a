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

A master's prompts and solutions name a task's parameters (a year, a country, a network) as ``{{name}}``: the
names of the lesson's :data:`VARIANTS` (:mod:`netgov.variants`). The published notebooks fill them with the
published values; ``python -m netgov assign N --variant SEED`` fills them with variant SEED's and writes its
notebooks and autograder to ``variants/0N-slug-variant-SEED/``, with a README that lists what the variant
changed. Two more names are filled in by the command: ``{{variant_setup}}`` (in the setup cell: the call that
makes the checks expect the variant's answers) and ``{{variant_note}}`` (in the title: which variant this is).
A line holding only a name that fills in as nothing is left out, so the published notebooks have neither.

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
from .variants import need_seed

__all__ = ["assign", "generate", "masters", "variant_folder", "variants_of"]

#: The folder of the masters, relative to the kit's folder; the autograders go in its ``autograders/``.
ASSIGNMENTS = Path("assignments")
STUDENT_ONLY = "student-only"
SOLUTIONS_ONLY = "solutions-only"
#: Where the variants are written, relative to the kit's folder (the grader keeps submissions out of it).
VARIANTS_FOLDER = Path("variants")
#: The date every file in an autograder zip is given, so that the zip depends on its contents only.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_MARKER_LINE = re.compile(r"^\s*# (BEGIN|END) SOLUTION( NO PROMPT)?\s*$")
_MARKED = re.compile(r"\s*# SOLUTION( NO PROMPT)?\s*$")
_PROMPT_START = re.compile(r'^\s*("""|\'\'\')\s*# BEGIN PROMPT\s*$')
_PROMPT_END = re.compile(r'^\s*("""|\'\'\');?\s*# END PROMPT\s*$')
#: The tags Otter puts at the top of a manual question's cells, for its PDF export, which the kit does not use.
_QUESTION_TAG = re.compile(r"^(<!-- (BEGIN|END) QUESTION -->\s*)+")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


def _root(root: Path | str | None) -> Path:
    """The kit's folder: ``root``, or (None) the one :func:`netgov.doctor.kit_root` finds, else the current folder."""
    if root is None:
        from .doctor import kit_root

        return kit_root() or Path(".")
    if not isinstance(root, str | Path):
        raise TypeError(f"root must be the kit's folder, as a str or a Path, not {shown(root)}.")
    return Path(root)


def masters(root: Path | str | None = None) -> dict[int, Path]:
    """{lesson number: master notebook} for every lesson with exercises that has a master, in the kit's folder
    ``root`` (by default the one the current folder is in)."""
    root = _root(root)
    found = {}
    for lesson in LESSONS:
        path = root / ASSIGNMENTS / f"{lesson.stem}.ipynb"
        if lesson.exercise and path.exists():
            found[lesson.number] = path
    return found


def variants_of(number: int):
    """Lesson ``number``'s :class:`~netgov.variants.Variants`, or a clear error when its tasks have none."""
    import importlib

    lesson = next((lesson for lesson in LESSONS if lesson.number == number and lesson.exercise), None)
    if lesson is None:
        raise ValueError(f"Lesson {number!r} has no exercises, so no variants.")
    variants = getattr(importlib.import_module(f"{lesson.module}.checks"), "VARIANTS", None)
    if variants is None:
        raise ValueError(f"Lesson {number}'s exercises have no variants: its checks define no VARIANTS.")
    return variants


def variant_folder(number: int, seed: int) -> Path:
    """Where variant ``seed`` of lesson ``number`` is written, relative to the kit's folder."""
    lesson = next((lesson for lesson in LESSONS if lesson.number == number and lesson.exercise), None)
    if lesson is None:
        raise ValueError(f"Lesson {number!r} has no exercises, so no variants.")
    if need_seed(seed) is None:
        raise ValueError("A variant's folder needs its seed, a whole number from 1 (such as 7), not None.")
    return VARIANTS_FOLDER / f"{lesson.stem}-variant-{seed}"


def _words(number: int, seed: int | None) -> dict[str, str]:
    """What each ``{{name}}`` of lesson ``number``'s master becomes in variant ``seed`` (None: published)."""
    if seed is None:
        try:
            words = variants_of(number).texts(None)
        except ValueError:  # a lesson whose tasks have no parameters
            words = {}
        return words | {"variant_setup": "", "variant_note": ""}
    variants = variants_of(number)
    words = variants.texts(seed)
    changed = variants.changed_tasks(seed)
    numbers = [task[1:] for task in changed]
    if len(numbers) > 1:
        tasks = f"tasks {', '.join(numbers[:-1])} and {numbers[-1]} ask"
    else:
        tasks = f"task {numbers[0]} asks" if numbers else "no task asks"
    return words | {
        "variant_setup": f"check.use_variant({seed})  # variant {seed}: the checks expect this variant's answers",
        "variant_note": f"*Variant {seed} of these exercises: {tasks} about another year, case, country, method "
        "or network than the published exercises do; the checks expect this variant's answers.*",
    }


def _fill(text: str, words: dict[str, str], where: str) -> str:
    """A master cell's text with every ``{{name}}`` filled in; a line holding only a name filled in as nothing goes."""
    unknown = sorted({m[1] for m in _PLACEHOLDER.finditer(text)} - set(words))
    if unknown:
        raise ValueError(
            f"{where} names {', '.join('{{' + u + '}}' for u in unknown)}, which the lesson's variants do not "
            f"have; the names are: {', '.join(sorted(words))}."
        )
    lines, dropped = [], False
    for line in text.split("\n"):
        filled = _PLACEHOLDER.sub(lambda m: words[m[1]], line)
        if _PLACEHOLDER.search(line) and not filled.strip():
            dropped = True  # and the blank line after it, when one came before it
        elif not (dropped and not filled.strip() and lines and not lines[-1].strip()):
            lines.append(filled)
            dropped = False
    return "\n".join(lines)


def _filled_master(master: dict, words: dict[str, str], path: Path) -> dict:
    cells = [
        {**cell, "source": _fill(_text(cell), words, f"{path.name}, cell {cell.get('id', '?')},")}
        for cell in master["cells"]
    ]
    return {**master, "cells": cells}


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
    if not found:
        return ValueError(
            f"There are no master notebooks in {ASSIGNMENTS}/ here: run the command in the kit's folder (the one "
            "holding assignments/ and exercises/)."
        )
    return ValueError(
        f"Lesson {number} has no master notebook in {ASSIGNMENTS}/ (the lessons with one: {sorted(found)})"
    )


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


def generate(number: int, root: Path | str | None = None, variant: object = None) -> dict[str, bytes]:
    """{path relative to the kit's folder: contents} of what lesson ``number``'s master generates: the published
    notebooks and autograder, or with ``variant`` (a seed) that variant's, in its own folder with a README."""
    need_whole_number(number, "The lesson", 5)
    seed = need_seed(variant)
    found = masters(root)
    if number not in found:
        raise _no_master(number, found)
    try:
        from otter.assign import main as otter_assign
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise SystemExit('Otter Assign is not installed: pip install -c constraints.txt -e ".[instructor]"') from error
    path = found[number]
    lesson = next(lesson for lesson in LESSONS if lesson.number == number)
    master = _filled_master(json.loads(path.read_text(encoding="utf-8")), _words(number, seed), path)
    with tempfile.TemporaryDirectory(prefix="netgov-assign-") as scratch:
        filled = Path(scratch) / path.name
        filled.write_text(json.dumps(master, indent=1, ensure_ascii=False), encoding="utf-8")
        out = Path(scratch) / "dist"
        with contextlib.redirect_stdout(io.StringIO()):
            otter_assign(str(filled), str(out), no_pdfs=True)
        name = f"{lesson.stem}.ipynb"
        student = json.loads((out / "student" / name).read_text(encoding="utf-8"))
        autograder = json.loads((out / "autograder" / name).read_text(encoding="utf-8"))
        [zip_path] = (out / "autograder").glob("*.zip")
        rendered = [
            _render(notebook, master, number, solutions=s) for notebook, s in ((student, False), (autograder, True))
        ]
        if seed is not None:
            for notebook in rendered:  # what the grader compares with the variant it grades against
                notebook["metadata"]["netgov"] = {"lesson": number, "variant": seed}
        exercise, solutions = (_dumps(notebook).encode() for notebook in rendered)
        if seed is None:
            return {
                lesson.exercise_notebook: exercise,
                lesson.solution_notebook: solutions,
                f"{ASSIGNMENTS}/autograders/{lesson.stem}.zip": _stable_zip(zip_path),
            }
        folder = variant_folder(number, seed)
        return {
            f"{folder}/{Path(lesson.exercise_notebook).name}": exercise,
            f"{folder}/solutions/{Path(lesson.solution_notebook).name}": solutions,
            f"{folder}/{lesson.stem}.zip": _stable_zip(zip_path),
            f"{folder}/README.md": _variant_readme(number, seed).encode(),
        }


def _variant_readme(number: int, seed: int) -> str:
    """What an instructor needs to know of a variant: what it changed, and how to hand it out and grade it."""
    variants = variants_of(number)
    published, values = variants.parameters(None), variants.parameters(seed)
    lesson = next(lesson for lesson in LESSONS if lesson.number == number)
    rows = "\n".join(
        f"| {task} | {', '.join(names)} | {'; '.join(_shown(published[n]) for n in names)} | "
        f"{'; '.join(_shown(values[n]) for n in names)} |"
        for task, names in variants.tasks.items()
    )
    same = [task for task in variants.tasks if task not in variants.changed_tasks(seed)]
    unchanged = f"Tasks as published: {', '.join(same)}.\n\n" if same else ""
    key = _variant_key(lesson, variants, seed)
    exercise, solutions = Path(lesson.exercise_notebook).name, Path(lesson.solution_notebook).name
    return (
        f"# Lesson {number}, variant {seed}\n\n"
        f"Written by `python -m netgov assign {number} --variant {seed}` from `{ASSIGNMENTS}/{lesson.stem}.ipynb`; "
        "running it again writes the same files. The answers are worked out from the data by the lesson's checks.\n\n"
        "| Task | Parameters | Published | This variant |\n|---|---|---|---|\n"
        f"{rows}\n\n{unchanged}"
        f"- `{exercise}`: hand this out. Its first code cell calls `check.use_variant({seed})`, so each check "
        "gives feedback on this variant's answers.\n"
        f"- `solutions/{solutions}`: the answer key; keep it from students.\n"
        f"- `{lesson.stem}.zip`: Otter's autograder for this variant (Gradescope or `otter run`).\n\n"
        f"Grade the collected notebooks with `python -m netgov grade SUBMISSIONS --lesson {number} --variant {seed} "
        "--out grades.csv`; the gradebook's variant column says what each row was graded against.\n\n"
        "## Answer key\n\nEach answer is worked out from the data by the checks of this variant, which also accept "
        "its other forms (a percentage for a share, a list in any order). Keep this file from students.\n\n"
        f"| Task | Answer | What the check says to it |\n|---|---|---|\n{key}\n"
    )


def _variant_key(lesson, variants, seed: int) -> str:
    """The rows of a variant's answer key: each checked task, its answer, and what its check says to it."""
    from .packs._pages import shown_answer

    rows = []
    with variants.using(seed):
        answers = lesson.answers()
        for name, check in lesson.checks().items():
            said = check(answers[name])
            cells = (name, shown_answer(answers[name]), said.message)
            rows.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows)


def _shown(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, tuple | list) else str(value)


def assign(numbers: list[int] | None = None, root: Path | str | None = None, variant: object = None) -> list[Path]:
    """Regenerate the given lessons (every lesson with a master when none is given), or write their variant
    ``variant``; the files written."""
    seed = need_seed(variant)
    root = _root(root)
    found = masters(root)
    if numbers is None:
        numbers = sorted(found)
    numbers = need_items(numbers, "numbers", "a list of lesson numbers, such as [4, 5]", item=int)
    for number in numbers:
        if number not in found:
            raise _no_master(number, found)
    written = []
    if seed is not None:
        for number in numbers:
            variants_of(number)  # every lesson asked for has variants, before anything is written
    for number in numbers:
        for relative, content in generate(number, root, seed).items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(target)
    return written
