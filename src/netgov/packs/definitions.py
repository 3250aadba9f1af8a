"""Reading the class packs' definitions: each lesson's ``plan.toml``, Lesson 2's ``roleplay.toml`` and the shared
``participation.toml``, checked against the format (see :mod:`netgov.packs`).

Every problem in a file is reported at once, each naming the entry, what it holds and what is accepted, so that
an author fixes a file in one pass rather than one error per run.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .._validate import shown
from ..lessons import LESSONS, Lesson

__all__ = [
    "ANCHOR_LEVELS",
    "GROUPINGS",
    "ROLEPLAY_BLOCK",
    "ROLEPLAY_RULES",
    "PackError",
    "Plan",
    "Roleplay",
    "load_participation",
    "load_plan",
    "lessons_with_plans",
    "load_roleplay",
    "participation_file",
    "plan_file",
    "roleplay_file",
]

#: How students work in a run-sheet row.
GROUPINGS = ("whole class", "individually", "pairs", "groups")
#: The anchor answers of an open question, one per level, strongest first.
ANCHOR_LEVELS = ("strong", "adequate", "weak")
#: The keys of roleplay.toml's [rules]: what the rules card prints (lesson2.roleplay checks the same keys).
ROLEPLAY_RULES = (
    "speaking_order",
    "statement_minutes",
    "right_of_reply",
    "consensus",
    "non_speaking",
    "liberties",
    "smaller_class",
)
#: What a run-sheet row projects while the role-play runs: its own timing is in roleplay.toml.
ROLEPLAY_BLOCK = "Role-play (see the role-play cards)"
#: The levels of a rubric criterion: every criterion describes all three.
RUBRIC_LEVELS = 3
ANCHOR_WORDS = (60, 150)
EXIT_QUESTIONS = (2, 3)
ROLEPLAY_LENGTHS = (50, 90)
CHAIR = "Chair"

_PACKAGE = Path(__file__).resolve().parents[1]


class PackError(ValueError):
    """A class pack cannot be made: a definition file is missing or does not follow the format."""


@dataclass(frozen=True)
class Plan:
    """A lesson's ``plan.toml``, checked: ``runs`` maps each class length to its rows, in order."""

    lesson: Lesson
    path: Path
    times: dict
    runs: dict[int, list[dict]]
    worksheet: list[dict]
    exit_ticket: list[dict]
    open: list[dict] = field(default_factory=list)
    misconceptions: list[dict] = field(default_factory=list)
    objectives: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Roleplay:
    """Lesson 2's ``roleplay.toml``, checked: ``timing`` maps each class length to its steps; ``roles`` maps each
    role's name to its card (the chair's too), in the order of ``data/roleplay_roles.csv``, the chair first."""

    path: Path
    scene: str
    cutoff: datetime.date
    timing: dict[int, list[dict]]
    rules: dict
    roles: dict[str, dict]
    debrief: dict


def _kit_folder() -> Path:
    """The kit's folder (:func:`netgov.doctor.kit_root`: the current folder or one above it that holds the start
    notebook, where the package may be installed from a wheel, as CI does; else the checkout the package is
    imported from), or the folder above the package when there is neither."""
    from ..doctor import kit_root

    return kit_root() or _PACKAGE.parents[1]


def _shown_path(path: Path) -> str:
    """A definition file as an author finds it: relative to the kit's folder when it is inside it."""
    for folder in (_kit_folder(), _PACKAGE.parents[1]):
        try:
            return path.resolve().relative_to(folder).as_posix()
        except ValueError:
            continue
    return str(path)


def plan_file(lesson: Lesson) -> Path:
    """Where a lesson's ``plan.toml`` lives: beside its code."""
    if not isinstance(lesson, Lesson):
        raise TypeError(f"plan_file() needs a lesson from netgov.lessons.LESSONS, not {shown(lesson)}.")
    return _PACKAGE / lesson.name / "plan.toml"


def roleplay_file() -> Path:
    """Where Lesson 2's ``roleplay.toml`` lives."""
    return _PACKAGE / "lesson2" / "roleplay.toml"


def participation_file() -> Path:
    """Where the participation rubric shared by the lessons lives."""
    return _PACKAGE / "packs" / "participation.toml"


