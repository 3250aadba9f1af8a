"""Every learning objective is assessed, and every assessment item assesses an objective.

Each lesson's ``plan.toml`` lists its objectives (``[[objectives]]``) in the notebook's words and order, each
with the ids of the items that assess it: quiz questions by position (``L1-quiz-2``), exercise checks
(``L1-q3``), open questions (``L1-open-1``) and, in Lesson 2, the role-play (``L2-roleplay``). The instructor
guide shows the map (``python -m netgov guide --write``).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from helpers import ROOT

from netgov import plans
from netgov.lessons import lesson

PLANNED = plans.planned_lessons()


def notebook_objectives(number: int) -> list[str]:
    """The numbered objectives under the notebook's "Learning objectives" heading, without the bold and the
    closing punctuation."""
    cells = nbformat.read(ROOT / lesson(number).notebook, as_version=4).cells
    [source] = [c.source for c in cells if c.cell_type == "markdown" and "## Learning objectives" in c.source]
    section = source.split("## Learning objectives", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"^\d+\. (.+?)(?=^\d+\. |\Z)", section, flags=re.M | re.S)
    return [" ".join(text.replace("**", "").split()).rstrip(";.") for text in found]


MAPPED = PLANNED


def test_every_lesson_maps_its_objectives():
    assert [n for n in PLANNED if not plans.objective_map(n)] == []


@pytest.mark.parametrize("number", MAPPED)
def test_the_objectives_are_the_notebooks(number):
    assert [o["text"] for o in plans.objective_map(number)] == notebook_objectives(number)


@pytest.mark.parametrize("number", MAPPED)
def test_every_objective_has_an_item_and_every_item_an_objective(number):
    items = plans.assessment_items(number)
    mapped = [item for objective in plans.objective_map(number) for item in objective["items"]]
    for objective in plans.objective_map(number):
        assert objective["items"], f"{objective['id']} is assessed by no item"
    unknown = sorted(set(mapped) - set(items))
    assert not unknown, f"Lesson {number}: the map names items the lesson does not have: {unknown}"
    orphans = sorted(set(items) - set(mapped))
    assert not orphans, f"Lesson {number}: items that assess no objective: {orphans}"


def test_the_check_catches_an_orphan_and_an_unassessed_objective(monkeypatch):
    number = MAPPED[0]
    real = plans.objective_map(number)
    broken = [dict(o, items=[]) if n == 0 else o for n, o in enumerate(real)]
    monkeypatch.setattr(plans, "objective_map", lambda n: broken)
    with pytest.raises(AssertionError, match="is assessed by no item"):
        test_every_objective_has_an_item_and_every_item_an_objective(number)
    fewer = [dict(o, items=[i for i in o["items"] if i != real[-1]["items"][-1]]) for o in real]
    monkeypatch.setattr(plans, "objective_map", lambda n: fewer)
    with pytest.raises(AssertionError, match="assess no objective|assessed by no item"):
        test_every_objective_has_an_item_and_every_item_an_objective(number)


@pytest.mark.parametrize("number", MAPPED)
def test_the_guide_shows_the_map(number):
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    block = guide.split(plans.guide_markers(number)[0], 1)[1].split(plans.guide_markers(number)[1], 1)[0]
    assert "**Objectives and how each is assessed.**" in block
    for objective in plans.objective_map(number):
        assert all(item in block for item in objective["items"])
