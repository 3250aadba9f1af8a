"""Each lesson's class plan, read from its ``plan.toml``, and the instructor guide's part of it.

A lesson's ``plan.toml`` (beside its code: ``netgov/lesson1/plan.toml``) is the single source of every time the
kit states for it, of its run sheets for a 50- and a 90-minute class, its worksheet, exit ticket, rubrics with
anchor answers and misconceptions. The class packs print it; the instructor guide shows the run sheets, the
misconceptions and the rubrics in one generated block per lesson, between ``<!-- plan:lessonN:start -->`` and
``<!-- plan:lessonN:end -->``, which ``python -m netgov guide --write`` rewrites and a test keeps current.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .lessons import lesson

GUIDE = Path("docs") / "instructor-guide.md"


def _entry(number: object):
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(
            f"A lesson is given by its number, a whole number such as 1, not {type(number).__name__} {number!r}."
        )
    return lesson(number)


def plan_path(number: int) -> Path:
    """Where a lesson's ``plan.toml`` is (it may not exist: the start notebook has none)."""
    from .packs.definitions import plan_file

    return plan_file(_entry(number))


def planned_lessons() -> list[int]:
    """The numbers of the registered lessons that have a ``plan.toml``."""
    from .packs.definitions import lessons_with_plans

    return [entry.number for entry in lessons_with_plans()]


@functools.cache
def _read(path: Path) -> dict:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"Cannot read the class plan in {path}: {error}") from error


def plan(number: int) -> dict:
    """A lesson's ``plan.toml``, as the dictionary ``tomllib`` reads (``plan(1)["times"]["reading"]``)."""
    path = plan_path(number)
    if not path.exists():
        raise ValueError(
            f"Lesson {number} has no class plan ({path} is missing); the lessons with one are {planned_lessons()}."
        )
    return _read(path)


def times(number: int) -> dict:
    """A lesson's times in minutes: ``class`` (the class lengths a run sheet exists for), ``reading``,
    ``activities``, ``core`` and ``extension`` (self-study), and ``self_study``, the first three added up (the
    extension tasks are optional, so they are not in it)."""
    given = dict(plan(number)["times"])
    given["self_study"] = given["reading"] + given["activities"] + given["core"]
    return given


def _cell(text: object) -> str:
    """Table-safe Markdown: a pipe would end the cell, a line break the row."""
    return " ".join(str(text).split()).replace("|", "\\|") or "-"


def _project(project: str, activities: tuple[str, ...]) -> str:
    if project == "-":
        return "-"
    return f"`{project}`" if project in activities else project