def _read(path: Path, what: str) -> dict:
    if not path.is_file():
        raise PackError(f"{_shown_path(path)} is missing: {what}")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{_shown_path(path)} is not valid TOML: {error}") from None


class _Problems:
    """The problems found in one file; :meth:`raise_any` raises them together."""

    def __init__(self, path: Path):
        self.path = path
        self.found: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.found.append(f"{where}: {problem}" if where else problem)

    def raise_any(self) -> None:
        if self.found:
            lines = "\n".join(f"  - {problem}" for problem in self.found)
            raise PackError(f"{_shown_path(self.path)} does not follow the class-pack format:\n{lines}")

    def keys(self, entry: object, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> bool:
        """Whether ``entry`` is a table with every required key; unknown keys are problems (a typo loses text)."""
        if not isinstance(entry, dict):
            self.add(where, f"must be a table with {', '.join(required)}, not {shown(entry)}")
            return False
        missing = [key for key in required if key not in entry]
        if missing:
            self.add(where, f"has no {', '.join(missing)} (it needs {', '.join(required)})")
        unknown = sorted(set(entry) - set(required) - set(optional))
        if unknown:
            self.add(where, f"has unknown keys {unknown}; the keys are {', '.join((*required, *optional))}")
        return not missing

    def text(self, entry: dict, key: str, where: str, *, empty: bool = False) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or (not empty and not value.strip()):
            kind = "text" if empty else "some text"
            self.add(where, f"{key} must be {kind}, not {shown(value)}")
            return ""
        return value.strip()

    def whole(self, entry: dict, key: str, where: str, minimum: int = 0) -> int | None:
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(where, f"{key} must be a whole number of minutes, {minimum} or more, not {shown(value)}")
            return None
        return value

    def texts(self, entry: dict, key: str, where: str, count: int | None = None) -> list[str]:
        value = entry.get(key)
        good = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value) and value
        if not good or (count is not None and len(value) != count):
            wanted = f"a list of {count} texts" if count else "a list of one or more texts"
            self.add(where, f"{key} must be {wanted}, not {shown(value)}")
            return []
        return [v.strip() for v in value]

    def tables(self, content: dict, key: str, where: str, *, least: int = 1, most: int | None = None) -> list:
        entries = content.get(key, [])
        if not isinstance(entries, list):
            self.add(where, f"[[{key}]] must be a list of tables, not {shown(entries)}")
            return []
        if len(entries) < least or (most is not None and len(entries) > most):
            bounds = f"{least} to {most}" if most is not None else f"at least {least}"
            self.add(where, f"there must be {bounds} [[{key}]] entries; there are {len(entries)}")
        return entries

    def schedule(
        self, rows: list[tuple[int, dict]], lengths: tuple[int, ...], what: str, *, whole: bool = True
    ) -> dict[int, list[dict]]:
        """Rows grouped by length, each length's rows contiguous, as the file orders them: from 0 to the length
        when ``whole`` (a run sheet fills the class), or one unbroken block inside the class otherwise (the
        role-play's own steps, which take part of a 90-minute class)."""
        by_length: dict[int, list[tuple[int, dict]]] = {length: [] for length in lengths}
        for number, row in rows:
            if row["length"] not in by_length:
                self.add(
                    f"[[{what}]] entry {number}",
                    f"length {row['length']} is not a class length; the lengths are {list(lengths)}",
                )
            else:
                by_length[row["length"]].append((number, row))
        for length, entries in by_length.items():
            if not entries:
                self.add(f"[[{what}]]", f"no rows for {length} minutes: rows must run from 0 to {length}")
                continue
            reached = 0 if whole else entries[0][1]["start"]
            for number, row in entries:
                if row["start"] != reached:
                    self.add(
                        f"[[{what}]] entry {number} ({length} minutes, {row['start']}-{row['end']})",
                        f"starts at minute {row['start']}, but the {length}-minute plan has reached minute {reached}: "
                        f"rows of one length follow each other, each starting where the one before ended",
                    )
                if row["end"] <= row["start"]:
                    self.add(
                        f"[[{what}]] entry {number} ({length} minutes, {row['start']}-{row['end']})",
                        "ends before it starts: end must be after start",
                    )
                reached = max(reached, row["end"])
            if whole and reached != length:
                self.add(
                    f"[[{what}]] ({length} minutes)",
                    f"the rows end at minute {reached}, not at {length}: the plan must fill the class",
                )
            elif not whole and reached > length:
                self.add(
                    f"[[{what}]] ({length} minutes)",
                    f"the rows end at minute {reached}, after the {length}-minute class ends",
                )
        return {length: [row for _, row in entries] for length, entries in by_length.items()}


