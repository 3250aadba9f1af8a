"""What every lesson's ``plan.toml`` must hold, so that a new instructor can run the class from its pack.

- Run sheets for each class length, contiguous from minute 0 to the end, each row naming what is on the
  projector (a section heading of the lesson notebook, one of the lesson's activities, or "-"), how students
  work, what they do, what to ask and what to cut.
- A worksheet of 3 to 6 questions on the lesson's activities, an exit ticket of 2 or 3 questions.
- Open questions whose rubric has a description for every level of every criterion, and three anchor answers
  (strong, adequate, weak) of 60 to 150 words whose row ids exist in the data; the first is the exercise
  notebook's open question, with the criteria that notebook lists and no anchor in it.
- Misconceptions, and the participation rubric shared by all lessons.
"""

from __future__ import annotations

import re
import tomllib

import nbformat
import pytest
from helpers import ROOT

import netgov
from netgov import plans
from netgov.lessons import lesson
from netgov.packs.definitions import ANCHOR_LEVELS

PLANNED = plans.planned_lessons()
STUDENTS = {"whole class", "individually", "pairs", "groups"}
ROLE_PLAY = "Role-play (see the role-play cards)"


def _cells(path: str) -> list:
    return nbformat.read(ROOT / path, as_version=4).cells


def headings(number: int) -> set[str]:
    return {
        line[3:].strip()
        for cell in _cells(lesson(number).notebook)
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("## ")
    }


@pytest.mark.parametrize("number", PLANNED)
def test_run_sheets_cover_each_class_length_minute_by_minute(number):
    content = plans.plan(number)
    lengths = content["times"]["class"]
    assert lengths == [50, 90], f"Lesson {number}: run sheets for {lengths}, the kit promises 50 and 90 minutes"
    rows = content["run"]
    assert {row["length"] for row in rows} == set(lengths), "a run row for a class length the plan does not list"
    for length in lengths:
        mine = sorted((row for row in rows if row["length"] == length), key=lambda row: row["start"])
        minutes = [(row["start"], row["end"]) for row in mine]
        assert minutes[0][0] == 0 and minutes[-1][1] == length, f"{length} minutes: {minutes}"
        gaps = [(a, b) for a, b in zip(minutes, minutes[1:], strict=False) if a[1] != b[0]]
        assert not gaps, f"Lesson {number}, {length} minutes: rows that do not follow each other {gaps}"
        assert all(start < end for start, end in minutes), f"a row with no minutes: {minutes}"


@pytest.mark.parametrize("number", PLANNED)
def test_each_run_row_says_what_to_project_and_what_students_do(number):
    allowed = headings(number) | set(lesson(number).activities) | {"-"}
    for row in plans.plan(number)["run"]:
        where = f"Lesson {number}, {row['length']} minutes, {row['start']}-{row['end']}"
        assert row["project"] in allowed, f"{where}: {row['project']!r} is no heading or activity of the lesson"
        assert row["students"] in STUDENTS, f"{where}: students {row['students']!r}, not one of {sorted(STUDENTS)}"
        assert row["do"].strip(), f"{where}: says nothing about what students do"
        assert isinstance(row["prompt"], str) and isinstance(row["cut"], str)


@pytest.mark.parametrize("number", PLANNED)
def test_every_activity_is_used_in_the_90_minute_class(number):
    used = {row["project"] for row in plans.plan(number)["run"] if row["length"] == 90}
    missing = set(lesson(number).activities) - used
    assert not missing, f"Lesson {number}'s 90-minute class never projects {sorted(missing)}"


def test_lesson_2_runs_the_role_play_as_one_block_in_each_length():
    for length in (50, 90):
        blocks = [r for r in plans.plan(2)["run"] if r["length"] == length and r["do"].startswith(ROLE_PLAY)]
        assert len(blocks) == 1, f"{length} minutes: {len(blocks)} role-play blocks"


@pytest.mark.parametrize("number", PLANNED)
def test_worksheet_and_exit_ticket(number):
    content = plans.plan(number)
    worksheet = content["worksheet"]
    assert 3 <= len(worksheet) <= 6, f"Lesson {number}: {len(worksheet)} worksheet questions, 3 to 6 expected"
    unknown = {q["activity"] for q in worksheet} - set(lesson(number).activities)
    assert not unknown, f"worksheet questions on activities the lesson does not have: {unknown}"
    assert all(q["question"].strip() for q in worksheet)
    tickets = content["exit_ticket"]
    assert 2 <= len(tickets) <= 3, f"Lesson {number}: {len(tickets)} exit-ticket questions, 2 or 3 expected"
    assert all(q["question"].strip() for q in tickets)