def _run_sheet_markdown(number: int, length: int) -> str:
    """One run sheet of a lesson as a Markdown table: minutes, what is on the projector, how students work,
    what they do, what to ask and what to cut when running late."""
    content = plan(number)
    rows = [row for row in content.get("run", []) if row["length"] == length]
    if not rows:
        raise ValueError(
            f"Lesson {number} has no {length}-minute run sheet; it has {sorted(content['times']['class'])} minutes."
        )
    activities = _entry(number).activities
    lines = [
        "| Min | On the projector | Students | What they do | Ask | If running late |",
        "|---|---|---|---|---|---|",
    ]
    for row in sorted(rows, key=lambda r: r["start"]):
        cells = [
            f"{row['start']}-{row['end']}",
            _project(row["project"], activities),
            row["students"],
            row["do"],
            row["prompt"],
            row["cut"],
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _times_sentence(number: int) -> str:
    """The guide's sentence on a lesson's times."""
    t = times(number)
    lengths = " and a ".join(f"{length}-minute" for length in t["class"])
    return (
        f"**Times.** In class: a {lengths} run sheet (below). On your own: about {t['self_study']} minutes "
        f"({t['reading']} reading, {t['activities']} for the activities, {t['core']} for the core exercise tasks), "
        f"and about {t['extension']} more for the extension tasks."
    )


def _rubric_markdown(question: dict) -> str:
    """An open question's rubric as a Markdown table, with its points."""
    rubric = question["rubric"]
    lines = [
        f"**Rubric for {question['id']}, {2 * len(rubric)} points.** *{_cell(question['question'])}*",
        "",
        "| Criterion | 0 | 1 | 2 |",
        "|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in [r["criterion"], *r["levels"]]) + " |" for r in rubric]
    return "\n".join(lines) + "\n"


#: The role-play's output, an assessment item of Lesson 2 besides its quiz, exercises and open questions.
ROLEPLAY_ITEM = "L2-roleplay"


def assessment_items(number: int) -> dict[str, str]:
    """Every assessment item of a lesson, by id, with what it is: the quiz's questions in order (``L1-quiz-1``),
    the exercise checks (``L1-q1``), the open questions (``L1-open-1``) and, in Lesson 2, the role-play."""
    entry = _entry(number)
    items = {f"L{number}-quiz-{n}": f"quiz question {n}" for n in range(1, len(entry.quiz_questions()) + 1)}
    items |= {f"L{number}-{name}": f"exercise task {name[1:]} (`check.{name}`)" for name in entry.checks()}
    items |= {q["id"]: "open question" for q in plan(number).get("open", [])}
    if number == 2:
        items[ROLEPLAY_ITEM] = (
            "the role-play (statements and the chair's consensus text, marked with the participation rubric)"
        )
    return items


def objective_map(number: int) -> list[dict]:
    """The lesson's objectives (``[[objectives]]`` in its ``plan.toml``), each with the items that assess it."""
    return list(plan(number).get("objectives", []))


def _objectives_markdown(number: int) -> str:
    items = assessment_items(number)
    rows = "".join(
        f"| {o['id'].rpartition('-')[2]}. {o['text']} | "
        + "; ".join(f"{item} ({items.get(item, 'unknown item')})" for item in o["items"])
        + " |\n"
        for o in objective_map(number)
    )
    return "**Objectives and how each is assessed.**\n\n| Objective | Items |\n|---|---|\n" + rows


def guide_markdown(number: int) -> str:
    """A lesson's generated block of the instructor guide: times, objectives and their items, run sheets,
    misconceptions, rubrics."""
    content = plan(number)
    parts = [_times_sentence(number)]
    if content.get("objectives"):
        parts.append(_objectives_markdown(number).rstrip("\n"))
    for length in content["times"]["class"]:
        parts.append(f"**{length} minutes**\n\n" + _run_sheet_markdown(number, length).rstrip("\n"))
    misconceptions = [f'- "{m["belief"]}" {m["correction"]}' for m in content.get("misconceptions", [])]
    if misconceptions:
        parts.append("**Misconceptions.**\n\n" + "\n".join(misconceptions))
    parts += [_rubric_markdown(question).rstrip("\n") for question in content.get("open", [])]
    parts.append(
        f"**The class pack** (run sheets, worksheet, exit ticket, glossary sheet, answer keys, rubrics with anchor "
        f"answers at three levels): `python -m netgov pack {number} --audience instructors`."
    )
    return "\n\n".join(parts) + "\n"


def guide_markers(number: int) -> tuple[str, str]:
    """The markers around a lesson's generated block in the instructor guide."""
    _entry(number)
    return f"<!-- plan:lesson{number}:start -->", f"<!-- plan:lesson{number}:end -->"


def guide_text(current: str) -> str:
    """The instructor guide's text with every lesson's block regenerated from its ``plan.toml``."""
    if not isinstance(current, str):
        raise TypeError(f"The guide's text is a string (the file's content), not {type(current).__name__}.")
    for number in planned_lessons():
        start_marker, end_marker = guide_markers(number)
        start, end = current.find(start_marker), current.find(end_marker)
        if start < 0 or end < start:
            raise ValueError(
                f"The instructor guide has no {start_marker} ... {end_marker} block for Lesson {number}'s plan."
            )
        current = current[: start + len(start_marker)] + "\n" + guide_markdown(number) + current[end:]
    return current