def _timed_rows(problems: _Problems, entries: list, what: str, keys: tuple[str, ...], optional=()) -> list:
    rows = []
    for number, row in enumerate(entries, start=1):
        where = f"[[{what}]] entry {number}"
        if not problems.keys(row, where, keys, optional):
            continue
        if None in (problems.whole(row, "length", where, 1), problems.whole(row, "start", where)):
            continue
        if problems.whole(row, "end", where, 1) is None:
            continue
        rows.append((number, row))
    return rows


def _headings(lesson: Lesson) -> list[str] | None:
    """The section headings of a lesson notebook (the text after ``## ``); None outside a checkout of the kit,
    where the notebooks are not beside the package."""
    path = _kit_folder() / lesson.notebook
    if not path.is_file():
        return None
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return [line[3:].strip() for line in source.splitlines() if line.startswith("## ")]


def load_plan(lesson: int | str | Lesson, path: Path | str | None = None) -> Plan:
    """A lesson's ``plan.toml`` (by default beside its code), checked against the format; :class:`PackError`
    names the file and every problem in it, or says that the lesson has no plan yet."""
    from ..lessons import lesson as find

    entry = lesson if isinstance(lesson, Lesson) else find(lesson)
    path = plan_file(entry) if path is None else Path(path)
    content = _read(
        path,
        f"Lesson {entry.number} has no class plan yet. A plan.toml holds [times], the [[run]] rows of the 50- and "
        "90-minute run sheets, the [[worksheet]] and [[exit_ticket]] questions, the [[open]] questions with their "
        "rubrics and anchors, and the [[misconceptions]] (the format is in netgov.packs).",
    )
    problems = _Problems(path)
    problems.keys(content, "", ("times", "run", "worksheet", "exit_ticket"), ("open", "misconceptions", "objectives"))

    times = content.get("times", {})
    lengths: tuple[int, ...] = ()
    if problems.keys(times, "[times]", ("class", "reading", "activities", "core", "extension")):
        classes = times["class"]
        if not (isinstance(classes, list) and classes and all(isinstance(c, int) and c > 0 for c in classes)):
            problems.add(
                "[times]", f"class must be a list of class lengths in minutes, such as [50, 90], not {classes!r}"
            )
        else:
            lengths = tuple(sorted(set(classes)))
        for key in ("reading", "activities", "core", "extension"):
            problems.whole(times, key, "[times]")

    rows = _timed_rows(
        problems,
        problems.tables(content, "run", ""),
        "run",
        ("length", "start", "end", "project", "students", "do", "prompt", "cut"),
    )
    headings = _headings(entry)
    projectable = set(entry.activities) | {"-"} | set(headings or ())
    if entry.number == 2:
        projectable.add(ROLEPLAY_BLOCK)
    for number, row in rows:
        where = f"[[run]] entry {number} ({row['length']} minutes, {row['start']}-{row['end']})"
        project = problems.text(row, "project", where)
        if project and headings is not None and project not in projectable:
            problems.add(
                where,
                f"project {project!r} is neither a section of {entry.notebook} nor an activity of the lesson; "
                f"the sections are {headings}, the activities {list(entry.activities)}"
                + (f", and the role-play block is {ROLEPLAY_BLOCK!r}" if entry.number == 2 else "")
                + ', or "-" for nothing',
            )
        if row.get("students") not in GROUPINGS:
            problems.add(
                where, f"students must be one of {', '.join(map(repr, GROUPINGS))}, not {shown(row.get('students'))}"
            )
        problems.text(row, "do", where)
        problems.text(row, "prompt", where, empty=True)
        problems.text(row, "cut", where, empty=True)
    runs = problems.schedule(rows, lengths, "run") if lengths else {}

    worksheet = problems.tables(content, "worksheet", "")
    for number, item in enumerate(worksheet, start=1):
        where = f"[[worksheet]] entry {number}"
        if problems.keys(item, where, ("activity", "question")):
            if item["activity"] not in entry.activities:
                problems.add(
                    where,
                    f"activity {shown(item['activity'])} is not an activity of Lesson {entry.number}; "
                    f"the activities are {list(entry.activities)}",
                )
            problems.text(item, "question", where)

    exit_ticket = problems.tables(content, "exit_ticket", "", least=EXIT_QUESTIONS[0], most=EXIT_QUESTIONS[1])
    for number, item in enumerate(exit_ticket, start=1):
        if problems.keys(item, f"[[exit_ticket]] entry {number}", ("question",)):
            problems.text(item, "question", f"[[exit_ticket]] entry {number}")

    opens = problems.tables(content, "open", "", least=1 if entry.exercise else 0)
    seen: set[str] = set()
    for number, item in enumerate(opens, start=1):
        _check_open(problems, item, number, entry, seen)

    objectives = problems.tables(content, "objectives", "", least=0)
    for number, item in enumerate(objectives, start=1):
        where = f"[[objectives]] entry {number}"
        if problems.keys(item, where, ("id", "text", "items")):
            if item["id"] != f"L{entry.number}-obj-{number}":
                problems.add(
                    where,
                    f"id must be L{entry.number}-obj-{number} (objectives are numbered in order), "
                    f"not {shown(item['id'])}",
                )
            problems.text(item, "text", where)
            problems.texts(item, "items", where)

    misconceptions = problems.tables(content, "misconceptions", "", least=0)
    for number, item in enumerate(misconceptions, start=1):
        where = f"[[misconceptions]] entry {number}"
        if problems.keys(item, where, ("belief", "correction")):
            problems.text(item, "belief", where)
            problems.text(item, "correction", where)

    problems.raise_any()
    return Plan(entry, path, times, runs, worksheet, exit_ticket, opens, misconceptions, objectives)


