"""Variants of the exercises (netgov.variants): for every lesson, the tasks a variant changes ask about other
values chosen from the data, its answers are worked out by the same checks, no published answer passes a
changed task, and ``python -m netgov assign N --variant SEED`` writes notebooks whose solutions pass.

The tests without a kernel try many seeds; the ``notebooks`` tier runs one variant's solutions per lesson.
"""

from __future__ import annotations

import importlib
import json
import re

import nbformat
import pytest
from helpers import ROOT

from netgov import assign
from netgov.lessons import LESSONS
from netgov.variants import Variants

WITH_EXERCISES = [lesson for lesson in LESSONS if lesson.exercise]
SEEDS = range(1, 16)
SEED = 7


def checks_of(lesson):
    return importlib.import_module(f"{lesson.module}.checks")


def comparable(answer: object) -> object:
    """An answer in a form that two answers can be compared in: a figure by the data it plots."""
    if hasattr(answer, "to_json") and type(answer).__module__.startswith("plotly."):
        return json.loads(answer.to_json())["data"]
    return answer


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_every_lesson_with_exercises_has_variants(lesson):
    variants = getattr(checks_of(lesson), "VARIANTS", None)
    assert isinstance(variants, Variants), f"{lesson.name}'s checks define no VARIANTS"
    checked = set(lesson.checks())
    assert set(variants.tasks) <= checked, "VARIANTS names a task the lesson does not check"
    assert len(variants.tasks) * 2 >= len(checked), "a variant changes at least half of the checked tasks"
    assert checks_of(lesson).use_variant == variants.use


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_a_variants_answers_pass_its_checks_and_differ_from_the_published(lesson):
    module = checks_of(lesson)
    raw = module.answers()
    published = {task: comparable(answer) for task, answer in raw.items()}
    for seed in SEEDS:
        with module.VARIANTS.using(seed):
            answers = module.answers()
            assert module.VARIANTS.changed_tasks(seed) == list(module.VARIANTS.tasks), (
                f"variant {seed} leaves a task's parameters as published"
            )
            for task, check in lesson.checks().items():
                feedback = check(answers[task])
                assert feedback, f"variant {seed}, {task}: its own answer gets {feedback}"
                if task in module.VARIANTS.tasks:
                    assert comparable(answers[task]) != published[task], (
                        f"variant {seed}, {task}: the published answer is also this variant's"
                    )
                    assert not check(raw[task]), f"variant {seed}, {task}: the published answer passes"
    assert module.VARIANTS.seed is None, "using() puts back the published values"


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_a_seed_chooses_the_same_values_every_time(lesson):
    variants = checks_of(lesson).VARIANTS
    first = variants.parameters(SEED)
    variants._cache.clear()
    assert variants.parameters(SEED) == first
    assert any(variants.parameters(seed) != first for seed in SEEDS if seed != SEED), "every seed chose alike"


def test_use_variant_switches_and_switches_back():
    from netgov.lesson5 import checks

    published = checks.answers()["q1"]
    checks.use_variant(SEED)
    try:
        assert checks.VARIANTS.seed == SEED and checks.q1(checks.answers()["q1"])
        assert not checks.q1(published)
    finally:
        checks.use_variant(None)
    assert checks.q1(published)


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_a_variants_notebooks_say_what_they_are(lesson):
    files = assign.generate(lesson.number, ROOT, SEED)
    folder = assign.variant_folder(lesson.number, SEED)
    assert set(files) == {
        f"{folder}/{lesson.stem}-exercises.ipynb",
        f"{folder}/solutions/{lesson.stem}-solutions.ipynb",
        f"{folder}/{lesson.stem}.zip",
        f"{folder}/README.md",
    }
    readme = files[f"{folder}/README.md"].decode()
    for task in checks_of(lesson).VARIANTS.tasks:
        assert f"| {task} |" in readme
    key = readme.split("## Answer key", 1)[1]
    with checks_of(lesson).VARIANTS.using(SEED):
        answers = lesson.answers()
        for task, check in lesson.checks().items():
            said = check(answers[task])
            assert said and f"| {task} | " in key and said.message.split(":")[0] in key, f"{task} is not in the key"
    for path, content in files.items():
        if path.endswith(".ipynb"):
            notebook = json.loads(content)
            text = "".join("".join(cell["source"]) for cell in notebook["cells"])
            assert "{{" not in text and "}}" not in text, f"{path}: a name is left unfilled"
            assert notebook["metadata"]["netgov"] == {"lesson": lesson.number, "variant": SEED}
            assert f"check.use_variant({SEED})" in text and f"*Variant {SEED} of these exercises" in text
    published = (ROOT / lesson.exercise_notebook).read_text(encoding="utf-8")
    assert "use_variant" not in published and "Variant" not in published and '"netgov"' not in published


def test_a_name_the_lesson_does_not_have_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\{\{yaer\}\}.*the names are: .*by_year"):
        assign._fill("By {{yaer}}", assign._words(5, None), "a cell")


# With a kernel -----------------------------------------------------------------------------------------------


@pytest.mark.notebooks
@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_a_variants_solutions_pass_every_check(lesson, tmp_path):
    from nbclient import NotebookClient

    files = assign.generate(lesson.number, ROOT, SEED)
    [content] = [c for path, c in files.items() if "/solutions/" in path]
    notebook = nbformat.reads(content.decode(), as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    calls = re.compile(r"^check\.q\d+\(", re.M)
    results = [
        "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs if o.output_type == "execute_result")
        for cell in notebook.cells
        if cell.cell_type == "code" and calls.search(cell.source)
    ]
    assert results and all(text.startswith("Correct") for text in results), results