def _ids_in_data() -> set[str]:
    found = set()
    for name in netgov.data.resource_names():
        table = netgov.load(name)
        if "id" in table.columns:
            found |= set(table["id"].astype(str))
    return found


ROW_ID = re.compile(r"\b(?:ev|bc|pos|prov|cm|cmp|jdg|claim|l09|liab|asmt)-[a-z0-9-]*[a-z0-9]\b")


def test_open_question_ids_are_unique_across_the_kit():
    ids = [q["id"] for number in PLANNED for q in plans.plan(number)["open"]]
    assert len(ids) == len(set(ids)), f"repeated open-question ids: {ids}"
    for number in PLANNED:
        for question in plans.plan(number)["open"]:
            assert re.fullmatch(rf"L{number}-open-\d+", question["id"]), question["id"]


@pytest.mark.parametrize("number", PLANNED)
def test_rubrics_have_every_level_and_three_anchors_from_the_data(number):
    known = _ids_in_data()
    for question in plans.plan(number)["open"]:
        where = question["id"]
        assert question["question"].strip() and question["rubric"], f"{where}: no question or no rubric"
        for criterion in question["rubric"]:
            levels = criterion["levels"]
            assert len(levels) == 3 and all(level.strip() for level in levels), (
                f"{where}, {criterion['criterion']!r}: a description for each of the levels 0, 1 and 2"
            )
            assert len(set(levels)) == 3, f"{where}, {criterion['criterion']!r}: two levels say the same"
        anchors = question["anchors"]
        assert [a["level"] for a in anchors] == list(ANCHOR_LEVELS), f"{where}: anchors {[a['level'] for a in anchors]}"
        for anchor in anchors:
            words = len(anchor["answer"].split())
            assert 60 <= words <= 150, f"{where}, {anchor['level']}: {words} words, 60 to 150 expected"
            assert anchor["why"].strip(), f"{where}, {anchor['level']}: no reason for its level"
            unknown = set(ROW_ID.findall(anchor["answer"])) - known
            assert not unknown, f"{where}, {anchor['level']}: row ids not in the data {unknown}"


@pytest.mark.parametrize("number", PLANNED)
def test_the_first_open_question_is_the_exercises(number):
    """Its criteria are the ones the exercise notebook lists, and the notebook gives away no anchor."""
    [question] = [q for q in plans.plan(number)["open"] if q["id"] == f"L{number}-open-1"]
    cells = _cells(lesson(number).exercise_notebook)
    [task] = [c.source for c in cells if c.cell_type == "markdown" and "(open question)" in c.source]
    opening = " ".join(question["question"].split()[:10])
    assert opening in " ".join(task.replace("*", "").split()), f"{question['id']} is not the exercise's open task"
    listed = re.findall(r"^- (.+)$", task.split("**Criteria.**")[1], flags=re.M)
    assert [c["criterion"] for c in question["rubric"]] == listed
    text = " ".join(" ".join(c.source for c in cells).split())
    shown = [a["level"] for a in question["anchors"] if " ".join(a["answer"].split()[:12]) in text]
    assert not shown, f"the exercise notebook shows the {shown} anchor answer"


@pytest.mark.parametrize("number", PLANNED)
def test_misconceptions(number):
    misconceptions = plans.plan(number)["misconceptions"]
    assert len(misconceptions) >= 2
    assert all(m["belief"].strip() and m["correction"].strip() for m in misconceptions)


def test_the_participation_rubric_has_every_level():
    path = ROOT / "src" / "netgov" / "packs" / "participation.toml"
    criteria = tomllib.loads(path.read_text(encoding="utf-8"))["criterion"]
    assert len(criteria) >= 3
    for criterion in criteria:
        assert criterion["name"].strip()
        assert len(criterion["levels"]) == 3 and len(set(criterion["levels"])) == 3, criterion["name"]
        assert all(level.strip() for level in criterion["levels"])