def _check_open(problems: _Problems, item: object, number: int, entry: Lesson, seen: set[str]) -> None:
    where = f"[[open]] entry {number}"
    if not problems.keys(item, where, ("id", "question", "rubric", "anchors")):
        return
    pattern = rf"L{entry.number}-open-[1-9]\d*"
    if not isinstance(item["id"], str) or not re.fullmatch(pattern, item["id"]):
        problems.add(
            where, f"id must be L{entry.number}-open-<n> (such as L{entry.number}-open-1), not {shown(item['id'])}"
        )
    elif item["id"] in seen:
        problems.add(where, f"id {item['id']!r} is used twice; each open question has its own")
    else:
        seen.add(item["id"])
        where = f"[[open]] {item['id']}"
    problems.text(item, "question", where)
    rubric = item["rubric"] if isinstance(item["rubric"], list) else []
    if not rubric:
        problems.add(where, f"rubric must be one or more [[open.rubric]] criteria, not {shown(item['rubric'])}")
    for n, criterion in enumerate(rubric, start=1):
        place = f"{where}, rubric criterion {n}"
        if problems.keys(criterion, place, ("criterion", "levels")):
            problems.text(criterion, "criterion", place)
            problems.texts(criterion, "levels", place, count=RUBRIC_LEVELS)
    anchors = item["anchors"] if isinstance(item["anchors"], list) else []
    levels = [a.get("level") for a in anchors if isinstance(a, dict)]
    if sorted(map(str, levels)) != sorted(ANCHOR_LEVELS) or len(anchors) != len(ANCHOR_LEVELS):
        problems.add(
            where,
            f"anchors must be three [[open.anchors]], one per level {', '.join(ANCHOR_LEVELS)}; the levels given are "
            f"{levels}",
        )
    for anchor in anchors:
        place = f"{where}, {anchor.get('level', '?') if isinstance(anchor, dict) else '?'} anchor"
        if problems.keys(anchor, place, ("level", "answer", "why")):
            words = len(problems.text(anchor, "answer", place).split())
            low, high = ANCHOR_WORDS
            if not low <= words <= high:
                problems.add(place, f"the answer has {words} words; an anchor answer has {low} to {high}")
            problems.text(anchor, "why", place)


