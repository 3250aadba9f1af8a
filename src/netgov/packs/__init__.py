"""Class packs: printable pages for one lesson, made from the kit's own definitions and data.

``python -m netgov pack LESSON [--audience students|instructors] [--out DIR]`` calls :func:`build`. A pack is a
folder of HTML pages designed for print (A4 and US Letter, black on white) and an ``index.html`` that lists
them:

* students: the activity worksheet, the lesson's glossary sheet, the exit ticket, and for Lesson 2 one card per
  role and the rules card;
* instructors: the same, and the run sheets (one per class length), the answer keys (the quiz's right choices
  and why; each exercise check's answer, computed from the data by the lesson's ``checks.answers()``), the
  rubrics with their anchor answers, the participation rubric, the misconceptions, and for Lesson 2 the chair's
  card with the role-play's timing and the debrief.

The definitions are TOML files beside the code, read and checked by :mod:`netgov.packs.definitions`:

* ``src/netgov/lessonN/plan.toml``: ``[times]`` (``class`` = the class lengths, and the self-study minutes
  ``reading``, ``activities``, ``core``, ``extension``); ``[[run]]`` rows (``length``, ``start``, ``end``,
  ``project``: a section heading of the lesson notebook, an activity class name or ``"-"``; ``students``: one of
  :data:`GROUPINGS`; ``do``, ``prompt``, ``cut``), contiguous from minute 0 to each length;
  ``[[worksheet]]`` (``activity``, ``question``); two or three ``[[exit_ticket]]`` (``question``); ``[[open]]``
  (``id`` = ``L<lesson>-open-<n>``, ``question``, ``[[open.rubric]]`` with ``criterion`` and three ``levels``,
  three ``[[open.anchors]]`` with ``level`` = strong, adequate, weak, a 60-150-word ``answer`` and ``why``);
  ``[[misconceptions]]`` (``belief``, ``correction``).
* ``src/netgov/lesson2/roleplay.toml``: ``scene``, ``cutoff`` (a date: no fact after it reaches a card),
  ``[[timing]]`` rows for 50 and 90 minutes (``length``, ``start``, ``end``, ``step``), ``[rules]``
  (``speaking_order``, ``statement_minutes``, ``right_of_reply``, ``consensus``, ``non_speaking``,
  ``liberties``, ``smaller_class``), one ``[[role]]`` per role of ``data/roleplay_roles.csv`` and the
  ``"Chair"`` (``name``, ``goal``, ``may_concede``, ``will_not``, two ``questions``), and ``[debrief]``
  (``questions``, ``exit_task``).
  A card's facts come from the data (the role's actors' positions and events dated no later than the cutoff).
* ``src/netgov/packs/participation.toml``: ``[[criterion]]`` with ``name`` and three ``levels``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .._validate import shown
from ..lessons import LESSONS, Lesson
from ..lessons import lesson as find_lesson
from . import _pages as pages
from .definitions import (
    ANCHOR_LEVELS,
    GROUPINGS,
    ROLEPLAY_BLOCK,
    PackError,
    Plan,
    Roleplay,
    lessons_with_plans,
    load_participation,
    load_plan,
    load_roleplay,
    participation_file,
    plan_file,
    roleplay_file,
)

__all__ = [
    "ANCHOR_LEVELS",
    "AUDIENCES",
    "GROUPINGS",
    "MANIFEST",
    "ROLEPLAY_BLOCK",
    "PackError",
    "Plan",
    "Roleplay",
    "build",
    "default_out",
    "lessons_with_plans",
    "load_participation",
    "load_plan",
    "load_roleplay",
    "participation_file",
    "plan_file",
    "roleplay_file",
]

AUDIENCES = ("students", "instructors")
#: The file in a pack's folder that lists its pages; a folder holding it may be written over by a new pack.
MANIFEST = "pack.json"


def _lesson(key: object) -> Lesson:
    if isinstance(key, Lesson):
        return key
    if isinstance(key, str) and key.isdigit():
        key = int(key)
    if isinstance(key, bool) or not isinstance(key, int | str):
        known = ", ".join(str(entry.number) for entry in LESSONS)
        raise TypeError(f"A pack is made for a lesson given by its number ({known}) or name, not {shown(key)}.")
    return find_lesson(key)


def default_out(lesson: object, audience: str = "students") -> Path:
    """Where ``python -m netgov pack`` writes a pack unless told: ``packs/lessonN-<audience>``."""
    entry = _lesson(lesson)
    _check_audience(audience)
    return Path("packs") / f"lesson{entry.number}-{audience}"


def _check_audience(audience: object) -> None:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(map(repr, AUDIENCES))}, not {shown(audience)}.")


def _prepare(out: Path) -> None:
    """An empty folder to write into: a new one, an empty one, or a previous pack's, whose pages are removed so
    that none is left over (an instructors' page in a students' pack)."""
    if not out.exists():
        out.mkdir(parents=True)
        return
    if not out.is_dir():
        raise PackError(f"{out} is a file; a pack is written to a folder.")
    manifest = out / MANIFEST
    if manifest.is_file():
        for name in json.loads(manifest.read_text(encoding="utf-8")).get("pages", []):
            (out / Path(name).name).unlink(missing_ok=True)
        manifest.unlink()
    if any(out.iterdir()):
        raise PackError(
            f"{out} already holds files that are not a class pack; write the pack to a new or empty folder (--out)."
        )


def build(
    lesson: object,
    audience: str = "students",
    out: Path | str | None = None,
    *,
    plan: Path | str | None = None,
    roleplay: Path | str | None = None,
    participation: Path | str | None = None,
) -> list[Path]:
    """Write a lesson's class pack for an audience to ``out`` (default :func:`default_out`); the pages written,
    the index first.

    ``plan``, ``roleplay`` and ``participation`` are definition files to use instead of the kit's own (for a
    draft, or a test). Every definition is read and checked before anything is written: a missing or invalid
    file raises :class:`PackError` naming it and each problem.
    """
    entry = _lesson(lesson)
    _check_audience(audience)
    instructors = audience == "instructors"
    the_plan = load_plan(entry, plan)
    the_roleplay = load_roleplay(roleplay) if entry.number == 2 else None
    criteria = load_participation(participation) if instructors else []

    # (file, title, what it is for, body), in the order the index lists them
    written: list[tuple[str, str, str, str]] = [
        ("worksheet.html", "Worksheet", "questions to answer while using the activities", pages.worksheet(the_plan)),
    ]
    glossary = _glossary(entry)
    if glossary:
        written.append(("glossary.html", "Glossary sheet", "the lesson's terms in English, Russian and Kazakh", ""))
    written.append(
        ("exit-ticket.html", "Exit ticket", "two or three questions to answer at the end", pages.exit_ticket(the_plan))
    )
    if the_roleplay is not None:
        written.append(
            (
                "rules.html",
                "Role-play: rules card",
                "speaking order, statements, reply, consensus",
                pages.rules_card(the_roleplay),
            )
        )
        for n, role in enumerate((r for r in the_roleplay.roles if r != "Chair"), start=1):
            written.append(
                (
                    f"role-{n}.html",
                    f"Role card: {role}",
                    "goal, concessions, questions, sourced facts",
                    pages.role_card(the_roleplay, role),
                )
            )
    # A page students also get keeps the students' header in an instructors' pack: it is printed to hand out.
    handouts = {name for name, *_ in written}
    if instructors:
        written.insert(
            0, ("run-sheet.html", "Run sheets", "minute by minute, for each class length", pages.run_sheet(the_plan))
        )
        written += [
            (
                "answer-key.html",
                "Answer keys",
                "the quiz and the exercise tasks, computed from the data",
                pages.answer_key(entry),
            ),
            *(
                (
                    f"rubric-{item['id']}.html",
                    f"Rubric and anchor answers: {item['id']}",
                    "the rubric and three anchor answers of one open question",
                    pages.rubric(item),
                )
                for item in the_plan.open
            ),
            (
                "participation.html",
                "Participation rubric",
                "for discussions and the role-play",
                pages.participation(criteria),
            ),
            (
                "misconceptions.html",
                "Misconceptions",
                "what students often believe, and the correction",
                pages.misconceptions(the_plan),
            ),
        ]
        if the_roleplay is not None:
            written += [
                (
                    "chair.html",
                    "Role card: Chair",
                    "the chair's card and the role-play's timing",
                    pages.chair_notes(the_roleplay),
                ),
                (
                    "debrief.html",
                    "Role-play: debrief",
                    "out-of-role questions and a written exit task",
                    pages.debrief(the_roleplay),
                ),
            ]

    out = Path(out) if out is not None else default_out(entry, audience)
    _prepare(out)
    title = f"Class pack, {audience}"
    files = [out / "index.html"]
    files[0].write_text(
        pages.page(entry, audience, title, pages.index(entry, audience, [(f, t, w) for f, t, w, _ in written])),
        encoding="utf-8",
    )
    for name, page_title, _, body in written:
        shown_for = "students" if name in handouts else audience
        text = glossary if name == "glossary.html" else pages.page(entry, shown_for, page_title, body)
        (out / name).write_text(text, encoding="utf-8")
        files.append(out / name)
    manifest = {
        "lesson": entry.number,
        "audience": audience,
        "pages": [p.name for p in files],
        "titles": {name: page_title for name, page_title, _, _ in written},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return files


def _glossary(entry: Lesson) -> str:
    """The lesson's glossary sheet; empty when the glossary has no terms for it."""
    from ..glossary import handout, terms

    try:
        if terms(entry.number).empty:
            return ""
    except ValueError:
        return ""
    return handout(entry.number)