def load_participation(path: Path | str | None = None) -> list[dict]:
    """The participation rubric shared by every lesson (``src/netgov/packs/participation.toml``): its criteria,
    each with a name and three level descriptions."""
    path = participation_file() if path is None else Path(path)
    content = _read(
        path,
        "the participation rubric shared by the lessons: [[criterion]] tables with a name and three levels.",
    )
    problems = _Problems(path)
    problems.keys(content, "", ("criterion",))
    criteria = problems.tables(content, "criterion", "")
    for number, item in enumerate(criteria, start=1):
        where = f"[[criterion]] entry {number}"
        if problems.keys(item, where, ("name", "levels")):
            problems.text(item, "name", where)
            problems.texts(item, "levels", where, count=RUBRIC_LEVELS)
    problems.raise_any()
    return criteria


def load_roleplay(path: Path | str | None = None) -> Roleplay:
    """Lesson 2's ``roleplay.toml``, checked: a card for every role of ``data/roleplay_roles.csv`` and the
    chair, the rules, one timing per class length (50 and 90 minutes) and the debrief."""
    from ..lesson2 import ROLES

    path = roleplay_file() if path is None else Path(path)
    content = _read(
        path,
        "Lesson 2's role-play: the scene, its cutoff date, a [[timing]] plan for 50 and 90 minutes, the [rules], "
        "a [[role]] card for each role and the chair, and the [debrief] (the format is in netgov.packs).",
    )
    problems = _Problems(path)
    problems.keys(content, "", ("scene", "cutoff", "timing", "rules", "role", "debrief"))
    scene = problems.text(content, "scene", "")
    cutoff = content.get("cutoff")
    if not isinstance(cutoff, datetime.date) or isinstance(cutoff, datetime.datetime):
        problems.add("", f"cutoff must be a TOML date such as 2009-07-31 (no quotes), not {shown(cutoff)}")
        cutoff = None

    rows = _timed_rows(problems, problems.tables(content, "timing", ""), "timing", ("length", "start", "end", "step"))
    for number, row in rows:
        problems.text(row, "step", f"[[timing]] entry {number}")
    timing = problems.schedule(rows, ROLEPLAY_LENGTHS, "timing", whole=False)

    names = (CHAIR, *ROLES)
    rules = content.get("rules", {})
    if problems.keys(rules, "[rules]", ROLEPLAY_RULES):
        order = problems.texts(rules, "speaking_order", "[rules]")
        unknown = [name for name in order if name not in names]
        if unknown:
            problems.add("[rules]", f"speaking_order names {unknown}, which are not roles; the roles are {list(names)}")
        if len(set(order)) != len(order):
            problems.add("[rules]", "speaking_order names a role twice")
        problems.whole(rules, "statement_minutes", "[rules]", 1)
        for key in ROLEPLAY_RULES[2:]:
            problems.text(rules, key, "[rules]")

    roles: dict[str, dict] = {}
    for number, card in enumerate(problems.tables(content, "role", ""), start=1):
        where = f"[[role]] entry {number}"
        if not problems.keys(card, where, ("name", "goal", "may_concede", "will_not", "questions")):
            continue
        name = card["name"]
        if name not in names:
            problems.add(
                where,
                f"name {shown(name)} is neither a role of data/roleplay_roles.csv nor {CHAIR!r}; "
                f"the roles are {list(names)}",
            )
            continue
        if name in roles:
            problems.add(where, f"{name!r} has a second card; each role has one")
        where = f"[[role]] {name!r}"
        for key in ("goal", "may_concede", "will_not"):
            problems.text(card, key, where)
        problems.texts(card, "questions", where, count=2)
        roles[name] = card
    missing = [name for name in names if name not in roles]
    if missing:
        problems.add("[[role]]", f"no card for {missing}: every role of data/roleplay_roles.csv and the chair has one")

    debrief = content.get("debrief", {})
    if problems.keys(debrief, "[debrief]", ("questions", "exit_task")):
        problems.texts(debrief, "questions", "[debrief]")
        problems.text(debrief, "exit_task", "[debrief]")
    problems.raise_any()
    ordered = {name: roles[name] for name in names}
    return Roleplay(path, scene, cutoff, timing, rules, ordered, debrief)


def lessons_with_plans() -> list[Lesson]:
    """The registered lessons that have a ``plan.toml``, whose packs can be made."""
    return [entry for entry in LESSONS if plan_file(entry).is_file()]
